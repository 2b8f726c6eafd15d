"""Benchmark `import_cases` against the floor: the same rows stored raw, measured in the same run.

    .venv/bin/python bench/bench_import.py [--rows 100000] [--backend sqlite|postgres|both]

Generates N valid interchange rows (docs/interchange.md; 90% closed 2019-2024, 10% pending, ~10%
conversions, ~20% with an excluded period) and, on a fresh database per backend (a SQLite file; on PostgreSQL
the database `fanjian_bench`, created and dropped):

- the floor: cases.csv and periods.csv read and stored as they are into bare tables (text columns, no index, no
  constraint): one `executemany` per file in one transaction on SQLite, `COPY … FROM STDIN (FORMAT csv)`
  (psycopg 3 `cursor.copy`) on PostgreSQL;
- ours: `cases_import` of the same two files (complete validation, term ledgers, events, all-or-nothing).

Prints rows/s of both and the ratio ours ÷ floor (time), the peak resident memory (getrusage), and checks the
import is complete (cases, periods and events counted in the database). Target (issue 15): within 5x.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

import common

TARGET = "issue 15: within 5x of the floor at 1,000,000 rows, bounded memory"


def floor(cases: Path, periods: Path) -> tuple[float, int, int]:
    """Seconds to store both files' rows raw into bare tables, and the rows stored (cases, periods)."""
    from django.db import connection, transaction

    tables = {}
    for name, path in (("bench_floor_cases", cases), ("bench_floor_periods", periods)):
        with path.open(encoding="utf-8", newline="") as f:
            tables[name] = (path, next(csv.reader(f)))
    with connection.cursor() as cursor:
        for name, (_path, header) in tables.items():
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
            cursor.execute(f"CREATE TABLE {name} ({', '.join(f'{c} text' for c in header)})")
    connection.ensure_connection()
    raw = connection.connection
    started = time.perf_counter()
    with transaction.atomic():
        for name, (path, header) in tables.items():
            if connection.vendor == "postgresql":
                with raw.cursor() as cursor, path.open("rb") as f, \
                        cursor.copy(f"COPY {name} FROM STDIN (FORMAT csv, HEADER true)") as copy:
                    while block := f.read(1 << 20):
                        copy.write(block)
            else:
                with path.open(encoding="utf-8", newline="") as f:
                    reader = csv.reader(f)
                    next(reader)
                    marks = ", ".join("?" * len(header))
                    raw.executemany(f"INSERT INTO {name} VALUES ({marks})", reader)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        counts = []
        for name in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {name}")
            counts.append(cursor.fetchone()[0])
            cursor.execute(f"DROP TABLE {name}")
    return seconds, counts[0], counts[1]


def measure(rows: int) -> list[dict]:
    """Floor and import of `rows` generated rows on the database Django is set up on (fresh: no court yet)."""
    from court.cases.interchange.importer import cases_import
    from court.cases.models import Case, CaseEvent, CasePeriod

    backend = common.vendor()
    started = time.perf_counter()
    cases, periods, n_periods = common.files(rows)
    common.note(f"[{backend}] generated {rows:,} cases and {n_periods:,} periods in "
                f"{time.perf_counter() - started:.1f} s")
    floor_s, floor_cases, floor_periods = floor(cases, periods)
    assert (floor_cases, floor_periods) == (rows, n_periods), (floor_cases, floor_periods)
    rss_before = common.peak_rss_mb()

    started, cpu_started = time.perf_counter(), time.process_time()
    result = cases_import(cases_path=cases, periods_path=periods)
    ours_s, ours_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = common.peak_rss_mb()
    stored = Case.objects.filter(court__code=common.COURT).count()
    stored_periods = CasePeriod.objects.filter(case__court__code=common.COURT).count()
    events = CaseEvent.objects.count()
    complete = result.created == rows and stored == rows and stored_periods == n_periods and events >= rows
    common.note(f"[{backend}] import complete: {stored:,} of {rows:,} cases, {stored_periods:,} of {n_periods:,} "
                f"periods, {events:,} events -> {'yes' if complete else 'NO'}")
    if not complete:
        raise SystemExit(f"[{backend}] the import is incomplete")
    floor_name = "COPY" if backend == "postgres" else "executemany"
    common.note(f"[{backend}] ours {rows / ours_s:,.0f} rows/s, floor ({floor_name}) {rows / floor_s:,.0f} rows/s; "
                f"peak RSS {peak:.0f} MB (before the import {rss_before:.0f} MB); "
                f"this process's CPU during the import {ours_cpu:.1f} s (the database server's not counted)")
    return [common.figure("import", backend, "import_cases", ours=ours_s, floor=floor_s, size=f"{rows:,} rows",
                          floor_name=f"{floor_name} of the same rows", target=TARGET,
                          ours_rows_per_s=rows / ours_s, floor_rows_per_s=rows / floor_s, peak_rss_mb=peak,
                          rss_before_mb=rss_before, periods=n_periods, events=events, ours_cpu_s=ours_cpu)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # A database of its own when several benchmarks share the server (BENCH_PG_DB; dropped afterwards too).
    common.PG_BENCH_DB = os.environ.get("BENCH_PG_DB", common.PG_BENCH_DB)
    if args.worker:
        common.django_setup()
        measure(args.rows)
        return
    for backend in common.backends(args.backend):
        with common.database(backend) as env:
            common.run_child([__file__, "--worker", "--rows", str(args.rows)], env)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
