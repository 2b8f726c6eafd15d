"""`make demo`'s set-up in one process: migrate, the demo court, the task schedules (each a management command
of its own too). One Python start-up instead of five: on a 2-core machine each costs seconds."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser

from court.commands import BaseCommand

#: The commands `make demo` runs before it serves, in order (name, options).
STEPS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("triage_schedule", {}),
    ("metrics_schedule", {}),
    ("notice_reminders", {"schedule": True}),
    ("nightly", {"schedule": True}),
)


class Command(BaseCommand):
    help = "Migrate, generate the demo court (--if-empty) and schedule the periodic tasks: make demo's set-up."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=2023)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0, stdout=self.stdout)
        migrated = time.monotonic()
        call_command("generate_demo", cases=options["cases"], seed=options["seed"], if_empty=True,
                     stdout=self.stdout, stderr=self.stderr)
        generated = time.monotonic()
        for name, kwargs in STEPS:
            call_command(name, stdout=self.stdout, **kwargs)
        self.stdout.write(f"Set up in {time.monotonic() - started:.0f} s: migrate {migrated - started:.0f} s, "
                          f"demo court {generated - migrated:.0f} s, schedules {time.monotonic() - generated:.0f} s.")
