"""`make bench`'s runner works end to end: a tiny SQLite run prints a ratio for every benchmark.

Behaviour only, never timings: the figures themselves are for bench/README.md, not for the test suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ("import", "metrics", "pages", "queues", "triage")


def test_run_all_quick_prints_a_ratio_for_each_benchmark(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env["TMPDIR"] = str(tmp_path)
    readme = tmp_path / "README.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), "--quick", "--backend", "sqlite", "--rows", "2000",
         "--readme", str(readme)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)  # a hang guard, not a timing
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    ratio_lines = [line for line in proc.stdout.splitlines() if line.startswith("RATIO ")]
    for bench in BENCHMARKS:
        assert any(line.startswith(f"RATIO {bench} ") and "ratio " in line and line.endswith("x")
                   for line in ratio_lines), f"no ratio line for {bench}:\n" + "\n".join(ratio_lines)
    assert "fanjian_bench" not in proc.stdout  # no PostgreSQL database touched by a SQLite run
    table = readme.read_text(encoding="utf-8")
    assert table.count("| import: ") == 1 and "| triage: score with reasons |" in table
    assert "bench/bench_pages.py --rows 2000" in table  # the command that reproduces each figure
