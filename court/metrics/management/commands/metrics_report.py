"""Write the monthly metrics report of every court now (what the schedule does on the 1st)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandError

from court.commands import BaseCommand
from court.metrics.archive import write_monthly_reports


def _month(text: str) -> date:
    try:
        return date.fromisoformat(text + "-01")
    except ValueError:
        raise CommandError(f"--month must be YYYY-MM, not {text!r}.") from None


class Command(BaseCommand):
    help = "Write every court's monthly report (PDF and Excel) into FANJIAN_REPORTS_DIR (default: last month)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--month", type=_month, default=None, help="The month, YYYY-MM (default: last month).")

    def handle(self, *args: Any, month: date | None = None, **options: Any) -> None:
        for path in write_monthly_reports(month):
            self.stdout.write(str(path))
