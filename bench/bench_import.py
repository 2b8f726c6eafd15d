"""Benchmark `import_cases`: N synthetic interchange rows into a fresh database, against a per-row baseline.

    .venv/bin/python bench/bench_import.py [--rows 200000] [--baseline-rows 2000] [--periods-share 0.2]

Runs on a fresh SQLite file, and also on a fresh PostgreSQL database when DATABASE_URL is set (a
temporary database is created on that server and dropped afterwards). Prints rows/second of the bulk
import, the baseline (the same validation, then `Case.objects.create` plus one `create` per event and
period for each row, on a sample, extrapolated per row), their ratio, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CAUSES = ["民间借贷纠纷", "买卖合同纠纷", "离婚纠纷", "机动车交通事故责任纠纷", "劳务合同纠纷", "物业服务合同纠纷"]
MODES = ["judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "other"]


def generate(path: Path, periods_path: Path, rows: int, *, court: str, seed: int, periods_share: float) -> int:
    """Write `rows` valid cases (closed 2019-2024 and pending 2025) and their periods; returns period rows."""
    from court.cases.interchange.columns import CASE_COLUMNS, PERIOD_COLUMNS

    rng = random.Random(seed)
    serials: dict[int, int] = {}
    n_periods = 0
    with path.open("w", encoding="utf-8", newline="") as f, periods_path.open("w", encoding="utf-8", newline="") as g:
        cases, periods = csv.writer(f, lineterminator="\n"), csv.writer(g, lineterminator="\n")
        cases.writerow(CASE_COLUMNS)
        periods.writerow(PERIOD_COLUMNS)
        for i in range(rows):
            pending = rng.random() < 0.1
            filed = date(2025, 6, 1) + timedelta(days=rng.randrange(180)) if pending else \
                date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
            year = filed.year
            serials[year] = serial = serials.get(year, 0) + 1
            number = f"（{year}）{court}民初{serial}号" if i % 2 else f"({year}){court}民初{serial}号"
            initial = rng.choice(["small_claims", "simple", "simple", "ordinary"])
            converted = final = closed = mode = ""
            if initial != "ordinary" and rng.random() < 0.1:
                converted_on = filed + timedelta(days=rng.randrange(10, 60))
                converted = converted_on.isoformat()
            if not pending:
                closed_on = filed + timedelta(days=rng.randrange(61, 200))
                closed = closed_on.isoformat()
                final = "ordinary" if converted else initial
                mode = rng.choice(MODES)
            foreign = rng.random() < 0.01
            cases.writerow([
                number, "民初", court, rng.choice(CAUSES), filed.isoformat(), rng.randrange(0, 500000),
                rng.randint(1, 3), rng.randint(1, 4), rng.randint(0, 1), rng.choice(["person", "entity", "mixed"]),
                rng.choice(["person", "entity", "mixed"]), rng.choice(["true", "false"]), rng.choice(["1", "0"]),
                "false", "true" if foreign else "false", rng.choice(["true", "false"]), rng.randint(0, 30),
                rng.choice(["", "false", "true"]), initial, final, converted, closed, mode,
                f"judge{rng.randrange(40)}", f"T{rng.randrange(20)}",
            ])
            if rng.random() < periods_share:
                start = filed + timedelta(days=rng.randrange(5, 40))
                periods.writerow([number, rng.choice(["appraisal", "publication", "settlement"]), start.isoformat(),
                                  (start + timedelta(days=rng.randrange(5, 30))).isoformat(), ""])
                n_periods += 1
    return n_periods


def baseline(cases_path: Path, periods_path: Path) -> float:
    """Seconds per row: the importer's validation pass, then a plain create per case, event and period."""
    from django.db import transaction
    from django.db.models import Model

    from court.cases.interchange import validate, write
    from court.cases.interchange.plan import no_progress
    from court.cases.models import Case, CaseEvent, CasePeriod
    from court.cases.term import today

    start = time.perf_counter()
    plan = validate.plan_import(cases_path=cases_path, periods_path=periods_path, ignore_unknown=False,
                                as_of=today(), progress=no_progress)
    assert plan.spill is not None and plan.periods is not None
    with transaction.atomic():
        write.ensure_org(plan, "")
        for batch, _existing in plan.spill:
            for row, suspended in batch:
                values = write.case_values(row, plan, None, suspended)
                case: Model = Case(heard=row.closing_mode == "judgment", **values)
                case.save()
                for p in plan.periods.get(row.case_number, ()):
                    CasePeriod.objects.create(case=case, kind=p.kind, start_on=p.start_on, end_on=p.end_on,
                                              months=p.months)
                for event in write.events_for(values, row, None, plan.file_name, plan.as_of):
                    CaseEvent.objects.create(case=case, **event)
    plan.spill.close()
    return (time.perf_counter() - start) / max(plan.rows, 1)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker(args: argparse.Namespace) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "court.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from court.cases.interchange.importer import cases_import
    from court.cases.models import Case, CaseEvent

    call_command("migrate", verbosity=0)
    work = Path(args.workdir)
    cases, periods = work / "cases.csv", work / "periods.csv"
    t0 = time.perf_counter()
    n_periods = generate(cases, periods, args.rows, court="陕0122", seed=1, periods_share=args.periods_share)
    gen_seconds = time.perf_counter() - t0
    sample, sample_periods = work / "sample.csv", work / "sample_periods.csv"
    generate(sample, sample_periods, args.baseline_rows, court="陕0123", seed=2, periods_share=args.periods_share)
    per_row_baseline = baseline(sample, sample_periods)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    result = cases_import(cases_path=cases, periods_path=periods)
    seconds, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert result.created == args.rows, result
    assert Case.objects.filter(court__code="陕0122").count() == args.rows
    rate = args.rows / seconds
    print(json.dumps({
        "backend": connection.vendor, "rows": args.rows, "periods": n_periods, "events": result.events,
        "generate_seconds": round(gen_seconds, 1), "import_seconds": round(seconds, 1), "rows_per_second": round(rate),
        "baseline_rows": args.baseline_rows, "baseline_rows_per_second": round(1 / per_row_baseline),
        "speed_ratio": round(rate * per_row_baseline, 1),
        "projected_1m_seconds": round(1_000_000 / rate), "projected_1m_baseline_seconds": round(1_000_000 * per_row_baseline),
        "import_cpu_seconds": round(cpu, 1), "rows_per_cpu_second": round(args.rows / cpu),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "peak_rss_mb": round(peak_kb / 1024), "rss_before_import_mb": round(rss_before / 1024),
        "total_events": CaseEvent.objects.count(),
    }))


def run(backend: str, args: argparse.Namespace) -> None:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as work:
        dropdb = None
        if backend == "sqlite":
            env["DATABASE_URL"] = ""
            env["SQLITE_PATH"] = str(Path(work) / "bench.sqlite3")
        else:
            import psycopg

            base = os.environ["DATABASE_URL"]
            name = f"bench_import_{os.getpid()}"
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + name

            def dropdb() -> None:
                with psycopg.connect(base, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        try:
            cmd = [sys.executable, __file__, "--worker", "--workdir", work, "--rows", str(args.rows),
                   "--baseline-rows", str(args.baseline_rows), "--periods-share", str(args.periods_share)]
            out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
            if out.returncode:
                sys.exit(f"[{backend}] the benchmark failed:\n{out.stderr}")
            figures = json.loads(out.stdout.strip().splitlines()[-1])
        finally:
            if dropdb is not None:
                dropdb()
    print(f"[{figures['backend']}] {figures['rows']:,} cases, {figures['periods']:,} periods, "
          f"{figures['events']:,} events in {figures['import_seconds']} s = {figures['rows_per_second']:,} rows/s")
    print(f"  baseline (create per row, {figures['baseline_rows']:,}-row sample): "
          f"{figures['baseline_rows_per_second']:,} rows/s -> bulk import is {figures['speed_ratio']}x faster")
    print(f"  projected for 1,000,000 rows: {figures['projected_1m_seconds']:,} s bulk, "
          f"{figures['projected_1m_baseline_seconds']:,} s baseline")
    print(f"  import CPU {figures['import_cpu_seconds']} s = {figures['rows_per_cpu_second']:,} rows per CPU second; "
          f"load average {figures['load_average']}")
    print(f"  peak RSS {figures['peak_rss_mb']} MB (before the import: {figures['rss_before_import_mb']} MB)")
    print("  " + json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--baseline-rows", type=int, default=2_000)
    parser.add_argument("--periods-share", type=float, default=0.2)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    if args.backend in ("sqlite", "all"):
        run("sqlite", args)
    if args.backend in ("postgres", "all") and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        run("postgres", args)


if __name__ == "__main__":
    main()
