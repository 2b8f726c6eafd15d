"""Booking a hearing: its time window, its room and the people it needs (used by `hearings.hearing_schedule`).

A hearing occupies its judge, the team's assistant and clerk who sit with the judge (CPL 140: the clerk records
the hearing), its courtroom, and the lawyers of its parties from `starts_at` to `ends_at`; no two hearings that
start in the future may share any of them at the same time. A hearing lies within the case's term (CPL 152,
164; TL2019 Art. 1: extended only by approval) and at most a year ahead. An online hearing (OLR 21) is booked in
an online room and gets a link of its own: a random, unguessable token. Asynchronous hearings (OLR 20) occupy no
room and no time slot: the parties act within the windows the judge sets (`async_hearings`).

A hearing entered after its time is a record of what happened, not a booking: the conflict checks apply to
hearings that start after the moment they are entered.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from court.org.models import Courtroom, User

from ..models import Case, Hearing
from .base import CaseRuleError, local_day

#: The bounds of a hearing's length (minutes) and the default length.
DURATION_MIN, DURATION_MAX, DURATION_DEFAULT = 15, 8 * 60, 120

HEARING_DURATION = gettext_noop("A hearing lasts between %(min)s minutes and %(max)s hours.")
HEARING_JUDGE_BUSY = gettext_noop(
    "The judge %(name)s sits in another hearing then (%(case)s, %(start)s–%(end)s): a judge hears one case at a "
    "time."
)
HEARING_TEAM_BUSY = gettext_noop(
    "%(name)s, who sits with the judge (CPL 140, 147), is in another hearing then (%(case)s, %(start)s–%(end)s)."
)
HEARING_ROOM_BUSY = gettext_noop("%(room)s is booked then (%(case)s, %(start)s–%(end)s): choose another room or time.")
HEARING_LAWYER_BUSY = gettext_noop(
    "%(name)s, who represents a party of this case, appears in another hearing then (%(start)s–%(end)s)."
)
HEARING_AFTER_TERM = gettext_noop(
    "CPL 152, 164: a hearing lies within the case's term, which ends on %(date)s; extend the term first."
)
HEARING_ROOM_UNKNOWN = gettext_noop("Choose one of this court's rooms in use.")
HEARING_ROOM_KIND = gettext_noop(
    "OLR 21: an online hearing is booked in an online room, a hearing in person in a courtroom."
)
HEARING_ASYNC_NO_ROOM = gettext_noop("OLR 20: an asynchronous hearing takes place on the platform, in no room.")
HEARING_PRIVATE_NEEDS_REASON = gettext_noop(
    "CPL 137: a hearing is public unless the law says otherwise; say why this one is not."
)


@dataclass(frozen=True)
class Booking:
    """What `check_booking` settled: the end of the hearing and, for an online hearing, its link token."""

    ends_at: datetime
    online_token: str


def _window(hearing: Hearing) -> dict[str, str]:
    fmt = "%Y-%m-%d %H:%M"
    return {"case": str(hearing.case),
            "start": timezone.localtime(hearing.starts_at).strftime(fmt),
            "end": timezone.localtime(hearing.ends_at).strftime("%H:%M")}


def overlapping(starts_at: datetime, ends_at: datetime) -> QuerySet[Hearing]:
    """Hearings that take time and overlap [starts_at, ends_at): scheduled or held, not asynchronous."""
    return (Hearing.objects.filter(status__in=[Hearing.Status.SCHEDULED, Hearing.Status.HELD],
                                   starts_at__lt=ends_at, ends_at__gt=starts_at)
            .exclude(mode=Hearing.Mode.ASYNC).select_related("case").order_by("starts_at", "pk"))


def check_term(case: Case, hearing_day: date) -> None:
    """CPL 152 (ordinary: six months), CPL 164 (simple: three months), as extended: a hearing after the term's
    end would fall outside it. The deadline is the stored term ledger's (excluded periods counted)."""
    deadline = case.extended_deadline or case.normal_deadline
    if deadline is not None and hearing_day > deadline:
        raise CaseRuleError(HEARING_AFTER_TERM, code="after_term", article="CPL 152; CPL 164",
                            params={"date": deadline})


def _check_room(case: Case, mode: str, courtroom: Courtroom | None) -> None:
    if courtroom is None:
        return
    if mode == Hearing.Mode.ASYNC:
        raise CaseRuleError(HEARING_ASYNC_NO_ROOM, code="async_room", article="OLR 20")
    if courtroom.court_id != case.court_id or not courtroom.active:
        raise CaseRuleError(HEARING_ROOM_UNKNOWN, code="room_unknown")
    wanted = Courtroom.Kind.ONLINE if mode == Hearing.Mode.ONLINE else Courtroom.Kind.PHYSICAL
    if courtroom.kind != wanted:
        raise CaseRuleError(HEARING_ROOM_KIND, code="room_kind", article="OLR 21")


def _check_conflicts(case: Case, starts_at: datetime, ends_at: datetime, courtroom: Courtroom | None,
                     sitting: list[User]) -> None:
    """The judge, the team members who sit, the room and the parties' lawyers are free (one query each)."""
    others = overlapping(starts_at, ends_at).exclude(case=case)
    if case.judge_id is not None and (clash := others.filter(judge_id=case.judge_id).first()):
        raise CaseRuleError(HEARING_JUDGE_BUSY, code="judge_busy", params={"name": str(case.judge), **_window(clash)})
    ids = [u.pk for u in sitting]
    if ids and (clash := others.filter(Q(assistant_id__in=ids) | Q(clerk_id__in=ids) | Q(judge_id__in=ids))
                .select_related("assistant", "clerk", "judge").first()):
        busy = next(u for u in (clash.assistant, clash.clerk, clash.judge) if u is not None and u.pk in ids)
        raise CaseRuleError(HEARING_TEAM_BUSY, code="team_busy", params={"name": str(busy), **_window(clash)})
    if courtroom is not None and (clash := others.filter(courtroom=courtroom).first()):
        raise CaseRuleError(HEARING_ROOM_BUSY, code="room_busy", params={"room": courtroom.name, **_window(clash)})
    lawyers = User.objects.filter(representations__party__case=case).distinct()
    clash = others.filter(case__parties__representatives__user__in=lawyers).first()
    if clash is not None:
        name = lawyers.filter(representations__party__case=clash.case).first()
        raise CaseRuleError(HEARING_LAWYER_BUSY, code="lawyer_busy", params={"name": str(name), **_window(clash)})


def check_booking(*, case: Case, mode: str, starts_at: datetime, duration_minutes: int,
                  courtroom: Courtroom | None, sitting: list[User], public: bool, private_reason: str) -> Booking:
    """Every booking rule for a new hearing; returns its end and its online link token."""
    if not DURATION_MIN <= duration_minutes <= DURATION_MAX:
        raise CaseRuleError(HEARING_DURATION, code="duration",
                            params={"min": DURATION_MIN, "max": DURATION_MAX // 60})
    if not public and not private_reason.strip():
        raise CaseRuleError(HEARING_PRIVATE_NEEDS_REASON, code="private_reason", article="CPL 137")
    ends_at = starts_at + timedelta(minutes=duration_minutes)
    check_term(case, local_day(starts_at))
    _check_room(case, mode, courtroom)
    if mode != Hearing.Mode.ASYNC and starts_at > timezone.now():
        _check_conflicts(case, starts_at, ends_at, courtroom, sitting)
    token = secrets.token_urlsafe(32) if mode == Hearing.Mode.ONLINE else ""
    return Booking(ends_at=ends_at, online_token=token)
