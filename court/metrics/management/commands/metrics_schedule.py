"""Create (or update) the monthly report schedule in django-q2: on the 1st, write last month's reports; safe to
run again."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.utils import timezone
from django_q.models import Schedule

from court import schedules
from court.commands import BaseCommand
from court.rules.terms import add_months

SCHEDULE_NAME = "metrics-monthly-report"
FUNC = "court.metrics.tasks.monthly_reports"


def first_run() -> datetime:
    """03:00 on the 1st of next month (court time)."""
    first = add_months(timezone.localdate().replace(day=1), 1)
    return timezone.make_aware(datetime.combine(first, time(3, 0)))


def ensure_schedule() -> tuple[Schedule, bool]:
    """The one monthly report schedule, created if missing (never duplicated)."""
    return schedules.ensure_schedule(SCHEDULE_NAME, FUNC, Schedule.MONTHLY, first_run)


class Command(BaseCommand):
    help = "Schedule the monthly metrics report (PDF and Excel, on the 1st, into FANJIAN_REPORTS_DIR; idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(schedules.report(*ensure_schedule(), "monthly"))
