"""The engine aggregates in the database: the number of queries does not grow with the number of cases."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from court.metrics import engine

WINDOW = engine.Window(date(2023, 1, 1), date(2023, 12, 31))


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_query_count_is_independent_of_the_cases(old_case, court):
    filters = engine.Filters(court_id=court.pk)
    old_case(date(2023, 1, 2), date(2023, 2, 1))
    few = (_queries(lambda: engine.figures(filters, WINDOW)), _queries(lambda: engine.report(filters, WINDOW)))
    for i in range(25):
        old_case(date(2023, 1, 2) + timedelta(days=i * 7), date(2023, 3, 1) + timedelta(days=i * 5))
    many = (_queries(lambda: engine.figures(filters, WINDOW)), _queries(lambda: engine.report(filters, WINDOW)))
    assert few == many
    assert many[0] <= 3  # SQLite: one query per family; PostgreSQL: one, and the SET LOCAL of its settings
