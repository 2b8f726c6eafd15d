"""Create (or update) the weekly retraining and the daily drift-check schedules in django-q2; safe to run again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_q.models import Schedule

from court import schedules
from court.commands import BaseCommand

SCHEDULE_NAME = "triage-weekly-retrain"
FUNC = "triage.tasks.retrain"
DRIFT_SCHEDULE_NAME = "triage-daily-drift-check"
DRIFT_FUNC = "triage.tasks.drift_check"
SWEEP_SCHEDULE_NAME = "triage-missing-sweep"
SWEEP_FUNC = "triage.tasks.triage_missing"


#: 02:00 tomorrow (court time)
first_run = schedules.tomorrow_at(2, 0)


def ensure_schedule() -> tuple[Schedule, bool]:
    """The one weekly retraining schedule, created if missing (never duplicated)."""
    return schedules.ensure_schedule(SCHEDULE_NAME, FUNC, Schedule.WEEKLY, first_run)


def ensure_drift_schedule() -> tuple[Schedule, bool]:
    """The one daily drift check (PSI and recent calibration error; it schedules a retraining when either
    passes its threshold), created if missing."""
    return schedules.ensure_schedule(DRIFT_SCHEDULE_NAME, DRIFT_FUNC, Schedule.DAILY, first_run)


def ensure_sweep_schedule() -> tuple[Schedule, bool]:
    """Every 15 minutes: triage the complaints a failure left without a recommendation."""
    return schedules.ensure_schedule(SWEEP_SCHEDULE_NAME, SWEEP_FUNC, Schedule.MINUTES,
                                     lambda: timezone.now() + timedelta(minutes=15), minutes=15)


class Command(BaseCommand):
    help = "Schedule the weekly triage retraining (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(schedules.report(*ensure_schedule(), "weekly"))
        self.stdout.write(schedules.report(*ensure_drift_schedule(), "daily"))
        self.stdout.write(schedules.report(*ensure_sweep_schedule(), "every 15 minutes"))
