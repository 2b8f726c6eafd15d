"""After the first-instance decision: the appeal period of each party, the day the decision takes legal effect
(生效), the period to apply for enforcement, and what the case file must hold before it is archived.

- CPL 171: appeal within fifteen days of service of a judgment, ten days of a ruling; CPL 286: thirty days for
  a party with no domicile in China; JI 244: each party counts from its own service.
- CPL 157 para 2: of the rulings, only those not to accept, on a jurisdiction objection and dismissing the
  suit may be appealed; the others (withdrawal, termination …) are not.
- CPL 158: a decision that may not be appealed, or whose appeal period ran out without an appeal, is
  effective. CPL 165, JI 271: a small-claims judgment is final (一审终审), effective on service; JI 276-277: a
  small-claims ruling on jurisdiction or dismissing the suit is effective once made.
- CPL 100: a mediation document is effective once the parties have signed for it (the last receipt).
- CPL 250: enforcement is applied for within two years of the last day of performance the document fixes,
  or of the day it took effect when it fixes none.
- JI 263: what the case file of a simple-procedure case holds (used for every first-instance file here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ._i18n import _
from .calendar import WorkdayCalendar
from .enums import ClosingMode, Procedure
from .periods import appeal_due
from .terms import add_months

#: The decision a closing mode produces, and whether it may be appealed (CPL 157 para 2, CPL 171).
DECISION = {
    ClosingMode.JUDGMENT: ("judgment", True),
    ClosingMode.DISMISSAL: ("ruling", True),        # CPL 157(3)
    ClosingMode.TRANSFER: ("ruling", True),         # CPL 157(2): jurisdiction objection upheld
    ClosingMode.WITHDRAWAL: ("ruling", False),      # CPL 157(5)
    ClosingMode.DEEMED_WITHDRAWAL: ("ruling", False),
    ClosingMode.TERMINATION: ("ruling", False),     # CPL 157(6)
    ClosingMode.OTHER: ("ruling", False),
    ClosingMode.MEDIATION: ("mediation", False),    # CPL 100
}
ENFORCEMENT_YEARS = 2

FILE_NOT_CLOSED = _("JI 263(8): the file holds no judgment, ruling or mediation document yet; close the case first.")
FILE_DECISION_NOT_SERVED = _(
    "JI 263(9): the decision has not been served on every party (%(parties)s); record the service first."
)
FILE_NOT_EFFECTIVE = _(
    "CPL 158: the decision is not yet effective (appeal periods run until %(date)s); archive it after that day."
)


@dataclass(frozen=True)
class PartyService:
    """The first service of the decision on one party (None: not served yet)."""

    party: str
    served_on: date | None
    no_domicile: bool = False


@dataclass(frozen=True)
class AppealWindow:
    party: str
    served_on: date | None
    last_day: date | None  # None: not served yet, or no appeal lies
    article: str


def decision_of(mode: ClosingMode | str) -> tuple[str, bool]:
    """("judgment" | "ruling" | "mediation", appealable) for a closing mode (CPL 157 para 2, CPL 171)."""
    return DECISION[ClosingMode(mode)]


def is_final(mode: ClosingMode | str, procedure: Procedure | str) -> bool:
    """No appeal lies: small claims are tried once and for all (CPL 165, JI 271; rulings JI 276-277), and the
    rulings of CPL 157(4)-(11) cannot be appealed (CPL 157 para 2)."""
    kind, appealable = decision_of(mode)
    return not appealable or Procedure(procedure) == Procedure.SMALL_CLAIMS


def appeal_windows(services: Sequence[PartyService], *, mode: ClosingMode | str, procedure: Procedure | str,
                   calendar: WorkdayCalendar | None = None) -> list[AppealWindow]:
    """Each party's appeal period, from its own service (JI 244): 15 days for a judgment, 10 for a ruling
    (CPL 171), 30 with no domicile in China (CPL 286); none when the decision is final."""
    kind, _appealable = decision_of(mode)
    final = is_final(mode, procedure)
    windows = []
    for s in services:
        if final or s.served_on is None:
            windows.append(AppealWindow(s.party, s.served_on, None, "CPL 165; JI 271" if final else ""))
            continue
        last = appeal_due(s.served_on, against=kind, no_domicile=s.no_domicile, calendar=calendar)
        article = "CPL 286" if s.no_domicile else "CPL 171"
        windows.append(AppealWindow(s.party, s.served_on, last, article))
    return windows


def effective_on(services: Sequence[PartyService], *, mode: ClosingMode | str, procedure: Procedure | str,
                 decided_on: date | None, appealed: bool = False,
                 calendar: WorkdayCalendar | None = None) -> date | None:
    """The day the decision takes legal effect, or None while it cannot be known (CPL 158).

    - An appeal filed: none (the higher court decides).
    - A small-claims ruling on jurisdiction or dismissing the suit: the day it is made (JI 276-277).
    - Any other final decision (small-claims judgment, a ruling that cannot be appealed, a mediation
      document): the day the last party is served (CPL 165, JI 271; CPL 100).
    - Otherwise: the day after the last party's appeal period ends without an appeal (CPL 158, 171, JI 244).
    """
    if appealed:
        return None
    kind, appealable = decision_of(mode)
    if appealable and Procedure(procedure) == Procedure.SMALL_CLAIMS and kind == "ruling":
        return decided_on
    if not services or any(s.served_on is None for s in services):
        return None
    if is_final(mode, procedure):
        return max(s.served_on for s in services if s.served_on)
    windows = appeal_windows(services, mode=mode, procedure=procedure, calendar=calendar)
    return max(w.last_day for w in windows if w.last_day) + timedelta(days=1)


def appeal_period_ends(services: Sequence[PartyService], *, mode: ClosingMode | str, procedure: Procedure | str,
                       calendar: WorkdayCalendar | None = None) -> date | None:
    """The last day any party may still appeal, or None (final, or not every party served)."""
    windows = appeal_windows(services, mode=mode, procedure=procedure, calendar=calendar)
    if not windows or any(w.last_day is None for w in windows):
        return None
    return max(w.last_day for w in windows if w.last_day)


def enforcement_deadline(effective: date, *, performance_due: date | None = None) -> date:
    """The last day to apply for enforcement: two years (CPL 250 para 1) from the last day of performance the
    document fixes, or from its effective day when it fixes none (CPL 250 para 2). A year period starts the
    next day and ends on the corresponding day (CPL 85, JI 125)."""
    start = performance_due or effective
    return add_months(start, 12 * ENFORCEMENT_YEARS)


def file_gaps(*, closed: bool, unserved: Sequence[str], effective: date | None, appealed: bool,
              on: date, last_appeal_day: date | None = None) -> list[tuple[str, dict]]:
    """What keeps the file from being complete for archiving (JI 263): the decision (8) and its service on
    every party (9); and the decision effective, or the file gone up on appeal (CPL 158, 173). The other
    items of JI 263 (complaint, answer, evidence, records) are in the file as the case goes (OLR 35); fees
    still owed are an alert, not a bar. Returns (message, params) pairs; empty when the file is complete."""
    if not closed:
        return [(FILE_NOT_CLOSED, {})]
    gaps: list[tuple[str, dict]] = []
    if unserved:
        gaps.append((FILE_DECISION_NOT_SERVED, {"parties": "、".join(unserved)}))
    elif not appealed and (effective is None or effective > on):
        gaps.append((FILE_NOT_EFFECTIVE, {"date": last_appeal_day or effective}))
    return gaps
