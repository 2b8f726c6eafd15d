"""Issue 14, reliability: two people moving the same case at once (one wins, the other is told and loses
nothing), 50 parallel acceptances (50 distinct case numbers, no error), on PostgreSQL and on SQLite."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from court.cases import services
from court.cases.models import Case, CaseState, Procedure
from court.cases.services import CaseRuleError

from .conftest import run_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalogue_present")]


def test_fifty_parallel_acceptances_take_fifty_distinct_numbers(shared_database, make_case, filing_officer, team):
    cases = [make_case(state="filed") for _ in range(50)]
    jobs = [lambda case=case: services.case_accept(case=case, actor=filing_officer, procedure=Procedure.SIMPLE,
                                                   team=team).case_number for case in cases]
    numbers, errors = run_at_once(jobs)
    assert errors == []
    assert len(set(numbers)) == 50
    serials = sorted(Case.objects.filter(state=CaseState.ACCEPTED).values_list("serial", flat=True))
    assert serials == list(range(1, 51))


def test_two_officers_deciding_one_filing_at_once_one_wins_and_the_other_is_told(
        shared_database, make_case, filing_officer, team):
    case = make_case(state="filed")
    accept = lambda: services.case_accept(case=case, actor=filing_officer, procedure=Procedure.SIMPLE, team=team)  # noqa: E731
    reject = lambda: services.case_reject(case=case, actor=filing_officer, reason="不属于本院管辖")  # noqa: E731
    results, errors = run_at_once([accept, reject])
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], CaseRuleError)  # told, in words: the case is no longer awaiting a decision
    case.refresh_from_db()
    assert case.state in (CaseState.ACCEPTED, CaseState.REJECTED)
    assert case.events.filter(kind__in=["accepted", "rejected"]).count() == 1


def test_the_loser_of_a_race_on_the_page_keeps_what_was_typed(shared_database, make_case, filing_officer, team):
    case = make_case(state="filed")
    reason = "起诉状未列明被告住所，且不属于本院管辖。"

    def post(slug: str, data: dict[str, str]):
        client = Client()
        client.force_login(filing_officer)
        return slug, client.post(reverse(f"case_{slug}", args=[case.pk]), data)

    jobs = [
        lambda: post("accept", {"accept-procedure": Procedure.SIMPLE, "accept-team": str(team.pk)}),
        lambda: post("reject", {"reject-reason": reason}),
    ]
    responses, errors = run_at_once(jobs)
    assert errors == []
    statuses = sorted(r.status_code for _, r in responses)
    assert all(status < 500 for status in statuses)
    case.refresh_from_db()
    winner = "accept" if case.state == CaseState.ACCEPTED else "reject"
    [(loser, response)] = [(slug, r) for slug, r in responses if slug != winner]
    if response.status_code == 200:  # the form came back with the refusal, and what was typed is still in it
        if loser == "reject":
            assert reason in response.content.decode()
    else:  # or the case page explains the case moved on
        assert response.status_code in (302, 303)
