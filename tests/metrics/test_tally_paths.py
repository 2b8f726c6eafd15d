"""The SQL paths of `sql.tally` agree: the single pass of `court_metrics` (no breakdowns; on SQLite one per family)
and the grouped query of the dashboard; on PostgreSQL the histograms and month ends read with GROUPING SETS equal
the UNION ALL branches that SQLite runs. (test_reference.py checks the dashboard's path against plain ORM counts.)"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from court.metrics import engine, sql
from court.metrics.population import Filters, Window

from .test_reference import busy_court  # noqa: F401  (the fixture: two years of a court, every kind of case)

WINDOWS = [Window(date(2023, 1, 1), date(2023, 12, 31)), Window(date(2022, 3, 15), date(2023, 8, 3))]
DIMS = ("team", "judge", "cause", "procedure", "month")


def _case_queries(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "cases_case" in q["sql"]]


@pytest.mark.parametrize("window", WINDOWS, ids=["year", "clipped"])
def test_court_metrics_single_pass_gives_the_dashboard_totals(busy_court, court, window):  # noqa: F811
    filters = Filters(court_id=court.pk)
    with CaptureQueriesContext(connection) as ctx:
        figures = engine.figures(filters, window, extras=True)
    assert len(_case_queries(ctx)) == (3 if connection.vendor == "sqlite" else 1)  # SQLite: one per family
    assert figures == engine.report(filters, window).totals
    assert figures["closed"] and figures["pending_at_end"] and figures["median_trial_days"] is not None


def test_the_single_pass_and_the_grouped_query_read_the_same_raw_numbers(busy_court, court):  # noqa: F811
    filters, window = Filters(court_id=court.pk), WINDOWS[1]
    single, grouped = sql.tally(filters, window, ()), sql.tally(filters, window, DIMS)
    for family in ("received", "closed", "pending"):
        assert getattr(single, family)["total"] == getattr(grouped, family)["total"], family
    assert single.histograms["total"] == grouped.histograms["total"]
    assert sum(single.histograms["total"][0].values()) == single.closed["total"][None]["cnt_trial"]


@pytest.mark.postgres
def test_on_postgresql_grouping_sets_read_what_the_union_branches_read(busy_court, court, monkeypatch):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    filters = Filters(court_id=court.pk)
    for window in WINDOWS:
        with CaptureQueriesContext(connection) as ctx:
            with_sets = sql.tally(filters, window, DIMS)
        assert any("GROUPING SETS" in q for q in _case_queries(ctx))
        assert any("set_config" in q["sql"] for q in ctx.captured_queries)
        union = sql._histogram_branches
        monkeypatch.setattr(sql, "_histogram_branches",
                            lambda sets, width, **kw: union(sets, width, **{**kw, "grouping_sets": False}))
        with CaptureQueriesContext(connection) as ctx:
            without = sql.tally(filters, window, DIMS)
        monkeypatch.undo()
        assert not any("GROUPING SETS" in q for q in _case_queries(ctx))
        assert with_sets.histograms == without.histograms
        assert with_sets.month_end == without.month_end
        assert (with_sets.received, with_sets.closed, with_sets.pending) == (without.received, without.closed,
                                                                               without.pending)
