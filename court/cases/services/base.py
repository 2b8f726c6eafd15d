"""What every case service shares: the rule error, the row lock, the transition, the event log, date checks.

The services read the clock only through this module (`today`, `day_or_today`, the date checks), so a test
that fixes the date patches `court.cases.services.base.today`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_fsm import can_proceed

from court.org.models import User
from court.rules.errors import RuleViolation

from ..bounds import AMOUNT_LIMIT, latest_date
from ..bounds import AMOUNT_TOO_LARGE_MESSAGE as AMOUNT_TOO_LARGE
from ..models import ACTIVE_STATES, Case, CaseEvent, CaseState
from ..term import today

K = CaseEvent.Kind

# Error messages (module constants, so tests assert on them; marked for extraction, translated at raise time).
# Those shared by several services live here; the others beside the service that raises them.
TRANSITION_NOT_ALLOWED = gettext_noop("A case in state “%(state)s” cannot %(action)s.")
DATE_BEFORE_FILING = gettext_noop("The date %(date)s is before the case was filed (%(filed)s).")
DATE_IN_FUTURE = gettext_noop("The date %(date)s is in the future.")
UNKNOWN_CHOICE = gettext_noop("Unknown %(what)s “%(value)s”.")
CASE_NOT_PENDING = gettext_noop("The case is not pending (state “%(state)s”); it cannot %(action)s.")
NEGATIVE_AMOUNT = gettext_noop("The claim amount cannot be negative.")
#: OLR 35: the electronic file becomes the electronic archive (电子档案), kept under the archive rules.
FILE_ARCHIVED = gettext_noop("OLR 35: the case file is archived (电子档案); nothing more can be added to it or recorded "
                             "in it.")
TEXT_TOO_LONG = gettext_noop("The %(what)s may be at most %(limit)s characters long.")


class CaseRuleError(ValidationError):
    """The law or the workflow forbids this step; `code` and `article` say which rule."""

    def __init__(self, message: str, *, code: str = "rule", article: str = "", params: dict[str, Any] | None = None):
        text = _(message) % params if params else _(message)
        super().__init__(text, code=code)
        self.article = article
        self.text = text


def from_rule(exc: RuleViolation) -> CaseRuleError:
    """A pure rule's violation (court.rules), as the services raise it."""
    return CaseRuleError(exc.message, code=exc.code, article=exc.article)


def log_event(case: Case, kind: str, /, *, actor: User | None, on: date, from_state: str = "", to_state: str = "",
              reason: str = "", basis: str = "", **payload: Any) -> CaseEvent:
    """Append one CaseEvent (the only way events are written; other apps use it too)."""
    return CaseEvent.objects.create(
        case=case, kind=kind, actor=actor, on=on, from_state=from_state, to_state=to_state,
        reason=reason, basis=basis, payload=_jsonable(payload),
    )


def _jsonable(payload: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in payload.items():
        if isinstance(value, (date, datetime)):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        out[key] = value
    return out


def run_transition(case: Case, method_name: str, label: str) -> str:
    """Run a django-fsm transition on the case; returns the state before. Refuses with a clear message."""
    method = getattr(case, method_name)
    before = case.state
    if not can_proceed(method):
        raise CaseRuleError(TRANSITION_NOT_ALLOWED, code="transition",
                            params={"state": case.get_state_display(), "action": label})
    method()
    return before


def refuse_transition(case: Case, label: str) -> CaseRuleError:
    """The refusal for a step the case's state does not allow."""
    return CaseRuleError(TRANSITION_NOT_ALLOWED, code="transition",
                         params={"state": case.get_state_display(), "action": label})


def day_or_today(on: date | None) -> date:
    return on or today()


def is_future(on: date) -> bool:
    return on > today()


def check_not_future(on: date) -> None:
    if is_future(on):
        raise CaseRuleError(DATE_IN_FUTURE, code="future", params={"date": on})


def check_date(case: Case, on: date) -> None:
    """Not in the future, not before the case was filed."""
    check_not_future(on)
    if case.filed_on and on < case.filed_on:
        raise CaseRuleError(DATE_BEFORE_FILING, code="before_filing", params={"date": on, "filed": case.filed_on})


def check_choice(what: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise CaseRuleError(UNKNOWN_CHOICE, code="choice", params={"what": what, "value": value})


def require_pending(case: Case, action: str) -> None:
    if case.state not in ACTIVE_STATES:
        raise CaseRuleError(CASE_NOT_PENDING, code="not_pending",
                            params={"state": case.get_state_display(), "action": action})


def check_not_archived(case: Case) -> None:
    """OLR 35: once archived (归档) the electronic file is the archive: no document, evidence or record goes in.
    (What happens after the file, e.g. the hand-off to enforcement of CPL 250, is still an event of the case.)"""
    if case.state == CaseState.ARCHIVED:
        raise CaseRuleError(FILE_ARCHIVED, code="archived", article="OLR 35")


def locked(case: Case) -> Case:
    """The case row, locked so that two clerks acting on one case serialise (the FSM's concurrency check
    backs it up)."""
    return Case.objects.select_for_update().select_related("court", "cause").get(pk=case.pk)


def after_commit(signal: Any, **kwargs: Any) -> None:
    """Send `signal` (court.cases.signals) once the transaction commits."""
    transaction.on_commit(lambda: signal.send(sender=Case, **kwargs))


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def check_amount(amount: Decimal) -> None:
    """Every amount below `bounds.AMOUNT_LIMIT`, whatever the path (form, import, API): the database keeps it exactly."""
    if amount >= AMOUNT_LIMIT:
        raise CaseRuleError(AMOUNT_TOO_LARGE, code="amount_too_large")


def check_length(what: str, text: str, limit: int) -> None:
    """Bounded free text (`court.cases.bounds`), whatever the path."""
    if len(text) > limit:
        raise CaseRuleError(TEXT_TOO_LONG, code="too_long", params={"what": what, "limit": limit})


def within_a_year(day: date) -> date | None:
    """None if `day` lies at most a year ahead (`bounds.latest_date`); otherwise that latest day."""
    latest = latest_date(today())
    return None if day <= latest else latest
