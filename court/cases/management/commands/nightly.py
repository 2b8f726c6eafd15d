"""Run the nightly jobs now (term ledgers, publications served, asynchronous hearings closed, alerts:
court/cases/jobs.py), or with `--schedule` create (or keep) the daily django-q2 schedule that runs them at
01:30 court time."""

from __future__ import annotations

from typing import Any

from django_q.models import Schedule

from court import schedules
from court.cases.jobs import nightly
from court.commands import BaseCommand, date_option

SCHEDULE_NAME = "cases-nightly"
FUNC = "court.cases.jobs.nightly"


#: 01:30 tomorrow (court time)
first_run = schedules.tomorrow_at(1, 30)


def ensure_schedule() -> tuple[Schedule, bool]:
    return schedules.ensure_schedule(SCHEDULE_NAME, FUNC, Schedule.DAILY, first_run)


class Command(BaseCommand):
    help = ("Run the nightly jobs (term ledgers, publications served, asynchronous hearings closed, alerts) for a "
            "day, once per day unless --force; or --schedule them daily (idempotent).")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--schedule", action="store_true", help="create the daily schedule instead")
        parser.add_argument("--date", help="run for this day (YYYY-MM-DD), e.g. a missed night")
        parser.add_argument("--force", action="store_true", help="run again a job already finished for the day")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self.stdout.write(schedules.report(*ensure_schedule(), "daily"))
            return
        day = date_option(options, "date")
        for run in nightly(day, force=options["force"]):
            counts = ", ".join(f"{k} {v}" for k, v in sorted(run.counts.items())) or "nothing to do"
            self.stdout.write(f"{run.job} {run.day} (attempt {run.attempts}): {counts}.")
