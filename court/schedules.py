"""The django-q2 schedules Fanjian creates (weekly retraining, the monthly report): one of each, whatever runs
the command that creates it and however often."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django_q.models import Schedule


def ensure_schedule(name: str, func: str, schedule_type: str,
                    first_run: Callable[[], datetime]) -> tuple[Schedule, bool]:
    """The one schedule `name`, created with `first_run()` if missing; duplicates are deleted and a changed
    function or frequency is put right. Returns the schedule and whether it was created."""
    existing = Schedule.objects.filter(name=name).order_by("id")
    for extra in existing[1:]:
        extra.delete()
    schedule = existing.first()
    if schedule is not None:
        if schedule.func != func or schedule.schedule_type != schedule_type:
            schedule.func, schedule.schedule_type = func, schedule_type
            schedule.save(update_fields=["func", "schedule_type"])
        return schedule, False
    return Schedule.objects.create(name=name, func=func, schedule_type=schedule_type, next_run=first_run(),
                                   repeats=-1), True
