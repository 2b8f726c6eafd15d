"""Other statutory periods of first-instance civil procedure.

A period counted in days starts the next day (CPL 85 para 2, JI 125), so "within N days of X" ends on
X + N; when that last day is not a working day it ends on the next working day (CPL 85 para 3).
"""

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
    calendar: WorkdayCalendar | None = None,
) -> date:
    """Decide on filing within 7 days (CPL 126; REG2015 Art. 8); after a correction the 7 days restart
    the day after the corrected materials arrive (JI 126; OLR 9(2)).
    """
    start = corrected_on if corrected_on is not None else received_on
    return day_period_end(start, 7, calendar=calendar)


def complaint_service_due(filed_on: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """Send the complaint copy to the defendant within 5 days of filing (CPL 128)."""
    return day_period_end(filed_on, 5, calendar=calendar)


def answer_due(
    served_on: date, *, foreign_no_domicile: bool = False, calendar: WorkdayCalendar | None = None
) -> date:
    """The defendant answers within 15 days of service (CPL 128); 30 days without a domicile in China (CPL 285)."""
    return day_period_end(served_on, 30 if foreign_no_domicile else 15, calendar=calendar)


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
    foreign: bool = False,
    calendar: WorkdayCalendar | None = None,
    roll_over: bool = True,
) -> date:
    """Service by publication takes effect 30 days after publication (CPL 95); 60 days for a party
    without a domicile in China (CPL 283).
    """
    return day_period_end(published_on, 60 if foreign else 30, calendar=calendar, roll_over=roll_over)


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
