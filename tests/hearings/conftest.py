"""Cases whose term runs today, courtrooms, and a booking helper for the hearing tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from court.cases import services
from court.cases.models import Party
from court.cases.term import today
from court.org.models import Court, Courtroom

TZ = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), TZ)


def ahead(days: int) -> date:
    return today() + timedelta(days=days)


@pytest.fixture
def recent(make_case):
    """A case filed 30 days ago: its answer period is over and its term (simple: three months) runs."""

    def make(**kwargs):
        kwargs.setdefault("filed_on", today() - timedelta(days=30))
        kwargs.setdefault("state", "service")
        return make_case(**kwargs)

    return make


@pytest.fixture
def rooms(court) -> dict[str, Courtroom]:
    return {
        "one": Courtroom.objects.create(court=court, name="第一法庭", capacity=40),
        "two": Courtroom.objects.create(court=court, name="第二法庭", capacity=20),
        "online": Courtroom.objects.create(court=court, name="在线庭审室一", kind=Courtroom.Kind.ONLINE),
        "closed": Courtroom.objects.create(court=court, name="旧法庭", active=False),
        "elsewhere": Courtroom.objects.create(
            court=Court.objects.create(code="陕0101", name="别的法院", province="陕"), name="第一法庭"),
    }


def book(case, actor, day: date, hour: int = 9, minute: int = 0, **kwargs):
    kwargs.setdefault("notified_on", today())
    return services.hearing_schedule(case=case, actor=actor, starts_at=at(day, hour, minute), **kwargs)


def consent_online(case) -> None:
    Party.objects.filter(case=case).update(online_hearing_consent=True)
