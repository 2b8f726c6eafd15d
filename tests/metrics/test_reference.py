"""The figures built from the one hand-built SQL function (`sql.tally`) against a plain reference, for every
declared metric: Django ORM counts and averages and numpy's percentiles over the drill-down case lists, computed
per figure from its declaration (numerator, denominator, statistic) for the totals, every group of every
breakdown and every month, so a new metric in `definitions.METRICS` is compared without touching the comparison.
The reference itself is checked first against figures computed by hand, which must name every declared metric."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import numpy
import pytest
from django.db.models import Avg

from court.cases.models import Cause
from court.metrics import engine, sql
from court.metrics.definitions import (CLOSED_SETS, FIGURE_KEYS, HISTOGRAM_MEASURE, METRICS, PENDING_SET_NAMES,
                                       RECEIVED_SETS, Metric)
from court.metrics.population import Filters, Window, case_set

from .test_figures import WINDOW, court_year  # noqa: F401  (the fixture: eleven cases whose figures are known)

FAMILIES = {"received": tuple(RECEIVED_SETS), "closed": tuple(CLOSED_SETS), "pending": PENDING_SET_NAMES}
FILTER_OF = {"team": "team_id", "judge": "judge_id", "cause": "cause_id", "procedure": "procedure"}


def reference(metric: Metric, filters: Filters, window: Window) -> Any:
    """The figure by plain ORM and numpy over the cases behind it, read off its declaration."""
    if metric.of is not None:
        cases = case_set(filters, window, metric.numerator)
        if metric.percentile is None:
            return cases.aggregate(mean=Avg(metric.of.field))["mean"]
        values = [v for v in cases.values_list(metric.of.field, flat=True) if v is not None]
        return float(numpy.percentile(values, float(metric.percentile) * 100)) if values else None
    numerator = case_set(filters, window, metric.numerator).count()
    if metric.denominator is None:
        return numerator
    denominator = case_set(filters, window, metric.denominator).count()
    if not denominator:
        return None
    return numerator / denominator * (window.days if metric.per_window_day else 1)


def _same(got: Any, want: Any) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return got == pytest.approx(want, rel=1e-9, abs=1e-9)


def _mismatches(figures: dict[str, Any], filters: Filters, window: Window, where: str) -> list[str]:
    out = []
    for metric in METRICS:
        want = reference(metric, filters, window)
        if not _same(figures[metric.key], want):
            out.append(f"{where} {metric.key}: engine {figures[metric.key]!r}, reference {want!r}")
    return out


def _group_filters(filters: Filters, by: str, key: Any) -> Filters:
    return replace(filters, **{FILTER_OF[by]: "none" if key is None else key})


#: The figures of test_figures' court year, by hand (derivations there).
BY_HAND = {
    "received": 7, "closed": 6, "pending_at_end": 3,
    "mediation_withdrawal_rate": 3 / 6, "mediation_rate": 1 / 6, "simple_procedure_rate": 3 / 6,
    "small_claims_rate": 1 / 6, "conversion_rate": 1 / 4,
    "avg_trial_days": (30 + 30 + 90 + 190 + 233 + 60) / 6, "avg_elapsed_days": (30 + 30 + 90 + 210 + 233 + 60) / 6,
    "median_trial_days": 75.0, "p90_trial_days": 211.5,
    "in_normal_term_rate": 2 / 5, "in_term_rate": 3 / 5, "extension_rate": 1 / 5,
    "closed_to_received": 6 / 7, "disposition_time_days": 365 * 3 / 6, "over_12_months_pending_rate": 1 / 3,
    "within_90_days_rate": 4 / 6, "within_180_days_rate": 4 / 6, "within_365_days_rate": 1.0,
    "within_540_days_rate": 1.0,
}


def test_the_reference_gives_the_hand_computed_figures(court_year, court):  # noqa: F811
    assert set(BY_HAND) == set(FIGURE_KEYS), "every declared figure needs a value computed by hand here"
    filters = Filters(court_id=court.pk)
    for metric in METRICS:
        assert _same(reference(metric, filters, WINDOW), BY_HAND[metric.key]), metric.key


@pytest.fixture
def busy_court(old_case, team, team_b, judge, other_judge, cause):
    """Two years of a court with every kind of case the figures tell apart, seeded."""
    divorce = Cause.objects.get(name="离婚纠纷", catalogue__version="2025")
    rng = random.Random(2023)
    for _ in range(140):
        filed = date(2021, 10, 1) + timedelta(days=rng.randrange(820))
        closed = filed + timedelta(days=rng.randrange(0, 560)) if rng.random() < 0.75 else None
        procedure = rng.choice(["simple", "simple", "small_claims", "ordinary"])
        kwargs: dict[str, Any] = {
            "mode": rng.choice(["judgment", "judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal"]),
            "procedure": procedure, "foreign": rng.random() < 0.08, "cause": rng.choice([cause, divorce]),
        }
        kwargs.update(rng.choice([{"team": team, "judge": judge}, {"team": team_b, "judge": other_judge},
                                  {"team": team_b, "judge": None}, {"team": None, "judge": None}]))
        if procedure == "ordinary" and rng.random() < 0.5:
            kwargs.update(initial="simple", converted_on=filed + timedelta(days=rng.randrange(5, 40)))
        periods = []
        if rng.random() < 0.2:  # an appraisal: net trial days below the elapsed days
            start = filed + timedelta(days=rng.randrange(5, 30))
            periods.append(("appraisal", start, start + timedelta(days=rng.randrange(5, 40)), None))
        if procedure == "ordinary" and rng.random() < 0.4:
            periods.append(("extension", filed + timedelta(days=170), None, 6))
        if closed is not None and closed <= max([filed] + [day for p in periods for day in p[1:3] if day]):
            closed = None  # the periods run before the closing
        old_case(filed, closed, periods=tuple(periods), **kwargs)
    old_case(date(2022, 1, 31), date(2023, 2, 10))  # exactly 12 months before 2023-01-31, then over 12 months
    old_case(date(2023, 1, 1), date(2023, 12, 31))  # on both edges of the window
    old_case(date(2023, 3, 1), date(2023, 4, 1), case_type="民终")  # another population


@pytest.mark.parametrize("window", [Window(date(2023, 1, 1), date(2023, 12, 31)),
                                    Window(date(2022, 3, 15), date(2023, 8, 3))], ids=["year", "clipped"])
@pytest.mark.parametrize("narrow", [{}, {"procedure": "ordinary"}, {"team_id": "none"}],
                         ids=["all", "ordinary", "unassigned"])
def test_every_figure_of_every_group_agrees_with_the_reference(busy_court, court, window, narrow):
    filters = Filters(court_id=court.pk, **narrow)
    report = engine.report(filters, window)
    problems = _mismatches(report.totals, filters, window, "total")
    for by, rows in report.breakdowns.items():
        for row in rows:
            problems += _mismatches(row.figures, _group_filters(filters, by, row.key), window, f"{by}={row.key}")
    assert [row.window for row in report.monthly] == window.months()
    for row in report.monthly:
        problems += _mismatches(row.figures, filters, row.window, f"month {row.label}")
    assert report.totals["closed"] > 30 or narrow, "the seeded court must have cases to compare"
    assert not problems, "\n".join(problems)


def test_the_tally_counts_every_declared_set_and_reads_every_histogram(busy_court, court):
    filters = Filters(court_id=court.pk)
    window = Window(date(2022, 3, 15), date(2023, 8, 3))
    months = {sql.month_key(m.start): m for m in window.months()}

    def scope(by: str, key: Any) -> tuple[Filters, Window]:
        if by == "total":
            return filters, window
        if by == "month":
            return filters, months[key]
        return _group_filters(filters, by, key), window

    counts = sql.tally(filters, window, ("team", "judge", "cause", "procedure", "month"))
    named = {name for m in METRICS for name in (m.numerator, m.denominator) if name}
    for family, marginals in (("received", counts.received), ("closed", counts.closed), ("pending", counts.pending)):
        sets = named & set(FAMILIES[family])
        assert sets, family
        for by, groups in marginals.items():
            assert groups or by != "total", by
            for key, raw in groups.items():
                group, span = scope(by, key)
                for name in sets:
                    assert raw.get(f"n_{name}", 0) == case_set(group, span, name).count(), (by, key, name)
    for by, histograms in counts.histograms.items():
        for key, histogram in histograms.items():
            group, span = scope(by, None if by == "total" else key)
            values = case_set(group, span, "closed").values_list(HISTOGRAM_MEASURE.field, flat=True)
            assert histogram == Counter(v for v in values if v is not None), (by, key)
    assert len(counts.month_end) == len(months)
    for month, pending in zip(months.values(), counts.month_end):
        assert pending == {"n_pending": case_set(filters, month, "pending").count(),
                           "n_over_12_months": case_set(filters, month, "over_12_months").count()}, month
