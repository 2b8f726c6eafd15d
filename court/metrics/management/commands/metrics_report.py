"""Write the monthly metrics report of every court now (what the schedule does on the 1st)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from django.utils import timezone

from court.commands import BaseCommand
from court.metrics.archive import write_monthly_reports
from court.metrics.forms import month_start


def _month(text: str) -> date:
    """The month as the dashboard reads it (`month_start`: YYYY-MM within the metrics' years); argparse reports
    a bad one as a usage error, not a traceback."""
    try:
        return month_start(text, timezone.localdate())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class Command(BaseCommand):
    help = "Write every court's monthly report (PDF and Excel) into FANJIAN_REPORTS_DIR (default: last month)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--month", type=_month, default=None, help="The month, YYYY-MM (default: last month).")

    def handle(self, *args: Any, month: date | None = None, **options: Any) -> None:
        for path in write_monthly_reports(month):
            self.stdout.write(str(path))
