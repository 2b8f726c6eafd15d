"""Other statutory periods of first-instance civil procedure.

A period counted in days starts the next day (CPL 85 para 2, JI 125), so "within N days of X" ends on
X + N; when that last day is not a working day it ends on the next working day (CPL 85 para 3).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ._i18n import _
from .calendar import UnknownCalendarYear, WorkdayCalendar, default_calendar
from .enums import Procedure
from .errors import RuleViolation
from .terms import add_months

HEARING_NOTICE_TOO_LATE = _(
    "CPL 139: the parties must be notified of an ordinary-procedure hearing at least three days before it."
)
TOO_MANY_ADJOURNMENTS_ORDINARY = _(
    "TL2019 Art. 3: an ordinary-procedure hearing may be adjourned at most twice."
)
TOO_MANY_ADJOURNMENTS_SIMPLE = _(
    "TL2019 Art. 3: a simple-procedure or small-claims hearing may be adjourned at most once."
)
HEARING_GAP_TOO_LONG = _(
    "TL2019 Art. 5: two hearings may be at most one month apart, unless force majeure or the parties agree."
)
EVIDENCE_PERIOD_TOO_SHORT = _(
    "JI 99: an evidence period the court sets under first-instance ordinary procedure is at least fifteen days."
)
EVIDENCE_PERIOD_TOO_LONG = _("JI 266: the evidence period of a simple-procedure case may not exceed fifteen days.")
EVIDENCE_PERIOD_SMALL_CLAIMS = _(
    "JI 275: the evidence period of a small-claims case is generally at most seven days; say why this case "
    "needs a longer one."
)
EVIDENCE_PERIOD_NOT_POSITIVE = _("An evidence period is at least one day long.")
ANSWER_PERIOD_BY_LAW = _(
    "CPL 128, 285: under ordinary procedure the answer period is set by law (fifteen days, thirty for a "
    "defendant with no domicile in China); the court does not set it."
)
ANSWER_PERIOD_TOO_LONG = _("JI 275: the answer period of a small-claims case is at most fifteen days.")
ANSWER_PERIOD_NOT_POSITIVE = _("An answer period is at least one day long.")
HEARING_BEFORE_COMPLAINT_SERVED = _(
    "CPL 128: a defendant has not been served the complaint, so its answer period has not run; serve it first "
    "or record that the parties waived the answer period."
)
HEARING_IN_ANSWER_PERIOD = _(
    "CPL 128: the hearing falls within a defendant's fifteen-day answer period; hold it after the period or "
    "record that the parties waived it."
)
HEARING_IN_FOREIGN_ANSWER_PERIOD = _(
    "CPL 285: the hearing falls within the thirty-day answer period of a defendant with no domicile in China; "
    "hold it after the period or record that the parties waived it."
)
HEARING_IN_SET_ANSWER_PERIOD = _(
    "JI 266, 275: the hearing falls within the answer period the court set; hold it after the period or record "
    "that the parties waived it."
)
EVIDENCE_PERIOD_NOT_SET = _(
    "JI 99: under ordinary procedure the court sets the evidence period before the hearing; set it, or record "
    "that the parties waived it."
)
HEARING_IN_EVIDENCE_PERIOD = _(
    "JI 99, 266, 275: the hearing falls within the evidence period; hold it after the period or record that "
    "the parties waived it."
)

#: REG2015 Art. 8: days to decide on filing, by kind of suit ("" is an ordinary civil suit).
FILING_DECISION_DAYS = {"": 7, "third_party_revocation": 30, "execution_objection": 15}


def day_period_end(
    start: date, days: int, *, calendar: WorkdayCalendar | None = None, roll_over: bool = True
) -> date:
    """Last day of a period of `days` counted from the day after `start` (CPL 85, JI 125).

    In a year with no official calendar the day is not rolled over (the term clock and the system check
    report such years; nothing here guesses which days are holidays)."""
    last_day = start + timedelta(days=days)
    if roll_over:
        try:
            last_day = (calendar or default_calendar()).next_workday(last_day)
        except UnknownCalendarYear:
            pass
    return last_day


def filing_decision_due(
    received_on: date,
    corrected_on: date | None = None,
    *,
    suit_kind: str = "",
    calendar: WorkdayCalendar | None = None,
) -> date:
    """Decide on filing within 7 days of receiving the complaint (CPL 126; REG2015 Art. 8(1)); a
    third-party revocation suit within 30 days (REG2015 Art. 8(3), JI 291), an execution-objection suit within
    15 (REG2015 Art. 8(4), JI 303-304). After a correction the period restarts the day after the corrected
    materials arrive (JI 126; OLR 9(2)).
    """
    if suit_kind not in FILING_DECISION_DAYS:
        raise ValueError(f"Unknown kind of suit {suit_kind!r}; expected one of {sorted(FILING_DECISION_DAYS)}.")
    start = corrected_on if corrected_on is not None else received_on
    return day_period_end(start, FILING_DECISION_DAYS[suit_kind], calendar=calendar)


def complaint_service_due(filed_on: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """Send the complaint copy to the defendant within 5 days of filing (CPL 128)."""
    return day_period_end(filed_on, 5, calendar=calendar)


def answer_due(served_on: date, *, no_domicile: bool = False, calendar: WorkdayCalendar | None = None) -> date:
    """The defendant answers within 15 days of service (CPL 128); 30 days if that defendant has no domicile in
    China (CPL 285: a fact of the party, not of the case)."""
    return day_period_end(served_on, 30 if no_domicile else 15, calendar=calendar)


def hearing_notice_latest(hearing_on: date) -> date:
    """The last day to notify parties of a hearing: three days before it (CPL 139)."""
    return hearing_on - timedelta(days=3)


def check_hearing_notice(notified_on: date, hearing_on: date, procedure: Procedure | str) -> None:
    """CPL 139 binds ordinary procedure only; simple procedure and small claims are exempt (CPL 163)."""
    if Procedure(procedure) != Procedure.ORDINARY:
        return
    if notified_on > hearing_notice_latest(hearing_on):
        raise RuleViolation(HEARING_NOTICE_TOO_LATE, code="hearing_notice_too_late", article="CPL 139")


def publication_effective(
    published_on: date,
    *,
    no_domicile: bool = False,
    calendar: WorkdayCalendar | None = None,
    roll_over: bool = True,
) -> date:
    """Service by publication takes effect 30 days after publication (CPL 95); 60 days for a party
    with no domicile in China (CPL 283: the addressee's fact, not the case's)."""
    return day_period_end(published_on, 60 if no_domicile else 30, calendar=calendar, roll_over=roll_over)


def appeal_due(
    served_on: date,
    *,
    against: Literal["judgment", "ruling"] = "judgment",
    no_domicile: bool = False,
    calendar: WorkdayCalendar | None = None,
) -> date:
    """Appeal within 15 days of service of a judgment, 10 days of a ruling (CPL 171); 30 days for a
    party without a domicile in China (CPL 286). Each party counts from its own service (JI 244).
    """
    if against not in ("judgment", "ruling"):
        raise ValueError(f"An appeal lies against a 'judgment' or a 'ruling', not {against!r}.")
    days = 30 if no_domicile else (15 if against == "judgment" else 10)
    return day_period_end(served_on, days, calendar=calendar)


def mediation_days(procedure: Procedure | str) -> int:
    """OMR 24: mediation after filing takes 15 days under ordinary procedure, 7 under simple (and small claims)."""
    return 15 if Procedure(procedure) == Procedure.ORDINARY else 7


def max_adjournments(procedure: Procedure | str) -> int:
    """Ordinary procedure at most twice, simple and small claims at most once (TL2019 Art. 3)."""
    return 2 if Procedure(procedure) == Procedure.ORDINARY else 1


def check_adjournment(*, procedure: Procedure | str, adjournments_so_far: int) -> None:
    """Reject one more adjournment beyond the TL2019 Art. 3 limit."""
    if adjournments_so_far >= max_adjournments(procedure):
        message = (
            TOO_MANY_ADJOURNMENTS_ORDINARY
            if Procedure(procedure) == Procedure.ORDINARY
            else TOO_MANY_ADJOURNMENTS_SIMPLE
        )
        raise RuleViolation(message, code="too_many_adjournments", article="TL2019 Art. 3")


def check_hearing_gap(
    previous_on: date, next_on: date, *, force_majeure: bool = False, parties_agree: bool = False
) -> None:
    """Two hearings at most one month apart, unless force majeure or the parties agree (TL2019 Art. 5)."""
    if next_on < previous_on:
        raise ValueError(f"The next hearing ({next_on}) is before the previous one ({previous_on}).")
    if force_majeure or parties_agree:
        return
    if next_on > add_months(previous_on, 1):
        raise RuleViolation(HEARING_GAP_TOO_LONG, code="hearing_gap_too_long", article="TL2019 Art. 5")


def fee_payment_due(notice_received_on: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """Pay the case fee within 7 days from the day after receiving the fee notice (FEE 22)."""
    return day_period_end(notice_received_on, 7, calendar=calendar)


# --- the preparation periods before the first hearing (CPL 128, 285; JI 99, 266, 275) -----------------------

def evidence_period_bounds(procedure: Procedure | str) -> tuple[int | None, int | None, bool]:
    """(least days, most days, whether the most is only "generally" binding) of an evidence period:
    ordinary at least 15 (JI 99), simple at most 15 (JI 266), small claims "一般不超过七日" (JI 275)."""
    procedure = Procedure(procedure)
    if procedure == Procedure.ORDINARY:
        return 15, None, False
    if procedure == Procedure.SIMPLE:
        return None, 15, False
    return None, 7, True


def check_evidence_period(*, procedure: Procedure | str, days: int, agreed: bool = False, reason: str = "") -> None:
    """Refuse an evidence period the law forbids.

    JI 99: "人民法院确定举证期限，第一审普通程序案件不得少于十五日" — the floor binds a period the court sets;
    a period the parties agreed and the court approved ("举证期限可以由当事人协商，并经人民法院准许") is not
    bound by it. JI 266: simple procedure "不得超过十五日", agreed or not. JI 275: small claims "一般不超过七日",
    so a longer period needs a stated reason."""
    if days < 1:
        raise RuleViolation(EVIDENCE_PERIOD_NOT_POSITIVE, code="evidence_period_days", article="JI 99")
    least, most, soft = evidence_period_bounds(procedure)
    if least is not None and days < least and not agreed:
        raise RuleViolation(EVIDENCE_PERIOD_TOO_SHORT, code="evidence_period_too_short", article="JI 99")
    if most is not None and days > most:
        if not soft:
            raise RuleViolation(EVIDENCE_PERIOD_TOO_LONG, code="evidence_period_too_long", article="JI 266")
        if not reason.strip():
            raise RuleViolation(EVIDENCE_PERIOD_SMALL_CLAIMS, code="evidence_period_too_long", article="JI 275")


def check_answer_period(*, procedure: Procedure | str, days: int) -> None:
    """An answer period the court sets: only under simple procedure and small claims, when the defendant asks
    for a written answer (JI 266 "合理确定答辩期间"; JI 275 "最长不得超过十五日"). Under ordinary procedure the
    law sets it (CPL 128, 285)."""
    procedure = Procedure(procedure)
    if procedure == Procedure.ORDINARY:
        raise RuleViolation(ANSWER_PERIOD_BY_LAW, code="answer_period_by_law", article="CPL 128, 285")
    if days < 1:
        raise RuleViolation(ANSWER_PERIOD_NOT_POSITIVE, code="answer_period_days", article="JI 266")
    if procedure == Procedure.SMALL_CLAIMS and days > 15:
        raise RuleViolation(ANSWER_PERIOD_TOO_LONG, code="answer_period_too_long", article="JI 275")


@dataclass(frozen=True)
class AnswerPeriod:
    """One defendant's answer period: its last day (None: the complaint is not served yet) and its article."""

    ends_on: date | None
    article: str


def answer_period(
    served_on: date | None,
    *,
    procedure: Procedure | str,
    no_domicile: bool = False,
    court_set_days: int | None = None,
    calendar: WorkdayCalendar | None = None,
) -> AnswerPeriod | None:
    """The answer period of one defendant served the complaint on `served_on`, or None if there is none.

    Ordinary: 15 days (CPL 128), 30 for a defendant with no domicile in China (CPL 285). Simple procedure and
    small claims: only the period the court set at the defendant's request (JI 266, 275); none otherwise."""
    if Procedure(procedure) == Procedure.ORDINARY:
        article = "CPL 285" if no_domicile else "CPL 128"
        ends = answer_due(served_on, no_domicile=no_domicile, calendar=calendar) if served_on else None
        return AnswerPeriod(ends, article)
    if court_set_days is None:
        return None
    article = "JI 275" if Procedure(procedure) == Procedure.SMALL_CLAIMS else "JI 266"
    ends = day_period_end(served_on, court_set_days, calendar=calendar) if served_on else None
    return AnswerPeriod(ends, article)


def check_hearing_after_periods(
    *,
    procedure: Procedure | str,
    hearing_on: date,
    answer_periods: Sequence[AnswerPeriod],
    evidence_ends: date | None,
    answer_waived: bool = False,
    evidence_waived: bool = False,
) -> None:
    """A hearing comes after every defendant's answer period and after the evidence period, unless the
    parties waived them.

    JI 266 (simple): "当事人双方均表示不需要举证期限、答辩期间的，人民法院可以立即开庭审理或者确定开庭日期";
    JI 275 (small claims) likewise. Under ordinary procedure the texts give no waiver: accepting one is a
    product convention (the service logs it as such). JI 99 obliges the court to set the evidence period
    before an ordinary hearing ("应当在审理前的准备阶段确定"); under simple procedure and small claims the
    court's period has no floor (JI 266, 275), so a case without one is not held back (product convention).
    """
    if not answer_waived:
        for period in answer_periods:
            if period.ends_on is None:
                raise RuleViolation(HEARING_BEFORE_COMPLAINT_SERVED, code="complaint_not_served",
                                    article=period.article)
            if hearing_on <= period.ends_on:
                message = {"CPL 128": HEARING_IN_ANSWER_PERIOD, "CPL 285": HEARING_IN_FOREIGN_ANSWER_PERIOD}.get(
                    period.article, HEARING_IN_SET_ANSWER_PERIOD)
                raise RuleViolation(message, code="hearing_in_answer_period", article=period.article)
    if evidence_waived:
        return
    procedure = Procedure(procedure)
    if evidence_ends is None:
        if procedure == Procedure.ORDINARY:
            raise RuleViolation(EVIDENCE_PERIOD_NOT_SET, code="evidence_period_not_set", article="JI 99")
        return
    if hearing_on <= evidence_ends:
        article = {Procedure.ORDINARY: "JI 99", Procedure.SIMPLE: "JI 266"}.get(procedure, "JI 275")
        raise RuleViolation(HEARING_IN_EVIDENCE_PERIOD, code="hearing_in_evidence_period", article=article)
