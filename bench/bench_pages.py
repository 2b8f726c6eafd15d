"""Benchmark three pages with N cases stored: a judge's docket, a case page and the filing queue.

    .venv/bin/python bench/bench_pages.py [--rows 100000] [--requests 50] [--backend sqlite|postgres|both]
                                          [--sqlite-file PATH] [--profile DIR]

On a fresh database per backend (a SQLite file; on PostgreSQL the database `fanjian_bench`, created and
dropped; or a kept SQLite file with --sqlite-file), stores N generated cases through the importer (untimed; the
same rows as bench_import.py) and 30 complaints through `services.case_submit` (so the filing queue has rows),
then requests each page --requests times with Django's test Client (signed in with `force_login`; the full
middleware, view and template, rendered as a server renders them: `as_a_server`) and prints the p50 and p95
server time, the p50 and p95 CPU time of the worker (what a page costs whatever else the machine runs) and the
number of queries per page (CaptureQueriesContext). --profile writes the slowest request's pyinstrument profile.

The floor of each page, timed the same way (p50 of as many runs): the single hand-written SQL query that
fetches what the page lists — the docket's 50 active cases of the team ordered by deadline, the case's row,
the queue's 50 complaints. Ratio = the page's p50 ÷ its floor's p50. Target (issue 15): p95 under 100 ms with
1,000,000 cases stored.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import common

TARGET = "issue 15: p95 under 100 ms with 1,000,000 cases stored"
COLUMNS = ("c.id, c.case_number, c.state, c.procedure, c.filed_on, c.closed_on, c.normal_deadline, "
           "c.extended_deadline, c.net_trial_days, ca.name, t.name, u.username")
JOINS = ("FROM cases_case c LEFT JOIN cases_cause ca ON ca.id = c.cause_id LEFT JOIN org_team t ON t.id = c.team_id "
         "LEFT JOIN org_user u ON u.id = c.judge_id")
FLOORS = {
    "docket": f"SELECT {COLUMNS} {JOINS} WHERE c.court_id = %s AND c.team_id = %s AND c.state IN (%s, %s, %s, %s, %s, %s) "
              "ORDER BY c.extended_deadline ASC NULLS LAST, c.id LIMIT 50",
    "case page": f"SELECT {COLUMNS} {JOINS} WHERE c.id = %s",
    "filing queue": f"SELECT {COLUMNS} {JOINS} WHERE c.court_id = %s AND c.state IN ('filed', 'correction') "
                    "ORDER BY c.submitted_on, c.id LIMIT 50",
}


def fixtures() -> dict[str, Any]:
    """A judge who can sign in, a filing officer, 30 complaints awaiting a decision, and a pending case."""
    from court.cases import services
    from court.cases.models import ACTIVE_STATES, Case, Cause, Party
    from court.cases.services import FilingInput, PartyInput
    from court.org.models import Court, Role, User

    court = Court.objects.get(code=common.COURT)
    judge = User.objects.filter(court=court, role=Role.JUDGE, team__isnull=False).order_by("username").first()
    assert judge is not None, "the importer created no judge"
    User.objects.filter(pk=judge.pk).update(is_active=True)
    judge.refresh_from_db()
    officer, _ = User.objects.get_or_create(username="bench_filing", defaults={
        "role": Role.FILING_OFFICER, "court": court, "is_active": True})
    cause = Cause.objects.filter(name="民间借贷纠纷").first() or Cause.objects.first()
    if not Case.objects.filter(court=court, state="filed").exists():
        for i in range(30):
            parties = [PartyInput(side=Party.Side.PLAINTIFF, name=f"原告{i}", e_service_consent=True,
                                  e_address=f"p{i}@example.cn"),
                       PartyInput(side=Party.Side.DEFENDANT, name=f"被告{i}", address="蓝田县蓝关街道")]
            services.case_submit(court=court, actor=None, filing=FilingInput(
                cause=cause, claim_amount=Decimal(10000 + i), parties=parties, evidence_items=2,
                claims="判令被告归还借款", facts="借款到期未还"))
    case = (Case.objects.filter(court=court, team_id=judge.team_id, state__in=ACTIVE_STATES, periods__isnull=False)
            .order_by("pk").first()
            or Case.objects.filter(court=court, team_id=judge.team_id, state__in=ACTIVE_STATES).order_by("pk").first())
    assert case is not None, "no active case on the judge's docket"
    assert len(ACTIVE_STATES) == 6, "the docket's floor query lists the six active states"
    return {"court": court, "judge": judge, "officer": officer, "case": case,
            "active": tuple(str(s) for s in ACTIVE_STATES)}


def as_a_server() -> None:
    """Serve as a server does: load `court.wsgi` (which freezes what the application loaded out of the garbage
    collector's sight) and render templates without the test environment's instrumentation (common.django_setup),
    which copies every template's context for a test's assertions: no part of a page's server time (at 50 rows
    and their includes it doubled the docket's time, mostly in the garbage collector). The test Client's host and
    the in-memory mailbox stay."""
    from django.conf import settings
    from django.template.base import Template
    from django.test.utils import instrumented_test_render, teardown_test_environment

    if Template._render is not instrumented_test_render:  # done already (run_all.py: pages, then queues)
        return
    teardown_test_environment()  # puts Template._render back
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    import court.wsgi  # noqa: F401 - the application as a server loads it, with its gc.freeze()


def time_page(client: Any, url: str, requests: int, profile: Path | None = None
              ) -> tuple[list[float], int, int, list[float]]:
    """Server times of `requests` GETs (after two warm-ups), the queries of one, the page's bytes, and the CPU time
    of each request (`time.process_time`: what the page costs the server, whatever else the machine runs).
    With `profile`, each request also runs under pyinstrument (slower) and the slowest one's profile is written
    there as text, with the spread of the requests' query counts and the garbage collector's time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)
    times, cpu = [], []
    slowest: tuple[float, str] = (0.0, "")
    for _ in range(requests):
        if profile is not None:
            elapsed, text = _profiled_get(client, url)
            slowest = max(slowest, (elapsed, text))
            times.append(elapsed)
            continue
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200
    if profile is not None:
        profile.write_text(slowest[1], encoding="utf-8")
        common.note(f"the slowest request's profile ({slowest[0] * 1000:.1f} ms): {profile}")
    return times, queries, len(response.content), cpu


def _profiled_get(client: Any, url: str) -> tuple[float, str]:
    """One GET under pyinstrument (not installed by the project: `pip install --target DIR pyinstrument` and put
    DIR on PYTHONPATH), with its queries and the collector's pauses; returns its time and a text report."""
    import gc

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    pauses: list[float] = []
    started_gc: list[float] = []

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started_gc.append(time.perf_counter())
        elif started_gc:
            pauses.append(time.perf_counter() - started_gc.pop())

    gc.callbacks.append(on_gc)
    profiler = Profiler(interval=0.0005)
    try:
        with CaptureQueriesContext(connection) as ctx:
            profiler.start()
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            profiler.stop()
    finally:
        gc.callbacks.remove(on_gc)
    assert response.status_code == 200
    sql = sum(float(q["time"]) for q in ctx.captured_queries)
    head = (f"{url}: {elapsed * 1000:.1f} ms, {len(ctx.captured_queries)} queries taking {sql * 1000:.1f} ms, "
            f"{len(pauses)} collections taking {sum(pauses) * 1000:.1f} ms\n")
    slow = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:5]
    head += "".join(f"  {float(q['time']) * 1000:.1f} ms {q['sql'][:300]}\n" for q in slow)
    return elapsed, head + profiler.output_text(unicode=True, color=False)


def time_floor(sql: str, params: list[Any], requests: int) -> tuple[float, int]:
    from django.db import connection

    times, rows = [], 0
    for _ in range(requests + 2):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = len(cursor.fetchall())
        times.append(time.perf_counter() - started)
    return common.percentile(times[2:], 0.5), rows


def measure(rows: int, requests: int, profile: Path | None = None) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    backend = common.vendor()
    common.populate(rows)
    fx = fixtures()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    as_a_server()
    judge_client, officer_client = Client(), Client()
    judge_client.force_login(fx["judge"])
    officer_client.force_login(fx["officer"])
    pages = [
        ("docket", judge_client, reverse("docket"), [fx["court"].pk, fx["judge"].team_id, *fx["active"]]),
        ("case page", judge_client, reverse("case_detail", args=[fx["case"].pk]), [fx["case"].pk]),
        ("filing queue", officer_client, reverse("filing_queue"), [fx["court"].pk]),
    ]
    out = []
    for name, client, url, params in pages:
        where = profile / f"{backend}-{name.replace(' ', '-')}.txt" if profile else None
        times, queries, size, cpu = time_page(client, url, requests, where)
        floor_s, floor_rows = time_floor(FLOORS[name], params, requests)
        out.append(report("pages", backend, name, url, times, cpu, queries, size, floor_s, floor_rows,
                          size_text=f"{rows:,} cases stored", target=TARGET))
    return out


def report(bench: str, backend: str, name: str, url: str, times: list[float], cpu: list[float], queries: int,
           size: int, floor_s: float, floor_rows: int, *, size_text: str, target: str) -> dict:
    """Print one page's figures: wall-clock p50/p95 (the ratio's), CPU p50/p95 and its queries."""
    p50, p95 = common.percentile(times, 0.5), common.percentile(times, 0.95)
    cpu50, cpu95 = common.percentile(cpu, 0.5), common.percentile(cpu, 0.95)
    common.note(f"[{backend}] {name} {url}: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms over {len(times)} "
                f"requests (CPU p50 {cpu50 * 1000:.1f} ms, p95 {cpu95 * 1000:.1f} ms), {queries} queries, "
                f"{size:,} bytes; floor query {floor_s * 1000:.2f} ms ({floor_rows} rows)")
    return common.figure(bench, backend, f"{name} p50", ours=p50, floor=floor_s, size=size_text,
                         floor_name=f"the {name}'s one hand-written query", target=target, p95=p95,
                         cpu_p50=cpu50, cpu_p95=cpu95, queries=queries, requests=len(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sqlite-file", type=Path, help="Keep the SQLite database in this file and reuse it on "
                        "the next run (filled only when it holds fewer than --rows cases); implies --backend sqlite.")
    parser.add_argument("--profile", type=Path, help="Profile every timed request with pyinstrument and write the "
                        "slowest one's profile per page into this directory (the times are then the profiled ones).")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    argv = [__file__, "--worker", "--rows", str(args.rows), "--requests", str(args.requests)]
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
        argv += ["--profile", str(args.profile.resolve())]
    if args.worker:
        common.django_setup()
        measure(args.rows, args.requests, args.profile)
        return
    if args.sqlite_file:
        common.run_child(argv, kept_sqlite(args.sqlite_file.resolve()))
        return
    for backend in common.backends(args.backend):
        with common.database(backend) as env:
            common.run_child(argv, env)


def kept_sqlite(path: Path) -> dict[str, str]:
    """The environment of a worker on a SQLite file that outlives the run (its generated CSV files beside it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "court.settings", "DATABASE_URL": "", "SQLITE_PATH": str(path),
            "BENCH_WORKDIR": str(path.parent)}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
