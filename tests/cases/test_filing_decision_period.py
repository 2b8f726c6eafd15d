"""REG2015 Art. 8: how long the court has to decide on filing depends on the kind of suit.

"（一）对民事、行政起诉，应当在收到起诉状之日起七日内决定是否立案；……（三）对第三人撤销之诉，应当在收到起诉状之日起
三十日内决定是否立案；（四）对执行异议之诉，应当在收到起诉状之日起十五日内决定是否立案。"
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.models import CaseEvent, Cause, Party, SuitKind
from court.cases.services import FilingInput, PartyInput

RECEIVED = date(2024, 3, 1)


def _submit(court, party, suit_kind: str, cause_name: str):
    filing = FilingInput(
        cause=Cause.objects.filter(name=cause_name).first(), claim_amount=Decimal(0), suit_kind=suit_kind,
        original_case_number="（2023）陕0122民初1234号" if suit_kind else "", claims="撤销原判决", facts="……",
        parties=[PartyInput(side=Party.Side.PLAINTIFF, name="张三", address="蓝田县"),
                 PartyInput(side=Party.Side.DEFENDANT, name="李四", address="蓝田县")])
    return services.case_submit(court=court, filing=filing, actor=party, on=RECEIVED)


@pytest.mark.parametrize(
    ("suit_kind", "cause_name", "due"),
    [
        ("", "民间借贷纠纷", "2024-03-08"),
        (SuitKind.THIRD_PARTY_REVOCATION, "第三人撤销之诉", "2024-04-01"),  # 03-31 is a Sunday
        (SuitKind.EXECUTION_OBJECTION, "案外人执行异议之诉", "2024-03-18"),  # 03-16 is a Saturday
    ],
)
def test_the_filing_decision_is_due_within_the_period_of_the_kind_of_suit(court, party, suit_kind, cause_name, due):
    case = _submit(court, party, suit_kind, cause_name)
    event = case.events.get(kind=CaseEvent.Kind.SUBMITTED)
    assert event.payload["decision_due"] == due


def test_a_resubmitted_special_suit_keeps_its_own_period(court, party, filing_officer):
    """REG2015 Art. 8(3) "三十日内" runs again from the corrected complaint (JI 126; OLR 9(2)): corrected on
    2024-03-05 → 2024-04-04, in the Qingming holiday (04-04..06), so 2024-04-07, a make-up working day
    (CPL 85); not the 7 days of an ordinary complaint (2024-03-12)."""
    case = _submit(court, party, SuitKind.THIRD_PARTY_REVOCATION, "第三人撤销之诉")
    services.case_request_correction(case=case, actor=filing_officer, items="补充原判决书", on=RECEIVED)
    services.case_resubmit(case=case, actor=party, on=date(2024, 3, 5))
    event = case.events.get(kind=CaseEvent.Kind.RESUBMITTED)
    assert event.payload["decision_due"] == "2024-04-07"


@pytest.mark.parametrize(
    ("suit_kind", "cause_name", "due", "text"),
    [
        ("", "民间借贷纠纷", "2024-03-08", "(CPL 126: within 7 days)"),
        (SuitKind.THIRD_PARTY_REVOCATION, "第三人撤销之诉", "2024-04-01",
         "(REG2015 Art. 8: within 30 days; third-party revocation suit (第三人撤销之诉))"),
        (SuitKind.EXECUTION_OBJECTION, "案外人执行异议之诉", "2024-03-18",
         "(REG2015 Art. 8: within 15 days; execution-objection suit (执行异议之诉))"),
    ],
)
def test_the_case_page_shows_the_decision_day_of_the_kind_of_suit(court, party, filing_officer, suit_kind,
                                                                     cause_name, due, text):
    from django.test import Client

    from court.cases.term import court_calendar
    from court.cases.views import decision_due

    case = _submit(court, party, suit_kind, cause_name)
    assert decision_due(case, court_calendar()).isoformat() == due
    client = Client()
    client.force_login(filing_officer)
    html = __import__("html").unescape(client.get(f"/cases/{case.pk}/").content.decode())
    assert f"The court decides whether to accept this complaint by {due} {text}" in html


@pytest.mark.parametrize(
    ("cause_name", "due"),
    [("第三人撤销之诉", "2024-04-01"), ("案外人执行异议之诉", "2024-03-18")],
)
def test_the_cause_names_the_suit_when_the_filer_did_not(court, party, cause_name, due):
    """REG2015 Art. 8(3), (4) apply to the suit the complaint is, whether or not the filer ticked its kind: the
    cause 第三人撤销之诉 or …执行异议之诉 names it (Case.special_suit)."""
    filing = FilingInput(
        cause=Cause.objects.filter(name=cause_name).first(), claim_amount=Decimal(0),
        original_case_number="（2023）陕0122民初1234号", claims="……", facts="……",
        parties=[PartyInput(side=Party.Side.PLAINTIFF, name="张三", address="蓝田县"),
                 PartyInput(side=Party.Side.DEFENDANT, name="李四", address="蓝田县")])
    case = services.case_submit(court=court, filing=filing, actor=party, on=RECEIVED)
    assert case.suit_kind == "" and case.special_suit
    assert case.events.get(kind=CaseEvent.Kind.SUBMITTED).payload["decision_due"] == due
