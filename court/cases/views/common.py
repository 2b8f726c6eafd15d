"""What the case views share: who is outside the court, and the filing decision's due date."""

from __future__ import annotations

from datetime import date
from typing import Any

from court.org.models import Role, User
from court.rules.periods import FILING_DECISION_DAYS, filing_decision_due

from ..models import Case, CaseState

#: The roles outside the court: they file complaints and follow their own cases.
OUTSIDE_ROLES = (Role.PARTY, Role.LAWYER)


def is_outsider(user: User) -> bool:
    return not user.is_superuser and user.role in OUTSIDE_ROLES


def decision_due(case: Case, calendar: Any) -> date | None:
    """CPL 126: the filing decision is due within 7 days of receipt (or of the corrected complaint); within 30
    for a 第三人撤销之诉 and 15 for an 执行异议之诉 (REG2015 Art. 8(3), (4): `case.special_suit`)."""
    if case.state != CaseState.FILED or not case.submitted_on:
        return None
    return filing_decision_due(case.submitted_on, case.corrected_on, suit_kind=case.special_suit, calendar=calendar)


def decision_days(case: Case) -> int:
    """The days of `decision_due`: 7 (CPL 126), 30 or 15 for the special suits (REG2015 Art. 8)."""
    return FILING_DECISION_DAYS[case.special_suit]
