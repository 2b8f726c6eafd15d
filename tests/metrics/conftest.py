"""Cases with historical closing patterns, created directly and then given their term by `case_refresh_term`."""

from __future__ import annotations

from datetime import date

import pytest

from court.cases.models import Case, CasePeriod, CaseState
from court.cases.term import case_refresh_term


@pytest.fixture
def old_case(court, team, judge, cause):
    """Make a 民初 case filed (and perhaps closed) on given dates; its term ledger comes from the term clock."""
    counter = iter(range(1, 100_000))

    def make(filed_on: date, closed_on: date | None = None, *, mode: str = "judgment", procedure: str = "simple",
             initial: str | None = None, converted_on: date | None = None, foreign: bool = False,
             team=team, judge=judge, cause=cause, periods: tuple = (), case_type: str = "民初",
             as_of: date | None = None, court=court) -> Case:
        n = next(counter)
        case = Case.objects.create(
            court=court, case_type=case_type, case_number=f"（{filed_on.year}）陕0122{case_type}{n}号",
            year=filed_on.year, serial=n, cause=cause, filed_on=filed_on, closed_on=closed_on,
            closing_mode=mode if closed_on else "", state=CaseState.CLOSED if closed_on else CaseState.ACCEPTED,
            procedure=procedure, initial_procedure=initial or procedure, converted_on=converted_on,
            foreign_related=foreign, team=team, judge=judge)
        for kind, start, end, months in periods:
            CasePeriod.objects.create(case=case, kind=kind, start_on=start, end_on=end, months=months)
        case_refresh_term(case, as_of=as_of or closed_on or date(2023, 12, 31))
        case.refresh_from_db()
        return case

    return make


@pytest.fixture(autouse=True)
def no_report_cache(settings):
    """Test databases reuse ids, so the dashboard cache (keyed on the newest ids) is off unless a test wants it."""
    settings.FANJIAN_METRICS_CACHE_SECONDS = 0
