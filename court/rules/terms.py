"""The statutory trial term clock (审限) and its extensions (CPL 152, 164, 168, 183, 187; JI 243, 258; TL2000;
TL2019), by case type: months for 民初 (by procedure) and 民终, days for 民特, 民督 and 民诉前调."""

import calendar as _stdlib_calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ._i18n import _
from .calendar import UnknownCalendarYear, WorkdayCalendar, default_calendar
from .enums import EXCLUDED_KINDS, ApproverLevel, PeriodKind, Procedure
from .errors import RuleViolation

EVIDENCE_ADJOURNMENT_CAP_DAYS = 30  # TL2000 Art. 9(5): "一个月之内"; interchange.md fixes it at 30 days.
EXTENSION_LEAD_DAYS = 15  # TL2019 Art. 1: apply at least 15 days before expiry.

ALERT_OVERDUE = "overdue"
ALERT_EXTENSION_WINDOW = "extension_window"

EXTENSION_MONTHS_POSITIVE = _("An extension must be for at least one month.")
SIMPLE_EXTENSION_CAP = _(
    "CPL 164, JI 258: a simple-procedure term may be extended by one month in total (four months at most)."
)
SMALL_CLAIMS_EXTENSION_CAP = _("CPL 168: a small-claims term may be extended by one month in total.")
EXTENSION_BY_PRESIDENT = _("CPL 164, 168: this extension must be approved by the president of this court.")
ORDINARY_FIRST_BY_PRESIDENT = _(
    "CPL 152: the first extension of an ordinary-procedure term is approved by the president of this court."
)
ORDINARY_PRESIDENT_CAP = _("CPL 152: the president may extend an ordinary-procedure term by at most six months.")
ORDINARY_FURTHER_BY_HIGHER_COURT = _(
    "CPL 152, TL2019 Art. 1: a further extension after the president's must be approved by the higher court."
)
ORDINARY_HIGHER_COURT_CAP = _(
    "TL2000 Art. 2: the higher court may extend an ordinary-procedure term by at most three further months."
)
EXTENSION_APPLIED_LATE = _(
    "TL2019 Art. 1: an extension must be applied for at least 15 days before the term expires."
)
SPECIAL_EXTENSION_CAP = _(
    "CPL 187, TL2000 Art. 2: the president may extend a special-procedure term once, by thirty days."
)
EXTENSION_BY_PRESIDENT_CPL_183_187 = _(
    "CPL 183, 187: this extension must be approved by the president of this court."
)
APPEAL_EXTENSION_CAP = _("CPL 183, TL2000 Art. 2: the president may extend an appeal's term by at most three months.")
NO_COURT_EXTENSION = _(
    "This type of case has no term the court extends (OMR 24: the parties agree to extend a pre-suit "
    "mediation; CPL 227: a payment order is issued within fifteen days)."
)

# Case type codes (案号规定; court.rules.case_numbers.TYPE_CODES) whose term is not the first-instance one.
SPECIAL_PROCEDURE = "民特"
PRE_SUIT_MEDIATION = "民诉前调"
PAYMENT_ORDER = "民督"
SECOND_INSTANCE = "民终"
FIRST_INSTANCE = "民初"

#: TL2000 Art. 2 "可以延长三十日": on a term counted in days, each month an extension record grants
#: stands for thirty days (the ledger stores extensions in months).
DAYS_PER_EXTENSION_MONTH = 30


class TermUnit(StrEnum):
    DAYS = "days"
    MONTHS = "months"


@dataclass(frozen=True)
class TermSpec:
    """The term of a case type: `amount` days or months from filing (the filing day not counted, CPL 85).

    `counts_as_trial_term` is False for a period that is not a 审限 (pre-suit mediation, OMR 24): the
    ledger then measures the days but reports no deadline.
    """

    unit: TermUnit
    amount: int
    article: str
    counts_as_trial_term: bool = True


def term_spec(case_type: str, procedure: Procedure | str) -> TermSpec:
    """The term by case type: 民特 30 days (CPL 187; TL2000 Art. 2), 民诉前调 30 days and no 审限 (OMR 24),
    民督 15 days to issue the order (CPL 227), 民终 3 months (CPL 183); every other type by its procedure
    (small claims 2, simple 3, ordinary 6 months: CPL 168, 164, 152)."""
    if case_type == SPECIAL_PROCEDURE:
        return TermSpec(TermUnit.DAYS, 30, "CPL 187; TL2000 Art. 2")
    if case_type == PRE_SUIT_MEDIATION:
        return TermSpec(TermUnit.DAYS, 30, "OMR 24", counts_as_trial_term=False)
    if case_type == PAYMENT_ORDER:
        return TermSpec(TermUnit.DAYS, 15, "CPL 227")
    if case_type == SECOND_INSTANCE:
        return TermSpec(TermUnit.MONTHS, 3, "CPL 183; TL2000 Art. 2")
    months = base_term_months(procedure)
    article = {2: "CPL 168", 3: "CPL 164", 6: "CPL 152"}[months]
    return TermSpec(TermUnit.MONTHS, months, article)


@dataclass(frozen=True)
class Period:
    """A recorded period of a case; for `extension`, `start_on` is the approval date and `months` the grant."""

    kind: PeriodKind | str
    start_on: date
    end_on: date | None = None
    months: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PeriodKind(self.kind))
        if self.end_on is not None and self.end_on < self.start_on:
            raise ValueError(f"A {self.kind} period cannot end ({self.end_on}) before it starts ({self.start_on}).")
        if self.kind == PeriodKind.EXTENSION:
            if self.months is None or self.months < 1:
                raise ValueError("An extension period needs the months granted (at least 1).")
        elif self.months is not None:
            raise ValueError(f"Only an extension period carries months, not a {self.kind} period.")


@dataclass(frozen=True)
class TermResult:
    """The term clock of one case, closed or as of a date (docs/interchange.md, "The conventions")."""

    elapsed_days: int
    excluded_days: int
    net_trial_days: int
    base_months: int | None
    extension_months: int
    normal_deadline: date | None
    extended_deadline: date | None
    within_normal_term: bool | None
    within_term: bool | None
    overdue: bool | None
    days_left: int | None
    extension_apply_by: date | None
    alert: str | None
    #: A year whose official calendar is unknown: the deadlines were NOT rolled over holidays (reported, never guessed).
    calendar_unknown_year: int | None = None
    #: The base term of a case type counted in days (民特, 民督, 民诉前调); `base_months` is then None.
    base_days: int | None = None


def add_months(d: date, months: int) -> date:
    """The corresponding day `months` later, or that month's last day if it has none (Civil Code art. 202)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last_day))


def base_term_months(procedure: Procedure | str) -> int:
    """The base first-instance term: small claims 2 (CPL 168), simple 3 (CPL 164), ordinary 6 (CPL 152)."""
    return {Procedure.SMALL_CLAIMS: 2, Procedure.SIMPLE: 3, Procedure.ORDINARY: 6}[Procedure(procedure)]


def _excluded_interval(period: Period, until: date) -> tuple[date, date]:
    end = period.end_on if period.end_on is not None else until
    if period.kind == PeriodKind.EVIDENCE_ADJOURNMENT:
        end = min(end, period.start_on + timedelta(days=EVIDENCE_ADJOURNMENT_CAP_DAYS))
    return period.start_on, end


def excluded_days(filed_on: date, end_on: date, periods: Iterable[Period]) -> int:
    """Days not counted in the term (JI 243; TL2000 Art. 9): the union of excluded periods.

    Each period is the half-open interval [start_on, end_on), a running one ends at `end_on`, an
    evidence adjournment counts at most 30 days (TL2000 Art. 9(5)); the union is clipped to
    [filed_on, end_on). Extensions are not excluded time.
    """
    intervals = []
    for period in periods:
        if period.kind not in EXCLUDED_KINDS:
            continue
        start, end = _excluded_interval(period, end_on)
        start, end = max(start, filed_on), min(end, end_on)
        if start < end:
            intervals.append((start, end))
    total = 0
    current_start: date | None = None
    current_end: date | None = None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                total += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None and current_end is not None:
        total += (current_end - current_start).days
    return total


def deadline(
    filed_on: date,
    months: int,
    excluded: int,
    calendar: WorkdayCalendar | None,
    roll_over: bool = True,
) -> date:
    """Last day of a term: `filed_on` + months (Civil Code art. 202) + excluded days; a non-working last
    day rolls to the next working day (CPL 85 para 3) when `roll_over` is set.
    """
    last_day = add_months(filed_on, months) + timedelta(days=excluded)
    if roll_over:
        last_day = (calendar or default_calendar()).next_workday(last_day)
    return last_day


def deadline_reporting_unknown_year(
    filed_on: date,
    months: int,
    excluded: int,
    calendar: WorkdayCalendar | None,
    roll_over: bool = True,
    *,
    days: int = 0,
) -> tuple[date, int | None]:
    """`deadline`, except that a last day in a year with no official calendar is not rolled over: the date
    is returned as computed (Civil Code art. 202) with that year, so the caller reports it instead of guessing
    which days are holidays. `days` adds a term counted in days (CPL 85: from the day after filing)."""
    try:
        return deadline(filed_on, months, excluded + days, calendar, roll_over), None
    except UnknownCalendarYear as exc:
        return deadline(filed_on, months, excluded + days, calendar, roll_over=False), exc.year


def pre_suit_mediation_due(accepted_on: date, *, calendar: WorkdayCalendar | None = None,
                           roll_over: bool = True) -> date:
    """The last day of a pre-suit mediation (民诉前调): OMR 24 "立案前在线调解期限为三十日" counted from the day the
    mediator confirms acceptance ("自调解组织或者调解员…确认接受…之日起算"), the first day not counted (CPL 85); the
    parties may agree to go on ("各方当事人同意延长的，不受此限"). Not a 审限: the ledger reports no deadline."""
    spec = term_spec(PRE_SUIT_MEDIATION, Procedure.SIMPLE)
    return deadline(accepted_on, 0, spec.amount, calendar, roll_over)


def counted_extensions(periods: Iterable[Period], *, procedure: Procedure | str, converted_on: date | None,
                       until: date) -> list[Period]:
    """The extensions that lengthen the term measured on `until`: those approved by then, and after a
    conversion to ordinary procedure only those approved under it (start_on on or after `converted_on`).

    JI 258: "案件转为普通程序审理的，审理期限自人民法院立案之日计算" — the converted case has the ordinary
    term of CPL 152 ("应当在立案之日起六个月内审结…经本院院长批准，可以延长六个月") from filing, so an
    extension granted under simple procedure lapses with the conversion (TL2000 Art. 2; interchange.md).
    Without `converted_on` (legacy rows with no conversion date) every extension counts.
    """
    lapse_before = converted_on if converted_on is not None and Procedure(procedure) == Procedure.ORDINARY else None
    return [
        p for p in periods
        if p.kind == PeriodKind.EXTENSION and p.start_on <= until
        and (lapse_before is None or p.start_on >= lapse_before)
    ]


def compute_term(
    *,
    filed_on: date,
    procedure: Procedure | str,
    periods: Iterable[Period],
    closed_on: date | None = None,
    as_of: date | None = None,
    foreign_related: bool = False,
    calendar: WorkdayCalendar | None = None,
    roll_over: bool = True,
    converted_on: date | None = None,
    case_type: str = FIRST_INSTANCE,
) -> TermResult:
    """The term clock of a case (CPL 152/164/168/183/187, JI 243, JI 258(3), TL2000 Art. 2, 8-10, CPL 287).

    `procedure` is the final procedure of a closed case or the current one of a pending case; the term
    always runs from the original filing date, also after conversion (JI 258(3)), and a conversion to
    ordinary procedure on `converted_on` drops the extensions approved before it (`counted_extensions`).
    The term follows `case_type` (`term_spec`): a term in days ends `filed_on` + days + excluded days,
    rolled over like a term in months; a pre-suit mediation (民诉前调) has no 审限 and no deadline.
    Elapsed days do not count the filing day (CPL 85, TL2000 Art. 8). Extensions approved after the
    measuring date are ignored.
    """
    if closed_on is None and as_of is None:
        raise ValueError("A pending case (no closed_on) needs an as_of date.")
    end = closed_on if closed_on is not None else as_of
    assert end is not None
    if end < filed_on:
        raise ValueError(f"The measuring date {end} is before the filing date {filed_on}.")
    periods = list(periods)
    excluded = excluded_days(filed_on, end, periods)
    elapsed = (end - filed_on).days
    counted = counted_extensions(periods, procedure=procedure, converted_on=converted_on, until=end)
    extension_months = sum(p.months or 0 for p in counted)
    pending = closed_on is None
    spec = term_spec(case_type, procedure)

    if foreign_related or not spec.counts_as_trial_term:
        return TermResult(
            elapsed_days=elapsed,
            excluded_days=excluded,
            net_trial_days=elapsed - excluded,
            base_months=None,
            extension_months=extension_months,
            normal_deadline=None,
            extended_deadline=None,
            within_normal_term=None,
            within_term=None,
            overdue=None,
            days_left=None,
            extension_apply_by=None,
            alert=None,
        )

    in_days = spec.unit == TermUnit.DAYS
    base_months, base_days = (0, spec.amount) if in_days else (spec.amount, 0)
    normal, unknown_year = deadline_reporting_unknown_year(
        filed_on, base_months, excluded, calendar, roll_over, days=base_days)
    extended = normal
    if extension_months:
        more_months, more_days = (0, extension_months * DAYS_PER_EXTENSION_MONTH) if in_days else (extension_months, 0)
        extended, unknown_extended = deadline_reporting_unknown_year(
            filed_on, base_months + more_months, excluded, calendar, roll_over, days=base_days + more_days
        )
        unknown_year = unknown_year or unknown_extended
    apply_by = extended - timedelta(days=EXTENSION_LEAD_DAYS)
    overdue = days_left = alert = None
    within_normal = within = None
    if pending:
        assert as_of is not None
        overdue = as_of > extended
        days_left = (extended - as_of).days
        if overdue:
            alert = ALERT_OVERDUE
        elif as_of >= apply_by:
            alert = ALERT_EXTENSION_WINDOW
    else:
        assert closed_on is not None
        within_normal = closed_on <= normal
        within = closed_on <= extended
    return TermResult(
        elapsed_days=elapsed,
        excluded_days=excluded,
        net_trial_days=elapsed - excluded,
        base_months=None if in_days else base_months,
        extension_months=extension_months,
        normal_deadline=normal,
        extended_deadline=extended,
        within_normal_term=within_normal,
        within_term=within,
        overdue=overdue,
        days_left=days_left,
        extension_apply_by=apply_by,
        alert=alert,
        calendar_unknown_year=unknown_year,
        base_days=base_days or None,
    )


def _violation(message: str, code: str, article: str) -> RuleViolation:
    return RuleViolation(message, code=code, article=article)


def check_extension(
    *,
    procedure: Procedure | str,
    granted: Sequence[tuple[int, ApproverLevel | str]],
    months: int,
    approver: ApproverLevel | str,
    case_type: str = FIRST_INSTANCE,
) -> None:
    """Reject an extension the law does not allow.

    Simple: +1 month in total, by the president (CPL 164; JI 258(1)). Small claims: +1 month in total,
    by the president (CPL 168). Ordinary: one extension of up to 6 months by the president (CPL 152),
    then only the higher court, at most +3 months (TL2000 Art. 2; TL2019 Art. 1), 15 months at most.
    `granted` holds the extensions that count under the current procedure: after a conversion to
    ordinary, none of those granted under simple procedure (JI 258(3); `counted_extensions`).
    By case type: 民特 once by thirty days, by the president (CPL 187 "由本院院长批准"; TL2000 Art. 2
    "可以延长三十日"; `months` 1 stands for the thirty days); 民终 up to 3 months by the president
    (CPL 183; TL2000 Art. 2); 民诉前调 and 民督 none by the court (OMR 24; CPL 227).
    """
    procedure = Procedure(procedure)
    approver = ApproverLevel(approver)
    if months < 1:
        raise _violation(EXTENSION_MONTHS_POSITIVE, "extension_months_positive", "CPL 152, 164, 168")
    so_far = sum(m for m, _level in granted)
    if case_type in (PRE_SUIT_MEDIATION, PAYMENT_ORDER):
        raise _violation(NO_COURT_EXTENSION, "no_court_extension",
                         "OMR 24" if case_type == PRE_SUIT_MEDIATION else "CPL 227")
    if case_type in (SPECIAL_PROCEDURE, SECOND_INSTANCE):
        special = case_type == SPECIAL_PROCEDURE
        article = "CPL 187; TL2000 Art. 2" if special else "CPL 183; TL2000 Art. 2"
        if approver != ApproverLevel.PRESIDENT:
            raise _violation(EXTENSION_BY_PRESIDENT_CPL_183_187, "extension_by_president", article)
        if so_far + months > (1 if special else 3):
            raise _violation(SPECIAL_EXTENSION_CAP if special else APPEAL_EXTENSION_CAP, "extension_cap", article)
        return
    if procedure in (Procedure.SIMPLE, Procedure.SMALL_CLAIMS):
        simple = procedure == Procedure.SIMPLE
        article = "CPL 164; JI 258(1)" if simple else "CPL 168"
        if approver != ApproverLevel.PRESIDENT:
            raise _violation(EXTENSION_BY_PRESIDENT, "extension_by_president", article)
        if so_far + months > 1:
            message = SIMPLE_EXTENSION_CAP if simple else SMALL_CLAIMS_EXTENSION_CAP
            raise _violation(message, "extension_cap", article)
        return
    by_president = sum(m for m, level in granted if ApproverLevel(level) == ApproverLevel.PRESIDENT)
    by_higher = so_far - by_president
    if approver == ApproverLevel.PRESIDENT:
        if by_president or by_higher:
            raise _violation(ORDINARY_FURTHER_BY_HIGHER_COURT, "extension_by_higher_court", "CPL 152; TL2019 Art. 1")
        if months > 6:
            raise _violation(ORDINARY_PRESIDENT_CAP, "extension_cap", "CPL 152")
        return
    if not by_president:
        raise _violation(ORDINARY_FIRST_BY_PRESIDENT, "extension_by_president", "CPL 152")
    if by_higher + months > 3:
        raise _violation(ORDINARY_HIGHER_COURT_CAP, "extension_cap", "TL2000 Art. 2")


def check_extension_timing(*, applied_on: date, normal_or_current_deadline: date) -> None:
    """An extension is applied for at least 15 days before the current term expires (TL2019 Art. 1)."""
    if applied_on > normal_or_current_deadline - timedelta(days=EXTENSION_LEAD_DAYS):
        raise _violation(EXTENSION_APPLIED_LATE, "extension_applied_late", "TL2019 Art. 1")
