"""Benchmark three pages with N cases stored: a judge's docket, a case page and the filing queue.

    .venv/bin/python bench/bench_pages.py [--rows 100000] [--requests 50] [--backend sqlite|postgres|both]

On a fresh database per backend (a SQLite file; on PostgreSQL the database `fanjian_bench`, created and
dropped), stores N generated cases through the importer (untimed; the same rows as bench_import.py) and 30
complaints through `services.case_submit` (so the filing queue has rows), then requests each page --requests
times with Django's test Client (signed in with `force_login`; the full middleware, view and template) and
prints the p50 and p95 server time and the number of queries per page (CaptureQueriesContext).

The floor of each page, timed the same way (p50 of as many runs): the single hand-written SQL query that
fetches what the page lists — the docket's 50 active cases of the team ordered by deadline, the case's row,
the queue's 50 complaints. Ratio = the page's p50 ÷ its floor's p50. Target (issue 15): p95 under 100 ms with
1,000,000 cases stored.
"""

from __future__ import annotations

import argparse
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


def time_page(client: Any, url: str, requests: int) -> tuple[list[float], int, int]:
    """Server times of `requests` GETs (after two warm-ups), the queries of one, and the listed rows' bytes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    return times, queries, len(response.content)


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


def measure(rows: int, requests: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    backend = common.vendor()
    common.populate(rows)
    fx = fixtures()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
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
        times, queries, size = time_page(client, url, requests)
        floor_s, floor_rows = time_floor(FLOORS[name], params, requests)
        p50, p95 = common.percentile(times, 0.5), common.percentile(times, 0.95)
        common.note(f"[{backend}] {name} {url}: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms over {requests} "
                    f"requests, {queries} queries, {size:,} bytes; floor query {floor_s * 1000:.2f} ms "
                    f"({floor_rows} rows)")
        out.append(common.figure("pages", backend, f"{name} p50", ours=p50, floor=floor_s,
                                 size=f"{rows:,} cases stored", floor_name=f"the {name}'s one hand-written query",
                                 target=TARGET, p95=p95, queries=queries, requests=requests))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        common.django_setup()
        measure(args.rows, args.requests)
        return
    for backend in common.backends(args.backend):
        with common.database(backend) as env:
            common.run_child([__file__, "--worker", "--rows", str(args.rows), "--requests", str(args.requests)], env)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
