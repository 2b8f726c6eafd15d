"""The dashboard report is cached briefly, and a new case invalidates it at once."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from court.metrics import engine
from court.metrics.views import cached_report

WINDOW = engine.Window(date(2023, 1, 1), date(2023, 12, 31))


def test_a_second_load_is_served_from_the_cache_until_a_case_is_added(settings, old_case, court):
    settings.FANJIAN_METRICS_CACHE_SECONDS = 60
    cache.clear()
    filters = engine.Filters(court_id=court.pk)
    old_case(date(2023, 1, 2), date(2023, 2, 1))
    assert cached_report(filters, WINDOW).totals["closed"] == 1
    with CaptureQueriesContext(connection) as ctx:
        assert cached_report(filters, WINDOW).totals["closed"] == 1
    assert len(ctx.captured_queries) == 2  # only the two version look-ups
    old_case(date(2023, 3, 1), date(2023, 4, 1))
    assert cached_report(filters, WINDOW).totals["closed"] == 2
    cache.clear()
