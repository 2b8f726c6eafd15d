"""Choosing and changing the first-instance procedure, the bench, and the closing date (CPL 40-42, 160-170;
JI 256-281, 292, 308; TL2000 Art. 10)."""

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
BAR_EXECUTION_OBJECTION = _("JI 308: an execution-objection suit is tried under ordinary procedure.")
BAR_NO_THRESHOLD = _(
    "CPL 165, JI 272: no published small-claims threshold is known for this province and date."
)
BAR_AMOUNT_ABOVE_LIMIT = _("CPL 165: the amount exceeds the small-claims limit.")
BAR_AMOUNT_ABOVE_LIMIT_2017 = _(
    # xgettext:no-python-format
    "CPL 2017 art. 162: for a case filed before 2022 the small-claims limit is 30% of the average wage; the "
    "amount exceeds it."
)
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
SMALL_CLAIMS_TERM_EXPIRED = _(
    "JI 281, JI 258(2): a small-claims case moves to simple procedure only before its term (CPL 168) expires."
)
SMALL_CLAIMS_NO_LONGER_APPLIES = _(
    "CPL 169, JI 278: the case no longer qualifies for small claims (%(bars)s); before it is closed, continue it "
    "under simple procedure or convert it to ordinary procedure by ruling."
)
SIMPLE_IS_SOLE_JUDGE = _("CPL 40(2), JI 261: simple procedure and small claims are heard by a sole judge.")
COLLEGIAL_THIRD_PARTY_REVOCATION = _("JI 292: a third-party revocation suit is heard by a collegial panel.")
COLLEGIAL_REMANDED = _("CPL 41(3): a remanded case is heard by a newly formed collegial panel.")
COLLEGIAL_RETRIAL = _("CPL 41(4): a retrial is heard by a newly formed collegial panel.")
COLLEGIAL_PUBLIC_INTEREST = _("CPL 42(1): a case of state or public interest is not heard by a sole judge.")
APPEAL_AT_BASIC_COURT = _(
    "CPL 18, 171: a basic court hears civil cases at first instance; an appeal (民终) is heard by the court one "
    "level up."
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
    personal_status_or_ownership: bool = False  # CPL 166(1); court.rules.claims.claim_facts
    money_payment: bool = True  # CPL 165 "金钱给付"; court.rules.claims.claim_facts
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

    def small_claims_ceiling(self, filed_on: date | None = None, *, parties_agree: bool = False) -> Decimal:
        """The highest amount small claims take for a case filed on `filed_on` (by the law of that date,
        `small_claims_regime`); with `parties_agree`, the agreed ceiling where the law has one."""
        regime = small_claims_regime(filed_on)
        if parties_agree and regime.agreement_multiple is not None:
            return self.average_wage * regime.agreement_multiple
        return (self.average_wage * regime.limit_percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


# CPL 2017 art. 162 (in force until the 2021 amendment took effect on 2022-01-01): "基层人民法院和它派出的法庭
# 审理符合本法第一百五十七条第一款规定的简单的民事案件，标的额为各省、自治区、直辖市上年度就业人员年平均工资百分之
# 三十以下的，实行一审终审。" It had no small claims by agreement. (Not in /work/shared/law: the wording is
# that of the published 2017 text, as quoted by secondary sources.)
CPL_2021_IN_FORCE = date(2022, 1, 1)


@dataclass(frozen=True)
class SmallClaimsRegime:
    """The small-claims amount rule of the law in force on a filing date."""

    limit_percent: int  # of the province's average annual wage
    agreement_multiple: int | None  # the ceiling by the parties' agreement, times the wage; None: no agreement
    basis: str


def small_claims_regime(filed_on: date | None) -> SmallClaimsRegime:
    """The small-claims amount rule for a case filed on `filed_on` (a case is judged by the law of its filing
    date): 30% of the average wage, no agreement, before 2022 (CPL 2017 art. 162); from 2022 50%, and up to
    twice the wage by agreement (CPL 165). None means today's law."""
    if filed_on is not None and filed_on < CPL_2021_IN_FORCE:
        return SmallClaimsRegime(30, None, "CPL 2017 art. 162")
    return SmallClaimsRegime(50, 2, "CPL 165")


def small_claims_ceiling(
    threshold: Decimal | WageThreshold, filed_on: date | None = None, *, parties_agree: bool = False
) -> Decimal:
    """`WageThreshold.small_claims_ceiling`, also for a bare 50% limit in yuan (the average wage is twice it;
    four times a rounded limit can be off by up to 2 yuan, so pass the WageThreshold where there is one)."""
    if isinstance(threshold, WageThreshold):
        return threshold.small_claims_ceiling(filed_on, parties_agree=parties_agree)
    limit = Decimal(threshold)
    regime = small_claims_regime(filed_on)
    if parties_agree and regime.agreement_multiple is not None:
        return limit * 2 * regime.agreement_multiple
    if regime.limit_percent == 50:
        return limit
    return (limit * 2 * regime.limit_percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


#: JI 272 reads "上年度" as the latest published figure; a province publishes once a year, so a figure older
#: than this has most likely been replaced by one the court has not entered (a warning, never a bar).
THRESHOLD_MAX_AGE_DAYS = 450


def threshold_is_stale(threshold: WageThreshold, on: date, *, max_age_days: int = THRESHOLD_MAX_AGE_DAYS) -> bool:
    """Whether the newest known figure, in force on `on`, is older than a year's publication cycle allows
    (JI 272: "已经公布的…上一年度就业人员年平均工资"); the figure stays lawful until a newer one is published."""
    return (on - threshold.effective_from).days > max_age_days


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
    """Why simple procedure may not be used (JI 257; JI 140; SPR Art. 1), even by agreement (JI 264), nor
    small claims (JI 281); an execution-objection suit is ordinary too (JI 308)."""
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
    if facts.execution_objection:
        # JI 308: "人民法院审理执行异议之诉案件，适用普通程序。" (the outsider's and the creditor's suit, JI 303-304)
        bars.append(Bar("execution_objection", "JI 308", BAR_EXECUTION_OBJECTION))
    return bars


def small_claims_bars(
    facts: FilingFacts,
    *,
    threshold: Decimal | WageThreshold | None,
    parties_agree: bool = False,
    filed_on: date | None = None,
) -> list[Bar]:
    """Why small-claims procedure may not be used (CPL 165-166), plus every simple-procedure bar.

    `threshold` is the small-claims limit in yuan (50% of the average wage) or the WageThreshold; with
    `parties_agree` the ceiling is twice the average wage instead (CPL 165 para 2); pass the WageThreshold
    for that, as four times a rounded limit can be off by up to 2 yuan. `filed_on` picks the law of the filing
    date (`small_claims_regime`: 30% and no agreement before 2022); None is today's law.

    A personal-status or title case (CPL 166(1)) is not also reported as "not a money payment" (CPL 165): one
    reason for one fact. CPL 166(4) "一方当事人下落不明" covers either side: a missing defendant is the JI 257(1)
    bar as well (one code for both), a missing plaintiff only the small-claims bar.
    """
    bars = []
    if not facts.money_payment and not facts.personal_status_or_ownership:
        bars.append(Bar("not_money_payment", "CPL 165", BAR_NOT_MONEY))
    if threshold is None:
        bars.append(Bar("no_threshold", "CPL 165; JI 272", BAR_NO_THRESHOLD))
    elif facts.claim_amount > small_claims_ceiling(threshold, filed_on, parties_agree=parties_agree):
        regime = small_claims_regime(filed_on)
        message = BAR_AMOUNT_ABOVE_LIMIT if regime.limit_percent == 50 else BAR_AMOUNT_ABOVE_LIMIT_2017
        bars.append(Bar("amount_above_limit", regime.basis, message))
    if facts.personal_status_or_ownership:
        bars.append(Bar("personal_status_or_ownership", "CPL 166(1)", BAR_STATUS_OR_OWNERSHIP))
    if facts.foreign_related:
        bars.append(Bar("foreign_related", "CPL 166(2)", BAR_FOREIGN))
    if facts.appraisal_requested:
        bars.append(Bar("appraisal", "CPL 166(3)", BAR_APPRAISAL))
    if not facts.defendant_address_known:
        bars.append(Bar("defendant_whereabouts_unknown", "CPL 166(4); JI 257(1)", BAR_PARTY_MISSING))
    elif not facts.plaintiff_address_known:
        bars.append(Bar("party_whereabouts_unknown", "CPL 166(4)", BAR_PARTY_MISSING))
    if facts.counterclaim:
        bars.append(Bar("counterclaim", "CPL 166(5)", BAR_COUNTERCLAIM))
    own = {bar.code for bar in bars}
    return bars + [bar for bar in simple_procedure_bars(facts) if bar.code not in own]


def small_claims_recheck(
    facts: FilingFacts,
    *,
    threshold: Decimal | WageThreshold | None,
    parties_agree: bool = False,
    filed_on: date | None = None,
) -> list[Bar]:
    """The bars against a case already under small claims, after an event that can break them (a counterclaim,
    a raised claim, an added party, an appraisal, a party gone missing: JI 278; CPL 166). `threshold` is the one
    in force on the filing date (JI 272 reads "上年度" from the case), `parties_agree` the agreement stored at
    acceptance (CPL 165 para 2). A case accepted without a known threshold keeps it: "no_threshold" is not a
    new bar."""
    bars = small_claims_bars(facts, threshold=threshold, parties_agree=parties_agree, filed_on=filed_on)
    return [bar for bar in bars if bar.code != "no_threshold"]


def required_move(bars: Sequence[Bar], facts: FilingFacts) -> Procedure | None:
    """Where a small-claims case that stopped qualifying must go (CPL 169; JI 278): nowhere without a bar;
    to ordinary procedure, by ruling, when simple procedure is barred too (JI 278 para 2: "应当适用普通程序审理的，
    裁定转为普通程序"); otherwise to simple procedure (JI 278 para 1: "应当适用简易程序的其他规定审理")."""
    if not bars:
        return None
    return Procedure.ORDINARY if simple_procedure_bars(facts) else Procedure.SIMPLE


def check_still_small_claims(bars: Sequence[Bar]) -> None:
    """Refuse to close as small claims (a final judgment, CPL 165; JI 271) a case the re-check bars: it must
    first move to simple procedure or, by ruling, to ordinary (CPL 169; JI 278). The article names the bars."""
    if bars:
        articles = "; ".join(dict.fromkeys(bar.article for bar in bars))
        raise RuleViolation(
            SMALL_CLAIMS_NO_LONGER_APPLIES, code="small_claims_no_longer_applies", article=f"{articles}; JI 278; CPL 169"
        )


SOLE, COLLEGIAL = "sole", "collegial"  # the bench (court.cases Panel)


def required_panel(facts: FilingFacts, procedure: Procedure | str) -> tuple[str, Bar] | None:
    """The bench the law requires, with the reason, or None when either is allowed.

    Simple procedure and small claims: a sole judge (CPL 40(2): "适用简易程序审理的民事案件，由审判员一人独任审理";
    JI 261). Ordinary procedure: a collegial panel for a third-party revocation suit (JI 292: "应当组成合议庭开庭
    审理"), a remanded case (CPL 41(3): "另行组成合议庭"), a retrial (CPL 41(4)), a case of state or public interest
    (CPL 42(1): "不得由审判员一人独任审理"); otherwise either (CPL 40(2) second sentence)."""
    if Procedure(procedure) != Procedure.ORDINARY:
        return SOLE, Bar("simple_is_sole_judge", "CPL 40(2); JI 261", SIMPLE_IS_SOLE_JUDGE)
    if facts.third_party_revocation:
        return COLLEGIAL, Bar("collegial_third_party_revocation", "JI 292", COLLEGIAL_THIRD_PARTY_REVOCATION)
    if facts.remanded:
        return COLLEGIAL, Bar("collegial_remanded", "CPL 41(3)", COLLEGIAL_REMANDED)
    if facts.retrial:
        return COLLEGIAL, Bar("collegial_retrial", "CPL 41(4)", COLLEGIAL_RETRIAL)
    if facts.public_interest:
        return COLLEGIAL, Bar("collegial_public_interest", "CPL 42(1)", COLLEGIAL_PUBLIC_INTEREST)
    return None


def check_panel(*, procedure: Procedure | str, panel: str, facts: FilingFacts) -> None:
    """Refuse a bench the law does not allow for `procedure` and these facts (`required_panel`)."""
    required = required_panel(facts, procedure)
    if required is not None and panel != required[0]:
        bar = required[1]
        raise RuleViolation(bar.message, code=bar.code, article=bar.article)


def court_level(court_code: str) -> str:
    """The level of a court from its code (法院代字): 最高法 supreme; a province's abbreviation alone high;
    two digits after it intermediate (陕01, 京73); four digits basic (陕0122, 京0491)."""
    if court_code.startswith("最高"):
        return "supreme"
    digits = sum(ch.isdigit() for ch in court_code)
    return {0: "high", 2: "intermediate"}.get(digits, "basic" if digits >= 4 else "intermediate")


def check_case_type_at_court(case_type: str, court_code: str) -> None:
    """A basic court hears first-instance cases (CPL 18: "基层人民法院管辖第一审民事案件"); an appeal goes to the
    court one level up (CPL 171: "向上一级人民法院提起上诉"), so a basic court takes no 民终 case."""
    if case_type == "民终" and court_level(court_code) == "basic":
        raise RuleViolation(APPEAL_AT_BASIC_COURT, code="appeal_at_basic_court", article="CPL 18; CPL 171")


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
    JI 258(2)). Small claims → simple (CPL 169; JI 278) also only within the small-claims term (CPL 168): JI 281
    ("人民法院审理小额诉讼案件，本解释没有规定的，适用简易程序的其他规定") carries JI 258(2)'s "应当在审理期限届满前作出
    裁定" over to small claims. That is a purposive reading: neither JI 278 nor CPL 169 names a deadline for the
    move. Ordinary → simple: never after a hearing (JI 260), before it only by the parties' agreement (CPL 160
    para 2; JI 264; SPR Art. 2).
    """
    source, target = Procedure(from_procedure), Procedure(to_procedure)
    if source == target:
        raise RuleViolation(SAME_PROCEDURE, code="same_procedure", article="CPL 169-170")
    if target == Procedure.SMALL_CLAIMS:
        raise RuleViolation(
            NO_CONVERSION_INTO_SMALL_CLAIMS, code="no_conversion_into_small_claims", article="CPL 165-169"
        )
    if target == Procedure.ORDINARY or source == Procedure.SMALL_CLAIMS:
        # In a year with no official calendar the unrolled last day is used: stricter, never a guess.
        last_day, _unknown = deadline_reporting_unknown_year(
            filed_on, base_term_months(source) + extension_months, excluded, calendar, roll_over
        )
        if on <= last_day:
            return
        if target == Procedure.SIMPLE:
            raise RuleViolation(
                SMALL_CLAIMS_TERM_EXPIRED, code="small_claims_term_expired", article="JI 281; JI 258(2); CPL 168"
            )
        article = "JI 258(2); CPL 170" if source == Procedure.SIMPLE else "JI 258(2); CPL 169"
        raise RuleViolation(SIMPLE_TERM_EXPIRED, code="simple_term_expired", article=article)
    if heard:
        raise RuleViolation(ORDINARY_HEARD, code="ordinary_heard", article="JI 260")
    if not parties_agree:
        raise RuleViolation(
            ORDINARY_TO_SIMPLE_NEEDS_AGREEMENT, code="ordinary_to_simple_needs_agreement", article="CPL 160; JI 264"
        )


@dataclass(frozen=True)
class DocumentService:
    """One party's service of a document: the channel (court.cases ServiceAttempt.Channel values), the day it was
    sent (mailed, for post) and the day it was served (received, CPL 91)."""

    channel: str
    sent_on: date | None
    served_on: date

    @property
    def closing_on(self) -> date:
        """The day this service closes a case (TL2000 Art. 10 para 2): "（三）邮寄送达的，以交邮日期为结案时间" — the
        mailing day for post; "（一）留置送达的，以裁判文书留在受送达人的住所日" and "（四）…以送达回证上当事人签收的日期"
        are the recorded service day; "（二）公告送达的，以公告刊登之日" is the publication day (the sending)."""
        if self.channel in ("post", "publication") and self.sent_on is not None:
            return self.sent_on
        return self.served_on


def mediation_closing_date(services: Sequence[DocumentService | date]) -> date:
    """The closing date of a mediated case (TL2000 Art. 10: "调解书送达最后一名当事人的日期为结案时间"): the latest
    of the parties' closing days, each as `DocumentService.closing_on` counts it (a mailed document: the mailing
    day, TL2000 Art. 10(3)). A plain date is a party's closing day as given.

    Which party is "最后一名" when one was mailed: this takes the latest substituted day (not the substituted day
    of the party who received it last), so a case never closes before a party served in person had it."""
    return max(s.closing_on if isinstance(s, DocumentService) else s for s in services)


def mediation_effective_date(services: Sequence[DocumentService]) -> date:
    """The day the mediation document takes effect (JI 149: "以最后收到调解书的当事人签收的日期为调解书生效日期"):
    the last receipt, whatever the channel (CPL 91: by post, the day on the receipt)."""
    return max(s.served_on for s in services)


def closing_date(
    *,
    mode: ClosingMode | str,
    pronounced_on: date | None = None,
    ruling_on: date | None = None,
    mediation_served_on: Sequence[DocumentService | date] = (),
    parties: int | None = None,
) -> date:
    """The closing date (TL2000 Art. 10; JI 243): a judgment's pronouncement, a mediation document's
    service on the last party (`mediation_closing_date`: by post, its mailing day, TL2000 Art. 10(3)),
    otherwise the ruling's date.

    `mediation_served_on` lists every party's service (a DocumentService, or the party's closing day as a
    date); with `parties`, their number is checked.
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
        return mediation_closing_date(mediation_served_on)
    if ruling_on is None:
        raise RuleViolation(CLOSING_NEEDS_RULING, code="closing_needs_ruling", article="TL2000 Art. 10")
    return ruling_on
