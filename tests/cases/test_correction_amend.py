"""Correction before 立案 (REG2015 Art. 7; OLR 9(2); JI 126) and withdrawal of a filing (CPL 13)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from court.cases import services
from court.cases.models import CaseEvent, CaseState, Party
from court.cases.services import PartyInput
from court.org.models import Role, User

from .conftest import fresh, last_event

ASKED_ON = date(2024, 2, 28)


@pytest.fixture
def in_correction(make_case, filing_officer):
    case = make_case(state="filed")
    return services.case_request_correction(case=case, actor=filing_officer, items="1. 被告住址不详\n2. 金额有误",
                                            on=ASKED_ON)


def test_the_request_lists_its_items_and_a_deadline(make_case, filing_officer):
    """REG2015 Art. 7: "人民法院应当一次性书面告知在指定期限内补正"; OLR 9(2): "一次性告知补正内容和期限"."""
    case = make_case(state="filed")
    services.case_request_correction(case=case, actor=filing_officer, items="被告住址", on=ASKED_ON,
                                     due_on=date(2024, 3, 10))
    request = services.correction_request(case)
    assert (request.items, request.requested_on, request.due_on) == ("被告住址", ASKED_ON, date(2024, 3, 10))
    assert last_event(case).payload["due_on"] == "2024-03-10"


def test_without_a_deadline_the_court_gives_the_product_default(make_case, filing_officer):
    """REG2015 Art. 7 leaves the period to the court ("在指定期限内"): 15 days, rolled to a working day (CPL 85)."""
    case = make_case(state="filed")
    services.case_request_correction(case=case, actor=filing_officer, items="被告住址", on=ASKED_ON)
    due = services.correction_request(case).due_on
    assert due == services.default_correction_due(ASKED_ON)
    assert due >= ASKED_ON + timedelta(days=services.CORRECTION_DAYS)


def test_a_deadline_on_or_before_the_request_is_refused(make_case, filing_officer):
    case = make_case(state="filed")
    with pytest.raises(services.CaseRuleError) as exc:
        services.case_request_correction(case=case, actor=filing_officer, items="x", on=ASKED_ON, due_on=ASKED_ON)
    assert exc.value.code == "correction_due"
    assert fresh(case).state == CaseState.FILED


def test_the_filer_amends_amount_claims_facts_and_parties(in_correction, party):
    case = in_correction
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    edited = PartyInput(side=Party.Side.DEFENDANT, name="李四", address="蓝田县华胥镇1号", phone="13800000000")
    services.case_amend_filing(
        case=case, actor=party, claim_amount=Decimal("45000"), claims="判令被告归还借款45000元", facts="借款45000元",
        edit_parties=[(defendant, edited)],
        add_parties=[PartyInput(side=Party.Side.DEFENDANT, name="王五", address="蓝田县蓝关街道2号")])
    case = fresh(case)
    assert case.claim_amount == Decimal("45000") and case.claims == "判令被告归还借款45000元"
    assert case.defendant_count == 2  # the party facts are refreshed
    assert case.parties.get(pk=defendant.pk).address == "蓝田县华胥镇1号"
    event = last_event(case)
    assert event.kind == CaseEvent.Kind.FILING_AMENDED
    assert event.payload["changed"] == ["parties", "claims", "claim_amount", "facts"]
    assert event.payload["old_amount"] == "30000.00" and event.payload["new_amount"] == "45000"
    assert event.payload["parties_added"] == ["王五"] and event.payload["parties_changed"] == ["李四"]


def test_a_party_can_be_removed_but_not_the_last_plaintiff(in_correction, party):
    """CPL 122(1): "原告是与本案有直接利害关系的公民、法人和其他组织" — a complaint keeps a plaintiff."""
    case = in_correction
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    with pytest.raises(services.CaseRuleError) as exc:
        services.case_amend_filing(case=case, actor=party, remove_parties=[plaintiff])
    assert exc.value.text == services.AMENDED_WITHOUT_PLAINTIFF
    services.case_amend_filing(case=case, actor=party, add_parties=[PartyInput(side=Party.Side.DEFENDANT, name="王五",
                                                                             address="蓝田县")])
    wang = case.parties.get(name="王五")
    services.case_amend_filing(case=case, actor=party, remove_parties=[wang])
    assert not case.parties.filter(name="王五").exists()
    assert last_event(case).payload["parties_removed"] == ["王五"]
    assert fresh(case).defendant_count == 1


def test_nothing_changed_writes_no_event(in_correction, party):
    before = CaseEvent.objects.filter(case=in_correction).count()
    services.case_amend_filing(case=in_correction, actor=party, claims=in_correction.claims)
    assert CaseEvent.objects.filter(case=in_correction).count() == before


def test_amending_outside_correction_is_refused(make_case, party):
    case = make_case(state="filed")
    with pytest.raises(services.CaseRuleError) as exc:
        services.case_amend_filing(case=case, actor=party, claim_amount=Decimal("1"))
    assert exc.value.code == "not_in_correction"


def test_a_negative_or_huge_amount_is_refused(in_correction, party):
    with pytest.raises(services.CaseRuleError) as exc:
        services.case_amend_filing(case=in_correction, actor=party, claim_amount=Decimal("-1"))
    assert exc.value.code == "negative"
    with pytest.raises(services.CaseRuleError) as exc:
        services.case_amend_filing(case=in_correction, actor=party, claim_amount=Decimal("1e15"))
    assert exc.value.code == "amount_too_large"


def test_a_party_of_another_case_cannot_be_edited(in_correction, make_case, party):
    other = make_case(state="filed").parties.first()
    with pytest.raises(services.CaseRuleError) as exc:
        services.case_amend_filing(case=in_correction, actor=party, remove_parties=[other])
    assert exc.value.code == "party_of_other_case"


def test_who_may_amend(in_correction, filing_officer, lawyer, judge, stranger, court):
    """The filer's side (the party, its lawyer) and the filing officer; not the trial team, not a stranger, not a
    defendant who joined the complaint before it was accepted."""
    services.case_amend_filing(case=in_correction, actor=filing_officer, facts="更正后的事实")
    services.case_amend_filing(case=in_correction, actor=lawyer, facts="律师更正")
    defendant_user = User.objects.create_user(username="d", password="x", role=Role.PARTY)
    in_correction.parties.filter(side=Party.Side.DEFENDANT).update(user=defendant_user)
    for actor in (judge, stranger, defendant_user):
        with pytest.raises(PermissionDenied):
            services.case_amend_filing(case=in_correction, actor=actor, facts="x")
        with pytest.raises(PermissionDenied):
            services.case_resubmit(case=in_correction, actor=actor)


def test_resubmitting_restarts_the_seven_days(in_correction, party):
    """OLR 9(2): "案件受理时间自收到补正材料后次日重新起算"; JI 126: "从补正后交人民法院的次日起算"."""
    resubmitted_on = ASKED_ON + timedelta(days=3)
    services.case_resubmit(case=in_correction, actor=party, on=resubmitted_on)
    case = fresh(in_correction)
    assert case.state == CaseState.FILED and case.corrected_on == resubmitted_on
    event = last_event(case)
    assert date.fromisoformat(event.payload["decision_due"]) >= resubmitted_on + timedelta(days=7)
    assert "late" not in event.payload


def test_a_resubmission_after_the_deadline_is_marked_late(in_correction, party):
    """REG2015 Art. 7: "当事人在指定期限内没有补正的，退回诉状并记录在册" — the officer decides; the event says it was late."""
    due = services.correction_request(in_correction).due_on
    services.case_resubmit(case=in_correction, actor=party, on=due + timedelta(days=1))
    assert last_event(in_correction).payload["late"] is True


@pytest.mark.parametrize("state", ["filed", "correction"])
def test_the_filer_withdraws_before_acceptance(make_case, filing_officer, party, state):
    case = make_case(state="filed")
    if state == "correction":
        services.case_request_correction(case=case, actor=filing_officer, items="x", on=ASKED_ON)
    services.case_withdraw_filing(case=case, actor=party, reason="已和解")
    case = fresh(case)
    assert case.state == CaseState.WITHDRAWN and case.case_number is None and case.filed_on is None
    event = last_event(case)
    assert (event.kind, event.basis, event.reason) == (CaseEvent.Kind.FILING_WITHDRAWN, "CPL 13", "已和解")


def test_only_the_filers_side_withdraws_a_filing(make_case, filing_officer, judge, stranger, lawyer):
    case = make_case(state="filed")
    for actor in (filing_officer, judge, stranger):
        with pytest.raises(PermissionDenied):
            services.case_withdraw_filing(case=case, actor=actor)
    services.case_withdraw_filing(case=case, actor=lawyer)
    assert fresh(case).state == CaseState.WITHDRAWN


def test_an_accepted_case_is_not_withdrawn_as_a_filing(make_case, party):
    """After 立案 withdrawal is the court's ruling (CPL 148): the filing withdrawal is refused."""
    case = make_case(state="accepted")
    with pytest.raises(PermissionDenied):
        services.case_withdraw_filing(case=case, actor=party)
