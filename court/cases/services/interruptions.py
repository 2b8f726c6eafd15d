"""What interrupts or reshapes the term: court-annexed mediation (CPL 125; OMR 24-25), suspension and
resumption (CPL 153; JI 246; TL2000 Art. 9(9)), periods not counted in the term (JI 243; TL2000 Art. 9),
extensions (CPL 152, 164, 168; TL2000 Art. 2; TL2019 Art. 1) and changes of procedure (CPL 160(2), 169-170;
JI 258-260, 264, 278).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_fsm import can_proceed

from court.org.models import Role, User
from court.rules import fees as rule_fees
from court.rules import periods as rule_periods
from court.rules import procedure as rule_procedure
from court.rules.enums import ApproverLevel
from court.rules.errors import RuleViolation
from court.rules.terms import check_extension, check_extension_timing, term_spec

from .. import signals
from ..access import Action, require
from ..fees import case_fees
from ..models import ACTIVE_STATES, Case, CasePeriod, CaseState, CaseType, Panel, PeriodKind, Procedure
from ..term import case_refresh_term, court_calendar, term_for
from .base import (
    CaseRuleError,
    K,
    after_commit,
    check_choice,
    check_date,
    day_or_today,
    from_rule,
    locked,
    log_event,
    refuse_transition,
    require_pending,
    run_transition,
)
from .fees import notice_for_top_up
from .filing import bench_for, check_procedure_bars
from .parties import small_claims_recheck_payload

ALREADY_IN_MEDIATION = gettext_noop("The case is already in mediation.")
MEDIATOR_NOT_ELIGIBLE = gettext_noop("The mediator must be a mediator of this court or a member of the case's team.")
SUSPENSION_NEEDS_GROUND = gettext_noop("CPL 153: name the ground for the suspension.")
RESUME_BEFORE_SUSPENSION = gettext_noop("A case cannot resume before its suspension began.")
PERIOD_EXTENSION_KIND = gettext_noop("Record an extension with the extension service, not as an excluded period.")
SUSPENSION_KIND = gettext_noop("Suspend the case instead (CPL 153); the suspension period follows from it.")
PERIOD_END_BEFORE_START = gettext_noop("A period cannot end before it starts.")
PUBLICATION_PERIOD_IN_SIMPLE = gettext_noop(
    "JI 140, TL2019 Art. 4: there is no publication period under simple procedure or small claims."
)
MEDIATION_EXTENSION_OUTSIDE = gettext_noop(
    "OMR 24: only an agreed extension of a running mediation beyond its %(days)s days is not counted in "
    "the term."
)
PERIOD_ALREADY_RUNNING = gettext_noop("A period of this kind is already running; end it first.")
NO_RUNNING_PERIOD = gettext_noop("There is no running period of this kind to end.")
NOT_PRESIDENT = gettext_noop(
    "CPL 152, 164: only the court president may approve an extension; a further one needs the higher "
    "court."
)
FOREIGN_NO_TERM = gettext_noop("CPL 287: a foreign-related case has no statutory term to extend.")
EXTENSION_NEEDS_REASON = gettext_noop("TL2019 Art. 1: an extension application must state its reasons.")
EXTENSION_DECIDED_BEFORE_APPLICATION = gettext_noop("An extension cannot be approved before it is applied for.")
EXTENSION_DECIDED_LATE = gettext_noop(
    "TL2019 Art. 1: the extension must be decided at least 5 days before the term expires (%(deadline)s)."
)
CONVERSION_NEEDS_REASON = gettext_noop("JI 258(2): the conversion ruling must give its reasons.")
BACK_AFTER_HEARING = gettext_noop("JI 260: a case heard under ordinary procedure cannot go back to simple procedure.")

EXTENSION_DECISION_LEAD_DAYS = 5  # TL2019 Art. 1: the president decides at least 5 days before expiry.

PERIOD_BASIS = {
    PeriodKind.PUBLICATION: "JI 243; TL2000 Art. 9(6)",
    PeriodKind.APPRAISAL: "JI 243; TL2000 Art. 9(6)",
    PeriodKind.SETTLEMENT: "JI 243",
    PeriodKind.JURISDICTION_OBJECTION: "JI 243; TL2000 Art. 9(7)",
    PeriodKind.JURISDICTION_DISPUTE: "JI 243; TL2000 Art. 9(7)",
    PeriodKind.AUDIT_VALUATION: "TL2000 Art. 9(8)",
    PeriodKind.EVIDENCE_ADJOURNMENT: "TL2000 Art. 9(5)",
    PeriodKind.MEDIATION_EXTENSION: "OMR 24",
}


# --- mediation -------------------------------------------------------------------------------------------

@transaction.atomic
def case_start_mediation(*, case: Case, actor: User | None, mediator: User | None = None,
                         on: date | None = None) -> Case:
    """Court-annexed mediation after 立案 (CPL 125; OMR 24: 15 days ordinary, 7 simple)."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    on = day_or_today(on)
    check_date(case, on)
    if case.state == CaseState.MEDIATION:
        raise CaseRuleError(ALREADY_IN_MEDIATION, code="in_mediation")
    if mediator is not None and not (
        (mediator.role == Role.MEDIATOR and mediator.court_id in (None, case.court_id))
        or (mediator.team_id is not None and mediator.team_id == case.team_id)
    ):
        raise CaseRuleError(MEDIATOR_NOT_ELIGIBLE, code="mediator")
    before = run_transition(case, "start_mediation", _("go to mediation"))
    if mediator is not None:
        case.mediator = mediator
    case.save()
    log_event(case, K.MEDIATION_STARTED, actor=actor, on=on, from_state=before, to_state=case.state,
              basis="CPL 125; OMR 24", mediator=mediator.username if mediator else "",
              mediation_due=on + timedelta(days=rule_periods.mediation_days(case.procedure)))
    return case


@transaction.atomic
def case_end_mediation(*, case: Case, actor: User | None, reason: str = "", on: date | None = None) -> Case:
    """Mediation failed: back to where the case stood, and on to judgment (CPL 145)."""
    case = locked(case)
    require(actor, Action.END_MEDIATION, case)
    on = day_or_today(on)
    check_date(case, on)
    before = run_transition(case, "end_mediation", _("end mediation"))
    case.save()
    running = case.periods.filter(kind=PeriodKind.MEDIATION_EXTENSION, end_on__isnull=True)
    for period in running:
        period.end_on = max(on, period.start_on)
        period.save(update_fields=["end_on"])
    log_event(case, K.MEDIATION_FAILED, actor=actor, on=on, from_state=before, to_state=case.state, reason=reason,
              basis="CPL 145; OMR 25")
    case_refresh_term(case)
    return case


# --- suspension ------------------------------------------------------------------------------------------

@transaction.atomic
def case_suspend(*, case: Case, actor: User | None, ground: str, on: date | None = None) -> Case:
    """Suspend (中止诉讼, CPL 153); the suspension is excluded from the term until resumption (TL2000 Art. 9(9))."""
    case = locked(case)
    require(actor, Action.DECIDE, case)
    on = day_or_today(on)
    check_date(case, on)
    if not ground.strip():
        raise CaseRuleError(SUSPENSION_NEEDS_GROUND, code="no_ground", article="CPL 153")
    before = run_transition(case, "suspend", _("be suspended"))
    case.save()
    CasePeriod.objects.create(case=case, kind=PeriodKind.SUSPENSION, start_on=on, reason=ground, created_by=actor)
    log_event(case, K.SUSPENDED, actor=actor, on=on, from_state=before, to_state=case.state, reason=ground,
              basis="CPL 153; TL2000 Art. 9(9)")
    case_refresh_term(case)
    return case


@transaction.atomic
def case_resume(*, case: Case, actor: User | None, on: date | None = None, reason: str = "") -> Case:
    """JI 246: the suspension lapses when the court lets the parties continue; the clock runs again."""
    case = locked(case)
    require(actor, Action.DECIDE, case)
    on = day_or_today(on)
    check_date(case, on)
    period = case.periods.filter(kind=PeriodKind.SUSPENSION, end_on__isnull=True).order_by("-start_on").first()
    if period is not None and on < period.start_on:
        raise CaseRuleError(RESUME_BEFORE_SUSPENSION, code="resume_before")
    before = run_transition(case, "resume", _("resume"))
    case.save()
    if period is not None:
        period.end_on = on
        period.save(update_fields=["end_on"])
    log_event(case, K.RESUMED, actor=actor, on=on, from_state=before, to_state=case.state, reason=reason,
              basis="JI 246")
    case_refresh_term(case)
    return case


# --- excluded periods ------------------------------------------------------------------------------------

@transaction.atomic
def period_start(*, case: Case, actor: User | None, kind: str, start_on: date, end_on: date | None = None,
                 reason: str = "") -> CasePeriod:
    """Record a period not counted in the term (JI 243; TL2000 Art. 9): appraisal, settlement, …"""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    check_choice(_("period kind"), kind, PeriodKind.values)
    if kind == PeriodKind.EXTENSION:
        raise CaseRuleError(PERIOD_EXTENSION_KIND, code="extension_kind")
    if kind == PeriodKind.SUSPENSION:
        raise CaseRuleError(SUSPENSION_KIND, code="suspension_kind", article="CPL 153")
    require_pending(case, _("take a period"))
    check_date(case, start_on)
    if end_on is not None and end_on < start_on:
        raise CaseRuleError(PERIOD_END_BEFORE_START, code="end_before_start")
    if kind == PeriodKind.PUBLICATION and case.procedure != Procedure.ORDINARY:
        raise CaseRuleError(PUBLICATION_PERIOD_IN_SIMPLE, code="publication_simple", article="JI 140")
    if kind == PeriodKind.MEDIATION_EXTENSION:
        # OMR 24: only the agreed time beyond the 15 (ordinary) or 7 (simple) days is not counted.
        started = case.mediation_started_on()
        days = rule_periods.mediation_days(case.procedure)
        if case.state != CaseState.MEDIATION or started is None or start_on < started + timedelta(days=days):
            raise CaseRuleError(MEDIATION_EXTENSION_OUTSIDE, code="mediation_extension", article="OMR 24",
                                params={"days": days})
    if end_on is None and case.periods.filter(kind=kind, end_on__isnull=True).exists():
        raise CaseRuleError(PERIOD_ALREADY_RUNNING, code="running")
    period = CasePeriod.objects.create(case=case, kind=kind, start_on=start_on, end_on=end_on, reason=reason,
                                       created_by=actor)
    # CPL 166(3): an appraisal or valuation bars small claims; the event records the bars (JI 278).
    recheck = small_claims_recheck_payload(case) if kind in (PeriodKind.APPRAISAL, PeriodKind.AUDIT_VALUATION) else {}
    log_event(case, K.PERIOD_STARTED, actor=actor, on=start_on, from_state=case.state, to_state=case.state,
              reason=reason, basis=PERIOD_BASIS.get(kind, "JI 243; TL2000 Art. 9"),
              period=period.pk, kind=kind, end_on=end_on, **recheck)
    case_refresh_term(case)
    if kind in (PeriodKind.APPRAISAL, PeriodKind.AUDIT_VALUATION):
        after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.PERIOD_STARTED)
    return case.periods.get(pk=period.pk)


@transaction.atomic
def period_end(*, period: CasePeriod, actor: User | None, end_on: date) -> CasePeriod:
    """End a running excluded period; suspensions end by resuming the case, extensions do not end."""
    case = locked(period.case)
    require(actor, Action.DOCKET, case)
    period = CasePeriod.objects.select_for_update().get(pk=period.pk)
    if period.end_on is not None or period.kind in (PeriodKind.EXTENSION, PeriodKind.SUSPENSION):
        raise CaseRuleError(NO_RUNNING_PERIOD, code="not_running")
    if end_on < period.start_on:
        raise CaseRuleError(PERIOD_END_BEFORE_START, code="end_before_start")
    check_date(case, end_on)
    period.end_on = end_on
    period.save(update_fields=["end_on"])
    log_event(case, K.PERIOD_ENDED, actor=actor, on=end_on, from_state=case.state, to_state=case.state,
              basis=PERIOD_BASIS.get(period.kind, "JI 243; TL2000 Art. 9"), period=period.pk, kind=period.kind)
    case_refresh_term(case)
    return period


# --- extension and change of procedure -------------------------------------------------------------------

@transaction.atomic
def case_extend(*, case: Case, actor: User | None, months: int, reason: str, on: date | None = None,
                applied_on: date | None = None, higher_court: bool = False) -> CasePeriod:
    """Approve a term extension: CPL 152/164/168 and TL2000 Art. 2 limits; TL2019 Art. 1 timing (applied for
    15 days and decided 5 days before the term expires). Only the president records it (CPL 152, 164)."""
    case = locked(case)
    require(actor, Action.EXTEND, case, message=NOT_PRESIDENT)
    if case.state not in ACTIVE_STATES:
        raise refuse_transition(case, _("be extended"))
    if case.foreign_related:
        raise CaseRuleError(FOREIGN_NO_TERM, code="foreign", article="CPL 287")
    if not reason.strip():
        raise CaseRuleError(EXTENSION_NEEDS_REASON, code="no_reason", article="TL2019 Art. 1")
    on = day_or_today(on)
    applied_on = applied_on or on
    check_date(case, on)
    check_date(case, applied_on)
    if applied_on > on:
        raise CaseRuleError(EXTENSION_DECIDED_BEFORE_APPLICATION, code="approved_before_application")
    approver = ApproverLevel.HIGHER_COURT if higher_court else ApproverLevel.PRESIDENT
    extensions = case.periods.filter(kind=PeriodKind.EXTENSION)
    if case.converted_on is not None and case.procedure == Procedure.ORDINARY:
        # The CPL 152 ladder (president, then the higher court) starts with the ordinary procedure: a
        # simple-procedure extension lapsed with the conversion (JI 258(3)).
        extensions = extensions.filter(start_on__gte=case.converted_on)
    granted = [(p.months or 0, ApproverLevel(p.approver or ApproverLevel.PRESIDENT)) for p in extensions]
    # The deadline the application and the decision are measured against, as it stood when applied for:
    # after a conversion, 6 months from filing plus the ordinary extensions only (term_for, JI 258(3)).
    current = term_for(case, case.periods.all(), as_of=applied_on)
    expiry = current.extended_deadline if current else None
    try:
        check_extension(procedure=case.procedure, granted=granted, months=months, approver=approver,
                        case_type=case.case_type)
        if expiry is not None:
            check_extension_timing(applied_on=applied_on, normal_or_current_deadline=expiry)
    except RuleViolation as exc:
        raise from_rule(exc) from None
    if expiry is not None and on > expiry - timedelta(days=EXTENSION_DECISION_LEAD_DAYS):
        raise CaseRuleError(EXTENSION_DECIDED_LATE, code="decided_late", article="TL2019 Art. 1",
                            params={"deadline": expiry})
    period = CasePeriod.objects.create(case=case, kind=PeriodKind.EXTENSION, start_on=on, months=months,
                                       approver=approver, reason=reason, created_by=actor)
    result = case_refresh_term(case)
    log_event(case, K.EXTENDED, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=reason,
              basis=_extension_basis(case),
              months=months, approver=approver, applied_on=applied_on,
              extended_deadline=result.extended_deadline if result else None)
    return period


def _extension_basis(case: Case) -> str:
    """The articles an extension of `case` rests on: its type's (民特 CPL 187, 民终 CPL 183), else its procedure's."""
    if case.case_type in (CaseType.SPECIAL, CaseType.SECOND_INSTANCE):
        return term_spec(case.case_type, case.procedure).article
    if case.procedure == Procedure.ORDINARY:
        return "CPL 152; TL2000 Art. 2; TL2019 Art. 1"
    return "CPL 164; JI 258(1)" if case.procedure == Procedure.SIMPLE else "CPL 168"


def _top_up_payload(case: Case, on: date) -> dict[str, Any]:
    """After a conversion to ordinary procedure, what the plaintiff tops up and by when (JI 199 "原告自接到人民法院
    交纳诉讼费用通知之日起七日内补交案件受理费"): the fee notice goes out with the conversion ruling, so the 7 days
    are counted from the conversion day (the first day not counted, JI 125); empty when nothing is owed."""
    if case.procedure != Procedure.ORDINARY:
        return {}
    top_up = case_fees(case).top_up
    if not top_up:
        return {}
    return {"top_up": top_up, "top_up_due": rule_fees.top_up_due(on, calendar=court_calendar())}


@transaction.atomic
def case_convert_procedure(*, case: Case, actor: User | None, to: str, reason: str, on: date | None = None,
                           parties_agree: bool = False, panel: str = "") -> Case:
    """Change the procedure: simple/small claims → ordinary only before the term expires (JI 258(2), CPL 170);
    small claims → simple (CPL 169; JI 278), also only before the term expires (JI 281 with JI 258(2));
    ordinary → simple only by agreement before a hearing (CPL 160(2), JI 260). Simple procedure is heard by a
    sole judge (CPL 40(2)), so that move sets the bench to sole; a collegial bench is refused. The move settles
    the small-claims re-check (JI 278): the event names the bars it answered. The term still runs from the
    original filing date (JI 258(3))."""
    case = locked(case)
    require(actor, Action.DECIDE, case)
    check_choice(_("procedure"), to, Procedure.values)
    if panel:
        check_choice(_("bench"), panel, Panel.values)
    on = day_or_today(on)
    check_date(case, on)
    if not reason.strip():
        raise CaseRuleError(CONVERSION_NEEDS_REASON, code="no_reason", article="JI 258(2)")
    if case.state not in ACTIVE_STATES:
        raise refuse_transition(case, _("change procedure"))
    at_conversion = term_for(case, case.periods.all(), as_of=on)
    try:
        rule_procedure.check_conversion(from_procedure=case.procedure, to_procedure=to, on=on,
                                        filed_on=case.filed_on, heard=case.heard, parties_agree=parties_agree,
                                        excluded=at_conversion.excluded_days if at_conversion else 0,
                                        extension_months=at_conversion.extension_months if at_conversion else 0,
                                        calendar=court_calendar(), roll_over=case.court.deadline_roll_over)
    except RuleViolation as exc:
        raise from_rule(exc) from None
    if to == Procedure.SIMPLE:
        check_procedure_bars(case, to, on)
    # CPL 40(2): simple procedure is sole-judge; an ordinary bench may have to be collegial (CPL 41-42; JI 292).
    panel = bench_for(case, to, panel if panel or to != Procedure.SIMPLE else Panel.SOLE)
    before = case.procedure
    answered = small_claims_recheck_payload(case)
    method = {Procedure.ORDINARY: "convert_to_ordinary",
              Procedure.SIMPLE: "convert_to_simple" if before == Procedure.SMALL_CLAIMS else "agree_to_simple"}[to]
    if not can_proceed(getattr(case, method)):
        raise CaseRuleError(BACK_AFTER_HEARING, code="back_after_hearing", article="JI 260")
    getattr(case, method)()
    if to == Procedure.ORDINARY:
        case.converted_on = on
    case.panel = panel  # JI 258(2): the bench is notified to the parties in writing
    case.save()
    log_event(case, K.CONVERTED, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=reason,
              basis="JI 258; CPL 170" if to == Procedure.ORDINARY and before == Procedure.SIMPLE
              else "CPL 169; JI 278" if before == Procedure.SMALL_CLAIMS else "CPL 160(2); JI 260; JI 264",
              from_procedure=before, to_procedure=to, panel=case.panel, **answered, **_top_up_payload(case, on))
    case_refresh_term(case)
    if to == Procedure.ORDINARY:
        notice_for_top_up(case, actor=actor, on=on)  # JI 199: the top-up notice goes out with the ruling
    return case
