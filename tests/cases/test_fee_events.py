"""The fee steps the docket records as they happen: a counterclaim's own fee and its day (FEE 18, 22), and the
top-up after a conversion to ordinary procedure (JI 199).

FEE 18: "被告提起反诉、有独立请求的第三人提出与本案有关的诉讼请求，人民法院决定合并审理的，分别减半交纳案件受理费。"
FEE 22: "反诉案件由提起反诉的当事人自提起反诉次日起7日内交纳案件受理费。"
JI 199: "适用简易程序审理的案件转为普通程序的，原告自接到人民法院交纳诉讼费用通知之日起七日内补交案件受理费。"
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.models import CaseEvent
from court.cases.services import CaseRuleError

from .conftest import fresh, last_event

pytestmark = pytest.mark.django_db
K = CaseEvent.Kind


def test_a_counterclaim_with_its_amount_records_its_half_fee_and_the_fee_22_day(make_case, judge):
    """50,000 yuan: FEE 13(1) 1,050, halved (FEE 18) 525.00; filed 2024-05-06 → due 2024-05-13 (FEE 22)."""
    case = make_case(state="service", procedure="ordinary", filed_on=date(2024, 4, 1))
    services.case_record_counterclaim(case=case, actor=judge, on=date(2024, 5, 6), amount=Decimal(50000))
    case = fresh(case)
    assert (case.counterclaim, case.counterclaim_amount) == (True, Decimal("50000.00"))
    event = last_event(case)
    assert event.kind == K.COUNTERCLAIM and "FEE 18, 22" in event.basis
    assert (event.payload["counterclaim_fee"], event.payload["counterclaim_fee_due"]) == ("525.00", "2024-05-13")


def test_a_counterclaim_without_an_amount_records_no_fee(make_case, judge):
    case = make_case(state="service", procedure="ordinary", filed_on=date(2024, 4, 1))
    services.case_record_counterclaim(case=case, actor=judge, on=date(2024, 5, 6))
    assert fresh(case).counterclaim_amount is None
    assert "counterclaim_fee" not in last_event(case).payload


def test_a_counterclaim_amount_cannot_be_negative(make_case, judge):
    case = make_case(state="service", procedure="ordinary", filed_on=date(2024, 4, 1))
    with pytest.raises(CaseRuleError) as err:
        services.case_record_counterclaim(case=case, actor=judge, on=date(2024, 5, 6), amount=Decimal(-1))
    assert err.value.code == "negative"
    assert fresh(case).counterclaim is False


def test_a_conversion_to_ordinary_records_the_top_up_and_its_day(make_case, judge):
    """100,000 filed simple: 1,150 collected (FEE 16), 2,300 under ordinary → 1,150.00 to top up within 7 days
    of the notice sent with the ruling on 2024-03-15 → 2024-03-22 (JI 199)."""
    case = make_case(state="service", procedure="simple", amount=Decimal(100000))
    services.case_convert_procedure(case=case, actor=judge, to="ordinary", reason="案情复杂", on=date(2024, 3, 15))
    event = last_event(fresh(case))
    assert event.kind == K.CONVERTED
    assert (event.payload["top_up"], event.payload["top_up_due"]) == ("1150.00", "2024-03-22")


def test_a_move_to_simple_procedure_owes_no_top_up(make_case, judge):
    """CPL 169: small claims → simple keeps the FEE 16 half fee; JI 199 speaks of conversion to ordinary only."""
    case = make_case(state="heard", procedure="small_claims", amount=Decimal(20000))
    services.case_convert_procedure(case=case, actor=judge, to="simple", reason="反诉", on=date(2024, 3, 15))
    assert "top_up" not in last_event(fresh(case)).payload
