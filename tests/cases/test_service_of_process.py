"""Service of process (送达): channels, consent, deemed dates and publication (CPL 87-95; JI 133-140; OLR 29)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services, signals
from court.cases.models import CaseEvent, CaseState, PeriodKind, Procedure, ServiceAttempt
from court.cases.services import CaseRuleError
from court.cases.term import court_calendar, today
from court.rules.periods import answer_due, publication_effective

from tests.factories import serve_decision

from .conftest import defendant, fresh, last_event

Doc, Channel, Status = ServiceAttempt.Document, ServiceAttempt.Channel, ServiceAttempt.Status
K = CaseEvent.Kind
FILED = date(2024, 3, 1)
SENT = date(2024, 3, 3)


def _send(case, actor, channel=Channel.POST, document=Doc.COMPLAINT, party="defendant", on=SENT):
    target = defendant(case) if party == "defendant" else party
    return services.service_send(case=case, actor=actor, document=document, channel=channel, party=target, on=on)


def test_the_first_service_moves_an_accepted_case_into_service(make_case, clerk):
    case = make_case(state="accepted")
    attempt = _send(case, clerk)
    assert attempt.status == Status.SENT and attempt.sent_on == SENT
    event = last_event(case)
    assert (event.kind, event.from_state, event.to_state, event.actor) == (K.SERVICE_SENT, "accepted", "service", clerk)
    assert event.basis == "CPL 91"


def test_service_is_recorded_on_the_receipt_date_and_starts_the_answer_period(make_case, clerk):
    # CPL 128 "被告应当在收到之日起十五日内提出答辩状" is ordinary procedure's period (the factory's default is simple).
    case = make_case(state="accepted", procedure=Procedure.ORDINARY)
    attempt = services.service_record(attempt=_send(case, clerk), actor=clerk, served=True, on=SENT + timedelta(days=2),
                                      evidence="EMS 1234")
    assert attempt.status == Status.SERVED and attempt.served_on == SENT + timedelta(days=2)
    event = last_event(case)
    assert event.kind == K.SERVICE_SERVED and event.from_state == event.to_state == CaseState.SERVICE
    assert event.payload["answer_due"] == answer_due(SENT + timedelta(days=2), calendar=court_calendar()).isoformat()
    assert event.payload["answer_basis"] == "CPL 128"


def test_under_simple_procedure_the_answer_period_is_the_one_the_court_set(make_case, clerk):
    # JI 266: "被告要求书面答辩的，人民法院可在征得其同意的基础上，合理确定答辩期间" — none unless the court sets one.
    case = make_case(state="accepted")
    services.service_record(attempt=_send(case, clerk), actor=clerk, served=True, on=SENT + timedelta(days=2))
    assert last_event(case).payload["answer_due"] is None
    services.case_set_answer_period(case=case, actor=clerk, days=10, on=SENT + timedelta(days=2))
    other = services.party_add(case=case, actor=clerk, on=SENT + timedelta(days=2), data=services.PartyInput(
        side="defendant", name="王五", address="蓝田县"))
    services.service_record(attempt=_send(case, clerk, party=other), actor=clerk, served=True, on=SENT + timedelta(days=3))
    event = last_event(case)
    assert (event.payload["answer_due"], event.payload["answer_basis"]) == ("2024-03-18", "JI 266")


def test_a_failed_service_needs_a_reason_and_asks_triage_to_look_again(make_case, clerk,
                                                                       django_capture_on_commit_callbacks):
    case = make_case(state="accepted")
    attempt = _send(case, clerk)
    with pytest.raises(CaseRuleError) as err:
        services.service_record(attempt=attempt, actor=clerk, served=False, on=SENT)
    assert err.value.text == services.SERVICE_FAILURE_NEEDS_REASON
    seen = []
    handler = lambda **kw: seen.append(kw["trigger"])
    signals.case_retriage_needed.connect(handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            attempt = services.service_record(attempt=attempt, actor=clerk, served=False, on=SENT + timedelta(days=5),
                                              failure_reason="查无此人")
    finally:
        signals.case_retriage_needed.disconnect(handler)
    assert attempt.status == Status.FAILED and attempt.failure_reason == "查无此人"
    assert seen == [K.SERVICE_FAILED] and case.events.filter(kind=K.SERVICE_FAILED).count() == 1


def test_a_result_cannot_be_recorded_twice(make_case, clerk):
    case = make_case(state="accepted")
    attempt = services.service_record(attempt=_send(case, clerk), actor=clerk, served=True, on=SENT)
    with pytest.raises(CaseRuleError) as err:
        services.service_record(attempt=attempt, actor=clerk, served=False, failure_reason="x", on=SENT)
    assert err.value.text == services.ALREADY_RECORDED


def test_a_document_is_not_served_before_it_was_sent(make_case, clerk):
    case = make_case(state="accepted")
    with pytest.raises(CaseRuleError) as err:
        services.service_record(attempt=_send(case, clerk), actor=clerk, served=True, on=SENT - timedelta(days=1))
    assert err.value.text == services.SERVED_BEFORE_SENT


def test_electronic_service_needs_the_addressees_consent(make_case, clerk):
    case = make_case(state="accepted", e_consent=False)
    with pytest.raises(CaseRuleError) as err:
        _send(case, clerk, channel=Channel.ELECTRONIC)
    assert err.value.text == services.E_SERVICE_NEEDS_CONSENT and err.value.article == "CPL 90"
    with pytest.raises(CaseRuleError):
        _send(case, clerk, channel=Channel.ELECTRONIC, party=None)


def test_electronic_service_with_consent_is_allowed(make_case, clerk):
    case = make_case(state="accepted", e_consent=True)
    assert _send(case, clerk, channel=Channel.ELECTRONIC).channel == Channel.ELECTRONIC
    assert last_event(case).basis.startswith("CPL 90")


@pytest.mark.parametrize("channel", [Channel.LEFT, Channel.PUBLICATION])
def test_a_mediation_document_is_never_left_or_published(make_case, clerk, channel):
    case = make_case(state="heard", procedure=Procedure.ORDINARY, defendant_address_known=True)
    with pytest.raises(CaseRuleError) as err:
        _send(case, clerk, channel=channel, document=Doc.MEDIATION, on=date(2024, 3, 25))
    assert err.value.article == "JI 133"


@pytest.mark.parametrize("procedure", [Procedure.SIMPLE, Procedure.SMALL_CLAIMS])
def test_publication_is_refused_under_simple_procedure_and_small_claims(make_case, clerk, procedure):
    case = make_case(state="accepted", procedure=procedure, amount=1000)
    with pytest.raises(CaseRuleError) as err:
        _send(case, clerk, channel=Channel.PUBLICATION)
    assert err.value.text == services.PUBLICATION_IN_SIMPLE and err.value.article == "JI 140"


def test_publication_needs_a_missing_addressee_or_a_failed_attempt(make_case, clerk):
    case = make_case(state="accepted", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        _send(case, clerk, channel=Channel.PUBLICATION)
    assert err.value.article == "CPL 95"
    services.service_record(attempt=_send(case, clerk), actor=clerk, served=False, on=SENT, failure_reason="退回")
    assert _send(case, clerk, channel=Channel.PUBLICATION, on=SENT + timedelta(days=1)).channel == Channel.PUBLICATION


def test_publication_is_excluded_from_the_term_and_served_thirty_days_later(make_case, clerk):
    case = make_case(state="accepted", procedure=Procedure.ORDINARY, defendant_address_known=False)
    attempt = _send(case, clerk, channel=Channel.PUBLICATION)
    effective = publication_effective(SENT, calendar=court_calendar())
    assert effective >= SENT + timedelta(days=30)
    period = case.periods.get(kind=PeriodKind.PUBLICATION)
    assert (period.start_on, period.end_on) == (SENT, effective)
    assert last_event(case).payload["deemed_served_on"] == effective.isoformat()
    case = fresh(case)
    assert case.excluded_days == (effective - SENT).days
    # Whatever date the clerk types, publication is served on the deemed date (CPL 95).
    attempt = services.service_record(attempt=attempt, actor=clerk, served=True, on=SENT + timedelta(days=3))
    assert attempt.served_on == effective
    assert last_event(case).on == effective and last_event(case).basis.startswith("CPL 95")


def test_publication_cannot_be_recorded_as_served_before_thirty_days(make_case, clerk):
    case = make_case(state="accepted", procedure=Procedure.ORDINARY, defendant_address_known=False)
    attempt = _send(case, clerk, channel=Channel.PUBLICATION, on=today() - timedelta(days=5))
    with pytest.raises(CaseRuleError) as err:
        services.service_record(attempt=attempt, actor=clerk, served=True)
    assert err.value.article == "CPL 95"
    assert ServiceAttempt.objects.get(pk=attempt.pk).status == Status.SENT


def test_it_refuses_a_party_of_another_case(make_case, clerk):
    case, other = make_case(state="accepted"), make_case(state="accepted")
    with pytest.raises(CaseRuleError) as err:
        _send(case, clerk, party=defendant(other))
    assert err.value.text == services.PARTY_OF_OTHER_CASE


def test_it_refuses_service_before_filing_or_in_the_future(make_case, clerk):
    case = make_case(state="accepted")
    with pytest.raises(CaseRuleError) as err:
        _send(case, clerk, on=FILED - timedelta(days=1))
    assert err.value.code == "before_filing"
    with pytest.raises(CaseRuleError) as err:
        _send(case, clerk, on=today() + timedelta(days=1))
    assert err.value.code == "future"


def test_a_judgment_can_be_served_after_closing_but_not_after_archiving(make_case, clerk):
    case = make_case(state="closed")
    assert _send(case, clerk, document=Doc.JUDGMENT, on=case.closed_on).document == Doc.JUDGMENT
    assert fresh(case).state == CaseState.CLOSED
    serve_decision(case, actor=clerk)
    services.case_archive(case=case, actor=clerk, on=case.closed_on + timedelta(days=30))
    with pytest.raises(CaseRuleError):
        _send(case, clerk, document=Doc.JUDGMENT, on=case.closed_on)


def test_it_refuses_an_unknown_channel(make_case, clerk):
    with pytest.raises(CaseRuleError) as err:
        _send(make_case(state="accepted"), clerk, channel="pigeon")
    assert err.value.code == "choice"
