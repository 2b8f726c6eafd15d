"""Load test (issue 14): 50 users for 2 minutes against gunicorn + PostgreSQL on loopback — parties filing
through the API, judges reading dockets and work queues, the president reading the dashboard. Prints the
requests, failures and p50/p95 per endpoint, and fails (exit 1) on any error.

    python bench/bench_load.py [--users 50] [--minutes 2] [--cases 1000]

It creates and drops its own PostgreSQL database (`fanjian_load`, next to BENCH_PG_URL's), loads the demo court
into it and starts gunicorn on 127.0.0.1:8797; nothing listens beyond loopback.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
DB = "fanjian_load"
PORT = 8797


def _admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(sql)


def _manage(env: dict[str, str], *args: str) -> str:
    out = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return out.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()

    url = PG_URL.rsplit("/", 1)[0] + f"/{DB}"
    _admin_sql(f"DROP DATABASE IF EXISTS {DB}")
    _admin_sql(f"CREATE DATABASE {DB}")
    work = Path(tempfile.mkdtemp(prefix="fanjian-load-"))
    env = {**os.environ, "DATABASE_URL": url, "FANJIAN_CASE_FILES_DIR": str(work / "files"),
           "FANJIAN_API_WRITE_RATE": "100000/hour", "FANJIAN_API_USER_RATE": "100000/min",
           "FANJIAN_LOGIN_FAILURE_LIMIT": "1000", "FANJIAN_TRIAGE_AUTO": "true"}
    gunicorn = None
    try:
        started = time.monotonic()
        _manage(env, "migrate", "-v0")
        _manage(env, "generate_demo", "--cases", str(args.cases), "--seed", "2023")
        print(f"demo court of {args.cases} cases loaded in {time.monotonic() - started:.0f} s", flush=True)
        setup = _manage(env, "shell", "-c", (
            "import json; from court.org.models import User, Court; from court.cases.models import Cause; "
            "from court.cases.selectors import catalogue_for; from court.cases.term import today; "
            "from court.api.tokens import create_token; "
            "parties = list(User.objects.filter(role='party').order_by('username')[:8]); "
            "tokens = [create_token(u, name='load')[1] for u in parties]; "
            "cause = Cause.objects.filter(catalogue=catalogue_for(today()), name='民间借贷纠纷').order_by('-level').first(); "
            "judges = list(User.objects.filter(role='judge').values_list('username', flat=True)); "
            "print(json.dumps({'party_tokens': tokens, 'court': Court.objects.first().pk, 'cause': cause.pk, "
            "'judges': judges, 'password': 'fanjian-demo'}))"))
        users = setup.strip().splitlines()[-1]
        workers = max(2, (os.cpu_count() or 2) + 1)
        gunicorn = subprocess.Popen([PY, "-m", "gunicorn", "court.wsgi:application", "-b", f"127.0.0.1:{PORT}",
                                     "-w", str(workers), "--timeout", "60", "--access-logfile", "/dev/null"],
                                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        prefix = work / "locust"
        subprocess.run([PY, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                        "-u", str(args.users), "-r", "10", "--run-time", f"{int(args.minutes * 60)}s",
                        "-H", f"http://127.0.0.1:{PORT}", "--csv", str(prefix), "--only-summary"],
                       cwd=ROOT, env={**env, "LOAD_USERS": users}, check=False, capture_output=True)
        rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
        failures = 0
        print(f"{'endpoint':32} {'requests':>9} {'failures':>9} {'p50 ms':>8} {'p95 ms':>8}")
        for row in rows:
            failures += int(row["Failure Count"]) if row["Name"] != "Aggregated" else 0
            print(f"{row['Type'] + ' ' + row['Name'] if row['Name'] != 'Aggregated' else 'all':32} "
                  f"{row['Request Count']:>9} {row['Failure Count']:>9} {row['50%']:>8} {row['95%']:>8}")
        total = next(r for r in rows if r["Name"] == "Aggregated")
        print("FIGURE " + json.dumps({"bench": "load", "backend": "postgresql", "users": args.users,
                                      "minutes": args.minutes, "requests": int(total["Request Count"]),
                                      "failures": failures, "p95_ms": float(total["95%"]),
                                      "p50_ms": float(total["50%"]), "gunicorn_workers": workers}))
        if failures:
            print(open(f"{prefix}_failures.csv", encoding="utf-8").read()[:3000])
            sys.exit(1)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        _admin_sql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
