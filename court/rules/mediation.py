"""Mediation before and during a suit, as pure functions: the chain member to suggest, the periods of OMR 10, 12,
24 and 26, and the judicial-confirmation period of CPL 205.

OMR 10 para 3: "人民法院应当在收到当事人在线调解申请后三个工作日内指定调解组织或者调解员".
OMR 24: "立案前在线调解期限为三十日。各方当事人同意延长的，不受此限。立案后在线调解，适用普通程序的调解期限为十五日，
适用简易程序的调解期限为七日，各方当事人同意延长的，不受此限。立案后延长的调解期限不计入审理期限。"
OMR 26: "立案前调解需要鉴定评估的……鉴定评估期限不计入调解期限。"
CPL 205 (2023): "由双方当事人自调解协议生效之日起三十日内，共同向下列人民法院提出".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ._i18n import _
from .calendar import UnknownCalendarYear, WorkdayCalendar, default_calendar
from .enums import Procedure
from .periods import day_period_end, mediation_days

#: OMR 24: a pre-filing (立案前) mediation lasts thirty days unless all parties agree to go on.
PRE_FILING_DAYS = 30
#: OMR 10 para 3: the court names the organisation or mediator within three working days of the application.
ASSIGNMENT_WORKDAYS = 3
#: CPL 205: the joint application for judicial confirmation within thirty days of the agreement taking effect.
CONFIRMATION_DAYS = 30

EXTENSION_NOT_LATER = _("OMR 24: an agreed extension must end after the current mediation deadline (%(due)s).")
CONFIRMATION_LATE = _(
    "CPL 205: judicial confirmation is applied for within thirty days of the agreement taking effect "
    "(by %(last)s)."
)

#: The order in which the chain is offered when nothing else decides (法庭+司法所+派出所+调解委员会+乡贤): the
#: nearest first, so a village dispute goes to the village's elder or committee before the county's offices.
KIND_ORDER = ("village_elder", "mediation_committee", "police_station", "judicial_office", "court")


def assignment_due(received_on: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """The last day to name the mediator: three working days after the diversion (OMR 10 para 3, OMR 12)."""
    calendar = calendar or default_calendar()
    try:
        return calendar.add_workdays(received_on, ASSIGNMENT_WORKDAYS)
    except UnknownCalendarYear:
        return received_on + timedelta(days=ASSIGNMENT_WORKDAYS + 2)  # Mon-Fri only; reported by the system check


def pre_filing_due(accepted_on: date, *, paused_days: int = 0, agreed_until: date | None = None,
                   calendar: WorkdayCalendar | None = None) -> date:
    """The last day of a pre-filing mediation: thirty days from the mediator's acceptance (OMR 24 para 2
    "自调解组织或者调解员……确认接受……之日起算"; the first day not counted, CPL 85), plus the days of an appraisal
    (OMR 26 "鉴定评估期限不计入调解期限"), or later where all parties agreed ("各方当事人同意延长的，不受此限")."""
    due = day_period_end(accepted_on, PRE_FILING_DAYS + paused_days, calendar=calendar)
    return max(due, agreed_until) if agreed_until else due


def in_case_due(started_on: date, procedure: Procedure | str, *, agreed_until: date | None = None) -> date:
    """The last day of a mediation after filing: fifteen days under ordinary procedure, seven under simple
    (OMR 24 "适用普通程序的调解期限为十五日，适用简易程序的调解期限为七日"), or as all parties agreed."""
    due = started_on + timedelta(days=mediation_days(procedure))
    return max(due, agreed_until) if agreed_until else due


def confirmation_apply_by(effective_on: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """CPL 205: the last day to apply for judicial confirmation, thirty days after the agreement takes effect
    (OMR 19 para 2: when every party has signed), rolled over a holiday (CPL 85)."""
    return day_period_end(effective_on, CONFIRMATION_DAYS, calendar=calendar)


@dataclass(frozen=True)
class Candidate:
    """A mediator who could take the dispute: the organisation's kind and area, and the open mediations now."""

    mediator_id: int
    kind: str
    town: str = ""
    village: str = ""
    open_mediations: int = 0


@dataclass(frozen=True)
class Suggestion:
    mediator_id: int
    reason: str  # "village", "town", "county"


def suggest_mediators(candidates: Iterable[Candidate], *, town: str = "", village: str = "",
                      kinds: Sequence[str] = ()) -> list[Suggestion]:
    """The mediators to offer for a dispute of the parties' `town` and `village`, best first (OMR 10: the court
    names the organisation or mediator; OMR 5: the court's mediators and the organisations it invited).

    Order: a mediator of the parties' village, then of their town, then the county's; within each, the kinds
    in `kinds` (or `KIND_ORDER`) first, then the lightest load (open mediations), then the lower id so that the
    answer is stable. A mediator of another village or town is not offered."""
    order = list(kinds) or list(KIND_ORDER)
    ranked: list[tuple[tuple[int, int, int, int], Suggestion]] = []
    for c in candidates:
        if village and c.village == village and c.town == town:
            level, reason = 0, "village"
        elif town and c.town == town and not c.village:
            level, reason = 1, "town"
        elif not c.town:
            level, reason = 2, "county"
        else:
            continue
        kind_rank = order.index(c.kind) if c.kind in order else len(order)
        ranked.append(((level, kind_rank, c.open_mediations, c.mediator_id), Suggestion(c.mediator_id, reason)))
    return [s for _key, s in sorted(ranked, key=lambda item: item[0])]
