"""Re-triage on the case app's signals (sent after commit): filing, and every event that changes the picture;
and the acceptance (立案), which decides the open recommendation."""

from __future__ import annotations

from typing import Any

from court.cases.signals import case_accepted, case_retriage_needed, case_submitted

from .services import decide_by_acceptance_safely, triage_safely

SUBMITTED = "submitted"


def on_case_submitted(sender: Any, case: Any, actor: Any = None, **kwargs: Any) -> None:
    triage_safely(case, SUBMITTED, actor)


def on_case_retriage_needed(sender: Any, case: Any, actor: Any = None, trigger: str = "", **kwargs: Any) -> None:
    triage_safely(case, trigger or "retriage", actor)


def on_case_accepted(sender: Any, case: Any, actor: Any = None, procedure: str = "", **kwargs: Any) -> None:
    decide_by_acceptance_safely(case, actor, procedure)


def connect() -> None:
    case_submitted.connect(on_case_submitted, dispatch_uid="triage.on_case_submitted")
    case_retriage_needed.connect(on_case_retriage_needed, dispatch_uid="triage.on_case_retriage_needed")
    case_accepted.connect(on_case_accepted, dispatch_uid="triage.on_case_accepted")
