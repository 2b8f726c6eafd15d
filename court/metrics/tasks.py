"""django-q2 tasks of the metrics app."""

from __future__ import annotations


def monthly_reports() -> str:
    """The monthly schedule's job: write last month's report of every court (PDF and Excel)."""
    from .archive import write_monthly_reports

    paths = write_monthly_reports()
    return f"{len(paths)} report files written"
