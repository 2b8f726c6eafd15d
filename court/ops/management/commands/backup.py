"""`manage.py backup PATH`: the database and every stored file in one archive (court/ops/backup.py)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from court.commands import BaseCommand
from court.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database, the case files and the model registry into one .tar.gz archive."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path, help="Where to write the archive, e.g. var/backups/court-2026-12-01.tar.gz")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            summary = backup(options["path"], using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Wrote {options['path']}: {summary.total_rows} rows of {len(summary.rows)} tables, "
                          f"{summary.files} case files ({summary.bytes} bytes) in {time.monotonic() - started:.1f} s.")
