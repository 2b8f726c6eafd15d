"""Create (or update) the weekly retraining schedule in django-q2; safe to run again."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django_q.models import Schedule

from court import schedules
from court.commands import BaseCommand

SCHEDULE_NAME = "triage-weekly-retrain"
FUNC = "triage.tasks.retrain"


def first_run() -> datetime:
    """02:00 tomorrow (court time)."""
    return (timezone.localtime() + timedelta(days=1)).replace(hour=2, minute=0, second=0, microsecond=0)


def ensure_schedule() -> tuple[Schedule, bool]:
    """The one weekly retraining schedule, created if missing (never duplicated)."""
    return schedules.ensure_schedule(SCHEDULE_NAME, FUNC, Schedule.WEEKLY, first_run)


class Command(BaseCommand):
    help = "Schedule the weekly triage retraining (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        schedule, created = ensure_schedule()
        verb = "Created" if created else "Kept"
        self.stdout.write(f"{verb} the schedule {SCHEDULE_NAME}: weekly, next run {timezone.localtime(schedule.next_run):%Y-%m-%d %H:%M}.")
