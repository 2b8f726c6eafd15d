"""The three busiest pages (a judge's docket, a case page, the filing queue) run a fixed number of queries:
more parties, service attempts, hearings, events or complaints add rows, never queries (no N+1). The
docket's own test is in test_docket.py; bench/bench_pages.py times all three with 1,000,000 cases stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import serve_decision

CASE_PAGE_MAX_QUERIES = 72  # measured 51-66 on 2026-12-01 (closed to heard, issue 15); fixed, not N+1
FILING_QUEUE_MAX_QUERIES = 8


def test_a_case_page_runs_as_many_queries_with_six_defendants_as_with_one(
        make_case, judge, as_user, django_assert_max_num_queries):
    small = make_case(state="heard", defendants=1)
    big = make_case(state="heard", defendants=6)
    assert big.parties.count() == small.parties.count() + 5
    assert big.events.count() > small.events.count() or big.service_attempts.count() >= small.service_attempts.count()
    client = as_user(judge)
    client.get(reverse("case_detail", args=[small.pk]))  # warm the per-process caches (calendar, catalogue)
    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES) as few:
        assert client.get(reverse("case_detail", args=[small.pk])).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("case_detail", args=[big.pk])).status_code == 200


def test_the_filing_queue_runs_as_many_queries_for_twelve_complaints_as_for_one(
        make_case, filing_officer, as_user, django_assert_max_num_queries):
    make_case(state="filed")
    client = as_user(filing_officer)
    client.get(reverse("filing_queue"))
    with django_assert_max_num_queries(FILING_QUEUE_MAX_QUERIES) as few:
        assert len(client.get(reverse("filing_queue")).context["page"].object_list) == 1
    for _ in range(11):
        make_case(state="filed", defendants=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("filing_queue")).context["page"].object_list) == 12


# --- issue 12 and 15: the docket's pages and the team's work queues --------------------------------------------

DOCKET_MAX_QUERIES = 16  # 14 measured at 1,000,000 cases (bench/bench_pages.py); none per row


def _more_of_everything(case, n: int = 3) -> None:
    """Add parties, events and excluded periods to `case` through the ORM (the pages only read them)."""
    from court.cases.models import CaseEvent, CasePeriod, Party

    for i in range(n):
        Party.objects.create(case=case, side=Party.Side.DEFENDANT, name=f"被告加{i}", address="蓝田县")
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, on=case.filed_on, reason=f"note {i}")
    CasePeriod.objects.create(case=case, kind="appraisal", start_on=case.filed_on, end_on=case.filed_on)


def test_the_docket_runs_as_many_queries_with_parties_events_and_periods_as_without(
        recent, judge, as_user, django_assert_max_num_queries):
    recent(state="accepted")
    client = as_user(judge)
    client.get(reverse("docket"))
    with django_assert_max_num_queries(DOCKET_MAX_QUERIES) as few:
        assert len(client.get(reverse("docket")).context["rows"]) == 1
    for _ in range(3):
        _more_of_everything(recent(state="accepted", days_ago=40))
        _more_of_everything(recent(state="service", days_ago=20))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("docket")).context["rows"]) == 7


def test_the_docket_pages_the_whole_list_in_its_order(recent, judge, as_user):
    """The page's ids come from a subquery (selectors.CasePaginator): the pages still follow the list's order."""
    from court.cases.access import cases_for_user
    from court.cases.views.lists import DOCKET_PAGE_SIZE

    for i in range(DOCKET_PAGE_SIZE + 3):
        recent(state="accepted", days_ago=5 + i % 40)
    client = as_user(judge)
    for sort in ("days_left", "-filed_on"):
        shown = [row.case.pk for page in (1, 2) for row in
                 client.get(reverse("docket"), {"sort": sort, "page": page}).context["rows"]]
        ordering = {"days_left": ["extended_deadline", "id"], "-filed_on": ["-filed_on", "-id"]}[sort]
        assert shown == list(cases_for_user(judge).order_by(*ordering).values_list("pk", flat=True))


@pytest.mark.parametrize("who", ["assistant", "clerk"])
def test_each_work_queue_runs_as_many_queries_for_many_cases_as_for_one(
        who, request, make_case, recent, clerk, as_user, django_assert_max_num_queries):
    recent(state="accepted")
    serve_decision(make_case(state="closed"), actor=clerk)
    client = as_user(request.getfixturevalue(who))
    client.get(reverse("work_queue"))
    with django_assert_max_num_queries(14) as few:  # measured 12 (assistant) and 8 (clerk) at 100,000 open cases
        assert client.get(reverse("work_queue")).status_code == 200
    for _ in range(3):
        _more_of_everything(recent(state="accepted", days_ago=40))
        recent(state="service", days_ago=40)
        make_case(state="closed")
        serve_decision(make_case(state="closed"), actor=clerk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("work_queue")).status_code == 200
