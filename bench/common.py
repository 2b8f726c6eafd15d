"""What the benchmarks share: a throw-away database per backend, Django in a child process, the generated
interchange rows, and one way of reporting a figure against its floor.

Every figure is a line `RATIO <bench> [<backend>] <name>: ours …, floor …, ratio …x` for people and a line
`FIGURE {json}` for `run_all.py`. The ratio is always ours ÷ floor (time over time): 1.0x is the floor.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
PG_BENCH_DB = os.environ.get("BENCH_PG_DB") or "fanjian_bench"  # created and dropped here; never `test` itself
COURT = "陕0122"
CAUSES = ["民间借贷纠纷", "买卖合同纠纷", "离婚纠纷", "机动车交通事故责任纠纷", "劳务合同纠纷", "物业服务合同纠纷"]
MODES = ["judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "other"]
TEAMS = 20


# --- reporting -----------------------------------------------------------------------------------------------

def figure(bench: str, backend: str, name: str, *, ours: float, floor: float | None, unit: str = "s",
           size: str = "", floor_name: str = "", target: str = "", **extra: Any) -> dict[str, Any]:
    """Print one figure (ours, its floor and ours ÷ floor) and return it; `FIGURE` lines feed run_all.py."""
    ratio = ours / floor if floor else None
    fig = {"bench": bench, "backend": backend, "name": name, "size": size, "ours": ours, "floor": floor,
           "unit": unit, "ratio": ratio, "floor_name": floor_name, "target": target, **extra}
    where = f" [{backend}]" if backend else ""
    floor_text = f"floor ({floor_name}) {_fmt(floor, unit)}, ratio {ratio:.1f}x" if ratio is not None \
        else "no floor"
    print(f"RATIO {bench}{where} {name} ({size}): ours {_fmt(ours, unit)}, {floor_text}", flush=True)
    print("FIGURE " + json.dumps(fig, ensure_ascii=False), flush=True)
    return fig


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s" and value < 0.001:
        return f"{value * 1e6:.0f} µs"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:,.1f} {unit}"


def note(text: str) -> None:
    print("  " + text, flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - started)
    return best, value


def percentile(times: list[float], p: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


# --- databases -----------------------------------------------------------------------------------------------

def postgres_reachable() -> str | None:
    """None when the PostgreSQL server answers, else why not."""
    try:
        import psycopg

        psycopg.connect(PG_URL, connect_timeout=3).close()
    except Exception as exc:  # noqa: BLE001 - any failure means: skip PostgreSQL, with the reason
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return None


@contextlib.contextmanager
def database(backend: str) -> Iterator[dict[str, str]]:
    """The environment of a child process on a fresh database: a SQLite file in a temporary directory (in
    /dev/shm when there is one), or the database `fanjian_bench` on the PostgreSQL server, dropped afterwards."""
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "court.settings"
    if backend == "sqlite":
        shm = "/dev/shm" if Path("/dev/shm").is_dir() else None
        with tempfile.TemporaryDirectory(prefix="fanjian-bench-", dir=shm) as work:
            env["DATABASE_URL"] = ""
            env["SQLITE_PATH"] = str(Path(work) / "bench.sqlite3")
            env["BENCH_WORKDIR"] = work
            yield env
        return
    import psycopg

    server = PG_URL.rsplit("/", 1)[0]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')
    try:
        with tempfile.TemporaryDirectory(prefix="fanjian-bench-") as work:
            env["DATABASE_URL"] = f"{server}/{PG_BENCH_DB}"
            env["BENCH_WORKDIR"] = work
            yield env
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)')


def run_child(argv: list[str], env: dict[str, str], timeout: float | None = None) -> list[dict[str, Any]]:
    """Run a benchmark worker, echo its output and return its figures; raises on failure."""
    proc = subprocess.Popen([sys.executable, *argv], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    figures = []
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("FIGURE "):
            figures.append(json.loads(line[len("FIGURE "):]))
        else:
            print(line, end="", flush=True)
    if proc.wait(timeout=timeout):
        raise RuntimeError(f"{' '.join(argv)} failed with exit code {proc.returncode}")
    return figures


def backends(choice: str) -> list[str]:
    """The backends to run for --backend sqlite|postgres|both, PostgreSQL skipped with a message if unreachable."""
    out = ["sqlite"] if choice in ("sqlite", "both") else []
    if choice in ("postgres", "both"):
        why = postgres_reachable()
        if why is None:
            out.append("postgres")
        else:
            print(f"PostgreSQL at {PG_URL} is not reachable ({why}): skipping the PostgreSQL run", flush=True)
    return out


def django_setup() -> None:
    """In a worker: Django on the database of the environment, migrated (SQLite without waiting for the disk)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "court.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test Client's host, locmem e-mail
    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")


def vendor() -> str:
    from django.db import connection

    return "postgres" if connection.vendor == "postgresql" else connection.vendor


# --- the interchange rows --------------------------------------------------------------------------------------

def generate(path: Path, periods_path: Path, rows: int, *, court: str = COURT, seed: int = 1,
             periods_share: float = 0.2) -> int:
    """Write `rows` valid cases (90% closed 2019-2024, 10% pending, filed 2025) in the interchange format
    (docs/interchange.md) and their excluded periods (~`periods_share` of the cases); returns the period rows."""
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
                converted = (filed + timedelta(days=rng.randrange(10, 60))).isoformat()
            if not pending:
                closed = (filed + timedelta(days=rng.randrange(61, 200))).isoformat()
                final = "ordinary" if converted else initial
                mode = rng.choice(MODES)
            small, team = initial == "small_claims", rng.randrange(TEAMS)
            row = {
                "case_number": number, "case_type": "民初", "court_code": court,
                "cause": rng.choice(CAUSES[:2] if small else CAUSES), "filed_on": filed.isoformat(),
                "claim_amount": rng.randrange(1000, 20000) if small else rng.randrange(0, 500000),
                "plaintiffs": rng.randint(1, 3), "defendants": rng.randint(1, 4), "third_parties": rng.randint(0, 1),
                "plaintiff_kind": rng.choice(["person", "entity", "mixed"]),
                "defendant_kind": rng.choice(["person", "entity", "mixed"]),
                "defendant_address_known": "false" if initial == "ordinary" and rng.random() < 0.2 else "true",
                "e_service_consent": rng.choice(["1", "0"]), "appraisal_requested": "false",
                "foreign_related": "true" if rng.random() < 0.01 else "false",
                "lawyer_represented": rng.choice(["true", "false"]), "evidence_items": rng.randint(0, 30),
                "counterclaim": "false" if small else rng.choice(["", "false", "true"]),
                "initial_procedure": initial, "final_procedure": final, "converted_on": converted,
                "closed_on": closed, "closing_mode": mode, "judge": f"judge{team * 2 + rng.randrange(2)}",
                "team": f"T{team}",
            }
            cases.writerow([row[c] for c in CASE_COLUMNS])
            if rng.random() < periods_share:
                start = filed + timedelta(days=rng.randrange(5, 40))
                periods.writerow([number, rng.choice(["appraisal", "publication", "settlement"]), start.isoformat(),
                                  (start + timedelta(days=rng.randrange(5, 30))).isoformat(), ""])
                n_periods += 1
    return n_periods


def files(rows: int, seed: int = 1) -> tuple[Path, Path, int]:
    """The generated cases.csv and periods.csv of `rows` cases in the worker's directory (made once)."""
    work = Path(os.environ.get("BENCH_WORKDIR") or tempfile.mkdtemp(prefix="fanjian-bench-"))
    cases, periods = work / f"cases-{rows}-{seed}.csv", work / f"periods-{rows}-{seed}.csv"
    count = work / f"periods-{rows}-{seed}.count"
    if not count.exists():
        count.write_text(str(generate(cases, periods, rows, seed=seed)))
    return cases, periods, int(count.read_text())


def populate(rows: int) -> None:
    """Store `rows` generated cases through the importer unless the court has them already (untimed)."""
    from court.cases.interchange.importer import cases_import
    from court.cases.models import Case

    if Case.objects.filter(court__code=COURT).count() >= rows:
        return
    cases, periods, _n = files(rows)
    started = time.perf_counter()
    cases_import(cases_path=cases, periods_path=periods)
    note(f"stored {rows:,} generated cases through the importer in {time.perf_counter() - started:.1f} s")
