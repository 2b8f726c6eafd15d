"""Benchmark `court_metrics` for a year against one hand-written SQL aggregation over the same rows.

    .venv/bin/python bench/bench_metrics.py [--rows 100000] [--repeat 5] [--backend sqlite|postgres|both]
                                            [--sqlite-file PATH] [--pg-db NAME]

On a fresh database per backend (a SQLite file; on PostgreSQL the database `fanjian_bench` or $BENCH_PG_DB,
created and dropped), or on a kept one (--sqlite-file PATH, or --pg-db NAME: created if missing, never dropped,
so a second run skips the import), stores N generated cases through the importer (untimed; the same rows as
bench_import.py), then times, for the year 2023 of the court, best of --repeat:

- ours: `manage.py court_metrics --from 2023-01-01 --to 2023-12-31 --court 陕0122 --json` (call_command: every
  figure of metrics.md), `engine.report` (the dashboard's data: totals, months, breakdowns) and the dashboard's
  first uncached load (GET /metrics/ for 2023 through Django's test Client as the court's administrator, the
  report cache off: this year's report, last year's for the comparison, and the page);
- the floor: ONE hand-written SQL aggregation computing the four headline figures (调撤率, 简易程序适用率,
  平均审理天数, 法定正常审限内结案率) over the cases closed in the year.

Checks that the four figures agree and prints the ratios ours ÷ floor. Target (issue 15): within 3x of the
floor, and under 2 s on PostgreSQL at 1,000,000 cases.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import common

START, END = date(2023, 1, 1), date(2023, 12, 31)
TARGET = "issue 15: within 3x of one SQL aggregation; under 2 s on PostgreSQL at 1,000,000 cases"

FLOOR_SQL = """
SELECT COUNT(*),
       SUM(CASE WHEN c.closing_mode IN ('mediation', 'withdrawal', 'deemed_withdrawal') THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.procedure IN ('simple', 'small_claims') THEN 1 ELSE 0 END),
       SUM(c.net_trial_days), COUNT(c.net_trial_days),
       SUM(CASE WHEN NOT c.foreign_related THEN 1 ELSE 0 END),
       SUM(CASE WHEN NOT c.foreign_related AND c.within_normal_term THEN 1 ELSE 0 END)
FROM cases_case c JOIN org_court o ON o.id = c.court_id
WHERE o.code = %s AND c.case_type = %s AND c.closed_on >= %s AND c.closed_on <= %s
"""
HEADLINE = ("mediation_withdrawal_rate", "simple_procedure_rate", "avg_trial_days", "in_normal_term_rate")


def floor_figures() -> dict[str, float | None]:
    """The four headline figures from the one hand-written query."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, [common.COURT, "民初", START, END])
        closed, med_wd, simple, sum_days, cnt_days, with_term, in_normal = cursor.fetchone()

    def rate(n: int | None, d: int | None) -> float | None:
        return (n or 0) / d if d else None

    return {"mediation_withdrawal_rate": rate(med_wd, closed), "simple_procedure_rate": rate(simple, closed),
            "avg_trial_days": rate(sum_days, cnt_days), "in_normal_term_rate": rate(in_normal, with_term)}


def court_metrics() -> dict:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("court_metrics", "--from", START.isoformat(), "--to", END.isoformat(), "--court", common.COURT,
                 "--json", stdout=out)
    return json.loads(out.getvalue())


def measure(rows: int, repeat: int) -> list[dict]:
    """Time court_metrics, engine.report and the floor on the database Django is set up on."""
    from django.db import connection

    from court.metrics import engine
    from court.metrics.population import Filters, Window
    from court.org.models import Court

    backend = common.vendor()
    common.populate(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    court_metrics()  # warm: the command's imports and the first connection
    floor_s, floor = common.best_of(repeat, floor_figures)
    ours_s, ours = common.best_of(repeat, court_metrics)
    filters = Filters(court_id=Court.objects.get(code=common.COURT).pk)
    report_s, _report = common.best_of(repeat, lambda: engine.report(filters, Window(START, END)))
    dashboard_s = time_dashboard(repeat)
    agree = all(ours[k] is not None and floor[k] is not None and math.isclose(ours[k], floor[k], rel_tol=1e-9)
                for k in HEADLINE)
    common.note(f"[{backend}] {ours['closed']:,} cases closed in 2023 of {rows:,}; headline figures "
                + ", ".join(f"{k} {ours[k]:.4f}" for k in HEADLINE)
                + f"; agree with the hand-written SQL: {'yes' if agree else 'NO'}")
    if not agree:
        raise SystemExit(f"[{backend}] court_metrics and the hand-written SQL disagree: {ours} vs {floor}")
    size = f"{rows:,} cases, year 2023"
    return [
        common.figure("metrics", backend, "court_metrics", ours=ours_s, floor=floor_s, size=size,
                      floor_name="one hand-written SQL aggregation", target=TARGET, closed=ours["closed"]),
        common.figure("metrics", backend, "engine.report (dashboard data)", ours=report_s, floor=floor_s, size=size,
                      floor_name="one hand-written SQL aggregation", target="issue 15: the dashboard likewise"),
        common.figure("metrics", backend, "dashboard, first uncached load", ours=dashboard_s, floor=floor_s,
                      size=size, floor_name="one hand-written SQL aggregation",
                      target="issue 15: the dashboard's first uncached load likewise"),
    ]


def time_dashboard(repeat: int) -> float:
    """Best server time of GET /metrics/ for 2023 as the court's administrator, the report cache off."""
    from django.test import Client, override_settings

    from court.org.models import Court, Role, User

    from bench_pages import as_a_server

    as_a_server()
    admin, _created = User.objects.get_or_create(username="bench_metrics_admin", defaults={
        "role": Role.ADMINISTRATOR, "court": Court.objects.get(code=common.COURT), "is_active": True})
    client = Client()
    client.force_login(admin)
    url = f"/metrics/?from={START.isoformat()}&to={END.isoformat()}"

    def load() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url}: {response.status_code}")

    with override_settings(FANJIAN_METRICS_CACHE_SECONDS=0):
        load()  # warm: templates, translations
        seconds, _none = common.best_of(repeat, load)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sqlite-file", type=Path, help="Keep the SQLite database in this file and reuse it on "
                        "the next run (filled only when it holds fewer than --rows cases); implies --backend sqlite.")
    parser.add_argument("--pg-db", help="Keep the PostgreSQL database of this name (created if missing, never "
                        "dropped) and reuse it on the next run; implies --backend postgres.")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    argv = [__file__, "--worker", "--rows", str(args.rows), "--repeat", str(args.repeat)]
    if args.worker:
        common.django_setup()
        measure(args.rows, args.repeat)
        return
    if args.sqlite_file:
        common.run_child(argv, kept_sqlite(args.sqlite_file.resolve()))
        return
    if args.pg_db:
        common.run_child(argv, kept_postgres(args.pg_db))
        return
    for backend in common.backends(args.backend):
        with common.database(backend) as env:
            common.run_child(argv, env)


def kept_sqlite(path: Path) -> dict[str, str]:
    """The environment of a worker on a SQLite file that outlives the run (its generated CSV files beside it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "court.settings", "DATABASE_URL": "", "SQLITE_PATH": str(path),
            "BENCH_WORKDIR": str(path.parent)}


def kept_postgres(name: str) -> dict[str, str]:
    """The environment of a worker on a PostgreSQL database that outlives the run (created here if missing;
    its generated CSV files in a directory of the same name under the system's temporary directory)."""
    import psycopg

    if not name.replace("_", "").isalnum() or name == common.PG_URL.rsplit("/", 1)[1]:
        raise SystemExit(f"--pg-db: {name!r} is not a plain database name of its own")
    with psycopg.connect(common.PG_URL, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    work = Path(tempfile.gettempdir()) / f"fanjian-bench-{name}"
    work.mkdir(exist_ok=True)
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "court.settings",
            "DATABASE_URL": f"{common.PG_URL.rsplit('/', 1)[0]}/{name}", "BENCH_WORKDIR": str(work)}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
