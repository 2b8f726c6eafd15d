"""Create (or update) the weekly retraining schedule in django-q2; safe to run again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_q.models import Schedule

from court.commands import BaseCommand

SCHEDULE_NAME = "triage-weekly-retrain"
FUNC = "triage.tasks.retrain"


def ensure_schedule() -> tuple[Schedule, bool]:
    """The one weekly retraining schedule, created if missing (never duplicated)."""
    existing = Schedule.objects.filter(name=SCHEDULE_NAME).order_by("id")
    for extra in existing[1:]:
        extra.delete()
    schedule = existing.first()
    if schedule is not None:
        changed = schedule.func != FUNC or schedule.schedule_type != Schedule.WEEKLY
        if changed:
            schedule.func, schedule.schedule_type = FUNC, Schedule.WEEKLY
            schedule.save(update_fields=["func", "schedule_type"])
        return schedule, False
    first = (timezone.localtime() + timedelta(days=1)).replace(hour=2, minute=0, second=0, microsecond=0)
    return Schedule.objects.create(name=SCHEDULE_NAME, func=FUNC, schedule_type=Schedule.WEEKLY, next_run=first,
                                   repeats=-1), True


class Command(BaseCommand):
    help = "Schedule the weekly triage retraining (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        schedule, created = ensure_schedule()
        verb = "Created" if created else "Kept"
        self.stdout.write(f"{verb} the schedule {SCHEDULE_NAME}: weekly, next run {timezone.localtime(schedule.next_run):%Y-%m-%d %H:%M}.")
