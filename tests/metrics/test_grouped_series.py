"""Percentiles from histograms and the month-end pending series from grouped counts agree with the definitions."""

from __future__ import annotations

import random
from datetime import date, timedelta
from fractions import Fraction

import pytest

from court.metrics import engine

WINDOW = engine.Window(date(2023, 1, 1), date(2023, 12, 31))


def _interpolated(values: list[int], p: float) -> float:
    ordered = sorted(values)
    position = p * (len(ordered) - 1)
    lo = int(position)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (position - lo)


@pytest.mark.parametrize("seed", range(20))
def test_a_histogram_gives_the_percentiles_of_its_values(seed):
    rng = random.Random(seed)
    values = [rng.choice([1, 2, 2, 5, 30, 30, 30, 90, 400]) for _ in range(rng.randint(1, 40))]
    histogram: dict[int, int] = {}
    for v in values:
        histogram[v] = histogram.get(v, 0) + 1
    for p in (Fraction(1, 2), Fraction(9, 10), Fraction(0), Fraction(1)):
        assert engine._interpolate(histogram, p) == pytest.approx(_interpolated(values, float(p)))


def test_an_empty_histogram_has_no_percentile():
    assert engine._interpolate({}, Fraction(1, 2)) is None


def test_month_end_pending_matches_the_case_lists_of_each_month(old_case, court):
    """Every month's pending and over-12-months counts equal the drill-down lists of that month's window."""
    rng = random.Random(7)
    for _ in range(40):
        filed = date(2021, 6, 1) + timedelta(days=rng.randrange(900))
        closed = filed + timedelta(days=rng.randrange(1, 500)) if rng.random() < 0.8 else None
        old_case(filed, closed)
    old_case(date(2022, 1, 30), date(2023, 3, 15))  # over 12 months from the end of January 2023 on
    old_case(date(2022, 3, 31))  # exactly 12 months before 2023-03-31: not yet over 12 months then
    filters = engine.Filters(court_id=court.pk)
    months = engine.breakdown(filters, WINDOW, "month")
    for row in months:
        pending = engine.case_set(filters, row.window, "pending").count()
        over = engine.case_set(filters, row.window, "over_12_months").count()
        assert row.figures["pending_at_end"] == pending, row.label
        expected = over / pending if pending else None
        assert row.figures["over_12_months_pending_rate"] == pytest.approx(expected), row.label


def test_a_case_closed_before_its_filing_date_is_never_pending(old_case, court):
    # Bad data (the term clock refuses it, an import might not), but the series follows the definition.
    from court.cases.models import Case

    case = old_case(date(2023, 5, 20), date(2023, 6, 10))
    Case.objects.filter(pk=case.pk).update(closed_on=date(2023, 2, 10))
    months = engine.breakdown(engine.Filters(court_id=court.pk), WINDOW, "month")
    assert [m.figures["pending_at_end"] for m in months] == [0] * 12


def test_the_full_report_takes_one_query_for_any_window(old_case, court):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    old_case(date(2023, 1, 2), date(2023, 2, 1))
    filters = engine.Filters(court_id=court.pk)
    counts = []
    for window in (WINDOW, engine.Window(date(2021, 1, 1), date(2023, 12, 31))):
        with CaptureQueriesContext(connection) as ctx:
            engine.report(filters, window)
        counts.append(sum(1 for q in ctx.captured_queries if "cases_case" in q["sql"]))
    assert counts == [1, 1]  # totals, breakdowns, histograms and month ends: the cases are read once
