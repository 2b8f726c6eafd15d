"""Benchmark the trial team's work queues and the judge's docket with N cases stored, a tenth of them open.

    .venv/bin/python bench/bench_queues.py [--rows 1000000] [--requests 50] [--backend sqlite|postgres|both]
                                           [--sqlite-file PATH] [--pages]

Issue 12: "the dockets and queues answer with a constant number of queries per page (asserted), measured with
100,000 open cases". The generated interchange rows of bench_import.py are 10% pending, so 1,000,000 rows store
about 100,000 open cases (20 teams: about 5,000 open and 45,000 closed per team); the run prints how many.
On a fresh database per backend (or a kept SQLite file, --sqlite-file), after the import (untimed), the
assistant's and the clerk's work queues (`court.cases.queues` through `views.queue.work_queue`) and the
judge's docket are requested --requests times with Django's test Client, as bench_pages.py does (templates
rendered as a server renders them): p50, p95 and the queries of one request.

The floor of each page, timed the same way (p50 of as many runs), is the single hand-written SQL query that
fetches what its first list shows: the assistant's complaints to send (the team's 50 accepted cases by filing
date), the clerk's decisions to serve and files to archive (the team's 200 closed cases by closing date that
the clerk's sections read) and the docket's 50 open cases of the team by deadline.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bench_pages
import common

TARGET = "issue 12: constant queries per page (asserted in tests/web) with 100,000 open cases"
FLOORS = {
    "assistant's work queue": f"SELECT {bench_pages.COLUMNS} {bench_pages.JOINS} WHERE c.court_id = %s "
                              "AND c.team_id = %s AND c.state = 'accepted' AND c.filed_on IS NOT NULL "
                              "ORDER BY c.filed_on, c.id LIMIT 50",
    "clerk's work queue": f"SELECT {bench_pages.COLUMNS} {bench_pages.JOINS} WHERE c.court_id = %s AND c.team_id = %s "
                          "AND c.state = 'closed' ORDER BY c.closed_on, c.id LIMIT 200",
    "judge's docket": bench_pages.FLOORS["docket"],
}


def team_members(judge: Any) -> tuple[Any, Any]:
    """An assistant and a clerk of the judge's team who can sign in (the importer creates judges only)."""
    from court.org.models import Role, User

    out = []
    for role, name in ((Role.ASSISTANT, "bench_assistant"), (Role.CLERK, "bench_clerk")):
        user, _ = User.objects.update_or_create(username=name, defaults={
            "role": role, "court_id": judge.court_id, "team_id": judge.team_id, "is_active": True})
        out.append(user)
    return out[0], out[1]


def measure(rows: int, requests: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from court.cases.models import ACTIVE_STATES, Case

    backend = common.vendor()
    common.populate(rows)
    fx = bench_pages.fixtures()
    assistant, clerk = team_members(fx["judge"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    bench_pages.as_a_server()
    open_cases = Case.objects.filter(court=fx["court"], state__in=ACTIVE_STATES).count()
    team_open = Case.objects.filter(team_id=fx["judge"].team_id, state__in=ACTIVE_STATES).count()
    team_all = Case.objects.filter(team_id=fx["judge"].team_id).count()
    common.note(f"[{backend}] {open_cases:,} open cases in the court; the team's: {team_open:,} open of {team_all:,}")
    clients = {}
    for who, user in (("assistant", assistant), ("clerk", clerk), ("judge", fx["judge"])):
        clients[who] = Client()
        clients[who].force_login(user)
    team = [fx["court"].pk, fx["judge"].team_id]
    pages = [
        ("assistant's work queue", clients["assistant"], reverse("work_queue"), team),
        ("clerk's work queue", clients["clerk"], reverse("work_queue"), team),
        ("judge's docket", clients["judge"], reverse("docket"), [*team, *fx["active"]]),
    ]
    out = []
    size = f"{rows:,} cases stored, {open_cases:,} open"
    for name, client, url, params in pages:
        times, queries, length, cpu = bench_pages.time_page(client, url, requests)
        floor_s, floor_rows = bench_pages.time_floor(FLOORS[name], params, requests)
        out.append(bench_pages.report("queues", backend, name, url, times, cpu, queries, length, floor_s, floor_rows,
                                      size_text=size, target=TARGET))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="Cases stored (a tenth open; default 1,000,000).")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sqlite-file", type=Path, help="Keep the SQLite database in this file and reuse it "
                        "(filled only when it holds fewer than --rows cases); implies --backend sqlite.")
    parser.add_argument("--pg-database", default=common.PG_BENCH_DB, help="The PostgreSQL database to create and "
                        "drop (default %(default)s; another name lets two runs share the server).")
    parser.add_argument("--pages", action="store_true", help="Also time bench_pages.py's three pages on the same "
                        "database (one import for both).")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        common.django_setup()
        if args.pages:
            bench_pages.measure(args.rows, args.requests)
        measure(args.rows, args.requests)
        return
    argv = [__file__, "--worker", "--rows", str(args.rows), "--requests", str(args.requests)]
    if args.pages:
        argv.append("--pages")
    if args.sqlite_file:
        common.run_child(argv, bench_pages.kept_sqlite(args.sqlite_file.resolve()))
        return
    for backend in common.backends(args.backend):
        if backend == "postgres" and args.pg_database != common.PG_BENCH_DB:
            with postgres_database(args.pg_database) as env:
                common.run_child(argv, env)
            continue
        with common.database(backend) as env:
            common.run_child(argv, env)


@contextlib.contextmanager
def postgres_database(name: str) -> Iterator[dict[str, str]]:
    """common.database's PostgreSQL environment on a database of another name, created and dropped here."""
    import psycopg

    server = common.PG_URL.rsplit("/", 1)[0]
    with psycopg.connect(common.PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="fanjian-bench-") as work:
            yield {**os.environ, "DJANGO_SETTINGS_MODULE": "court.settings", "DATABASE_URL": f"{server}/{name}",
                   "BENCH_WORKDIR": work}
    finally:
        with psycopg.connect(common.PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
