"""The court fee shown on a case follows 诉讼费用交纳办法 from its cause, amount, procedure and closing."""

from datetime import date
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.fees import case_fees, counterclaim_fee_for_case, fee_for_case, fee_kind
from court.cases.models import Cause
from court.rules.fees import FeeKind

pytestmark = pytest.mark.django_db


def test_a_loan_claim_pays_the_property_schedule_halved_under_simple_procedure(make_case):
    """FEE 13(1): 30,000 yuan → 30,000 × 2.5% − 200 = 550; FEE 16 halves it for simple procedure."""
    case = make_case(state="accepted", amount=Decimal("30000"))
    fee = fee_for_case(case)
    assert (fee.full, fee.payable, fee.halved) == (Decimal("550.00"), Decimal("275.00"), True)


def test_ordinary_procedure_pays_the_full_fee_until_a_mediation_halves_it(make_case):
    """FEE 15: a mediated case pays half; halved once only (JI 206)."""
    case = make_case(state="accepted", procedure="ordinary", amount=Decimal("30000"))
    assert fee_for_case(case).payable == Decimal("550.00")
    closed = make_case(state="closed", procedure="ordinary", amount=Decimal("30000"), mode="mediation",
                       filed_on=date(2024, 4, 1))
    assert fee_for_case(closed).payable == Decimal("275.00")


def test_the_schedule_follows_the_cause_up_the_catalogue():
    assert fee_kind(Cause.objects.get(name="离婚纠纷", catalogue__version="2025"), Decimal("0")) == FeeKind.DIVORCE
    assert fee_kind(Cause.objects.get(name="名誉权纠纷", catalogue__version="2025"), Decimal("0")) == FeeKind.PERSONALITY
    assert fee_kind(Cause.objects.get(name="追索劳动报酬纠纷", catalogue__version="2025"), Decimal("8000")) == FeeKind.LABOUR
    assert fee_kind(Cause.objects.get(name="侵害商标权纠纷", catalogue__version="2025"), Decimal("0")) == FeeKind.IP_NO_AMOUNT
    assert fee_kind(Cause.objects.get(name="侵害商标权纠纷", catalogue__version="2025"), Decimal("100000")) == FeeKind.PROPERTY
    assert fee_kind(Cause.objects.get(name="相邻关系纠纷", catalogue__version="2025"), Decimal("0")) == FeeKind.OTHER_NON_PROPERTY


def _as(case, **fields):
    type(case).objects.filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    return case


def test_personal_injury_pays_the_property_schedule(make_case):
    """生命权、身体权、健康权纠纷 claims damages: FEE 13(1) with JI 201 ("按照财产性诉讼请求的标准交纳"), not the
    personality-rights range of FEE 13(2)2: 80,000 under ordinary procedure → 1,800.00 (it was 100 + 300)."""
    cause = Cause.objects.get(name="生命权、身体权、健康权纠纷", catalogue__version="2025")
    assert fee_kind(cause, Decimal("80000")) == FeeKind.PROPERTY
    case = _as(make_case(state="accepted", procedure="ordinary"), cause=cause, claim_amount=Decimal("80000"))
    assert fee_for_case(case).payable == Decimal("1800.00")


def test_a_wage_claim_is_not_asked_to_prepay(make_case):
    """FEE 20: "追索劳动报酬的案件可以不预交案件受理费"; FEE 13(4): "劳动争议案件每件交纳10元"."""
    case = _as(make_case(state="accepted", procedure="ordinary"), cause=Cause.objects.get(name="追索劳动报酬纠纷", catalogue__version="2025"),
               claim_amount=Decimal("20000"))
    fees = case_fees(case)
    assert (fees.main.payable, fees.prepayment_required) == (Decimal("10.00"), False)
    assert case_fees(make_case(state="accepted")).prepayment_required is True


def test_the_counterclaim_pays_half_of_its_own_amount_by_the_fee_22_day(make_case, judge):
    """FEE 18 "分别减半交纳案件受理费" on the counterclaim's own amount; FEE 22 "自提起反诉次日起7日内交纳".
    Main claim 100,000 (ordinary) stays 2,300; counterclaim 50,000 filed 2024-05-06 → 525.00 due 2024-05-13."""
    case = _as(make_case(state="service", procedure="ordinary", filed_on=date(2024, 4, 1)),
               claim_amount=Decimal("100000"))
    services.case_record_counterclaim(case=case, actor=judge, on=date(2024, 5, 6))
    case = _as(case, counterclaim_amount=Decimal("50000"))
    fees = case_fees(case)
    assert fees.main.payable == Decimal("2300.00")
    assert (fees.counterclaim.payable, fees.counterclaim_due) == (Decimal("525.00"), date(2024, 5, 13))
    assert counterclaim_fee_for_case(_as(case, counterclaim_amount=None)) is None


def test_a_converted_case_tops_up_and_a_deemed_withdrawal_gets_half_back(make_case):
    """JI 199: "…七日内补交案件受理费。原告无正当理由未按期足额补交的，按撤诉处理，已经收取的诉讼费用退还一半。"
    100,000 filed simple: 1,150 collected; after conversion 1,150 to top up; deemed withdrawn → 575.00 back."""
    case = _as(make_case(state="accepted"), claim_amount=Decimal("100000"), procedure="ordinary",
               initial_procedure="simple", converted_on=date(2024, 3, 20))
    assert case_fees(case).top_up == Decimal("1150.00")
    closed = _as(case, state="closed", closed_on=date(2024, 4, 15), closing_mode="deemed_withdrawal")
    fees = case_fees(closed)
    assert (fees.refund, fees.main.payable, fees.top_up) == (Decimal("575.00"), Decimal("575.00"), None)
    assert "JI 199" in fees.main.basis


@pytest.mark.parametrize(("case_type", "payable", "article"), [
    ("民特", Decimal("0.00"), "FEE 8(1)"),  # "依照民事诉讼法规定的特别程序审理的案件" pay no 案件受理费
    ("民督", Decimal("683.33"), "FEE 14(3)"),  # "依法申请支付令的，比照财产案件受理费标准的1/3交纳": 2,050 / 3
])
def test_the_fee_follows_the_case_type(make_case, case_type, payable, article):
    case = _as(make_case(state="accepted"), case_type=case_type, claim_amount=Decimal("90000"))
    assert (fee_for_case(case).payable, fee_for_case(case).basis) == (payable, [article])
