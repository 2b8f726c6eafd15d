"""Benchmark the metrics engine: N synthetic cases in a fresh database, against a Python-loop baseline.

    .venv/bin/python bench/bench_metrics.py [--rows 200000 | --rows 1000000] [--repeat 3] [--keep PATH] [--cover-index]
                                            [--backend sqlite|postgres|all]

Runs on a fresh SQLite file (in /dev/shm when there is one), and also on a fresh PostgreSQL database when
DATABASE_URL is set (a temporary database created on that server and dropped afterwards); each backend
runs in its own process.

Bulk-inserts N 民初 cases of one court (filed 2019-2024, ~8% pending, eight teams and judges, twenty
causes, ~15% conversions, ~3% extensions, ~1% foreign-related) with their materialised term fields, then
times, for the one-year window 2023-01-01..2023-12-31:

- `engine.figures` (the totals of metrics.md) and `engine.report` (the dashboard: totals, twelve months,
  breakdowns by team, judge, cause and procedure, pending buckets), best of --repeat runs;
- the baseline measured in the same run: the same figures from a plain Python loop over every row of the
  population (one `values_list` fetch, then counters per group), and checks that both agree.

Prints the load average, the timings, the ratios baseline / engine, and the query plans of the report's
queries (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WINDOW_START, WINDOW_END = date(2023, 1, 1), date(2023, 12, 31)
BASE_MONTHS = {"small_claims": 2, "simple": 3, "ordinary": 6}
MODES = ["judgment"] * 50 + ["mediation"] * 25 + ["withdrawal"] * 15 + ["deemed_withdrawal"] * 4 + \
        ["dismissal"] * 3 + ["transfer", "termination", "other"]


def setup_django(db_path: str | None) -> None:
    """SQLite at `db_path`, or (None) the PostgreSQL database of DATABASE_URL."""
    if db_path is not None:
        os.environ["SQLITE_PATH"] = db_path
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "court.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # a throw-away database: no need to wait for the disk
            cursor.execute("PRAGMA synchronous=OFF")


def populate(rows: int, seed: int) -> tuple[int, float]:
    """Insert `rows` cases with bulk_create; returns the court id and the seconds it took."""
    from django.db import transaction

    from court.cases.models import Case, Cause
    from court.org.models import Court, Role, Team, User
    from court.rules.terms import add_months

    started = time.perf_counter()
    rng = random.Random(seed)
    court = Court.objects.create(code="陕0122", name="蓝田县人民法院", province="陕")
    teams = [Team.objects.create(court=court, code=f"T{i}", name=f"审判团队{i}") for i in range(8)]
    judges = [User.objects.create(username=f"judge{i}", role=Role.JUDGE, court=court, team=teams[i]) for i in range(8)]
    causes = list(Cause.objects.order_by("pk")[:20])
    batch: list[Case] = []
    for i in range(rows):
        filed = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
        initial = rng.choices(["small_claims", "simple", "ordinary"], [25, 55, 20])[0]
        converted = initial != "ordinary" and rng.random() < 0.15
        procedure = "ordinary" if converted else initial
        foreign = rng.random() < 0.01
        pending = rng.random() < 0.08 and filed.year >= 2023
        excluded = rng.choice([0] * 8 + [15, 40])
        net = max(1, int(rng.lognormvariate(4.0, 0.7)))
        elapsed = net + excluded
        closed = None if pending else filed + timedelta(days=elapsed)
        extension = rng.choice([1, 3]) if rng.random() < 0.03 and not foreign else 0
        normal = None if foreign else add_months(filed, BASE_MONTHS[procedure]) + timedelta(days=excluded)
        extended = None if foreign else add_months(filed, BASE_MONTHS[procedure] + extension) + timedelta(days=excluded)
        team_index = rng.randrange(8)
        batch.append(Case(
            court=court, case_type="民初", case_number=f"（{filed.year}）陕0122民初{i + 1}号", year=filed.year,
            serial=i + 1, cause=causes[rng.randrange(len(causes))], filed_on=filed, closed_on=closed,
            closing_mode=rng.choice(MODES) if closed else "", state="closed" if closed else "accepted",
            procedure=procedure, initial_procedure=initial, foreign_related=foreign,
            converted_on=filed + timedelta(days=min(20, net)) if converted else None,
            team=teams[team_index], judge=judges[team_index],
            elapsed_days=elapsed if closed else None, excluded_days=excluded if closed else None,
            net_trial_days=net if closed else None, extension_months=extension,
            normal_deadline=normal, extended_deadline=extended,
            within_normal_term=None if foreign or not closed else closed <= normal,
            within_term=None if foreign or not closed else closed <= extended,
            term_as_of=closed,
        ))
        if len(batch) == 20_000:
            with transaction.atomic():
                Case.objects.bulk_create(batch)
            batch = []
    if batch:
        with transaction.atomic():
            Case.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return court.pk, time.perf_counter() - started


def baseline(court_id: int) -> dict[str, Any]:
    """The dashboard's figures from a plain Python loop over every row of the population."""
    from court.cases.models import Case
    from court.metrics import engine

    window = engine.Window(WINDOW_START, WINDOW_END)
    months = window.months()
    m12 = {m.end: engine.add_months(m.end, -12) for m in months}
    end_12 = engine.add_months(window.end, -12)
    rows = Case.objects.filter(court_id=court_id, case_type="民初").values_list(
        "filed_on", "closed_on", "closing_mode", "procedure", "initial_procedure", "converted_on", "foreign_related",
        "within_normal_term", "within_term", "extension_months", "net_trial_days", "elapsed_days",
        "team_id", "judge_id", "cause_id")
    received: dict[Any, int] = defaultdict(int)
    closed: dict[Any, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    pending: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    days: dict[Any, list[int]] = defaultdict(list)
    for (filed, closed_on, mode, procedure, initial, converted, foreign, in_normal, in_term, ext, net, elapsed,
         team, judge, cause) in rows.iterator(chunk_size=10_000):
        if filed is None:
            continue
        groups = [("total", None), ("team", team), ("judge", judge), ("cause", cause), ("procedure", procedure)]
        if WINDOW_START <= filed <= WINDOW_END:
            for g in groups + [("month", (filed.year, filed.month))]:
                received[g] += 1
        if closed_on is not None and WINDOW_START <= closed_on <= WINDOW_END:
            for g in groups + [("month", (closed_on.year, closed_on.month))]:
                c = closed[g]
                c["n_closed"] += 1
                c["n_mediation_withdrawal"] += mode in ("mediation", "withdrawal", "deemed_withdrawal")
                c["n_mediation"] += mode == "mediation"
                c["n_simple_procedure"] += procedure in ("simple", "small_claims")
                c["n_small_claims"] += procedure == "small_claims"
                c["n_converted"] += converted is not None
                c["n_initially_not_ordinary"] += initial != "ordinary"
                if not foreign:
                    c["n_with_term"] += 1
                    c["n_in_normal_term"] += in_normal is True
                    c["n_in_term"] += in_term is True
                    c["n_extension"] += ext > 0
                if net is not None:
                    c["sum_trial"] += net
                    c["cnt_trial"] += 1
                    for n in (90, 180, 365):
                        c[f"n_within_{n}_days"] += net <= n
                    days[g].append(net)
                if elapsed is not None:
                    c["sum_elapsed"] += elapsed
                    c["cnt_elapsed"] += 1
        if filed <= WINDOW_END and (closed_on is None or closed_on > WINDOW_END):
            for g in groups:
                pending[g]["n_pending"] += 1
                pending[g]["n_over_12_months"] += filed < end_12
        for m in months:
            if filed <= m.end and (closed_on is None or closed_on > m.end):
                key = ("month", (m.end.year, m.end.month))
                pending[key]["n_pending"] += 1
                pending[key]["n_over_12_months"] += filed < m12[m.end]

    def pct(values: list[int]) -> dict[str, float]:
        values.sort()
        out = {}
        for key, p in engine.PERCENTILES.items():
            position = p * (len(values) - 1)
            lo = int(position)
            hi = min(lo + 1, len(values) - 1)
            out[key] = float(values[lo] + (values[hi] - values[lo]) * (position - lo))
        return out

    result: dict[Any, dict[str, Any]] = {}
    for g in set(received) | set(closed) | set(pending):
        c = dict(closed.get(g, {}))
        span = window.days
        if g[0] == "month":
            span = next(m.days for m in months if (m.end.year, m.end.month) == g[1])
        result[g] = engine.assemble(received=received.get(g, 0), closed=c or None, pending=pending.get(g),
                                    percentiles=pct(days[g]) if days.get(g) else None, days=span)
    return result


def compare(engine_report: Any, base: dict[Any, dict[str, Any]]) -> list[str]:
    """Differences between the engine's report and the baseline (empty when they reconcile)."""
    import math

    problems = []

    def same(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)

    checks = [(("total", None), engine_report.totals)]
    for by, rows in engine_report.breakdowns.items():
        checks += [((by, row.key), row.figures) for row in rows]
    checks += [(("month", (row.key.year, row.key.month)), row.figures) for row in engine_report.monthly]
    for key, figures in checks:
        expected = base.get(key)
        for name in ("received", "closed", "pending_at_end", "mediation_withdrawal_rate", "conversion_rate",
                     "avg_trial_days", "median_trial_days", "p90_trial_days", "in_normal_term_rate",
                     "in_term_rate", "disposition_time_days", "over_12_months_pending_rate", "within_180_days_rate"):
            got = figures[name]
            want = expected[name] if expected else (0 if name in ("received", "closed", "pending_at_end") else None)
            if not same(got, want):
                problems.append(f"{key} {name}: engine {got!r}, baseline {want!r}")
    return problems


def best_of(repeat: int, fn: Any) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - started)
    return best, value


def plans(court_id: int) -> list[str]:
    """The plan of every query `engine.report` runs (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from court.metrics import engine

    with CaptureQueriesContext(connection) as ctx:
        engine.report(engine.Filters(court_id=court_id), engine.Window(WINDOW_START, WINDOW_END))
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    out = []
    for i, query in enumerate(ctx.captured_queries, 1):
        sql = query["sql"]
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")) or "django_" in sql or '"org_' in sql \
                or "cases_cause" in sql:
            continue  # labels (teams, judges, causes) are look-ups by primary key
        with connection.cursor() as cursor:
            cursor.execute(explain + sql)
            lines = [str(row[-1] if connection.vendor == "sqlite" else row[0]).strip() for row in cursor.fetchall()]
        out.append(f"query {i} ({float(query['time']) * 1000:.0f} ms; {sql[:60]}...): " + " | ".join(lines))
    return out


COVER_INDEX = ("CREATE INDEX case_metrics_closed_cover ON cases_case (court_id, case_type, closed_on, filed_on, "
               "net_trial_days, team_id, judge_id, cause_id, procedure)")


def bench(args: argparse.Namespace) -> None:
    """Populate, time and compare on the database set up for this process."""
    from court.metrics import engine

    court_id, seconds = populate(args.rows, args.seed)
    from django.db import connection

    print(f"[{connection.vendor}] inserted {args.rows:,} cases in {seconds:.1f} s (bulk_create); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    filters = engine.Filters(court_id=court_id)
    window = engine.Window(WINDOW_START, WINDOW_END)
    t_figures, totals = best_of(args.repeat, lambda: engine.figures(filters, window))
    t_report, report = best_of(args.repeat, lambda: engine.report(filters, window))
    t_base, base = best_of(1, lambda: baseline(court_id))
    problems = compare(report, base)
    print(f"window {window.start} – {window.end}: received {totals['received']:,}, closed {totals['closed']:,}, "
          f"pending {totals['pending_at_end']:,}")
    print(f"engine.figures (totals):        {t_figures * 1000:9.1f} ms")
    print(f"engine.report (dashboard):      {t_report * 1000:9.1f} ms")
    print(f"baseline (Python loop, all):    {t_base * 1000:9.1f} ms")
    print(f"ratio baseline / engine.report: {t_base / t_report:9.1f} x")
    print(f"ratio baseline / engine.figures:{t_base / t_figures:9.1f} x")
    print(f"load average after the timings: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("reconciles with the baseline: " + ("yes" if not problems else f"NO ({len(problems)} differences)"))
    for line in problems[:20]:
        print("  " + line)
    for line in plans(court_id):
        print("plan " + line)
    if args.cover_index:
        with connection.cursor() as cursor:
            cursor.execute(COVER_INDEX)
            cursor.execute("ANALYZE")
        t_figures, _ = best_of(args.repeat, lambda: engine.figures(filters, window))
        t_report, _ = best_of(args.repeat, lambda: engine.report(filters, window))
        print(f"with the covering index: figures {t_figures * 1000:.1f} ms, report {t_report * 1000:.1f} ms, "
              f"ratio baseline / report {t_base / t_report:.1f} x")


def run_postgres(args: argparse.Namespace) -> None:
    """The same benchmark in a child process on a temporary database of the DATABASE_URL server."""
    import psycopg

    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    admin, name = server + "/postgres", f"bench_metrics_{os.getpid()}"  # the maintenance database creates ours
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {**os.environ, "DATABASE_URL": f"{server}/{name}"}
        cmd = [sys.executable, __file__, "--worker", "--rows", str(args.rows), "--repeat", str(args.repeat),
               "--seed", str(args.seed), *(["--cover-index"] if args.cover_index else [])]
        subprocess.run(cmd, env=env, cwd=ROOT, check=True)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--keep", help="Keep the SQLite database at this path (default: a temporary file).")
    parser.add_argument("--cover-index", action="store_true",
                        help="Also time with the covering index suggested for the closed-case scans.")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "all"], default="all",
                        help="postgres (and all) need DATABASE_URL=postgres://...; all skips it without one.")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)  # PostgreSQL child process
    args = parser.parse_args()
    if args.worker:
        setup_django(None)
        bench(args)
        return
    has_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if args.backend in ("sqlite", "all"):
        if args.backend == "all" and has_postgres:
            # Django is set up once per process: SQLite runs in a child so PostgreSQL can follow here.
            cmd = [sys.executable, __file__, "--backend", "sqlite", "--rows", str(args.rows), "--repeat",
                   str(args.repeat), "--seed", str(args.seed), *(["--cover-index"] if args.cover_index else []),
                   *(["--keep", args.keep] if args.keep else [])]
            subprocess.run(cmd, cwd=ROOT, check=True)
        else:
            run_sqlite(args)
    if args.backend in ("postgres", "all") and has_postgres:
        run_postgres(args)
    elif args.backend == "postgres":
        sys.exit("--backend postgres needs DATABASE_URL=postgres://...")


def run_sqlite(args: argparse.Namespace) -> None:
    shm = "/dev/shm" if Path("/dev/shm").is_dir() else None  # in memory: time the engine, not the disk
    with tempfile.TemporaryDirectory(dir=shm) as work:
        db_path = args.keep or str(Path(work) / "bench_metrics.sqlite3")
        if args.keep and Path(db_path).exists():
            Path(db_path).unlink()
        setup_django(db_path)
        bench(args)


if __name__ == "__main__":
    main()
