"""The three busiest pages (a judge's docket, a case page, the filing queue) run a fixed number of queries:
more parties, service attempts, hearings, events or complaints add rows, never queries (no N+1). The
docket's own test is in test_docket.py; bench/bench_pages.py times all three with 1,000,000 cases stored."""

from __future__ import annotations

from django.urls import reverse

CASE_PAGE_MAX_QUERIES = 80  # measured 51-60 on 2026-12-01 while issue 10 was landing; fixed, not N+1
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
