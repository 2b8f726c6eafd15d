"""The court fee shown on a case follows 诉讼费用交纳办法 from its cause, amount, procedure and closing."""

from datetime import date
from decimal import Decimal

import pytest

from court.cases.fees import fee_for_case, fee_kind
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
    assert fee_kind(Cause.objects.get(name="离婚纠纷"), Decimal("0")) == FeeKind.DIVORCE
    assert fee_kind(Cause.objects.get(name="名誉权纠纷"), Decimal("0")) == FeeKind.PERSONALITY
    assert fee_kind(Cause.objects.get(name="追索劳动报酬纠纷"), Decimal("8000")) == FeeKind.LABOUR
    assert fee_kind(Cause.objects.get(name="侵害商标权纠纷"), Decimal("0")) == FeeKind.IP_NO_AMOUNT
    assert fee_kind(Cause.objects.get(name="侵害商标权纠纷"), Decimal("100000")) == FeeKind.PROPERTY
    assert fee_kind(Cause.objects.get(name="相邻关系纠纷"), Decimal("0")) == FeeKind.OTHER_NON_PROPERTY
