"""Case acceptance fees (案件受理费) under 诉讼费用交纳办法 (FEE, 2006)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ._i18n import _
from .enums import ClosingMode, Procedure
from .errors import RuleViolation

FEN = Decimal("0.01")

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


def case_fee(
    *,
    kind: FeeKind | str,
    amount: Decimal = Decimal(0),
    procedure: Procedure | str,
    closing_mode: ClosingMode | str | None = None,
    fixed: Decimal | None = None,
    counterclaim: bool = False,
) -> FeeResult:
    """The case acceptance fee and what is payable after reductions.

    Ranges (FEE 13(2), (3)) take the provincial figure `fixed`, by default the low end. Halved once
    (JI 206) for mediation or withdrawal (FEE 15), simple procedure incl. small claims (FEE 16), or a
    counterclaim (FEE 18); nothing is payable when the suit is dismissed (FEE 8(2)).
    """
    kind = FeeKind(kind)
    procedure = Procedure(procedure)
    mode = ClosingMode(closing_mode) if closing_mode is not None else None
    amount = Decimal(amount)
    if amount < 0:
        raise ValueError(f"A claim amount cannot be negative ({amount}).")

    if kind == FeeKind.PROPERTY:
        if fixed is not None:
            raise RuleViolation(FIXED_NOT_A_RANGE, code="fee_not_a_range", article="FEE 13(1)")
        full, basis = property_fee(amount), ["FEE 13(1)"]
    else:
        if amount and kind in (FeeKind.OTHER_NON_PROPERTY, FeeKind.IP_NO_AMOUNT):
            article = "FEE 13(3)" if kind == FeeKind.IP_NO_AMOUNT else "JI 201"
            raise RuleViolation(AMOUNT_MAKES_IT_PROPERTY, code="fee_amount_makes_property", article=article)
        base, article = _fixed_part(kind, fixed)
        full, basis = base, [article]
        if kind == FeeKind.DIVORCE:
            full += divorce_property_fee(amount)
        elif kind == FeeKind.PERSONALITY:
            full += personality_damages_fee(amount)
        full = _fen(full)

    if mode == ClosingMode.DISMISSAL:
        return FeeResult(full=full, payable=Decimal("0.00"), halved=False, basis=[*basis, "FEE 8(2)"])

    reasons = []
    if mode in (ClosingMode.MEDIATION, ClosingMode.WITHDRAWAL):
        reasons.append("FEE 15")
    if procedure in (Procedure.SIMPLE, Procedure.SMALL_CLAIMS):
        reasons.append("FEE 16")
    if counterclaim:
        reasons.append("FEE 18")
    if not reasons:
        return FeeResult(full=full, payable=full, halved=False, basis=basis)
    if len(reasons) > 1:
        reasons.append("JI 206")
    return FeeResult(full=full, payable=_fen(full / 2), halved=True, basis=[*basis, *reasons])
