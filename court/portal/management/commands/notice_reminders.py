"""Remind the parties of deadlines running out (fees due, answer periods, corrections) now, or with `--schedule`
create (or keep) the daily django-q2 schedule that does it at 07:00 court time. Safe to run again: each reminder
is sent once."""

from __future__ import annotations

from typing import Any

from django_q.models import Schedule

from court import schedules
from court.commands import BaseCommand, date_option
from court.portal.tasks import reminders_run

SCHEDULE_NAME = "portal-daily-reminders"
FUNC = "court.portal.tasks.daily_reminders"


#: 07:00 tomorrow (court time)
first_run = schedules.tomorrow_at(7, 0)


def ensure_schedule() -> tuple[Schedule, bool]:
    """The one daily reminders schedule, created if missing (never duplicated)."""
    return schedules.ensure_schedule(SCHEDULE_NAME, FUNC, Schedule.DAILY, first_run)


class Command(BaseCommand):
    help = "Send today's deadline reminders to the parties, or --schedule them daily (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--schedule", action="store_true", help="create the daily schedule instead")
        parser.add_argument("--date", help="remind as of this day (YYYY-MM-DD), for a missed day")
        parser.add_argument("--force", action="store_true", help="run again a day whose run already finished")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self.stdout.write(schedules.report(*ensure_schedule(), "daily"))
            return
        on = date_option(options, "date")
        run = reminders_run(on, force=options["force"])
        self.stdout.write(f"{run.counts.get('sent', 0)} reminder(s) sent for {run.day} (attempt {run.attempts}).")
