"""Case acceptance fees: 诉讼费用交纳办法 (FEE) Arts 8, 13, 14, 15, 16, 18, 20, 22; JI 199, 201, 206."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from court.rules.errors import RuleViolation
from court.rules.fees import (
    case_fee,
    conversion_top_up,
    counterclaim_fee,
    counterclaim_fee_due,
    fee_after_unpaid_top_up,
    prepayment_required,
    property_fee,
    refund_on_unpaid_top_up,
    top_up_due,
)

D = Decimal

# law-digest §7: fee = amount × rate + constant on each bracket (lower bound exclusive, upper inclusive).
CLOSED_FORMS = [
    (D(10_000), D(100_000), D("0.025"), D(-200)),
    (D(100_000), D(200_000), D("0.02"), D(300)),
    (D(200_000), D(500_000), D("0.015"), D(1_300)),
    (D(500_000), D(1_000_000), D("0.01"), D(3_800)),
    (D(1_000_000), D(2_000_000), D("0.009"), D(4_800)),
    (D(2_000_000), D(5_000_000), D("0.008"), D(6_800)),
    (D(5_000_000), D(10_000_000), D("0.007"), D(11_800)),
    (D(10_000_000), D(20_000_000), D("0.006"), D(21_800)),
    (D(20_000_000), D(10**12), D("0.005"), D(41_800)),
]


def closed_form(amount: Decimal) -> Decimal:
    if amount <= 10_000:
        return D(50)
    for low, high, rate, constant in CLOSED_FORMS:
        if low < amount <= high:
            return (amount * rate + constant).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    raise AssertionError(amount)


@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        (D(0), D(50)),
        (D(10_000), D(50)),
        (D("10000.01"), D("50.00")),
        (D("10000.20"), D("50.01")),  # 0.005 rounds half up to the fen
        (D(100_000), D(2_300)),
        (D("100000.01"), D("2300.00")),
        (D(200_000), D(4_300)),
        (D(500_000), D(8_800)),
        (D(1_000_000), D(13_800)),
        (D(2_000_000), D(22_800)),
        (D(5_000_000), D(46_800)),
        (D(10_000_000), D(81_800)),
        (D(20_000_000), D(141_800)),
        (D("20000000.01"), D("141800.00")),
        (D(30_000_000), D(191_800)),
    ],
)
def test_the_property_fee_at_each_bracket_edge(amount: Decimal, fee: Decimal) -> None:
    assert property_fee(amount) == fee


EDGES = [D(10_000), D(100_000), D(200_000), D(500_000), D(1_000_000), D(2_000_000), D(5_000_000),
         D(10_000_000), D(20_000_000)]


@pytest.mark.parametrize("edge", EDGES)
@pytest.mark.parametrize("offset", [D("-0.01"), D(0), D("0.01"), D(1), D(12_345)])
def test_the_property_fee_matches_the_closed_forms_around_every_edge(edge: Decimal, offset: Decimal) -> None:
    amount = edge + offset
    assert property_fee(amount) == closed_form(amount)


def test_a_negative_amount_is_an_error() -> None:
    with pytest.raises(ValueError):
        property_fee(D(-1))


def test_a_property_judgment_under_ordinary_procedure_pays_in_full() -> None:
    result = case_fee(kind="property", amount=D(100_000), procedure="ordinary", closing_mode="judgment")
    assert result.full == result.payable == D(2_300)
    assert result.halved is False
    assert result.basis == ["FEE 13(1)"]


@pytest.mark.parametrize(
    ("procedure", "mode", "basis"),
    [
        ("ordinary", "mediation", ["FEE 15"]),
        ("ordinary", "withdrawal", ["FEE 15"]),
        ("simple", "judgment", ["FEE 16"]),
        ("small_claims", "judgment", ["FEE 16"]),
        ("simple", "mediation", ["FEE 15", "FEE 16", "JI 206"]),
        ("small_claims", "withdrawal", ["FEE 15", "FEE 16", "JI 206"]),
    ],
)
def test_the_fee_is_halved_once_whatever_the_grounds(procedure: str, mode: str, basis: list[str]) -> None:
    result = case_fee(kind="property", amount=D(100_000), procedure=procedure, closing_mode=mode)
    assert result.full == D(2_300)
    assert result.payable == D(1_150)  # never a quarter (JI 206)
    assert result.halved is True
    assert result.basis == ["FEE 13(1)", *basis]


def test_a_counterclaim_pays_half_of_its_own_fee_and_leaves_the_main_claim_whole() -> None:
    """FEE 18: "被告提起反诉…人民法院决定合并审理的，分别减半交纳案件受理费" — each claim its own fee, halved.
    Counterclaim 50,000 under ordinary procedure: 1,050 → 525.00; the main claim of 100,000 stays 2,300
    (it used to be halved to 1,150)."""
    counter = counterclaim_fee(D(50_000), procedure="ordinary")
    assert (counter.full, counter.payable, counter.halved) == (D(1_050), D("525.00"), True)
    assert counter.basis == ["FEE 13(1)", "FEE 18"]
    assert case_fee(kind="property", amount=D(100_000), procedure="ordinary").payable == D(2_300)


def test_a_counterclaim_in_a_simple_case_is_halved_once() -> None:
    """JI 206: "人民法院决定减半收取案件受理费的，只能减半一次"."""
    counter = counterclaim_fee(D(50_000), procedure="simple", closing_mode="mediation")
    assert counter.payable == D("525.00")
    assert counter.basis == ["FEE 13(1)", "FEE 18", "FEE 15", "FEE 16", "JI 206"]


def test_the_counterclaim_fee_is_due_seven_days_after_the_counterclaim() -> None:
    """FEE 22: "反诉案件由提起反诉的当事人自提起反诉次日起7日内交纳案件受理费" — filed 2024-05-06 → 2024-05-13."""
    assert counterclaim_fee_due(date(2024, 5, 6)) == date(2024, 5, 13)


def test_after_conversion_the_plaintiff_tops_up_within_seven_days_or_gets_half_back() -> None:
    """JI 199: "适用简易程序审理的案件转为普通程序的，原告自接到人民法院交纳诉讼费用通知之日起七日内补交案件受理费。
    原告无正当理由未按期足额补交的，按撤诉处理，已经收取的诉讼费用退还一半。" 100,000 filed simple: 2,300 full,
    1,150 prepaid (FEE 16); notice received 2024-04-02 → top-up 1,150 due 2024-04-09; unpaid → 575.00 back."""
    simple = case_fee(kind="property", amount=D(100_000), procedure="simple")
    ordinary = case_fee(kind="property", amount=D(100_000), procedure="ordinary")
    assert conversion_top_up(full=ordinary.payable, collected=simple.payable) == D("1150.00")
    assert top_up_due(date(2024, 4, 2)) == date(2024, 4, 9)
    assert refund_on_unpaid_top_up(simple.payable) == D("575.00")
    kept = fee_after_unpaid_top_up(full=ordinary.full, collected=simple.payable, basis=simple.basis)
    assert (kept.payable, kept.basis) == (D("575.00"), ["FEE 13(1)", "FEE 16", "JI 199"])


def test_a_wage_claim_need_not_prepay() -> None:
    """FEE 20: "追索劳动报酬的案件可以不预交案件受理费" — may, so the court can still ask; FEE 13(4): 10 yuan."""
    assert prepayment_required(fee_prepay=False) is False
    assert prepayment_required(fee_prepay=False, override=True) is True
    assert prepayment_required(fee_prepay=True) is True
    assert case_fee(kind="labour", amount=D(20_000), procedure="ordinary").payable == D(10)


def test_personal_injury_on_the_property_schedule() -> None:
    """生命权、身体权、健康权纠纷 claims damages (JI 201: "按照财产性诉讼请求的标准交纳"): 80,000 → 1,800.00."""
    assert case_fee(kind="property", amount=D(80_000), procedure="ordinary").payable == D("1800.00")


@pytest.mark.parametrize(
    ("case_type", "procedure", "payable", "basis"),
    [
        ("民特", "simple", D(0), ["FEE 8(1)"]),  # "依照民事诉讼法规定的特别程序审理的案件" pay nothing
        ("民督", "simple", D("683.33"), ["FEE 14(3)"]),  # "比照财产案件受理费标准的1/3交纳": 2,050 / 3
        ("民诉前调", "simple", D(0), ["OMR 24"]),
        ("民初", "simple", D("1025.00"), ["FEE 13(1)", "FEE 16"]),
    ],
)
def test_the_fee_follows_the_case_type(case_type: str, procedure: str, payable: D, basis: list[str]) -> None:
    result = case_fee(kind="property", amount=D(90_000), procedure=procedure, case_type=case_type)
    assert (result.payable, result.basis) == (payable, basis)


def test_a_deemed_withdrawal_is_not_a_withdrawal_application() -> None:
    # FEE 15 halves "当事人申请撤诉"; 按撤诉处理 is not an application.
    result = case_fee(kind="property", amount=D(100_000), procedure="ordinary", closing_mode="deemed_withdrawal")
    assert result.halved is False


def test_a_dismissed_suit_pays_no_fee() -> None:
    result = case_fee(kind="property", amount=D(100_000), procedure="simple", closing_mode="dismissal")
    assert result.full == D(2_300)
    assert result.payable == D(0)
    assert result.halved is False
    assert "FEE 8(2)" in result.basis


def test_halving_rounds_to_the_fen() -> None:
    result = case_fee(kind="property", amount=D("10000.20"), procedure="simple")
    assert result.full == D("50.01")
    assert result.payable == D("25.01")


@pytest.mark.parametrize(
    ("kind", "fixed", "full", "article"),
    [
        ("divorce", None, D(50), "FEE 13(2)1"),
        ("divorce", D(300), D(300), "FEE 13(2)1"),
        ("personality", None, D(100), "FEE 13(2)2"),
        ("personality", D(500), D(500), "FEE 13(2)2"),
        ("other_non_property", None, D(50), "FEE 13(2)3"),
        ("other_non_property", D(80), D(80), "FEE 13(2)3"),
        ("ip_no_amount", None, D(500), "FEE 13(3)"),
        ("ip_no_amount", D(1000), D(1000), "FEE 13(3)"),
        ("labour", None, D(10), "FEE 13(4)"),
    ],
)
def test_fixed_fees_take_the_provincial_figure_or_the_low_end(
    kind: str, fixed: Decimal | None, full: Decimal, article: str
) -> None:
    result = case_fee(kind=kind, procedure="ordinary", closing_mode="judgment", fixed=fixed)
    assert result.full == result.payable == full
    assert result.basis == [article]


@pytest.mark.parametrize(
    ("kind", "fixed"),
    [("divorce", D(49)), ("divorce", D(301)), ("personality", D(99)), ("other_non_property", D(101)),
     ("ip_no_amount", D(1001)), ("labour", D(20))],
)
def test_a_provincial_figure_outside_the_range_is_rejected(kind: str, fixed: Decimal) -> None:
    with pytest.raises(RuleViolation) as excinfo:
        case_fee(kind=kind, procedure="ordinary", fixed=fixed)
    assert excinfo.value.code == "fee_out_of_range"


def test_a_property_case_has_no_range_to_pick_from() -> None:
    with pytest.raises(RuleViolation):
        case_fee(kind="property", amount=D(1), procedure="ordinary", fixed=D(50))


@pytest.mark.parametrize(
    ("amount", "extra"),
    [(D(200_000), D(0)), (D(200_001), D("0.01")), (D(300_000), D(500))],  # 0.5% over 200,000
)
def test_divorce_property_over_two_hundred_thousand_pays_half_a_percent(amount: Decimal, extra: Decimal) -> None:
    result = case_fee(kind="divorce", amount=amount, procedure="ordinary", fixed=D(200))
    assert result.full == D(200) + extra


@pytest.mark.parametrize(
    ("damages", "extra"),
    [(D(50_000), D(0)), (D(80_000), D(300)), (D(100_000), D(500)), (D(200_000), D(1_000))],
)
def test_personality_damages_pay_the_graduated_schedule(damages: Decimal, extra: Decimal) -> None:
    # FEE 13(2)2: free to 50,000; 1% to 100,000; 0.5% above.
    result = case_fee(kind="personality", amount=damages, procedure="ordinary")
    assert result.full == D(100) + extra


def test_labour_disputes_pay_ten_yuan_whatever_the_amount_and_five_when_halved() -> None:
    assert case_fee(kind="labour", amount=D(500_000), procedure="ordinary").full == D(10)
    assert case_fee(kind="labour", amount=D(500_000), procedure="simple").payable == D(5)


@pytest.mark.parametrize("kind", ["other_non_property", "ip_no_amount"])
def test_a_claimed_amount_moves_the_case_to_the_property_schedule(kind: str) -> None:
    with pytest.raises(RuleViolation) as excinfo:
        case_fee(kind=kind, amount=D(1_000), procedure="ordinary")
    assert excinfo.value.code == "fee_amount_makes_property"


def test_fee_53_refunds_what_was_paid_beyond_the_fee_within_15_days_of_effect():
    """FEE 53: "需要向当事人退还诉讼费用的，人民法院应当自法律文书生效之日起15日内退还有关当事人"."""
    from datetime import date
    from decimal import Decimal

    from court.rules.fees import refund_after_closing, refund_due

    assert refund_after_closing(paid=Decimal("550"), payable=Decimal("275")) == Decimal("275.00")
    assert refund_after_closing(paid=Decimal("100"), payable=Decimal("275")) == Decimal("0.00")  # still owed, not refunded
    assert refund_due(date(2024, 9, 20)) == date(2024, 10, 5)  # the day of effect not counted; no holiday roll-over
