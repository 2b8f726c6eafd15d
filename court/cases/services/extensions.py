"""Term extension applications (TL2019 Art. 1): the judge (独任审判员或合议庭) applies to the president with the
reasons at least 15 days before the term expires; the president decides at least 5 days before it, in a queue
of pending applications; a second extension of an ordinary case is reported to the higher court, whose
approval the president records. Approval is `case_extend` (the limits of CPL 152, 164, 168; TL2000 Art. 2).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User
from court.rules.errors import RuleViolation
from court.rules.terms import check_extension_timing

from ..access import Action, require
from ..models import ACTIVE_STATES, Case, CaseEvent
from ..term import term_for
from .base import CaseRuleError, K, check_date, check_length, day_or_today, from_rule, locked, log_event, refuse_transition
from .interruptions import EXTENSION_NEEDS_REASON, FOREIGN_NO_TERM, NOT_PRESIDENT, case_extend

EXTENSION_ALREADY_PENDING = gettext_noop("An extension application for this case is already awaiting a decision.")
NO_PENDING_EXTENSION = gettext_noop("There is no extension application awaiting a decision.")
REFUSAL_NEEDS_REASON = gettext_noop("Say why the extension is refused.")
EXTENSION_MONTHS = gettext_noop("An extension is of 1 to 6 months.")
APPLICATION_TEXT_LIMIT = 2000


def pending_extension(case: Case) -> CaseEvent | None:
    """The case's extension application still awaiting a decision, if any."""
    return pending_extensions(Case.objects.filter(pk=case.pk)).first()


def pending_extensions(cases: QuerySet[Case]) -> QuerySet[CaseEvent]:
    """The applications awaiting a decision on `cases`, oldest first (one query)."""
    decided = CaseEvent.objects.filter(case=OuterRef("case"), kind__in=(K.EXTENDED, K.EXTENSION_REFUSED),
                                       id__gt=OuterRef("id"))
    return (CaseEvent.objects.filter(case__in=cases.values("pk"), kind=K.EXTENSION_APPLIED)
            .filter(~Exists(decided)).select_related("case", "actor").order_by("on", "id"))


@transaction.atomic
def extension_apply(*, case: Case, actor: User | None, months: int, reason: str, on: date | None = None,
                    higher_court: bool = False) -> CaseEvent:
    """The judge's application with its reasons, at least 15 days before the term expires (TL2019 Art. 1)."""
    case = locked(case)
    require(actor, Action.DECIDE, case)
    if case.state not in ACTIVE_STATES:
        raise refuse_transition(case, _("be extended"))
    if case.foreign_related:
        raise CaseRuleError(FOREIGN_NO_TERM, code="foreign", article="CPL 287")
    if not reason.strip():
        raise CaseRuleError(EXTENSION_NEEDS_REASON, code="no_reason", article="TL2019 Art. 1")
    check_length(_("reasons"), reason, APPLICATION_TEXT_LIMIT)
    if not 1 <= months <= 6:
        raise CaseRuleError(EXTENSION_MONTHS, code="months")
    on = day_or_today(on)
    check_date(case, on)
    if pending_extension(case) is not None:
        raise CaseRuleError(EXTENSION_ALREADY_PENDING, code="pending")
    term = term_for(case, case.periods.all(), as_of=on)
    deadline = term.extended_deadline if term else None
    if deadline is not None:
        try:
            check_extension_timing(applied_on=on, normal_or_current_deadline=deadline)
        except RuleViolation as exc:
            raise from_rule(exc) from None
    return log_event(case, K.EXTENSION_APPLIED, actor=actor, on=on, from_state=case.state, to_state=case.state,
                     reason=reason, basis="TL2019 Art. 1", months=months, higher_court=higher_court,
                     deadline=deadline)


@transaction.atomic
def extension_decide(*, case: Case, actor: User | None, approve: bool, reason: str = "",
                     on: date | None = None) -> CaseEvent:
    """The president's decision on the pending application: approval extends the term (`case_extend`, which
    checks the limits and the 5 days of TL2019 Art. 1); a refusal states why."""
    case = locked(case)
    require(actor, Action.EXTEND, case, message=NOT_PRESIDENT)
    application = pending_extension(case)
    if application is None:
        raise CaseRuleError(NO_PENDING_EXTENSION, code="none_pending")
    on = day_or_today(on)
    applied_on = application.on
    if approve:
        case_extend(case=case, actor=actor, months=int(application.payload["months"]),
                    reason=reason.strip() or application.reason, on=on, applied_on=applied_on,
                    higher_court=bool(application.payload.get("higher_court")))
        return CaseEvent.objects.filter(case=case, kind=K.EXTENDED).latest("id")
    if not reason.strip():
        raise CaseRuleError(REFUSAL_NEEDS_REASON, code="no_reason")
    check_date(case, on)
    return log_event(case, K.EXTENSION_REFUSED, actor=actor, on=on, from_state=case.state, to_state=case.state,
                     reason=reason, basis="TL2019 Art. 1", applied_on=applied_on,
                     months=application.payload["months"])
