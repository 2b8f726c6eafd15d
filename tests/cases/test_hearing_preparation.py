"""Before the hearing: the evidence period, the answer period and their waiver, per case (CPL 128, 285;
JI 99, 266, 275), and the CPL 283/285 periods of a party with no domicile in China, per party.

CPL 128: "被告应当在收到之日起十五日内提出答辩状。"
CPL 283: "人民法院对在中华人民共和国领域内没有住所的当事人送达诉讼文书……公告送达，自发出公告之日起，经过六十日，即视为送达。"
CPL 285: "被告在中华人民共和国领域内没有住所的，……通知被告在收到起诉状副本后三十日内提出答辩状。"
JI 99: "人民法院应当在审理前的准备阶段确定当事人的举证期限。……人民法院确定举证期限，第一审普通程序案件不得少于十五日"
JI 266: "……但不得超过十五日。……当事人双方均表示不需要举证期限、答辩期间的，人民法院可以立即开庭审理或者确定开庭日期。"
JI 275: "小额诉讼案件的举证期限……一般不超过七日。……答辩期间，但最长不得超过十五日。"
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services
from court.cases.models import CaseEvent, Hearing, Party, Procedure, ServiceAttempt
from court.cases.services import CaseRuleError, PartyInput
from court.rules import periods as rules

from .conftest import at, defendant, fresh, last_event

K = CaseEvent.Kind
Doc, Channel = ServiceAttempt.Document, ServiceAttempt.Channel
FILED = date(2024, 3, 1)  # the factory's filing day


def _serve(case, actor, party, on, channel=Channel.POST):
    attempt = services.service_send(case=case, actor=actor, document=Doc.COMPLAINT, channel=channel, party=party,
                                    on=on)
    return services.service_record(attempt=attempt, actor=actor, served=True, on=on)


def _schedule(case, actor, day, notified=FILED, **kwargs):
    return services.hearing_schedule(case=case, actor=actor, starts_at=at(day), notified_on=notified, **kwargs)


@pytest.fixture
def ordinary(make_case, clerk):
    """An ordinary case whose complaint was served on 2024-03-01 and evidence notice on 2024-03-04 (15 days)."""
    case = make_case(state="accepted", procedure=Procedure.ORDINARY)
    _serve(case, clerk, defendant(case), FILED)
    services.case_set_evidence_period(case=case, actor=clerk, start_on=date(2024, 3, 4), days=15,
                                      on=date(2024, 3, 4))
    return fresh(case)


# --- the evidence period ----------------------------------------------------------------------------------------

def test_the_evidence_period_is_set_with_a_docket_entry(ordinary):
    assert (ordinary.evidence_period_start, ordinary.evidence_period_days) == (date(2024, 3, 4), 15)
    assert services.evidence_period_end(ordinary) == date(2024, 3, 19)
    event = last_event(ordinary)
    assert (event.kind, event.basis) == (K.EVIDENCE_PERIOD_SET, "JI 99")
    assert event.payload["ends_on"] == "2024-03-19"


def test_an_ordinary_evidence_period_shorter_than_fifteen_days_is_refused(make_case, clerk):
    case = make_case(state="service", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        services.case_set_evidence_period(case=case, actor=clerk, start_on=FILED, days=14, on=FILED)
    assert (err.value.code, err.value.article, err.value.text) == (
        "evidence_period_too_short", "JI 99", rules.EVIDENCE_PERIOD_TOO_SHORT)
    # "举证期限可以由当事人协商，并经人民法院准许": an agreed period is not bound by the court's floor.
    services.case_set_evidence_period(case=case, actor=clerk, start_on=FILED, days=10, agreed=True, on=FILED)
    assert last_event(case).payload["agreed"] is True


def test_a_simple_evidence_period_longer_than_fifteen_days_is_refused(make_case, clerk):
    case = make_case(state="service")
    with pytest.raises(CaseRuleError) as err:
        services.case_set_evidence_period(case=case, actor=clerk, start_on=FILED, days=20, on=FILED)
    assert (err.value.code, err.value.article) == ("evidence_period_too_long", "JI 266")


def test_a_small_claims_evidence_period_beyond_seven_days_needs_a_reason(make_case, clerk):
    case = make_case(state="service", procedure=Procedure.SMALL_CLAIMS, amount=1000)
    with pytest.raises(CaseRuleError) as err:
        services.case_set_evidence_period(case=case, actor=clerk, start_on=FILED, days=10, on=FILED)
    assert err.value.article == "JI 275"
    services.case_set_evidence_period(case=case, actor=clerk, start_on=FILED, days=10, reason="需向银行调取流水",
                                      on=FILED)
    assert fresh(case).evidence_period_days == 10


def test_the_evidence_notice_day_is_needed_and_not_before_filing(make_case, clerk):
    case = make_case(state="service", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        services.case_set_evidence_period(case=case, actor=clerk, start_on=None, days=15)
    assert err.value.text == services.EVIDENCE_START_NEEDED
    with pytest.raises(CaseRuleError) as err:
        services.case_set_evidence_period(case=case, actor=clerk, start_on=FILED - timedelta(days=1), days=15)
    assert err.value.code == "before_filing"


def test_a_party_may_not_set_the_evidence_period(make_case, party):
    from django.core.exceptions import PermissionDenied

    case = make_case(state="service", procedure=Procedure.ORDINARY)
    with pytest.raises(PermissionDenied):
        services.case_set_evidence_period(case=case, actor=party, start_on=FILED, days=15, on=FILED)


# --- a hearing after the answer and evidence periods ------------------------------------------------------------

def test_an_ordinary_hearing_inside_the_evidence_period_is_refused(ordinary, clerk):
    with pytest.raises(CaseRuleError) as err:
        _schedule(ordinary, clerk, date(2024, 3, 19))
    assert (err.value.code, err.value.article) == ("hearing_in_evidence_period", "JI 99")
    assert _schedule(ordinary, clerk, date(2024, 3, 20)).status == Hearing.Status.SCHEDULED


def test_an_ordinary_hearing_inside_the_answer_period_is_refused(make_case, clerk):
    case = make_case(state="accepted", procedure=Procedure.ORDINARY)
    _serve(case, clerk, defendant(case), FILED)  # the answer period ends 2024-03-18 (03-16 is a Saturday)
    services.case_set_evidence_period(case=case, actor=clerk, start_on=FILED, days=15, on=FILED)  # ends 03-18
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, date(2024, 3, 18))
    assert (err.value.code, err.value.article) == ("hearing_in_answer_period", "CPL 128")
    assert _schedule(case, clerk, date(2024, 3, 19)).status == Hearing.Status.SCHEDULED


def test_an_ordinary_hearing_waits_for_every_defendant_to_be_served(make_case, clerk):
    case = make_case(state="accepted", procedure=Procedure.ORDINARY)
    services.case_set_evidence_period(case=case, actor=clerk, start_on=FILED, days=15, on=FILED)
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, date(2024, 4, 15))
    assert (err.value.code, err.value.article) == ("complaint_not_served", "CPL 128")


def test_an_ordinary_hearing_needs_an_evidence_period(make_case, clerk):
    case = make_case(state="accepted", procedure=Procedure.ORDINARY)
    _serve(case, clerk, defendant(case), FILED)
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, date(2024, 4, 15))
    assert (err.value.code, err.value.article) == ("evidence_period_not_set", "JI 99")


def test_waived_periods_let_the_hearing_come_at_once_under_a_product_convention(ordinary, clerk):
    with pytest.raises(CaseRuleError) as err:
        services.case_waive_periods(case=ordinary, actor=clerk, answer=True, evidence=True, note="", on=FILED)
    assert err.value.text == services.WAIVER_NEEDS_NOTE
    with pytest.raises(CaseRuleError) as err:
        services.case_waive_periods(case=ordinary, actor=clerk, note="笔录", on=FILED)
    assert err.value.text == services.WAIVER_NEEDS_A_PERIOD
    services.case_waive_periods(case=ordinary, actor=clerk, answer=True, evidence=True,
                                note="双方当事人在谈话笔录中表示不需要答辩期和举证期限", on=date(2024, 3, 5))
    event = last_event(ordinary)
    # Ordinary procedure: no text in the store allows the waiver, so the basis says it is a product convention.
    assert event.kind == K.PERIODS_WAIVED
    assert "product convention" in event.basis
    hearing = _schedule(ordinary, clerk, date(2024, 3, 12))
    assert hearing.status == Hearing.Status.SCHEDULED
    payload = last_event(ordinary).payload
    assert payload["answer_period_waived"] and payload["evidence_period_waived"]


def test_a_simple_case_waives_under_ji_266(make_case, clerk):
    case = make_case(state="service")
    services.case_set_evidence_period(case=case, actor=clerk, start_on=date(2024, 3, 4), days=15, on=date(2024, 3, 4))
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, date(2024, 3, 10))
    assert (err.value.code, err.value.article) == ("hearing_in_evidence_period", "JI 266")
    services.case_waive_periods(case=case, actor=clerk, evidence=True, note="双方表示不需要举证期限",
                                on=date(2024, 3, 5))
    assert last_event(case).basis == "JI 266"
    assert _schedule(case, clerk, date(2024, 3, 10)).status == Hearing.Status.SCHEDULED


def test_a_small_claims_answer_period_is_at_most_fifteen_days_and_holds_the_hearing_back(make_case, clerk):
    case = make_case(state="accepted", procedure=Procedure.SMALL_CLAIMS, amount=1000)
    with pytest.raises(CaseRuleError) as err:
        services.case_set_answer_period(case=case, actor=clerk, days=16, on=FILED)
    assert (err.value.code, err.value.article) == ("answer_period_too_long", "JI 275")
    services.case_set_answer_period(case=case, actor=clerk, days=7, on=FILED, reason="被告要求书面答辩")
    assert (last_event(case).kind, fresh(case).answer_period_days) == (K.ANSWER_PERIOD_SET, 7)
    _serve(case, clerk, defendant(case), date(2024, 3, 4))  # ends 2024-03-11
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, date(2024, 3, 11))
    assert (err.value.code, err.value.article) == ("hearing_in_answer_period", "JI 275")
    assert _schedule(case, clerk, date(2024, 3, 12)).status == Hearing.Status.SCHEDULED


def test_the_court_does_not_set_an_ordinary_answer_period(make_case, clerk):
    case = make_case(state="accepted", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        services.case_set_answer_period(case=case, actor=clerk, days=10, on=FILED)
    assert err.value.code == "answer_period_by_law"


def test_the_earliest_hearing_day_follows_the_last_period(ordinary):
    assert services.earliest_hearing_day(ordinary) == date(2024, 3, 20)


# --- a party with no domicile in China (CPL 283, 285) -------------------------------------------------------------

@pytest.fixture
def foreign(make_case, clerk):
    """A foreign-related ordinary case: defendant A (李四0) lives in China, B (Smith) has no domicile there."""
    case = make_case(state="accepted", procedure=Procedure.ORDINARY, foreign_related=True,
                     defendant_address_known=False)
    services.party_add(case=case, actor=clerk, on=FILED, data=PartyInput(
        side=Party.Side.DEFENDANT, name="Smith", address_known=False, no_domicile_in_china=True))
    return fresh(case)


def _defendants(case):
    return case.parties.get(name="李四0"), case.parties.get(name="Smith")


def test_publication_is_deemed_served_after_sixty_days_only_on_the_party_abroad(foreign, clerk):
    a, b = _defendants(foreign)
    for party in (a, b):
        services.service_send(case=foreign, actor=clerk, document=Doc.COMPLAINT, channel=Channel.PUBLICATION,
                              party=party, on=FILED)
    deemed = [e.payload["deemed_served_on"] for e in foreign.events.filter(kind=K.SERVICE_SENT).order_by("id")]
    assert deemed == ["2024-04-01", "2024-04-30"]  # CPL 95 (03-31 a Sunday); CPL 283
    for attempt in foreign.service_attempts.order_by("id"):
        services.service_record(attempt=attempt, actor=clerk, served=True, on=FILED)
    served = dict(foreign.service_attempts.values_list("party__name", "served_on"))
    assert served == {"李四0": date(2024, 4, 1), "Smith": date(2024, 4, 30)}


def test_each_defendant_answers_within_its_own_period(foreign, clerk):
    a, b = _defendants(foreign)
    _serve(foreign, clerk, a, FILED)
    assert (last_event(foreign).payload["answer_due"], last_event(foreign).payload["answer_basis"]) == (
        "2024-03-18", "CPL 128")
    _serve(foreign, clerk, b, FILED)
    assert (last_event(foreign).payload["answer_due"], last_event(foreign).payload["answer_basis"]) == (
        "2024-04-01", "CPL 285")
    services.case_set_evidence_period(case=foreign, actor=clerk, start_on=FILED, days=15, on=FILED)
    with pytest.raises(CaseRuleError) as err:
        _schedule(foreign, clerk, date(2024, 3, 25))
    assert (err.value.code, err.value.article) == ("hearing_in_answer_period", "CPL 285")
    assert _schedule(foreign, clerk, date(2024, 4, 2)).status == Hearing.Status.SCHEDULED
