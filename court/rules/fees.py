"""Case acceptance fees (案件受理费) under 诉讼费用交纳办法 (FEE, 2006) and JI 194-213: by case type, the
counterclaim's own fee (FEE 18, 22), the top-up after conversion and its refund (JI 199), prepayment (FEE 20)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal
from enum import StrEnum

from ._i18n import _
from .calendar import WorkdayCalendar
from .enums import ClosingMode, Procedure
from .errors import RuleViolation
from .periods import day_period_end

FEN = Decimal("0.01")
ZERO = Decimal("0.00")

# Case type codes (court.rules.case_numbers.TYPE_CODES) with a fee of their own.
FIRST_INSTANCE = "民初"
SPECIAL_PROCEDURE = "民特"
PAYMENT_ORDER = "民督"
PRE_SUIT_MEDIATION = "民诉前调"

# FEE 13(1): (upper bound of the bracket, rate on the part within it); the first 10,000 pay a flat 50.
PROPERTY_FLAT_UP_TO = Decimal(10_000)
PROPERTY_FLAT_FEE = Decimal(50)
PROPERTY_BRACKETS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(100_000), Decimal("0.025")),
    (Decimal(200_000), Decimal("0.02")),
    (Decimal(500_000), Decimal("0.015")),
    (Decimal(1_000_000), Decimal("0.01")),
    (Decimal(2_000_000), Decimal("0.009")),
    (Decimal(5_000_000), Decimal("0.008")),
    (Decimal(10_000_000), Decimal("0.007")),
    (Decimal(20_000_000), Decimal("0.006")),
    (None, Decimal("0.005")),
)

FIXED_OUT_OF_RANGE = _("FEE 13: the provincial fee figure must lie within the statutory range.")
FIXED_NOT_A_RANGE = _("FEE 13: this kind of case has no fee range to choose a figure from.")
AMOUNT_MAKES_IT_PROPERTY = _(
    "FEE 13, JI 201: a case with a disputed amount pays the property-case schedule."
)


class FeeKind(StrEnum):
    """Fee schedules of FEE 13."""

    PROPERTY = "property"
    DIVORCE = "divorce"
    PERSONALITY = "personality"
    OTHER_NON_PROPERTY = "other_non_property"
    LABOUR = "labour"
    IP_NO_AMOUNT = "ip_no_amount"


@dataclass(frozen=True)
class _Schedule:
    low: Decimal
    high: Decimal
    article: str


_SCHEDULES: dict[FeeKind, _Schedule] = {
    FeeKind.DIVORCE: _Schedule(Decimal(50), Decimal(300), "FEE 13(2)1"),
    FeeKind.PERSONALITY: _Schedule(Decimal(100), Decimal(500), "FEE 13(2)2"),
    FeeKind.OTHER_NON_PROPERTY: _Schedule(Decimal(50), Decimal(100), "FEE 13(2)3"),
    FeeKind.IP_NO_AMOUNT: _Schedule(Decimal(500), Decimal(1000), "FEE 13(3)"),
    FeeKind.LABOUR: _Schedule(Decimal(10), Decimal(10), "FEE 13(4)"),
}


@dataclass(frozen=True)
class FeeResult:
    """`full` is the unreduced fee, `payable` what the case pays; `basis` lists the articles applied."""

    full: Decimal
    payable: Decimal
    halved: bool
    basis: list[str] = field(default_factory=list)


def _fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def _tiered(amount: Decimal, tiers: tuple[tuple[Decimal, Decimal | None, Decimal], ...]) -> Decimal:
    """Sum of rate × the part of `amount` within each (floor, ceiling, rate) tier."""
    total = Decimal(0)
    for floor, ceiling, rate in tiers:
        if amount <= floor:
            break
        top = amount if ceiling is None else min(amount, ceiling)
        total += (top - floor) * rate
    return total


def property_fee(amount: Decimal) -> Decimal:
    """Property-case fee, cumulative by bracket (FEE 13(1)): 50 up to 10,000, then 2.5% … 0.5%."""
    amount = Decimal(amount)
    if amount < 0:
        raise ValueError(f"A claim amount cannot be negative ({amount}).")
    tiers = []
    floor = PROPERTY_FLAT_UP_TO
    for ceiling, rate in PROPERTY_BRACKETS:
        tiers.append((floor, ceiling, rate))
        if ceiling is not None:
            floor = ceiling
    return _fen(PROPERTY_FLAT_FEE + _tiered(amount, tuple(tiers)))


def divorce_property_fee(amount: Decimal) -> Decimal:
    """Property division in a divorce: free up to 200,000, 0.5% above (FEE 13(2)1)."""
    return _fen(_tiered(Decimal(amount), ((Decimal(200_000), None, Decimal("0.005")),)))


def personality_damages_fee(amount: Decimal) -> Decimal:
    """Damages in a personality-rights case: free up to 50,000, 1% to 100,000, 0.5% above (FEE 13(2)2)."""
    tiers = (
        (Decimal(50_000), Decimal(100_000), Decimal("0.01")),
        (Decimal(100_000), None, Decimal("0.005")),
    )
    return _fen(_tiered(Decimal(amount), tiers))


def _fixed_part(kind: FeeKind, fixed: Decimal | None) -> tuple[Decimal, str]:
    schedule = _SCHEDULES[kind]
    if fixed is None:
        return schedule.low, schedule.article
    fixed = Decimal(fixed)
    if not schedule.low <= fixed <= schedule.high:
        raise RuleViolation(FIXED_OUT_OF_RANGE, code="fee_out_of_range", article=schedule.article)
    return fixed, schedule.article


def _schedule_fee(kind: FeeKind, amount: Decimal, fixed: Decimal | None) -> tuple[Decimal, list[str]]:
    """The unreduced fee of FEE 13 for `kind` and `amount`, with the article applied."""
    if kind == FeeKind.PROPERTY:
        if fixed is not None:
            raise RuleViolation(FIXED_NOT_A_RANGE, code="fee_not_a_range", article="FEE 13(1)")
        return property_fee(amount), ["FEE 13(1)"]
    if amount and kind in (FeeKind.OTHER_NON_PROPERTY, FeeKind.IP_NO_AMOUNT):
        article = "FEE 13(3)" if kind == FeeKind.IP_NO_AMOUNT else "JI 201"
        raise RuleViolation(AMOUNT_MAKES_IT_PROPERTY, code="fee_amount_makes_property", article=article)
    full, article = _fixed_part(kind, fixed)
    if kind == FeeKind.DIVORCE:
        full += divorce_property_fee(amount)
    elif kind == FeeKind.PERSONALITY:
        full += personality_damages_fee(amount)
    return _fen(full), [article]


def _amount(amount: Decimal) -> Decimal:
    amount = Decimal(amount)
    if amount < 0:
        raise ValueError(f"A claim amount cannot be negative ({amount}).")
    return amount


def _reduced(full: Decimal, basis: list[str], reasons: list[str]) -> FeeResult:
    """`full`, halved once whatever the number of `reasons` (JI 206: "只能减半一次")."""
    if not reasons:
        return FeeResult(full=full, payable=full, halved=False, basis=basis)
    if len(reasons) > 1:
        reasons = [*reasons, "JI 206"]
    return FeeResult(full=full, payable=_fen(full / 2), halved=True, basis=[*basis, *reasons])


def _halving_reasons(procedure: Procedure, mode: ClosingMode | None) -> list[str]:
    reasons = []
    if mode in (ClosingMode.MEDIATION, ClosingMode.WITHDRAWAL):
        reasons.append("FEE 15")
    if procedure in (Procedure.SIMPLE, Procedure.SMALL_CLAIMS):
        reasons.append("FEE 16")
    return reasons


def case_fee(
    *,
    kind: FeeKind | str,
    amount: Decimal = Decimal(0),
    procedure: Procedure | str,
    closing_mode: ClosingMode | str | None = None,
    fixed: Decimal | None = None,
    case_type: str = FIRST_INSTANCE,
) -> FeeResult:
    """The case acceptance fee of the main claim and what is payable after reductions.

    Ranges (FEE 13(2), (3)) take the provincial figure `fixed`, by default the low end. Halved once
    (JI 206) for mediation or withdrawal (FEE 15) or simple procedure incl. small claims (FEE 16); nothing
    is payable when the suit is dismissed (FEE 8(2)). A counterclaim pays its own fee (`counterclaim_fee`,
    FEE 18 "分别减半"): it does not halve the main claim's.
    By case type: special procedure (民特) pays nothing (FEE 8(1) "依照民事诉讼法规定的特别程序审理的案件");
    a payment order (民督) one third of the property schedule (FEE 14(3) "比照财产案件受理费标准的1/3交纳"),
    an application fee that FEE 15-16 do not halve; pre-suit mediation (民诉前调) is not a suit and has no
    案件受理费 (FEE is silent: a product convention).
    """
    kind = FeeKind(kind)
    procedure = Procedure(procedure)
    mode = ClosingMode(closing_mode) if closing_mode is not None else None
    amount = _amount(amount)
    if case_type == SPECIAL_PROCEDURE:
        return FeeResult(full=ZERO, payable=ZERO, halved=False, basis=["FEE 8(1)"])
    if case_type == PRE_SUIT_MEDIATION:
        return FeeResult(full=ZERO, payable=ZERO, halved=False, basis=["OMR 24"])
    if case_type == PAYMENT_ORDER:
        third = _fen(property_fee(amount) / 3)
        return FeeResult(full=third, payable=third, halved=False, basis=["FEE 14(3)"])
    full, basis = _schedule_fee(kind, amount, fixed)
    if mode == ClosingMode.DISMISSAL:
        return FeeResult(full=full, payable=ZERO, halved=False, basis=[*basis, "FEE 8(2)"])
    return _reduced(full, basis, _halving_reasons(procedure, mode))


def counterclaim_fee(
    amount: Decimal,
    *,
    kind: FeeKind | str = FeeKind.PROPERTY,
    procedure: Procedure | str,
    closing_mode: ClosingMode | str | None = None,
    fixed: Decimal | None = None,
) -> FeeResult:
    """The counterclaim's own fee, on its own amount, halved once (FEE 18 "被告提起反诉…分别减半交纳案件受理费";
    JI 206 "只能减半一次", so simple procedure or a mediation does not halve it again)."""
    kind = FeeKind(kind)
    mode = ClosingMode(closing_mode) if closing_mode is not None else None
    full, basis = _schedule_fee(kind, _amount(amount), fixed)
    if mode == ClosingMode.DISMISSAL:
        return FeeResult(full=full, payable=ZERO, halved=False, basis=[*basis, "FEE 8(2)"])
    return _reduced(full, basis, ["FEE 18", *_halving_reasons(Procedure(procedure), mode)])


def counterclaim_fee_due(filed_on: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """The counterclaimant pays within 7 days from the day after the counterclaim (FEE 22
    "反诉案件由提起反诉的当事人自提起反诉次日起7日内交纳案件受理费"); a last day off work rolls over (CPL 85)."""
    return day_period_end(filed_on, 7, calendar=calendar)


def case_fee_due(notice_received_on: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """The plaintiff pays the case fee within 7 days from the day after receiving the fee notice (FEE 22
    "原告自接到人民法院交纳诉讼费用通知次日起7日内交纳案件受理费"); a last day off work rolls over (CPL 85)."""
    return day_period_end(notice_received_on, 7, calendar=calendar)


def relief_reduction_floor(amount: Decimal) -> Decimal:
    """The least a granted reduction takes off (FEE 46 "人民法院准予减交诉讼费用的，减交比例不得低于30%"), to the
    fen, rounded up so that the reduction is never below 30%."""
    return (Decimal(amount) * Decimal("0.30")).quantize(FEN, rounding=ROUND_UP)


def conversion_top_up(*, full: Decimal, collected: Decimal) -> Decimal:
    """What the plaintiff tops up after a conversion to ordinary procedure (JI 199 "补交案件受理费"): the fee
    under ordinary procedure less what was collected under simple procedure, never below zero."""
    return max(_fen(Decimal(full) - Decimal(collected)), ZERO)


def top_up_due(notice_received_on: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """JI 199: "原告自接到人民法院交纳诉讼费用通知之日起七日内补交案件受理费" — 7 days, the first day not counted
    (JI 125), so the same day as FEE 22's "次日起7日内"."""
    return day_period_end(notice_received_on, 7, calendar=calendar)


def refund_on_unpaid_top_up(collected: Decimal) -> Decimal:
    """JI 199: "原告无正当理由未按期足额补交的，按撤诉处理，已经收取的诉讼费用退还一半" — half of what was
    collected, to the fen. Applied literally: JI 199 is the specific rule, although the collected fee was
    already halved under FEE 16."""
    return _fen(Decimal(collected) / 2)


def refund_after_closing(*, paid: Decimal, payable: Decimal) -> Decimal:
    """FEE 15 halves the fee of a case closed by mediation or withdrawal (FEE 16 a simple one) after the full fee
    was prepaid: what was paid beyond the fee now payable goes back to the payer (FEE 53: "需要向当事人退还诉讼费用
    的，人民法院应当自法律文书生效之日起15日内退还有关当事人"). Nothing when nothing was overpaid."""
    return max(_fen(Decimal(paid) - Decimal(payable)), Decimal("0.00"))


def refund_due(effective_on: date) -> date:
    """FEE 53: the refund is made "自法律文书生效之日起15日内" — within 15 days, the day of effect not counted
    (CPL 85: 期间开始的时和日，不计算在期间内); not rolled past a holiday, being the court's own time limit."""
    return day_period_end(effective_on, 15, roll_over=False)


def fee_after_unpaid_top_up(*, full: Decimal, collected: Decimal, basis: list[str]) -> FeeResult:
    """The fee of a converted case deemed withdrawn for an unpaid top-up (JI 199): the court keeps half of
    what it collected."""
    kept = _fen(Decimal(collected) - refund_on_unpaid_top_up(collected))
    return FeeResult(full=full, payable=kept, halved=True, basis=[*basis, "JI 199"])


def prepayment_required(*, fee_prepay: bool, override: bool | None = None) -> bool:
    """FEE 20: "案件受理费由原告…预交…追索劳动报酬的案件可以不预交案件受理费" — "可以" (may): a wage claim is
    not asked to prepay by default; `override` records the court's own decision either way."""
    return fee_prepay if override is None else override
