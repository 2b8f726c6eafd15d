from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from court.cases import services
from court.cases.term import court_calendar, today
from court.rules.periods import filing_decision_due

from .conftest import page_text


def test_the_filing_queue_lists_filed_and_correction_cases_with_the_due_date(make_case, filing_officer, as_user):
    fresh = make_case(state="filed", filed_on=today())
    waiting = make_case(state="filed", filed_on=today())
    services.case_request_correction(case=waiting, actor=filing_officer, items="补正")
    make_case(state="accepted", filed_on=today() - timedelta(days=3))
    response = as_user(filing_officer).get(reverse("filing_queue"))
    rows = response.context["rows"]
    assert [r["case"].pk for r in rows] == [fresh.pk, waiting.pk]
    due = filing_decision_due(fresh.submitted_on, calendar=court_calendar())
    assert rows[0]["due"] == due and rows[1]["due"] is None
    text = page_text(response)
    assert due.isoformat() in text and "awaiting the filer" in text
    assert f'{reverse("case_detail", args=[fresh.pk])}#action-accept' in text


def test_the_filing_queue_highlights_an_overdue_decision(make_case, filing_officer, as_user):
    make_case(state="filed", filed_on=today() - timedelta(days=20))
    response = as_user(filing_officer).get(reverse("filing_queue"))
    assert response.context["rows"][0]["overdue"] is True
    assert "row-danger" in response.content.decode()


def test_my_cases_shows_status_next_hearing_and_deadlines(recent, make_case, party, as_user):
    scheduled = recent(state="scheduled")
    filed = make_case(state="filed", filed_on=today())
    response = as_user(party).get(reverse("my_cases"))
    rows = {r["case"].pk: r for r in response.context["rows"]}
    assert set(rows) == {scheduled.pk, filed.pk}
    assert rows[scheduled.pk]["next_hearing"] is not None
    assert rows[filed.pk]["decision_due"] is not None
    text = page_text(response)
    assert "第一法庭" in text and "Hearing scheduled" in text and "Filed, awaiting decision" in text


def test_a_lawyer_sees_the_cases_of_their_clients(recent, lawyer, as_user):
    case = recent(state="service")
    assert [r["case"].pk for r in as_user(lawyer).get(reverse("my_cases")).context["rows"]] == [case.pk]


def test_the_mediator_lists_the_cases_in_mediation(recent, judge, mediator, as_user):
    case = recent(state="service")
    recent(state="service")
    services.case_start_mediation(case=case, actor=judge, mediator=mediator)
    response = as_user(mediator).get(reverse("mediations"))
    assert [r.case.pk for r in response.context["rows"]] == [case.pk]
    assert "In mediation" in page_text(response)
