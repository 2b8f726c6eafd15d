"""Issue 14, faults: an import killed half-way (SIGKILL, no chance to clean up) leaves the database as it was,
and the same import then runs to the end. The importer runs as its own process against the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from bench.common import generate
from court.cases.models import Case, CaseEvent, CasePeriod

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalogue_present")]

ROWS = 20_000


def _database_url() -> str:
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(name).resolve()}"
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _writing_started(process: subprocess.Popen, wal: Path | None, wal_before: int) -> bool:
    """Whether the importer is inside its write transaction: its SQLite WAL grew, or PostgreSQL shows its
    connection in a transaction that has written."""
    if wal is not None:
        return wal.exists() and wal.stat().st_size > wal_before + (1 << 20)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'fanjian-fault' "
                       "AND backend_xid IS NOT NULL")
        return cursor.fetchone()[0] > 0


def _run(args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": _database_url(), "PGAPPNAME": "fanjian-fault",
           "FANJIAN_COMMAND_LANGUAGE": "en"}
    env.pop("SQLITE_TEST_PATH", None)
    return subprocess.Popen([sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_a_killed_import_leaves_the_database_as_before(shared_database, tmp_path):
    cases_csv, periods_csv = tmp_path / "cases.csv", tmp_path / "periods.csv"
    generate(cases_csv, periods_csv, ROWS)
    wal = Path(connection.settings_dict["NAME"] + "-wal") if connection.vendor == "sqlite" else None
    wal_before = wal.stat().st_size if wal is not None and wal.exists() else 0
    before = (Case.objects.count(), CaseEvent.objects.count(), CasePeriod.objects.count())

    process = _run(["import_cases", "--cases", str(cases_csv), "--periods", str(periods_csv)])
    deadline = time.monotonic() + 300
    while not _writing_started(process, wal, wal_before):
        assert process.poll() is None, process.stdout.read().decode()[-2000:]
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    connection.close()  # a new connection, as the next process would open
    assert (Case.objects.count(), CaseEvent.objects.count(), CasePeriod.objects.count()) == before

    again = _run(["import_cases", "--cases", str(cases_csv), "--periods", str(periods_csv)])
    output = again.communicate(timeout=900)[0].decode()
    assert again.returncode == 0, output[-2000:]
    assert Case.objects.count() == before[0] + ROWS
