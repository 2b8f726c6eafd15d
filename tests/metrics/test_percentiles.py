"""Median and 90th percentile of net trial days by linear interpolation at p·(n−1), overall and per group."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.metrics import engine

CLOSED = date(2023, 6, 30)
WINDOW = engine.Window(date(2023, 1, 1), date(2023, 12, 31))


def _close_after(old_case, days: list[int], **kwargs):
    for n in days:
        old_case(CLOSED - timedelta(days=n), CLOSED, **kwargs)


def _interpolated(values: list[int], p: float) -> float:
    ordered = sorted(values)
    position = p * (len(ordered) - 1)
    lo = int(position)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (position - lo)


@pytest.mark.parametrize("days", [[40], [10, 31], [10, 20, 40, 80], [100, 90, 80, 70, 60, 50, 40, 30, 20, 10],
                                  [7, 7, 7, 13]])
def test_it_interpolates_between_the_neighbouring_values(old_case, court, days):
    _close_after(old_case, days)
    totals = engine.figures(engine.Filters(court_id=court.pk), WINDOW)
    assert totals["median_trial_days"] == pytest.approx(_interpolated(days, 0.5))
    assert totals["p90_trial_days"] == pytest.approx(_interpolated(days, 0.9))


def test_the_textbook_cases(old_case, court):
    _close_after(old_case, [10, 20, 40, 80])
    totals = engine.figures(engine.Filters(court_id=court.pk), WINDOW)
    assert totals["median_trial_days"] == 30.0  # halfway between 20 and 40
    assert totals["p90_trial_days"] == pytest.approx(68.0)  # 40 + 0.7 × 40


def test_each_group_gets_its_own_percentiles(old_case, court, team, team_b, other_judge):
    _close_after(old_case, [10, 20, 40, 80])
    _close_after(old_case, [5, 100], team=team_b, judge=other_judge)
    rows = {row.key: row.figures for row in engine.breakdown(engine.Filters(court_id=court.pk), WINDOW, "team")}
    assert rows[team.pk]["median_trial_days"] == 30.0
    assert rows[team_b.pk]["median_trial_days"] == pytest.approx(52.5)
    assert rows[team_b.pk]["p90_trial_days"] == pytest.approx(90.5)  # 5 + 0.9 × 95


def test_monthly_percentiles_use_the_month_of_closing(old_case, court):
    old_case(date(2023, 1, 1), date(2023, 1, 11))  # 10 days, January
    old_case(date(2023, 1, 1), date(2023, 1, 31))  # 30 days, January
    old_case(date(2023, 1, 1), date(2023, 3, 2))  # 60 days, March
    months = {row.label: row.figures for row in engine.breakdown(engine.Filters(court_id=court.pk), WINDOW, "month")}
    assert months["2023-01"]["median_trial_days"] == 20.0
    assert months["2023-02"]["median_trial_days"] is None
    assert months["2023-03"]["p90_trial_days"] == 60.0
