"""Run every benchmark against its floor and write the results table of bench/README.md.

    .venv/bin/python bench/run_all.py                    # full size, SQLite and PostgreSQL (about 10 minutes)
    .venv/bin/python bench/run_all.py --quick            # a smoke run of about a minute (README left alone)
    .venv/bin/python bench/run_all.py --backend sqlite   # sqlite | postgres | both (default)

Per backend, one fresh database (a SQLite file; on PostgreSQL `fanjian_bench` on the server of
postgres://postgres@127.0.0.1:5432/test, created and dropped; PostgreSQL is skipped with a message if it does
not answer) holds the N generated cases of bench_import.py, which bench_metrics.py and bench_pages.py then
use; bench_triage.py needs no database. Every figure is printed as ours, its floor and ours ÷ floor.
A full run rewrites the table between the markers of bench/README.md (--readme elsewhere, --no-readme not).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

FULL = {"rows": 500_000, "requests": 50, "repeat": 5, "score_rows": 100_000, "train_rows": 1_000_000,
        "repeats": 500, "plan": 4000}
QUICK = {"rows": 20_000, "requests": 20, "repeat": 3, "score_rows": 20_000, "train_rows": 20_000,
         "repeats": 100, "plan": 1500}
BEGIN, END = "<!-- results: written by bench/run_all.py -->", "<!-- /results -->"
PY = ".venv/bin/python"


def worker(args: argparse.Namespace) -> None:
    """In a child on one fresh database: import (timed), then metrics and pages on the same rows."""
    import bench_import
    import bench_metrics
    import bench_pages
    import bench_queues

    common.django_setup()
    bench_import.measure(args.rows)
    bench_metrics.measure(args.rows, args.repeat)
    bench_pages.measure(args.rows, args.requests)
    bench_queues.measure(args.rows, args.requests)  # the same rows: a tenth of them open


def command(fig: dict, size: dict) -> str:
    backend = {"sqlite": "sqlite", "postgres": "postgres"}.get(fig["backend"], "")
    if fig["bench"] == "import":
        return f"{PY} bench/bench_import.py --rows {size['rows']} --backend {backend}"
    if fig["bench"] == "metrics":
        return f"{PY} bench/bench_metrics.py --rows {size['rows']} --repeat {size['repeat']} --backend {backend}"
    if fig["bench"] in ("pages", "queues"):
        return (f"{PY} bench/bench_{fig['bench']}.py --rows {size['rows']} --requests {size['requests']} "
                f"--backend {backend}")
    return (f"{PY} bench/bench_triage.py --score-rows {size['score_rows']} --train-rows {size['train_rows']} "
            f"--repeats {size['repeats']} --plan {size['plan']}")


def machine() -> dict[str, str]:
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    pg = "not run"
    if common.postgres_reachable() is None:
        import psycopg

        with psycopg.connect(common.PG_URL) as conn:
            pg = str(conn.execute("SHOW server_version").fetchone()[0]).split()[0]
    commit = os.environ.get("BENCH_COMMIT", "")
    try:
        commit = commit or subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=common.ROOT, capture_output=True,
                                text=True, check=False).stdout.strip() or "?"
    except OSError:
        commit = "?"
    return {"cpus": str(os.cpu_count()), "memory": mem, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "postgres": pg, "commit": commit,
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def fmt(value: float | None, unit: str) -> str:
    return common._fmt(value, unit)


def table(figures: list[dict], size: dict, info: dict[str, str], seconds: float) -> str:
    lines = [
        (f"Measured {info['date']} at commit {info['commit']} on {info['cpus']} CPUs (`nproc`), {info['memory']} of "
        f"memory, Python {info['python']}, SQLite {info['sqlite']}, PostgreSQL {info['postgres']}; load average "
        f"{info['load']} at the end (the machine is shared: compare ratios, not absolute times). The whole run "
        f"took {seconds / 60:.1f} minutes: `{PY} bench/run_all.py`."),
        "",
        "| benchmark | backend | size | ours | floor | ratio (ours ÷ floor) | more | issue 15's target | command |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for fig in figures:
        more = ""
        if fig["bench"] == "import":
            more = (f"{fig['ours_rows_per_s']:,.0f} vs {fig['floor_rows_per_s']:,.0f} rows/s; "
                    f"peak RSS {fig['peak_rss_mb']:.0f} MB")
        elif fig["bench"] in ("pages", "queues"):
            more = f"p95 {fmt(fig['p95'], 's')}; {fig['queries']} queries"
            if "cpu_p50" in fig:
                more += f"; CPU p50 {fmt(fig['cpu_p50'], 's')}, p95 {fmt(fig['cpu_p95'], 's')}"
        elif fig["bench"] == "triage" and "pred_contrib_s" in fig:
            more = f"pred_contrib alone {fmt(fig['pred_contrib_s'], 's')}"
        ratio = f"{fig['ratio']:.1f}x" if fig["ratio"] is not None else "-"
        lines.append(f"| {fig['bench']}: {fig['name']} | {fig['backend'] or '-'} | {fig['size']} | "
                     f"{fmt(fig['ours'], fig['unit'])} | {fmt(fig['floor'], fig['unit'])} ({fig['floor_name']}) | "
                     f"{ratio} | {more} | {fig['target']} | `{command(fig, size)}` |")
    return "\n".join(lines)


def write_readme(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in old or END not in old:
        old = old.rstrip("\n") + f"\n\n## Results\n\n{BEGIN}\n{END}\n"
    head, rest = old.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")
    print(f"wrote the results table of {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="A smoke run of about a minute at small sizes.")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rows", type=int, help="Cases per database (default: 500,000; 20,000 with --quick).")
    parser.add_argument("--readme", help="Write the results table here (default: bench/README.md on a full run).")
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--requests", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    size = dict(QUICK if args.quick else FULL)
    if args.rows:
        size.update(rows=args.rows)
        if args.quick:
            size.update(score_rows=min(size["score_rows"], args.rows), train_rows=min(size["train_rows"], args.rows))
    started = time.perf_counter()
    figures: list[dict] = []
    for backend in common.backends(args.backend):
        print(f"== {backend}: import, metrics and pages over {size['rows']:,} cases", flush=True)
        with common.database(backend) as env:
            figures += common.run_child([__file__, "--worker", "--rows", str(size["rows"]), "--requests",
                                         str(size["requests"]), "--repeat", str(size["repeat"])], env)
    print("== triage (no database)", flush=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "court.settings"}
    figures += common.run_child([str(Path(__file__).with_name("bench_triage.py")), "--score-rows",
                                 str(size["score_rows"]), "--train-rows", str(size["train_rows"]), "--repeats",
                                 str(size["repeats"]), "--plan", str(size["plan"])], env)
    seconds = time.perf_counter() - started
    print(f"\n== every figure against its floor ({seconds / 60:.1f} minutes)")
    for fig in figures:
        where = f" [{fig['backend']}]" if fig["backend"] else ""
        ratio = f"{fig['ratio']:.1f}x" if fig["ratio"] is not None else "-"
        print(f"{fig['bench']}{where} {fig['name']} ({fig['size']}): ours {fmt(fig['ours'], fig['unit'])}, "
              f"floor {fmt(fig['floor'], fig['unit'])}, ratio {ratio}")
    readme = args.readme or (None if args.quick or args.no_readme else str(Path(__file__).with_name("README.md")))
    if readme and not args.no_readme:
        write_readme(Path(readme), table(figures, size, machine(), seconds))


if __name__ == "__main__":
    main()
