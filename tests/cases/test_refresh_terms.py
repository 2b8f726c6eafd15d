"""The nightly `refresh_terms` command brings the term ledger of pending cases up to date."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from court.cases import services
from court.cases.models import Case
from court.cases.term import refresh_pending_terms, term_for

from .conftest import fresh

SUSPENDED_ON = date(2024, 3, 25)
AS_OF = date(2024, 5, 1)


def _run(*args: str) -> str:
    out = StringIO()
    call_command("refresh_terms", *args, stdout=out)
    return out.getvalue()


def test_it_counts_running_periods_to_the_night_it_runs(make_case, judge):
    pending = make_case(state="heard")
    services.case_suspend(case=pending, actor=judge, ground="等待另案", on=SUSPENDED_ON)
    closed = make_case(state="closed")
    closed_ledger = fresh(closed).net_trial_days
    output = _run("--as-of", AS_OF.isoformat(), "--batch-size", "1")
    pending = fresh(pending)
    assert pending.term_as_of == AS_OF and pending.excluded_days == (AS_OF - SUSPENDED_ON).days
    expected = term_for(pending, pending.periods.all(), as_of=AS_OF)
    assert pending.normal_deadline == expected.normal_deadline and pending.net_trial_days == expected.net_trial_days
    assert fresh(closed).net_trial_days == closed_ledger and fresh(closed).term_as_of == fresh(closed).closed_on
    assert output.startswith("1 ")


def test_it_reports_overdue_cases_and_cases_due_an_extension(make_case):
    make_case(state="heard")
    deadline = fresh(make_case(state="heard")).normal_deadline
    window = refresh_pending_terms(as_of=deadline - timedelta(days=3), batch_size=1)
    assert (window.refreshed, window.overdue, window.extension_window) == (2, 0, 2)
    late = refresh_pending_terms(as_of=deadline + timedelta(days=1))
    assert (late.refreshed, late.overdue, late.extension_window) == (2, 2, 0)
    assert "2 overdue" in _run("--as-of", (deadline + timedelta(days=1)).isoformat())


def test_it_can_be_limited_to_one_court(make_case, court):
    make_case(state="heard")
    assert refresh_pending_terms(as_of=AS_OF, court_code="陕9999").refreshed == 0
    assert refresh_pending_terms(as_of=AS_OF, court_code=court.code).refreshed == 1


def test_it_skips_complaints_not_yet_accepted(make_case):
    filing = make_case(state="filed")
    _run("--as-of", AS_OF.isoformat())
    assert Case.objects.get(pk=filing.pk).term_as_of is None


def test_it_refuses_a_bad_date_or_batch_size():
    with pytest.raises(CommandError):
        _run("--as-of", "yesterday")
    with pytest.raises(CommandError):
        _run("--batch-size", "0")
