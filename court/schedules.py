"""The django-q2 schedules Fanjian creates (weekly retraining, the monthly report): one of each, whatever runs
the command that creates it and however often."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django_q.models import Schedule


def tomorrow_at(hour: int, minute: int = 0) -> Callable[[], datetime]:
    """A `first_run` for a daily or weekly job: tomorrow at `hour:minute`, court time."""
    from django.utils import timezone

    def first_run() -> datetime:
        return (timezone.localtime() + timedelta(days=1)).replace(hour=hour, minute=minute, second=0, microsecond=0)

    return first_run


def ensure_schedule(name: str, func: str, schedule_type: str,
                    first_run: Callable[[], datetime], *, minutes: int | None = None) -> tuple[Schedule, bool]:
    """The one schedule `name`, created with `first_run()` if missing; duplicates are deleted and a changed
    function or frequency is put right. `minutes` is the interval of a Schedule.MINUTES schedule. Returns the
    schedule and whether it was created."""
    existing = Schedule.objects.filter(name=name).order_by("id")
    for extra in existing[1:]:
        extra.delete()
    schedule = existing.first()
    if schedule is not None:
        if schedule.func != func or schedule.schedule_type != schedule_type or schedule.minutes != minutes:
            schedule.func, schedule.schedule_type, schedule.minutes = func, schedule_type, minutes
            schedule.save(update_fields=["func", "schedule_type", "minutes"])
        return schedule, False
    return Schedule.objects.create(name=name, func=func, schedule_type=schedule_type, next_run=first_run(),
                                   minutes=minutes, repeats=-1), True


def report(schedule: Schedule, created: bool, frequency: str) -> str:
    """The line a scheduling command prints: created or kept, how often, and the next run in court time."""
    from django.utils import timezone

    verb = "Created" if created else "Kept"
    return (f"{verb} the schedule {schedule.name}: {frequency}, next run "
            f"{timezone.localtime(schedule.next_run):%Y-%m-%d %H:%M}.")
