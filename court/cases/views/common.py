"""What the case views share: who is outside the court, and the filing decision's due date."""

from __future__ import annotations

from datetime import date
from typing import Any

from court.org.models import Role, User
from court.rules.periods import filing_decision_due

from ..models import Case, CaseState

#: The roles outside the court: they file complaints and follow their own cases.
OUTSIDE_ROLES = (Role.PARTY, Role.LAWYER)


def is_outsider(user: User) -> bool:
    return not user.is_superuser and user.role in OUTSIDE_ROLES


def decision_due(case: Case, calendar: Any) -> date | None:
    """CPL 126: the filing decision is due within 7 days of receipt (or of the corrected complaint)."""
    if case.state != CaseState.FILED or not case.submitted_on:
        return None
    return filing_decision_due(case.submitted_on, case.corrected_on, calendar=calendar)
