"""`manage.py restore PATH [--replace]`: put a backup back (court/ops/backup.py)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from court.commands import BaseCommand
from court.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup archive into this database (migrated to the same release) and the case-file storage. "
            "Refuses a database that already holds cases unless --replace is given.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--replace", action="store_true",
                            help="Replace every row of this database (and differing files) with the backup's.")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["path"].is_file():
            raise CommandError(f"{options['path']}: no such file.")
        started = time.monotonic()
        try:
            summary = restore(options["path"], using=options["database"], replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {summary.total_rows} rows of {len(summary.rows)} tables and {summary.files} "
                          f"case files in {time.monotonic() - started:.1f} s.")
