"""Breakdowns per judge, team, cause and month reconcile with the totals; pending cases by age and deadline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases.models import Cause
from court.metrics import engine

WINDOW = engine.Window(date(2023, 1, 1), date(2023, 12, 31))


@pytest.fixture
def two_teams(old_case, team_b, other_judge):
    divorce = Cause.objects.get(name="离婚纠纷", catalogue__version="2025")
    old_case(date(2023, 1, 5), date(2023, 2, 4))  # team A, 30 days
    old_case(date(2023, 1, 5), date(2023, 3, 6), mode="mediation")  # team A, 60 days
    old_case(date(2023, 2, 1), date(2023, 2, 21), team=team_b, judge=other_judge, cause=divorce)  # 20 days
    old_case(date(2023, 9, 1), team=team_b, judge=other_judge, cause=divorce)  # pending
    old_case(date(2023, 10, 1), team=None, judge=None)  # pending, not yet assigned
    return divorce


def _by(court, by: str) -> dict:
    return {row.key: row for row in engine.breakdown(engine.Filters(court_id=court.pk), WINDOW, by)}


def test_every_figure_per_team(two_teams, court, team, team_b):
    rows = _by(court, "team")
    assert set(rows) == {team.pk, team_b.pk, None}
    a, b = rows[team.pk].figures, rows[team_b.pk].figures
    assert (a["received"], a["closed"], a["pending_at_end"]) == (2, 2, 0)
    assert (b["received"], b["closed"], b["pending_at_end"]) == (2, 1, 1)
    assert a["mediation_rate"] == 0.5 and b["mediation_rate"] == 0.0
    assert a["avg_trial_days"] == 45.0 and b["avg_trial_days"] == 20.0
    assert rows[None].label and rows[None].figures["closed_to_received"] == 0.0
    assert tuple(a) == engine.METRIC_KEYS


def test_groups_add_up_to_the_totals(two_teams, court):
    totals = engine.figures(engine.Filters(court_id=court.pk), WINDOW)
    for by in ("team", "judge", "cause", "procedure", "month"):
        rows = engine.breakdown(engine.Filters(court_id=court.pk), WINDOW, by)
        assert sum(r.figures["closed"] for r in rows) == totals["closed"], by
        assert sum(r.figures["received"] for r in rows) == totals["received"], by
    for by in ("team", "judge", "cause", "procedure"):
        rows = engine.breakdown(engine.Filters(court_id=court.pk), WINDOW, by)
        assert sum(r.figures["pending_at_end"] for r in rows) == totals["pending_at_end"], by


def test_per_judge_and_per_cause(two_teams, court, judge, other_judge, cause):
    judges = _by(court, "judge")
    assert judges[judge.pk].label == str(judge) and judges[judge.pk].figures["closed"] == 2
    assert judges[other_judge.pk].figures["pending_at_end"] == 1
    causes = _by(court, "cause")
    assert causes[two_teams.pk].label == "离婚纠纷" and causes[two_teams.pk].figures["received"] == 2
    assert causes[cause.pk].figures["received"] == 3


def test_each_month_is_its_own_window(two_teams, court):
    months = {row.label: row for row in engine.breakdown(engine.Filters(court_id=court.pk), WINDOW, "month")}
    assert len(months) == 12
    jan, feb, mar = months["2023-01"].figures, months["2023-02"].figures, months["2023-03"].figures
    assert (jan["received"], jan["closed"], jan["pending_at_end"]) == (2, 0, 2)
    assert (feb["received"], feb["closed"], feb["pending_at_end"]) == (1, 2, 1)
    assert (mar["closed"], mar["pending_at_end"], mar["mediation_rate"]) == (1, 0, 1.0)
    assert jan["disposition_time_days"] is None and feb["disposition_time_days"] == pytest.approx(28 * 1 / 2)
    assert months["2023-12"].figures["pending_at_end"] == 2
    assert months["2023-02"].window == engine.Window(date(2023, 2, 1), date(2023, 2, 28))


def test_a_partial_month_is_clipped_to_the_window(two_teams, court):
    window = engine.Window(date(2023, 1, 20), date(2023, 2, 10))
    rows = engine.breakdown(engine.Filters(court_id=court.pk), window, "month")
    assert [r.window for r in rows] == [engine.Window(date(2023, 1, 20), date(2023, 1, 31)),
                                        engine.Window(date(2023, 2, 1), date(2023, 2, 10))]
    assert rows[0].figures["received"] == 0 and rows[1].figures["received"] == 1


def test_pending_by_age_and_by_days_left(old_case, court):
    # As of 2023-12-31: 3 months back is 2023-09-30, 6 months 2023-06-30, 12 months 2022-12-31.
    as_of = date(2023, 12, 31)
    old_case(date(2023, 11, 15))  # 0-3; simple deadline mid-February 2024: over 30 days left
    old_case(date(2023, 9, 30))  # exactly 3 months old: still 0-3; deadline 2023-12-30 rolls into 2024: 0-15 left
    old_case(date(2023, 10, 10), procedure="small_claims")  # 0-3; two months ran out in December: overdue
    old_case(date(2023, 9, 1), foreign=True)  # 3-6; no term
    old_case(date(2023, 6, 1), date(2024, 1, 10))  # 6-12 (closed after the as-of date); overdue since September
    old_case(date(2022, 10, 1))  # over 12 months; overdue
    buckets = engine.pending_buckets(engine.Filters(court_id=court.pk), as_of)
    assert buckets["pending"] == 6
    assert [buckets[k] for k in engine.AGE_BUCKETS] == [3, 1, 1, 1]
    assert [buckets[k] for k in engine.DEADLINE_BUCKETS] == [3, 1, 0, 1, 1]
    totals = engine.figures(engine.Filters(court_id=court.pk), engine.Window(date(2023, 1, 1), as_of))
    assert totals["over_12_months_pending_rate"] == pytest.approx(buckets["age_12_plus"] / buckets["pending"])


def test_days_left_buckets_edges(old_case, court):
    case = old_case(date(2023, 10, 9), as_of=date(2023, 11, 1))
    deadline = case.normal_deadline
    filters = engine.Filters(court_id=court.pk)
    assert engine.pending_buckets(filters, deadline)["due_0_15"] == 1  # the deadline day itself: 0 left
    assert engine.pending_buckets(filters, deadline - timedelta(days=15))["due_0_15"] == 1
    assert engine.pending_buckets(filters, deadline - timedelta(days=16))["due_16_30"] == 1
    assert engine.pending_buckets(filters, deadline - timedelta(days=30))["due_16_30"] == 1
    assert engine.pending_buckets(filters, deadline - timedelta(days=31))["due_30_plus"] == 1
    assert engine.pending_buckets(filters, deadline + timedelta(days=1))["overdue"] == 1


def test_an_unknown_breakdown_is_refused(court):
    with pytest.raises(ValueError, match="Unknown breakdown"):
        engine.breakdown(engine.Filters(court_id=court.pk), WINDOW, "weekday")
