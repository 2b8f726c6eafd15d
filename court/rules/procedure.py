"""Choosing and changing the first-instance procedure, and the closing date (CPL 160-170; JI 256-281)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ._i18n import _
from .calendar import WorkdayCalendar
from .enums import ClosingMode, Procedure
from .errors import RuleViolation
from .terms import base_term_months, deadline_reporting_unknown_year

# JI 75: "人数众多" in CPL 56-57 means, as a rule, ten or more.
NUMEROUS_PARTIES = 10

BAR_ADDRESS_UNKNOWN = _(
    "JI 257(1), JI 140: simple procedure does not apply when the defendant's whereabouts are unknown at filing."
)
BAR_REMANDED = _("JI 257(2): simple procedure does not apply to a remanded case.")
BAR_NUMEROUS = _("JI 257(3): simple procedure does not apply when one side has ten or more parties.")
BAR_RETRIAL = _("JI 257(4): simple procedure does not apply under trial supervision (retrial).")
BAR_PUBLIC_INTEREST = _("JI 257(5): simple procedure does not apply to state or public-interest cases.")
BAR_THIRD_PARTY_REVOCATION = _("JI 257(6): simple procedure does not apply to a third-party revocation suit.")
BAR_NO_THRESHOLD = _(
    "CPL 165, JI 272: no published small-claims threshold is known for this province and date."
)
BAR_AMOUNT_ABOVE_LIMIT = _("CPL 165: the amount exceeds the small-claims limit.")
BAR_NOT_MONEY = _("CPL 165: small claims are for money-payment claims only.")
BAR_STATUS_OR_OWNERSHIP = _("CPL 166(1): small claims do not apply to personal-status or ownership cases.")
BAR_FOREIGN = _("CPL 166(2): small claims do not apply to foreign-related cases.")
BAR_APPRAISAL = _("CPL 166(3): small claims do not apply when valuation or appraisal is needed.")
BAR_PARTY_MISSING = _("CPL 166(4): small claims do not apply when a party's whereabouts are unknown.")
BAR_COUNTERCLAIM = _("CPL 166(5): small claims do not apply once a counterclaim is filed.")

SAME_PROCEDURE = _("The case is already under this procedure.")
SIMPLE_TERM_EXPIRED = _(
    "JI 258: a case can be converted to ordinary procedure only before the simple-procedure term expires."
)
ORDINARY_HEARD = _("JI 260: a case heard under ordinary procedure cannot be converted to simple procedure.")
ORDINARY_TO_SIMPLE_NEEDS_AGREEMENT = _(
    "CPL 160, JI 264, SPR Art. 2: ordinary procedure becomes simple only by the parties' agreement before the hearing."
)
NO_CONVERSION_INTO_SMALL_CLAIMS = _(
    "CPL 165-169: small-claims procedure is chosen at filing; a case cannot be converted into it."
)
CLOSING_NEEDS_PRONOUNCEMENT = _("TL2000 Art. 10: a judgment case closes on its pronouncement date, which is missing.")
CLOSING_NEEDS_RULING = _("TL2000 Art. 10: this case closes on the date of its ruling, which is missing.")
CLOSING_NEEDS_MEDIATION_SERVICE = _(
    "TL2000 Art. 10, JI 149: a mediated case closes when the last party is served; "
    "every party's service date is needed."
)


@dataclass
class FilingFacts:
    """What is known of a case at filing (and later, for counterclaims) that decides the procedure."""

    cause_code: str | None
    claim_amount: Decimal
    plaintiffs: int
    defendants: int
    third_parties: int
    defendant_address_known: bool
    foreign_related: bool
    appraisal_requested: bool
    counterclaim: bool = False
    remanded: bool = False
    retrial: bool = False
    public_interest: bool = False
    third_party_revocation: bool = False
    execution_objection: bool = False  # 执行异议之诉, JI 308
    personal_status_or_ownership: bool = False
    money_payment: bool = True
    plaintiff_address_known: bool = True  # CPL 166(4): "一方当事人下落不明", either side


@dataclass(frozen=True)
class Bar:
    """One reason a procedure may not be used."""

    code: str
    article: str
    message: str


@dataclass(frozen=True)
class WageThreshold:
    """A province's published prior-year average annual wage of employed persons, from a date (JI 272).

    `province` is the court-code abbreviation of the province (浙, 苏 …), so `court_code[0]` finds it.
    """

    province: str
    effective_from: date
    average_wage: Decimal

    @property
    def small_claims_limit(self) -> Decimal:
        """50% of the average wage, to the yuan (CPL 165 para 1); published limits round half up."""
        return (self.average_wage / 2).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    @property
    def simple_mandatory_limit(self) -> Decimal:
        """Twice the average wage: the small-claims-by-agreement ceiling (CPL 165 para 2) and the
        amount up to which a simple case must use simple procedure (TL2019 Art. 4).
        """
        return self.average_wage * 2


# Secondary sources (law-digest §5.2), both on the 2020 average wage of urban non-private units. The
# published pairs (54,323 / 217,290 and 51,811 / 207,242) fit only odd wages whose half rounds up.
WAGE_THRESHOLDS: list[WageThreshold] = [
    WageThreshold("浙", date(2022, 1, 11), Decimal(108_645)),
    WageThreshold("苏", date(2022, 1, 7), Decimal(103_621)),
]


def threshold_for(table: Iterable[WageThreshold], province: str, on: date) -> WageThreshold | None:
    """The threshold in force in `province` on `on`: the latest effective on or before it (JI 272)."""
    candidates = [t for t in table if t.province == province and t.effective_from <= on]
    return max(candidates, key=lambda t: t.effective_from, default=None)


def simple_procedure_bars(facts: FilingFacts) -> list[Bar]:
    """Why simple procedure may not be used (JI 257; JI 140; SPR Art. 1), even by agreement (JI 264)."""
    bars = []
    if not facts.defendant_address_known:
        bars.append(Bar("defendant_whereabouts_unknown", "JI 257(1); JI 140", BAR_ADDRESS_UNKNOWN))
    if facts.remanded:
        bars.append(Bar("remanded", "JI 257(2)", BAR_REMANDED))
    if max(facts.plaintiffs, facts.defendants) >= NUMEROUS_PARTIES:
        bars.append(Bar("numerous_parties", "JI 257(3); JI 75", BAR_NUMEROUS))
    if facts.retrial:
        bars.append(Bar("retrial", "JI 257(4)", BAR_RETRIAL))
    if facts.public_interest:
        bars.append(Bar("public_interest", "JI 257(5)", BAR_PUBLIC_INTEREST))
    if facts.third_party_revocation:
        bars.append(Bar("third_party_revocation", "JI 257(6)", BAR_THIRD_PARTY_REVOCATION))
    return bars


def small_claims_bars(
    facts: FilingFacts,
    *,
    threshold: Decimal | WageThreshold | None,
    parties_agree: bool = False,
) -> list[Bar]:
    """Why small-claims procedure may not be used (CPL 165-166), plus every simple-procedure bar.

    `threshold` is the small-claims limit in yuan (50% of the average wage) or the WageThreshold; with
    `parties_agree` the ceiling is twice the average wage instead (CPL 165 para 2); pass the WageThreshold
    for that, as four times a rounded limit can be off by up to 2 yuan.
    """
    bars = []
    if not facts.money_payment:
        bars.append(Bar("not_money_payment", "CPL 165", BAR_NOT_MONEY))
    if threshold is None:
        bars.append(Bar("no_threshold", "CPL 165; JI 272", BAR_NO_THRESHOLD))
    else:
        limit = threshold.small_claims_limit if isinstance(threshold, WageThreshold) else Decimal(threshold)
        if parties_agree:
            limit = threshold.simple_mandatory_limit if isinstance(threshold, WageThreshold) else limit * 4
        if facts.claim_amount > limit:
            bars.append(Bar("amount_above_limit", "CPL 165", BAR_AMOUNT_ABOVE_LIMIT))
    if facts.personal_status_or_ownership:
        bars.append(Bar("personal_status_or_ownership", "CPL 166(1)", BAR_STATUS_OR_OWNERSHIP))
    if facts.foreign_related:
        bars.append(Bar("foreign_related", "CPL 166(2)", BAR_FOREIGN))
    if facts.appraisal_requested:
        bars.append(Bar("appraisal", "CPL 166(3)", BAR_APPRAISAL))
    if not facts.defendant_address_known:
        bars.append(Bar("defendant_whereabouts_unknown", "CPL 166(4); JI 257(1)", BAR_PARTY_MISSING))
    if facts.counterclaim:
        bars.append(Bar("counterclaim", "CPL 166(5)", BAR_COUNTERCLAIM))
    own = {bar.code for bar in bars}
    return bars + [bar for bar in simple_procedure_bars(facts) if bar.code not in own]


def check_conversion(
    *,
    from_procedure: Procedure | str,
    to_procedure: Procedure | str,
    on: date,
    filed_on: date,
    heard: bool,
    parties_agree: bool = False,
    excluded: int = 0,
    extension_months: int = 0,
    calendar: WorkdayCalendar | None = None,
    roll_over: bool = True,
) -> None:
    """Reject a change of procedure the law does not allow.

    Simple or small claims → ordinary: by ruling no later than the last day of the current term (CPL 169-170;
    JI 258(2)). Small claims → simple: allowed (CPL 169). Ordinary → simple: never after a hearing
    (JI 260), before it only by the parties' agreement (CPL 160 para 2; JI 264; SPR Art. 2).
    """
    source, target = Procedure(from_procedure), Procedure(to_procedure)
    if source == target:
        raise RuleViolation(SAME_PROCEDURE, code="same_procedure", article="CPL 169-170")
    if target == Procedure.SMALL_CLAIMS:
        raise RuleViolation(
            NO_CONVERSION_INTO_SMALL_CLAIMS, code="no_conversion_into_small_claims", article="CPL 165-169"
        )
    if target == Procedure.ORDINARY:
        # In a year with no official calendar the unrolled last day is used: stricter, never a guess.
        last_day, _unknown = deadline_reporting_unknown_year(
            filed_on, base_term_months(source) + extension_months, excluded, calendar, roll_over
        )
        if on > last_day:
            article = "JI 258(2); CPL 170" if source == Procedure.SIMPLE else "JI 258(2); CPL 169"
            raise RuleViolation(SIMPLE_TERM_EXPIRED, code="simple_term_expired", article=article)
        return
    if source == Procedure.SMALL_CLAIMS:
        return
    if heard:
        raise RuleViolation(ORDINARY_HEARD, code="ordinary_heard", article="JI 260")
    if not parties_agree:
        raise RuleViolation(
            ORDINARY_TO_SIMPLE_NEEDS_AGREEMENT, code="ordinary_to_simple_needs_agreement", article="CPL 160; JI 264"
        )


def closing_date(
    *,
    mode: ClosingMode | str,
    pronounced_on: date | None = None,
    ruling_on: date | None = None,
    mediation_served_on: Sequence[date] = (),
    parties: int | None = None,
) -> date:
    """The closing date (TL2000 Art. 10; JI 243): a judgment's pronouncement, a mediation document's
    service on the last party (JI 149), otherwise the ruling's date.

    `mediation_served_on` lists every party's service date; with `parties`, their number is checked.
    """
    mode = ClosingMode(mode)
    if mode == ClosingMode.JUDGMENT:
        if pronounced_on is None:
            raise RuleViolation(
                CLOSING_NEEDS_PRONOUNCEMENT, code="closing_needs_pronouncement", article="TL2000 Art. 10"
            )
        return pronounced_on
    if mode == ClosingMode.MEDIATION:
        if not mediation_served_on or (parties is not None and len(mediation_served_on) != parties):
            raise RuleViolation(
                CLOSING_NEEDS_MEDIATION_SERVICE,
                code="closing_needs_mediation_service",
                article="TL2000 Art. 10; JI 149",
            )
        return max(mediation_served_on)
    if ruling_on is None:
        raise RuleViolation(CLOSING_NEEDS_RULING, code="closing_needs_ruling", article="TL2000 Art. 10")
    return ruling_on
