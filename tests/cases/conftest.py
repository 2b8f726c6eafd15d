"""Helpers for the case workflow tests; the personas and `make_case` come from tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from court.cases.models import Case, CaseEvent, Party

TZ = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 9) -> datetime:
    """A hearing time on `day` in the court's time zone."""
    return datetime.combine(day, time(hour), TZ)


def defendant(case: Case) -> Party:
    return case.parties.filter(side=Party.Side.DEFENDANT).first()


def last_event(case: Case) -> CaseEvent:
    return CaseEvent.objects.filter(case=case).order_by("-id").first()


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def one_event() -> Callable:
    """`with one_event(case): service(...)` asserts that exactly one CaseEvent was written."""
    from contextlib import contextmanager

    @contextmanager
    def check(case: Case):
        before = CaseEvent.objects.filter(case=case).count()
        yield
        assert CaseEvent.objects.filter(case=case).count() == before + 1

    return check


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """The personas are created with passwords; PBKDF2 would make each of them cost half a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
