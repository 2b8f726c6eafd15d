"""A window with no cases gives None for every rate and average, never 0 and never an error."""

from __future__ import annotations

from datetime import date

from court.metrics import engine


def test_every_rate_is_none_when_nothing_happened(old_case, court):
    old_case(date(2020, 1, 1), date(2020, 2, 1))
    totals = engine.figures(engine.Filters(court_id=court.pk), engine.Window(date(2023, 1, 1), date(2023, 12, 31)))
    assert (totals["received"], totals["closed"], totals["pending_at_end"]) == (0, 0, 0)
    for key in engine.METRIC_KEYS:
        if key not in engine.COUNT_KEYS:
            assert totals[key] is None, key


def test_no_closed_cases_gives_none_but_pending_still_counts(old_case, court):
    old_case(date(2023, 5, 1))
    totals = engine.figures(engine.Filters(court_id=court.pk), engine.Window(date(2023, 6, 1), date(2023, 6, 30)))
    assert totals["pending_at_end"] == 1
    assert totals["closed_to_received"] is None  # nothing received in June
    assert totals["disposition_time_days"] is None  # nothing closed
    assert totals["over_12_months_pending_rate"] == 0.0  # one pending, not old: a real zero


def test_only_foreign_related_closings_leave_the_term_rates_empty(old_case, court):
    old_case(date(2023, 1, 2), date(2023, 2, 1), foreign=True)
    totals = engine.figures(engine.Filters(court_id=court.pk), engine.Window(date(2023, 1, 1), date(2023, 12, 31)))
    assert totals["closed"] == 1 and totals["within_90_days_rate"] == 1.0
    assert totals["in_normal_term_rate"] is None
    assert totals["in_term_rate"] is None
    assert totals["extension_rate"] is None


def test_breakdowns_and_buckets_of_an_empty_court_are_empty(court):
    window = engine.Window(date(2023, 1, 1), date(2023, 3, 31))
    filters = engine.Filters(court_id=court.pk)
    assert engine.breakdown(filters, window, "judge") == []
    months = engine.breakdown(filters, window, "month")
    assert [m.label for m in months] == ["2023-01", "2023-02", "2023-03"]
    assert all(m.figures["mediation_rate"] is None and m.figures["closed"] == 0 for m in months)
    assert set(engine.pending_buckets(filters, window.end).values()) == {0}
