"""Writes to cases. Each service: checks the permission and the law, runs the transition, saves,
logs one `CaseEvent`, refreshes the term ledger and schedules side effects after commit.

Services are keyword-only and raise `CaseRuleError` (a ValidationError naming the rule) when the law
forbids the step, and PermissionDenied when the role may not take it. `actor=None` is the system.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_fsm import can_proceed

from court.org.models import Role, Team, User
from court.rules import periods as rule_periods
from court.rules import procedure as rule_procedure
from court.rules.case_numbers import CaseNumber
from court.rules.enums import ApproverLevel
from court.rules.errors import RuleViolation
from court.rules.terms import check_extension, check_extension_timing

from . import signals
from .access import Action, can, require
from .models import (
    ACTIVE_STATES,
    DONE_STATES,
    Case,
    CaseEvent,
    CaseNumberSequence,
    CasePeriod,
    CaseState,
    CaseType,
    Cause,
    ClosingMode,
    Hearing,
    Panel,
    Party,
    PartyKind,
    PeriodKind,
    Procedure,
    Representative,
    ServiceAttempt,
)
from .term import case_refresh_term, court_calendar, term_for, today

K = CaseEvent.Kind

# Error messages (module constants, so tests assert on them; marked for extraction, translated at raise time).
TRANSITION_NOT_ALLOWED = gettext_noop("A case in state “%(state)s” cannot %(action)s.")
NEEDS_DEFENDANT = gettext_noop("CPL 122(2): a complaint needs a clear defendant before it can be accepted.")
DATE_BEFORE_FILING = gettext_noop("The date %(date)s is before the case was filed (%(filed)s).")
DATE_IN_FUTURE = gettext_noop("The date %(date)s is in the future.")
JUDGMENT_NEEDS_HEARING = gettext_noop("CPL 145: a judgment is given after a hearing; record the hearing first.")
SUSPENDED_CLOSING = gettext_noop(
    "A suspended case can only be closed by termination (CPL 154), withdrawal or other; resume it first."
)
PUBLICATION_IN_SIMPLE = gettext_noop(
    "JI 140: publication service is barred under simple procedure and small claims; convert the case to "
    "ordinary procedure first."
)
ASYNC_ONLY_SIMPLE = gettext_noop(
    "OLR 20(2): an asynchronous trial is allowed only in small-claims or simple-procedure cases."
)
ASYNC_NEEDS_CONSENT = gettext_noop(
    "OLR 20(2): an asynchronous trial needs one party's written application and every party's consent."
)
NOT_PRESIDENT = gettext_noop(
    "CPL 152, 164: only the court president may approve an extension; a further one needs the higher "
    "court."
)
NO_RUNNING_PERIOD = gettext_noop("There is no running period of this kind to end.")
PERIOD_EXTENSION_KIND = gettext_noop("Record an extension with the extension service, not as an excluded period.")
OVERRIDE_NEEDS_REASON = gettext_noop("An override needs a reason.")
MEDIATION_NEEDS_SERVICE_DATES = gettext_noop(
    "TL2000 Art. 10: a mediated case closes when the mediation document is served on the last party; give "
    "each party's service date."
)
NOT_ON_TEAM = gettext_noop("The judge must belong to the team the case is assigned to.")
CORRECTION_NEEDS_ITEMS = gettext_noop("REG2015 Art. 7: list everything to correct, once and in writing.")
NO_PLAINTIFF = gettext_noop("CPL 122(1): a complaint needs at least one plaintiff.")
NEGATIVE_AMOUNT = gettext_noop("The claim amount cannot be negative.")
UNKNOWN_CHOICE = gettext_noop("Unknown %(what)s “%(value)s”.")
REJECT_NEEDS_REASON = gettext_noop("REG2015 Art. 9: a ruling not to accept must give its reasons.")
ACCEPT_BEFORE_RECEIPT = gettext_noop(
    "CPL 126: a complaint cannot be accepted (%(date)s) before it was received (%(received)s)."
)
TEAM_OF_OTHER_COURT = gettext_noop("The trial team belongs to another court.")
CASE_NOT_PENDING = gettext_noop("The case is not pending (state “%(state)s”); it cannot %(action)s.")
PARTY_OF_OTHER_CASE = gettext_noop("The party does not belong to this case.")
E_SERVICE_NEEDS_CONSENT = gettext_noop("CPL 90: electronic service needs the addressee's consent (OLR 29).")
MEDIATION_DOCUMENT_IN_PERSON = gettext_noop(
    "JI 133: a mediation document is served on the party in person; it cannot be left at the residence or "
    "published."
)
PUBLICATION_NEEDS_GROUND = gettext_noop(
    "CPL 95: publication service only when the addressee's whereabouts are unknown or other methods have "
    "failed."
)
ALREADY_RECORDED = gettext_noop("The result of this service attempt is already recorded.")
SERVED_BEFORE_SENT = gettext_noop("A document cannot be served before it was sent.")
PUBLICATION_NOT_YET_EFFECTIVE = gettext_noop(
    "CPL 95: service by publication takes effect only on %(date)s, thirty days after publication."
)
SERVICE_FAILURE_NEEDS_REASON = gettext_noop("Say why service failed.")
HEARING_ALREADY_SCHEDULED = gettext_noop("A hearing is already scheduled; hold or adjourn it first.")
HEARING_BEFORE_NOTICE = gettext_noop(
    "A hearing cannot start (%(start)s) before the parties are notified (%(notified)s)."
)
HEARING_NOT_SCHEDULED = gettext_noop("This hearing is not scheduled any more (it is “%(status)s”).")
ADJOURN_NEEDS_REASON = gettext_noop("Say why the hearing is adjourned.")
FORCE_MAJEURE_NEEDS_PRESIDENT = gettext_noop(
    "TL2019 Art. 6: an adjournment for force majeure or an accident (CPL 149(4)) needs the president's "
    "approval."
)
ALREADY_IN_MEDIATION = gettext_noop("The case is already in mediation.")
MEDIATOR_NOT_ELIGIBLE = gettext_noop("The mediator must be a mediator of this court or a member of the case's team.")
SUSPENSION_NEEDS_GROUND = gettext_noop("CPL 153: name the ground for the suspension.")
RESUME_BEFORE_SUSPENSION = gettext_noop("A case cannot resume before its suspension began.")
SUSPENSION_KIND = gettext_noop("Suspend the case instead (CPL 153); the suspension period follows from it.")
PERIOD_END_BEFORE_START = gettext_noop("A period cannot end before it starts.")
PERIOD_ALREADY_RUNNING = gettext_noop("A period of this kind is already running; end it first.")
PUBLICATION_PERIOD_IN_SIMPLE = gettext_noop(
    "JI 140, TL2019 Art. 4: there is no publication period under simple procedure or small claims."
)
MEDIATION_EXTENSION_OUTSIDE = gettext_noop(
    "OMR 24: only an agreed extension of a running mediation beyond its %(days)s days is not counted in "
    "the term."
)
EXTENSION_NEEDS_REASON = gettext_noop("TL2019 Art. 1: an extension application must state its reasons.")
FOREIGN_NO_TERM = gettext_noop("CPL 287: a foreign-related case has no statutory term to extend.")
EXTENSION_DECIDED_LATE = gettext_noop(
    "TL2019 Art. 1: the extension must be decided at least 5 days before the term expires (%(deadline)s)."
)
EXTENSION_DECIDED_BEFORE_APPLICATION = gettext_noop("An extension cannot be approved before it is applied for.")
CONVERSION_NEEDS_REASON = gettext_noop("JI 258(2): the conversion ruling must give its reasons.")
BACK_AFTER_HEARING = gettext_noop("JI 260: a case heard under ordinary procedure cannot go back to simple procedure.")
JUDGMENT_BEFORE_HEARING = gettext_noop(
    "CPL 145: a judgment cannot be pronounced (%(date)s) before the last hearing (%(heard)s)."
)
ASYNC_NEEDS_DEADLINE = gettext_noop("OLR 20: an asynchronous trial needs a date by which the parties respond.")
ONLINE_NEEDS_CONSENT = gettext_noop("OLR 4, 21: an online hearing needs the parties' consent to online litigation.")
HEARING_BEFORE_PREVIOUS = gettext_noop("A hearing cannot be scheduled before the previous one.")
HEARING_NEEDS_TIME = gettext_noop("A hearing needs a start date and time.")
DATE_BEFORE_CLOSING = gettext_noop("The date %(date)s is before the case was closed (%(closed)s).")
EXTENSION_DECISION_LEAD_DAYS = 5  # TL2019 Art. 1: the president decides at least 5 days before expiry.
NOTE_EMPTY = gettext_noop("A docket note cannot be empty.")


class CaseRuleError(ValidationError):
    """The law or the workflow forbids this step; `code` and `article` say which rule."""

    def __init__(self, message: str, *, code: str = "rule", article: str = "", params: dict[str, Any] | None = None):
        text = _(message) % params if params else _(message)
        super().__init__(text, code=code)
        self.article = article
        self.text = text


def _from_rule(exc: RuleViolation) -> CaseRuleError:
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


def _transition(case: Case, method_name: str, label: str) -> str:
    """Run a django-fsm transition on the case; returns the state before. Refuses with a clear message."""
    method = getattr(case, method_name)
    before = case.state
    if not can_proceed(method):
        raise CaseRuleError(TRANSITION_NOT_ALLOWED, code="transition",
                            params={"state": case.get_state_display(), "action": label})
    method()
    return before


def _check_date(case: Case, on: date) -> None:
    if on > today():
        raise CaseRuleError(DATE_IN_FUTURE, code="future", params={"date": on})
    if case.filed_on and on < case.filed_on:
        raise CaseRuleError(DATE_BEFORE_FILING, code="before_filing", params={"date": on, "filed": case.filed_on})


def _check_choice(what: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise CaseRuleError(UNKNOWN_CHOICE, code="choice", params={"what": what, "value": value})


def _require_pending(case: Case, action: str) -> None:
    if case.state not in ACTIVE_STATES:
        raise CaseRuleError(CASE_NOT_PENDING, code="not_pending",
                            params={"state": case.get_state_display(), "action": action})


def _locked(case: Case) -> Case:
    # Lock the row so that two clerks acting on one case serialise; the FSM's concurrency check backs it up.
    return Case.objects.select_for_update().select_related("court", "cause").get(pk=case.pk)


def _after_commit(signal: Any, **kwargs: Any) -> None:
    transaction.on_commit(lambda: signal.send(sender=Case, **kwargs))


# --- filing -----------------------------------------------------------------------------------------------

@dataclass
class PartyInput:
    side: str
    name: str
    kind: str = Party.Kind.PERSON
    id_number: str = ""
    address: str = ""
    address_known: bool = True
    phone: str = ""
    e_service_consent: bool = False
    e_address: str = ""
    user: User | None = None
    lawyer: User | None = None
    lawyer_name: str = ""
    law_firm: str = ""


@dataclass
class FilingInput:
    cause: Cause
    claim_amount: Decimal
    parties: Sequence[PartyInput]
    claims: str = ""
    facts: str = ""
    evidence_items: int = 0
    appraisal_requested: bool = False
    foreign_related: bool = False
    case_type: str = "民初"
    requested_procedure: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _side_kind(kinds: set[str]) -> str:
    if len(kinds) > 1:
        return PartyKind.MIXED
    return kinds.pop() if kinds else PartyKind.PERSON


def _refresh_party_facts(case: Case) -> None:
    """Keep the filing-time facts on the case in step with its parties (the triage features)."""
    parties = list(case.parties.prefetch_related("representatives"))
    by_side: dict[str, list[Party]] = {s: [] for s in Party.Side.values}
    for p in parties:
        by_side[p.side].append(p)
    case.plaintiff_count = len(by_side[Party.Side.PLAINTIFF])
    case.defendant_count = len(by_side[Party.Side.DEFENDANT])
    case.third_party_count = len(by_side[Party.Side.THIRD_PARTY])
    case.plaintiff_kind = _side_kind({p.kind for p in by_side[Party.Side.PLAINTIFF]})
    case.defendant_kind = _side_kind({p.kind for p in by_side[Party.Side.DEFENDANT]})
    case.defendant_address_known = all(p.address_known for p in by_side[Party.Side.DEFENDANT])
    case.e_service_consent = bool(parties) and all(p.e_service_consent for p in parties)
    case.lawyer_represented = any(
        r.kind == Representative.Kind.LAWYER for p in by_side[Party.Side.PLAINTIFF] for r in p.representatives.all()
    )


def _create_party(case: Case, data: PartyInput) -> Party:
    party = Party.objects.create(
        case=case, side=data.side, kind=data.kind, name=data.name, id_number=data.id_number, address=data.address,
        address_known=data.address_known, phone=data.phone, e_service_consent=data.e_service_consent,
        e_address=data.e_address, user=data.user,
    )
    if data.lawyer is not None or data.lawyer_name:
        lawyer = data.lawyer
        Representative.objects.create(
            party=party, kind=Representative.Kind.LAWYER, user=lawyer,
            name=data.lawyer_name or (str(lawyer) if lawyer else ""),
            law_firm=data.law_firm or (lawyer.law_firm if lawyer else ""),
        )
    return party


@transaction.atomic
def case_submit(*, court: Any, filing: FilingInput, actor: User | None, on: date | None = None) -> Case:
    """A complaint arrives (online, at the counter or by post): REG2015 Art. 2 — every complaint is received."""
    on = on or today()
    if on > today():
        raise CaseRuleError(DATE_IN_FUTURE, code="future", params={"date": on})
    if not any(p.side == Party.Side.PLAINTIFF for p in filing.parties):
        raise CaseRuleError(NO_PLAINTIFF, code="no_plaintiff", article="CPL 122")
    if filing.claim_amount < 0:
        raise CaseRuleError(NEGATIVE_AMOUNT, code="negative")
    _check_choice(_("case type"), filing.case_type, CaseType.values)
    if filing.requested_procedure:
        _check_choice(_("procedure"), filing.requested_procedure, Procedure.values)
    for data in filing.parties:
        _check_choice(_("side"), data.side, Party.Side.values)
    case = Case(
        court=court, case_type=filing.case_type, cause=filing.cause, claim_amount=filing.claim_amount,
        claims=filing.claims, facts=filing.facts, evidence_items=filing.evidence_items,
        appraisal_requested=filing.appraisal_requested, foreign_related=filing.foreign_related,
        submitted_on=on, filed_by=actor,
    )
    if filing.requested_procedure:
        case.initial_procedure = filing.requested_procedure
    case.save()
    for data in filing.parties:
        _create_party(case, data)
    _refresh_party_facts(case)
    case.save()
    due = rule_periods.filing_decision_due(on, calendar=court_calendar())
    log_event(case, K.SUBMITTED, actor=actor, on=on, to_state=case.state, basis="CPL 126; REG2015 Art. 8",
         decision_due=due)
    _after_commit(signals.case_submitted, case=case, actor=actor)
    return case


@transaction.atomic
def case_request_correction(*, case: Case, actor: User | None, items: str, on: date | None = None) -> Case:
    """REG2015 Art. 7: list everything to correct, once, in writing, with a deadline."""
    case = _locked(case)
    require(actor, Action.DECIDE_FILING, case)
    on = on or today()
    if on > today():
        raise CaseRuleError(DATE_IN_FUTURE, code="future", params={"date": on})
    if not items.strip():
        raise CaseRuleError(CORRECTION_NEEDS_ITEMS, code="no_items", article="REG2015 Art. 7")
    before = _transition(case, "request_correction", _("ask for correction"))
    case.save()
    log_event(case, K.CORRECTION_REQUESTED, actor=actor, on=on, from_state=before, to_state=case.state,
         reason=items, basis="REG2015 Art. 7")
    return case


@transaction.atomic
def case_resubmit(*, case: Case, actor: User | None, on: date | None = None) -> Case:
    """OLR 9(2), JI 126: the decision period restarts the day after the corrected complaint arrives."""
    case = _locked(case)
    if actor is not None and actor.role in (Role.PARTY, Role.LAWYER):
        require(actor, Action.AMEND, case)
    else:
        require(actor, Action.DECIDE_FILING, case)
    on = on or today()
    if on > today():
        raise CaseRuleError(DATE_IN_FUTURE, code="future", params={"date": on})
    before = _transition(case, "resubmit", _("be resubmitted"))
    case.corrected_on = on
    case.save()
    due = rule_periods.filing_decision_due(case.submitted_on or on, corrected_on=on, calendar=court_calendar())
    log_event(case, K.RESUBMITTED, actor=actor, on=on, from_state=before, to_state=case.state,
         basis="OLR 9(2); JI 126", decision_due=due)
    _after_commit(signals.case_submitted, case=case, actor=actor)
    return case


@transaction.atomic
def case_reject(*, case: Case, actor: User | None, reason: str, on: date | None = None) -> Case:
    """CPL 126, REG2015 Art. 9: a written ruling not to accept, with reasons (appealable, CPL 157)."""
    case = _locked(case)
    require(actor, Action.DECIDE_FILING, case)
    if not reason.strip():
        raise CaseRuleError(REJECT_NEEDS_REASON, code="no_reason", article="REG2015 Art. 9")
    on = on or today()
    if on > today():
        raise CaseRuleError(DATE_IN_FUTURE, code="future", params={"date": on})
    before = _transition(case, "reject", _("be refused"))
    case.save()
    log_event(case, K.REJECTED, actor=actor, on=on, from_state=before, to_state=case.state, reason=reason,
         basis="CPL 126; REG2015 Art. 9")
    return case


def allocate_case_number(*, court: Any, type_code: str, year: int) -> CaseNumber:
    """The next 案号 in the court × type × year sequence (案号规定 Arts 9-10); safe under concurrency."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                CaseNumberSequence.objects.get_or_create(court=court, type_code=type_code, year=year)
        except IntegrityError:
            pass  # another transaction created the row first; the locked update below serialises us
        # The row lock makes parallel allocations wait for each other, so no two cases share a number.
        seq = CaseNumberSequence.objects.select_for_update().get(court=court, type_code=type_code, year=year)
        seq.last = F("last") + 1
        seq.save(update_fields=["last"])
        seq.refresh_from_db(fields=["last"])
        return CaseNumber(year=year, court_code=court.code, type_code=type_code, serial=seq.last)


def procedure_bars(case: Case, procedure: str, on: date, *, parties_agree: bool = False) -> list[rule_procedure.Bar]:
    """The legal bars (JI 257, CPL 165-166) against running `case` under `procedure`; with `parties_agree`
    small claims reach up to twice the average wage (CPL 165 para 2)."""
    from .selectors import wage_threshold_for

    facts = filing_facts(case)
    if procedure == Procedure.SIMPLE:
        return rule_procedure.simple_procedure_bars(facts)
    if procedure == Procedure.SMALL_CLAIMS:
        found = wage_threshold_for(case.court.province, on)
        threshold = (rule_procedure.WageThreshold(found.province, found.effective_from, found.average_wage)
                     if found else None)
        return rule_procedure.small_claims_bars(facts, threshold=threshold, parties_agree=parties_agree)
    return []


def filing_facts(case: Case) -> rule_procedure.FilingFacts:
    return rule_procedure.FilingFacts(
        cause_code=case.cause.code if case.cause_id else None,
        claim_amount=case.claim_amount,
        plaintiffs=case.plaintiff_count,
        defendants=case.defendant_count,
        third_parties=case.third_party_count,
        defendant_address_known=case.defendant_address_known,
        foreign_related=case.foreign_related,
        appraisal_requested=case.appraisal_requested,
        counterclaim=case.counterclaim,
        remanded=case.remanded,
        public_interest=case.public_interest,
        personal_status_or_ownership=bool(case.cause_id and case.cause.personal_status),
        money_payment=case.claim_amount > 0,
    )


@transaction.atomic
def case_accept(*, case: Case, actor: User | None, procedure: str, team: Team | None = None,
                judge: User | None = None, on: date | None = None, panel: str = "",
                parties_agree: bool = False) -> Case:
    """立案 (CPL 126): allocate the case number, fix the procedure the law allows, assign the team.
    `parties_agree`: both sides agreed to small claims above 50% of the average wage (CPL 165 para 2)."""
    case = _locked(case)
    require(actor, Action.DECIDE_FILING, case)
    on = on or today()
    _check_choice(_("procedure"), procedure, Procedure.values)
    if panel:
        _check_choice(_("bench"), panel, Panel.values)
    if on > today():
        raise CaseRuleError(DATE_IN_FUTURE, code="future", params={"date": on})
    received = case.corrected_on or case.submitted_on
    if received and on < received:
        raise CaseRuleError(ACCEPT_BEFORE_RECEIPT, code="before_receipt", article="CPL 126",
                            params={"date": on, "received": received})
    if case.state != CaseState.FILED:
        raise CaseRuleError(TRANSITION_NOT_ALLOWED, code="transition",
                            params={"state": case.get_state_display(), "action": _("be accepted")})
    if case.defendant_count < 1:
        raise CaseRuleError(NEEDS_DEFENDANT, code="no_defendant", article="CPL 122")
    bars = procedure_bars(case, procedure, on, parties_agree=parties_agree)
    if bars:
        raise CaseRuleError(bars[0].message, code=bars[0].code, article=bars[0].article)
    if team is None and judge is not None:
        team = judge.team
    if team is not None and team.court_id != case.court_id:
        raise CaseRuleError(TEAM_OF_OTHER_COURT, code="team_court")
    if team is not None and judge is not None and judge.team_id != team.pk:
        raise CaseRuleError(NOT_ON_TEAM, code="judge_team")
    before = _transition(case, "accept", _("be accepted"))
    number = allocate_case_number(court=case.court, type_code=case.case_type, year=on.year)
    case.case_number, case.year, case.serial = number.format(), number.year, number.serial
    case.filed_on = on
    case.initial_procedure = procedure
    Case.procedure.field.set_state(case, procedure)  # the starting procedure is chosen, not converted
    case.panel = panel or ("sole" if procedure != Procedure.ORDINARY else case.panel)
    if team is not None:
        case.team = team
        case.judge = judge or team.members.filter(role=Role.JUDGE).first()
    case.save()
    log_event(case, K.ACCEPTED, actor=actor, on=on, from_state=before, to_state=case.state, basis="CPL 126",
         case_number=case.case_number, procedure=procedure, team=team.code if team else "",
         service_due=rule_periods.complaint_service_due(on))
    case_refresh_term(case, as_of=on)
    return case


@transaction.atomic
def case_assign(*, case: Case, actor: User | None, team: Team, judge: User | None = None,
                on: date | None = None, reason: str = "") -> Case:
    """Assign the case to a trial team and its judge (TL2000 Art. 7): the filing officer or the administrator."""
    case = _locked(case)
    if not (actor is None or actor.is_superuser
            or (actor.role == Role.ADMINISTRATOR and actor.court_id == case.court_id)):
        require(actor, Action.DECIDE_FILING, case)
    if case.state in (CaseState.REJECTED, *DONE_STATES):
        raise CaseRuleError(TRANSITION_NOT_ALLOWED, code="transition",
                            params={"state": case.get_state_display(), "action": _("be assigned")})
    if team.court_id != case.court_id:
        raise CaseRuleError(TEAM_OF_OTHER_COURT, code="team_court")
    judge = judge or team.members.filter(role=Role.JUDGE).first()
    if judge is not None and judge.team_id != team.pk:
        raise CaseRuleError(NOT_ON_TEAM, code="judge_team")
    old = case.team.code if case.team_id else ""
    case.team, case.judge = team, judge
    case.save()
    log_event(case, K.ASSIGNED, actor=actor, on=on or today(), from_state=case.state, to_state=case.state,
              reason=reason, basis="TL2000 Art. 7", from_team=old, team=team.code,
              judge=judge.username if judge else "")
    return case


# --- changes that can move the triage picture ------------------------------------------------------------

@transaction.atomic
def party_add(*, case: Case, actor: User | None, data: PartyInput, on: date | None = None) -> Party:
    """Add a party (e.g. a joined defendant or a third party, CPL 59); triage looks again."""
    case = _locked(case)
    if case.state in (CaseState.FILED, CaseState.CORRECTION):
        if actor is not None and actor.role in (Role.PARTY, Role.LAWYER):
            require(actor, Action.AMEND, case)
        else:
            require(actor, Action.DECIDE_FILING, case)
    else:
        require(actor, Action.DOCKET, case)
        _require_pending(case, _("take a new party"))
    _check_choice(_("side"), data.side, Party.Side.values)
    party = _create_party(case, data)
    _refresh_party_facts(case)
    case.save()
    log_event(case, K.PARTY_ADDED, actor=actor, on=on or today(), from_state=case.state, to_state=case.state,
              basis="CPL 59, 135", side=data.side, name=data.name)
    _after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.PARTY_ADDED)
    return party


@transaction.atomic
def case_amend_amount(*, case: Case, actor: User | None, amount: Decimal, reason: str = "",
                      on: date | None = None) -> Case:
    """A claim increased or reduced (CPL 54; FEE 21, 35); triage looks again."""
    case = _locked(case)
    require(actor, Action.DOCKET, case)
    _require_pending(case, _("have its claim amended"))
    if amount < 0:
        raise CaseRuleError(NEGATIVE_AMOUNT, code="negative")
    old = case.claim_amount
    case.claim_amount = amount
    case.save()
    log_event(case, K.AMOUNT_AMENDED, actor=actor, on=on or today(), from_state=case.state, to_state=case.state,
              reason=reason, basis="CPL 54; FEE 21, 35", old=old, new=amount)
    _after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.AMOUNT_AMENDED)
    return case


@transaction.atomic
def case_record_counterclaim(*, case: Case, actor: User | None, on: date | None = None, reason: str = "") -> Case:
    """A counterclaim (CPL 143): it bars small claims (CPL 166(5)); triage looks again."""
    case = _locked(case)
    require(actor, Action.DOCKET, case)
    _require_pending(case, _("take a counterclaim"))
    case.counterclaim = True
    case.save()
    log_event(case, K.COUNTERCLAIM, actor=actor, on=on or today(), from_state=case.state, to_state=case.state,
              reason=reason, basis="CPL 143; CPL 166(5)")
    _after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.COUNTERCLAIM)
    return case


# --- service of process ----------------------------------------------------------------------------------

SERVICE_BASIS = {
    ServiceAttempt.Channel.ELECTRONIC: "CPL 90; JI 135",
    ServiceAttempt.Channel.POST: "CPL 91",
    ServiceAttempt.Channel.DIRECT: "CPL 87-88",
    ServiceAttempt.Channel.LEFT: "CPL 89",
    ServiceAttempt.Channel.ENTRUSTED: "CPL 91; JI 134",
    ServiceAttempt.Channel.PUBLICATION: "CPL 95; JI 138",
}
#: States in which documents are served: a judgment or ruling is usually served after the case closed.
SERVICE_STATES = (*ACTIVE_STATES, CaseState.CLOSED)


@transaction.atomic
def service_send(*, case: Case, actor: User | None, document: str, channel: str, party: Party | None = None,
                 on: date | None = None) -> ServiceAttempt:
    """Send one document to one party (CPL 87-95). The first service moves an accepted case into service."""
    case = _locked(case)
    require(actor, Action.DOCKET, case)
    on = on or today()
    _check_date(case, on)
    _check_choice(_("document"), document, ServiceAttempt.Document.values)
    _check_choice(_("service channel"), channel, ServiceAttempt.Channel.values)
    if case.state not in SERVICE_STATES:
        raise CaseRuleError(TRANSITION_NOT_ALLOWED, code="transition",
                            params={"state": case.get_state_display(), "action": _("serve documents")})
    if party is not None and party.case_id != case.pk:
        raise CaseRuleError(PARTY_OF_OTHER_CASE, code="party_case")
    Channel = ServiceAttempt.Channel
    if document == ServiceAttempt.Document.MEDIATION and channel in (Channel.LEFT, Channel.PUBLICATION):
        raise CaseRuleError(MEDIATION_DOCUMENT_IN_PERSON, code="mediation_in_person", article="JI 133")
    if channel == Channel.PUBLICATION:
        if case.procedure != Procedure.ORDINARY:
            raise CaseRuleError(PUBLICATION_IN_SIMPLE, code="publication_simple", article="JI 140")
        attempts = case.service_attempts.filter(status=ServiceAttempt.Status.FAILED)
        missing = not party.address_known if party is not None else not case.defendant_address_known
        if not missing and not (attempts.filter(party=party) if party is not None else attempts).exists():
            raise CaseRuleError(PUBLICATION_NEEDS_GROUND, code="publication_ground", article="CPL 95")
    if channel == Channel.ELECTRONIC and not (party.e_service_consent if party is not None else case.e_service_consent):
        raise CaseRuleError(E_SERVICE_NEEDS_CONSENT, code="no_consent", article="CPL 90")
    attempt = ServiceAttempt.objects.create(case=case, party=party, document=document, channel=channel, sent_on=on)
    attempt.send()
    attempt.save()
    before = case.state
    if case.state == CaseState.ACCEPTED:
        case.start_service()
        case.save()
    effective = None
    if channel == Channel.PUBLICATION:
        effective = rule_periods.publication_effective(on, foreign=case.foreign_related, calendar=court_calendar())
        # JI 243(1): the publication period is not counted in the term.
        CasePeriod.objects.create(case=case, kind=PeriodKind.PUBLICATION, start_on=on, end_on=effective,
                                  reason=_("Publication service"), created_by=actor)
    log_event(case, K.SERVICE_SENT, actor=actor, on=on, from_state=before, to_state=case.state,
              basis=SERVICE_BASIS[channel], attempt=attempt.pk, document=document, channel=channel,
              party=party.name if party else "", deemed_served_on=effective)
    if channel == Channel.PUBLICATION:
        case_refresh_term(case)
        _after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.SERVICE_FAILED)
    return attempt


@transaction.atomic
def service_record(*, attempt: ServiceAttempt, actor: User | None, served: bool, on: date | None = None,
                   evidence: str = "", failure_reason: str = "") -> ServiceAttempt:
    """Record the result of a service attempt; the date is the one the law deems (law-digest §4.1):
    publication is served thirty days after it (CPL 95), whatever date is given."""
    case = _locked(attempt.case)
    require(actor, Action.DOCKET, case)
    attempt = ServiceAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.status not in (ServiceAttempt.Status.PENDING, ServiceAttempt.Status.SENT):
        raise CaseRuleError(ALREADY_RECORDED, code="recorded")
    on = on or today()
    if attempt.channel == ServiceAttempt.Channel.PUBLICATION and served:
        on = rule_periods.publication_effective(attempt.sent_on or on, foreign=case.foreign_related,
                                                calendar=court_calendar())
        if on > today():
            raise CaseRuleError(PUBLICATION_NOT_YET_EFFECTIVE, code="publication_pending", article="CPL 95",
                                params={"date": on})
    if attempt.sent_on and on < attempt.sent_on:
        raise CaseRuleError(SERVED_BEFORE_SENT, code="served_before_sent")
    _check_date(case, on)
    if served:
        attempt.mark_served()
        attempt.served_on, attempt.evidence = on, evidence
    else:
        if not failure_reason.strip():
            raise CaseRuleError(SERVICE_FAILURE_NEEDS_REASON, code="no_reason")
        attempt.mark_failed()
        attempt.failure_reason = failure_reason
    attempt.save()
    kind = K.SERVICE_SERVED if served else K.SERVICE_FAILED
    answer = served and attempt.document == ServiceAttempt.Document.COMPLAINT
    log_event(case, kind, actor=actor, on=on, from_state=case.state, to_state=case.state,
              basis=SERVICE_BASIS[attempt.channel], attempt=attempt.pk, channel=attempt.channel,
              document=attempt.document, reason=failure_reason, evidence=evidence,
              answer_due=rule_periods.answer_due(on, calendar=court_calendar()) if answer else None)
    if not served:
        _after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.SERVICE_FAILED)
    return attempt


# --- hearings --------------------------------------------------------------------------------------------

def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _end_evidence_adjournment(case: Case, on: date) -> None:
    """TL2000 Art. 9(5): the adjournment for new evidence is excluded until the next hearing (30 days at most)."""
    for period in case.periods.filter(kind=PeriodKind.EVIDENCE_ADJOURNMENT, end_on__isnull=True):
        period.end_on = max(on, period.start_on)
        period.save(update_fields=["end_on"])


@transaction.atomic
def hearing_schedule(*, case: Case, actor: User | None, starts_at: datetime, mode: str = Hearing.Mode.IN_PERSON,
                     notified_on: date | None = None, room: str = "", respond_by: date | None = None,
                     all_parties_consent: bool = False, parties_agree_to_gap: bool = False,
                     force_majeure: bool = False) -> Hearing:
    """Schedule a hearing in person, online (OLR 21) or asynchronous (OLR 20(2)); CPL 139 notice for ordinary;
    at most one month after the previous hearing unless force majeure or the parties agree (TL2019 Art. 5)."""
    case = _locked(case)
    require(actor, Action.DOCKET, case)
    _check_choice(_("hearing mode"), mode, Hearing.Mode.values)
    notified_on = notified_on or today()
    _check_date(case, notified_on)
    if not isinstance(starts_at, datetime):
        raise CaseRuleError(HEARING_NEEDS_TIME, code="starts_at")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    hearing_day = _local_day(starts_at)
    if hearing_day < notified_on:
        raise CaseRuleError(HEARING_BEFORE_NOTICE, code="before_notice",
                            params={"start": hearing_day, "notified": notified_on})
    if case.hearings.filter(status=Hearing.Status.SCHEDULED).exists():
        raise CaseRuleError(HEARING_ALREADY_SCHEDULED, code="already_scheduled")
    if mode == Hearing.Mode.ASYNC:
        if case.procedure == Procedure.ORDINARY:
            raise CaseRuleError(ASYNC_ONLY_SIMPLE, code="async_ordinary", article="OLR 20(2)")
        if not all_parties_consent:
            raise CaseRuleError(ASYNC_NEEDS_CONSENT, code="async_consent", article="OLR 20(2)")
        if respond_by is None:
            raise CaseRuleError(ASYNC_NEEDS_DEADLINE, code="async_deadline", article="OLR 20")
    if mode == Hearing.Mode.ONLINE and not all_parties_consent and not case.e_service_consent:
        raise CaseRuleError(ONLINE_NEEDS_CONSENT, code="online_consent", article="OLR 4")
    try:
        rule_periods.check_hearing_notice(notified_on, hearing_day, case.procedure)
    except RuleViolation as exc:
        raise _from_rule(exc) from None
    previous = case.hearings.filter(status__in=[Hearing.Status.HELD, Hearing.Status.ADJOURNED]).order_by(
        "-starts_at").first()
    # TL2019 Art. 5 governs the hearing after an adjournment; a suspension or an appraisal since then
    # is not an adjournment and legitimately stops the hearings.
    if previous is not None and previous.status == Hearing.Status.ADJOURNED and not case.periods.filter(
        kind__in=[PeriodKind.SUSPENSION, PeriodKind.APPRAISAL, PeriodKind.AUDIT_VALUATION],
        start_on__lte=hearing_day,
    ).filter(Q(end_on__isnull=True) | Q(end_on__gt=_local_day(previous.starts_at))).exists():
        try:
            rule_periods.check_hearing_gap(_local_day(previous.starts_at), hearing_day,
                                           force_majeure=force_majeure, parties_agree=parties_agree_to_gap)
        except RuleViolation as exc:
            raise _from_rule(exc) from None
        except ValueError:
            raise CaseRuleError(HEARING_BEFORE_PREVIOUS, code="before_previous") from None
    before = _transition(case, "schedule_hearing", _("have a hearing scheduled"))
    team = case.team
    members = list(team.members.all()) if team else []
    hearing = Hearing.objects.create(
        case=case, mode=mode, starts_at=starts_at, notified_on=notified_on, room=room, respond_by=respond_by,
        judge=case.judge, assistant=next((m for m in members if m.role == Role.ASSISTANT), None),
        clerk=next((m for m in members if m.role == Role.CLERK), None),
    )
    case.save()
    log_event(case, K.HEARING_SCHEDULED, actor=actor, on=notified_on, from_state=before, to_state=case.state,
              basis="CPL 139; TL2019 Art. 5", hearing=hearing.pk, mode=mode, starts_at=starts_at, room=room,
              previous_hearing=_local_day(previous.starts_at) if previous else None)
    return hearing


@transaction.atomic
def hearing_hold(*, hearing: Hearing, actor: User | None, on: date | None = None, note: str = "") -> Hearing:
    """The hearing took place; CPL 140: the judge, assistant and clerk are on the record."""
    case = _locked(hearing.case)
    require(actor, Action.DOCKET, case)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if not can_proceed(hearing.hold):
        raise CaseRuleError(HEARING_NOT_SCHEDULED, code="hearing_status",
                            params={"status": hearing.get_status_display()})
    on = on or _local_day(hearing.starts_at)
    _check_date(case, on)
    before = _transition(case, "record_hearing", _("record a hearing"))
    hearing.hold()
    hearing.save()
    case.save()
    _end_evidence_adjournment(case, on)
    log_event(case, K.HEARING_HELD, actor=actor, on=on, from_state=before, to_state=case.state, reason=note,
              basis="CPL 140", hearing=hearing.pk, mode=hearing.mode,
              judge=str(hearing.judge or ""), assistant=str(hearing.assistant or ""), clerk=str(hearing.clerk or ""))
    case_refresh_term(case)
    return hearing


@transaction.atomic
def hearing_adjourn(*, hearing: Hearing, actor: User | None, cause: str, reason: str, on: date | None = None,
                    president_approved: bool = False) -> Hearing:
    """Adjourn (延期开庭): TL2019 Art. 3 caps the count; an adjournment for new evidence is excluded time up
    to one month (TL2000 Art. 9(5)); the force-majeure ground needs the president's approval (TL2019 Art. 6)."""
    case = _locked(hearing.case)
    require(actor, Action.DOCKET, case)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if not can_proceed(hearing.adjourn):
        raise CaseRuleError(HEARING_NOT_SCHEDULED, code="hearing_status",
                            params={"status": hearing.get_status_display()})
    _check_choice(_("adjournment cause"), cause, Hearing.Cause.values)
    on = on or today()
    _check_date(case, on)
    if not reason.strip():
        raise CaseRuleError(ADJOURN_NEEDS_REASON, code="no_reason")
    so_far = case.hearings.filter(status=Hearing.Status.ADJOURNED).count()
    try:
        rule_periods.check_adjournment(procedure=case.procedure, adjournments_so_far=so_far)
    except RuleViolation as exc:
        raise _from_rule(exc) from None
    if cause == Hearing.Cause.FORCE_MAJEURE and not president_approved:
        raise CaseRuleError(FORCE_MAJEURE_NEEDS_PRESIDENT, code="adjourn_approval", article="TL2019 Art. 6")
    before = _transition(case, "cancel_hearing", _("adjourn a hearing"))
    hearing.adjourn()
    hearing.adjournment_cause = cause
    hearing.save()
    case.save()
    if cause == Hearing.Cause.NEW_EVIDENCE:
        _end_evidence_adjournment(case, on)
        CasePeriod.objects.create(case=case, kind=PeriodKind.EVIDENCE_ADJOURNMENT, start_on=on,
                                  reason=reason, created_by=actor)
    log_event(case, K.HEARING_ADJOURNED, actor=actor, on=on, from_state=before, to_state=case.state, reason=reason,
              basis="TL2019 Art. 3" + ("; TL2000 Art. 9(5)" if cause == Hearing.Cause.NEW_EVIDENCE else "")
              + ("; TL2019 Art. 6" if cause == Hearing.Cause.FORCE_MAJEURE else ""),
              hearing=hearing.pk, cause=cause, president_approved=president_approved)
    case_refresh_term(case)
    return hearing


# --- mediation, suspension, periods ----------------------------------------------------------------------

def mediation_days(procedure: str) -> int:
    """OMR 24: mediation after filing takes 15 days under ordinary procedure, 7 under simple (and small claims)."""
    return 15 if procedure == Procedure.ORDINARY else 7


@transaction.atomic
def case_start_mediation(*, case: Case, actor: User | None, mediator: User | None = None,
                         on: date | None = None) -> Case:
    """Court-annexed mediation after 立案 (CPL 125; OMR 24: 15 days ordinary, 7 simple)."""
    case = _locked(case)
    require(actor, Action.DOCKET, case)
    on = on or today()
    _check_date(case, on)
    if case.state == CaseState.MEDIATION:
        raise CaseRuleError(ALREADY_IN_MEDIATION, code="in_mediation")
    if mediator is not None and not (
        (mediator.role == Role.MEDIATOR and mediator.court_id in (None, case.court_id))
        or (mediator.team_id is not None and mediator.team_id == case.team_id)
    ):
        raise CaseRuleError(MEDIATOR_NOT_ELIGIBLE, code="mediator")
    before = _transition(case, "start_mediation", _("go to mediation"))
    if mediator is not None:
        case.mediator = mediator
    case.save()
    log_event(case, K.MEDIATION_STARTED, actor=actor, on=on, from_state=before, to_state=case.state,
              basis="CPL 125; OMR 24", mediator=mediator.username if mediator else "",
              mediation_due=on + timedelta(days=mediation_days(case.procedure)))
    return case


@transaction.atomic
def case_end_mediation(*, case: Case, actor: User | None, reason: str = "", on: date | None = None) -> Case:
    """Mediation failed: back to where the case stood, and on to judgment (CPL 145)."""
    case = _locked(case)
    if not _can_any(actor, case, (Action.MEDIATE, Action.DOCKET)):
        require(actor, Action.MEDIATE, case)
    on = on or today()
    _check_date(case, on)
    before = _transition(case, "end_mediation", _("end mediation"))
    case.save()
    running = case.periods.filter(kind=PeriodKind.MEDIATION_EXTENSION, end_on__isnull=True)
    for period in running:
        period.end_on = max(on, period.start_on)
        period.save(update_fields=["end_on"])
    log_event(case, K.MEDIATION_FAILED, actor=actor, on=on, from_state=before, to_state=case.state, reason=reason,
              basis="CPL 145; OMR 25")
    case_refresh_term(case)
    return case


def _can_any(actor: User | None, case: Case, actions: Sequence[Action]) -> bool:
    from .access import can

    return actor is None or any(can(actor, a, case) for a in actions)


@transaction.atomic
def case_suspend(*, case: Case, actor: User | None, ground: str, on: date | None = None) -> Case:
    """Suspend (中止诉讼, CPL 153); the suspension is excluded from the term until resumption (TL2000 Art. 9(9))."""
    case = _locked(case)
    require(actor, Action.DECIDE, case)
    on = on or today()
    _check_date(case, on)
    if not ground.strip():
        raise CaseRuleError(SUSPENSION_NEEDS_GROUND, code="no_ground", article="CPL 153")
    before = _transition(case, "suspend", _("be suspended"))
    case.save()
    CasePeriod.objects.create(case=case, kind=PeriodKind.SUSPENSION, start_on=on, reason=ground, created_by=actor)
    log_event(case, K.SUSPENDED, actor=actor, on=on, from_state=before, to_state=case.state, reason=ground,
              basis="CPL 153; TL2000 Art. 9(9)")
    case_refresh_term(case)
    return case


@transaction.atomic
def case_resume(*, case: Case, actor: User | None, on: date | None = None, reason: str = "") -> Case:
    """JI 246: the suspension lapses when the court lets the parties continue; the clock runs again."""
    case = _locked(case)
    require(actor, Action.DECIDE, case)
    on = on or today()
    _check_date(case, on)
    period = case.periods.filter(kind=PeriodKind.SUSPENSION, end_on__isnull=True).order_by("-start_on").first()
    if period is not None and on < period.start_on:
        raise CaseRuleError(RESUME_BEFORE_SUSPENSION, code="resume_before")
    before = _transition(case, "resume", _("resume"))
    case.save()
    if period is not None:
        period.end_on = on
        period.save(update_fields=["end_on"])
    log_event(case, K.RESUMED, actor=actor, on=on, from_state=before, to_state=case.state, reason=reason,
              basis="JI 246")
    case_refresh_term(case)
    return case


def _mediation_started_on(case: Case) -> date | None:
    event = case.events.filter(kind=K.MEDIATION_STARTED).order_by("-on", "-id").first()
    return event.on if event else None


@transaction.atomic
def period_start(*, case: Case, actor: User | None, kind: str, start_on: date, end_on: date | None = None,
                 reason: str = "") -> CasePeriod:
    """Record a period not counted in the term (JI 243; TL2000 Art. 9): appraisal, settlement, …"""
    case = _locked(case)
    require(actor, Action.DOCKET, case)
    _check_choice(_("period kind"), kind, PeriodKind.values)
    if kind == PeriodKind.EXTENSION:
        raise CaseRuleError(PERIOD_EXTENSION_KIND, code="extension_kind")
    if kind == PeriodKind.SUSPENSION:
        raise CaseRuleError(SUSPENSION_KIND, code="suspension_kind", article="CPL 153")
    _require_pending(case, _("take a period"))
    _check_date(case, start_on)
    if end_on is not None and end_on < start_on:
        raise CaseRuleError(PERIOD_END_BEFORE_START, code="end_before_start")
    if kind == PeriodKind.PUBLICATION and case.procedure != Procedure.ORDINARY:
        raise CaseRuleError(PUBLICATION_PERIOD_IN_SIMPLE, code="publication_simple", article="JI 140")
    if kind == PeriodKind.MEDIATION_EXTENSION:
        # OMR 24: only the agreed time beyond the 15 (ordinary) or 7 (simple) days is not counted.
        started = _mediation_started_on(case)
        days = mediation_days(case.procedure)
        if case.state != CaseState.MEDIATION or started is None or start_on < started + timedelta(days=days):
            raise CaseRuleError(MEDIATION_EXTENSION_OUTSIDE, code="mediation_extension", article="OMR 24",
                                params={"days": days})
    if end_on is None and case.periods.filter(kind=kind, end_on__isnull=True).exists():
        raise CaseRuleError(PERIOD_ALREADY_RUNNING, code="running")
    period = CasePeriod.objects.create(case=case, kind=kind, start_on=start_on, end_on=end_on, reason=reason,
                                       created_by=actor)
    log_event(case, K.PERIOD_STARTED, actor=actor, on=start_on, from_state=case.state, to_state=case.state,
              reason=reason, basis=PERIOD_BASIS.get(kind, "JI 243; TL2000 Art. 9"),
              period=period.pk, kind=kind, end_on=end_on)
    case_refresh_term(case)
    if kind in (PeriodKind.APPRAISAL, PeriodKind.AUDIT_VALUATION):
        _after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.PERIOD_STARTED)
    return case.periods.get(pk=period.pk)


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


@transaction.atomic
def period_end(*, period: CasePeriod, actor: User | None, end_on: date) -> CasePeriod:
    """End a running excluded period; suspensions end by resuming the case, extensions do not end."""
    case = _locked(period.case)
    require(actor, Action.DOCKET, case)
    period = CasePeriod.objects.select_for_update().get(pk=period.pk)
    if period.end_on is not None or period.kind in (PeriodKind.EXTENSION, PeriodKind.SUSPENSION):
        raise CaseRuleError(NO_RUNNING_PERIOD, code="not_running")
    if end_on < period.start_on:
        raise CaseRuleError(PERIOD_END_BEFORE_START, code="end_before_start")
    _check_date(case, end_on)
    period.end_on = end_on
    period.save(update_fields=["end_on"])
    log_event(case, K.PERIOD_ENDED, actor=actor, on=end_on, from_state=case.state, to_state=case.state,
              basis=PERIOD_BASIS.get(period.kind, "JI 243; TL2000 Art. 9"), period=period.pk, kind=period.kind)
    case_refresh_term(case)
    return period


@transaction.atomic
def case_extend(*, case: Case, actor: User | None, months: int, reason: str, on: date | None = None,
                applied_on: date | None = None, higher_court: bool = False) -> CasePeriod:
    """Approve a term extension: CPL 152/164/168 and TL2000 Art. 2 limits; TL2019 Art. 1 timing (applied for
    15 days and decided 5 days before the term expires). Only the president records it (CPL 152, 164)."""
    case = _locked(case)
    if actor is not None and not actor.is_superuser and not can(actor, Action.EXTEND, case):
        raise PermissionDenied(_(NOT_PRESIDENT))
    if case.state not in ACTIVE_STATES:
        raise CaseRuleError(TRANSITION_NOT_ALLOWED, code="transition",
                            params={"state": case.get_state_display(), "action": _("be extended")})
    if case.foreign_related:
        raise CaseRuleError(FOREIGN_NO_TERM, code="foreign", article="CPL 287")
    if not reason.strip():
        raise CaseRuleError(EXTENSION_NEEDS_REASON, code="no_reason", article="TL2019 Art. 1")
    on = on or today()
    applied_on = applied_on or on
    _check_date(case, on)
    _check_date(case, applied_on)
    if applied_on > on:
        raise CaseRuleError(EXTENSION_DECIDED_BEFORE_APPLICATION, code="approved_before_application")
    approver = ApproverLevel.HIGHER_COURT if higher_court else ApproverLevel.PRESIDENT
    extensions = case.periods.filter(kind=PeriodKind.EXTENSION)
    if case.converted_on is not None and case.procedure == Procedure.ORDINARY:
        # The CPL 152 ladder (president, then the higher court) starts with the ordinary procedure.
        extensions = extensions.filter(start_on__gte=case.converted_on)
    granted = [(p.months or 0, ApproverLevel(p.approver or ApproverLevel.PRESIDENT)) for p in extensions]
    # The deadline the application and the decision are measured against, as it stood when applied for.
    current = term_for(case, case.periods.all(), as_of=applied_on)
    expiry = current.extended_deadline if current else None
    try:
        check_extension(procedure=case.procedure, granted=granted, months=months, approver=approver)
        if expiry is not None:
            check_extension_timing(applied_on=applied_on, normal_or_current_deadline=expiry)
    except RuleViolation as exc:
        raise _from_rule(exc) from None
    if expiry is not None and on > expiry - timedelta(days=EXTENSION_DECISION_LEAD_DAYS):
        raise CaseRuleError(EXTENSION_DECIDED_LATE, code="decided_late", article="TL2019 Art. 1",
                            params={"deadline": expiry})
    period = CasePeriod.objects.create(case=case, kind=PeriodKind.EXTENSION, start_on=on, months=months,
                                       approver=approver, reason=reason, created_by=actor)
    result = case_refresh_term(case)
    log_event(case, K.EXTENDED, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=reason,
              basis="CPL 152; TL2000 Art. 2; TL2019 Art. 1" if case.procedure == Procedure.ORDINARY
              else "CPL 164; JI 258(1)" if case.procedure == Procedure.SIMPLE else "CPL 168",
              months=months, approver=approver, applied_on=applied_on,
              extended_deadline=result.extended_deadline if result else None)
    return period


@transaction.atomic
def case_convert_procedure(*, case: Case, actor: User | None, to: str, reason: str, on: date | None = None,
                           parties_agree: bool = False, panel: str = "") -> Case:
    """Change the procedure: simple/small claims → ordinary only before the term expires (JI 258(2), CPL 170);
    small claims → simple (CPL 169); ordinary → simple only by agreement before a hearing (CPL 160(2), JI 260).
    The term still runs from the original filing date (JI 258(3))."""
    case = _locked(case)
    require(actor, Action.DECIDE, case)
    _check_choice(_("procedure"), to, Procedure.values)
    if panel:
        _check_choice(_("bench"), panel, Panel.values)
    on = on or today()
    _check_date(case, on)
    if not reason.strip():
        raise CaseRuleError(CONVERSION_NEEDS_REASON, code="no_reason", article="JI 258(2)")
    if case.state not in ACTIVE_STATES:
        raise CaseRuleError(TRANSITION_NOT_ALLOWED, code="transition",
                            params={"state": case.get_state_display(), "action": _("change procedure")})
    at_conversion = term_for(case, case.periods.all(), as_of=on)
    try:
        rule_procedure.check_conversion(from_procedure=case.procedure, to_procedure=to, on=on,
                                        filed_on=case.filed_on, heard=case.heard, parties_agree=parties_agree,
                                        excluded=at_conversion.excluded_days if at_conversion else 0,
                                        extension_months=at_conversion.extension_months if at_conversion else 0,
                                        calendar=court_calendar(), roll_over=case.court.deadline_roll_over)
    except RuleViolation as exc:
        raise _from_rule(exc) from None
    if to == Procedure.SIMPLE:
        bars = procedure_bars(case, to, on)
        if bars:
            raise CaseRuleError(bars[0].message, code=bars[0].code, article=bars[0].article)
    before = case.procedure
    method = {Procedure.ORDINARY: "convert_to_ordinary",
              Procedure.SIMPLE: "convert_to_simple" if before == Procedure.SMALL_CLAIMS else "agree_to_simple"}[to]
    if not can_proceed(getattr(case, method)):
        raise CaseRuleError(BACK_AFTER_HEARING, code="back_after_hearing", article="JI 260")
    getattr(case, method)()
    if to == Procedure.ORDINARY:
        case.converted_on = on
    if panel:
        case.panel = panel  # JI 258(2): the bench is notified to the parties in writing
    case.save()
    log_event(case, K.CONVERTED, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=reason,
              basis="JI 258; CPL 170" if to == Procedure.ORDINARY and before == Procedure.SIMPLE
              else "CPL 169; JI 278" if before == Procedure.SMALL_CLAIMS else "CPL 160(2); JI 260; JI 264",
              from_procedure=before, to_procedure=to, panel=case.panel)
    case_refresh_term(case)
    return case


# --- closing ---------------------------------------------------------------------------------------------

#: Closing modes a suspended case allows: the cause of the suspension may end the suit (CPL 154), the
#: plaintiff may withdraw, or the case may go elsewhere; a judgment or mediation needs the case resumed.
SUSPENDED_CLOSING_MODES = (ClosingMode.TERMINATION, ClosingMode.WITHDRAWAL, ClosingMode.OTHER)
CLOSING_BASIS = {
    ClosingMode.JUDGMENT: "CPL 145; TL2000 Art. 10",
    ClosingMode.MEDIATION: "CPL 100; JI 149; TL2000 Art. 10",
    ClosingMode.WITHDRAWAL: "CPL 148; TL2000 Art. 10",
    ClosingMode.DEEMED_WITHDRAWAL: "CPL 146; JI 213; TL2000 Art. 10",
    ClosingMode.DISMISSAL: "JI 208(3); TL2000 Art. 10",
    ClosingMode.TRANSFER: "CPL 130; JI 211; TL2000 Art. 10",
    ClosingMode.TERMINATION: "CPL 154; TL2000 Art. 10",
    ClosingMode.OTHER: "TL2000 Art. 10",
}


def _mediation_service_dates(case: Case) -> list[date]:
    """Each party's first effective service of the mediation document (OLR 31), if every party has one."""
    first: dict[int, date] = {}
    for party_id, served_on in case.service_attempts.filter(
        document=ServiceAttempt.Document.MEDIATION, status=ServiceAttempt.Status.SERVED, party__isnull=False,
    ).values_list("party_id", "served_on"):
        if served_on is not None and (party_id not in first or served_on < first[party_id]):
            first[party_id] = served_on
    return list(first.values()) if len(first) == case.parties.count() else []


@transaction.atomic
def case_close(*, case: Case, actor: User | None, mode: str, pronounced_on: date | None = None,
               ruling_on: date | None = None, mediation_served_on: Sequence[date] = (), reason: str = "") -> Case:
    """Close the case (law-digest §8.1) on the date §1.3 fixes: pronouncement, last service of the mediation
    document, or the ruling (TL2000 Art. 10; JI 243). Without `mediation_served_on`, a mediated case uses the
    recorded service of the mediation document on every party."""
    case = _locked(case)
    require(actor, Action.DECIDE, case)
    if mode not in ClosingMode.values:
        raise CaseRuleError(UNKNOWN_CHOICE, code="mode", params={"what": _("closing mode"), "value": mode})
    if case.state not in ACTIVE_STATES:
        raise CaseRuleError(TRANSITION_NOT_ALLOWED, code="transition",
                            params={"state": case.get_state_display(), "action": _("be closed")})
    if mode == ClosingMode.JUDGMENT and not case.heard:
        raise CaseRuleError(JUDGMENT_NEEDS_HEARING, code="judgment_unheard", article="CPL 145")
    if case.state == CaseState.SUSPENDED and mode not in SUSPENDED_CLOSING_MODES:
        raise CaseRuleError(SUSPENDED_CLOSING, code="suspended", article="CPL 153-154")
    if mode == ClosingMode.MEDIATION:
        mediation_served_on = list(mediation_served_on) or _mediation_service_dates(case)
        if not mediation_served_on:
            raise CaseRuleError(MEDIATION_NEEDS_SERVICE_DATES, code="mediation_dates", article="TL2000 Art. 10")
    try:
        closed_on = rule_procedure.closing_date(
            mode=mode, pronounced_on=pronounced_on, ruling_on=ruling_on, mediation_served_on=mediation_served_on,
            parties=case.parties.count() if mode == ClosingMode.MEDIATION else None,
        )
    except RuleViolation as exc:
        raise _from_rule(exc) from None
    _check_date(case, closed_on)
    if mode == ClosingMode.JUDGMENT:
        last = case.hearings.filter(status=Hearing.Status.HELD).order_by("-starts_at").first()
        if last is not None and closed_on < _local_day(last.starts_at):
            raise CaseRuleError(JUDGMENT_BEFORE_HEARING, code="judgment_before_hearing", article="CPL 145",
                                params={"date": closed_on, "heard": _local_day(last.starts_at)})
    before = _transition(case, "close", _("be closed"))
    case.closed_on, case.closing_mode = closed_on, mode
    case.save()
    # Periods still running end with the case.
    for period in case.periods.filter(end_on__isnull=True).exclude(kind=PeriodKind.EXTENSION):
        period.end_on = max(closed_on, period.start_on)
        period.save(update_fields=["end_on"])
    result = case_refresh_term(case, as_of=closed_on)
    log_event(case, K.CLOSED, actor=actor, on=closed_on, from_state=before, to_state=case.state, reason=reason,
              basis=CLOSING_BASIS[ClosingMode(mode)], mode=mode, procedure=case.procedure,
              net_trial_days=result.net_trial_days if result else None,
              within_normal_term=result.within_normal_term if result else None)
    _after_commit(signals.case_closed, case=case, actor=actor)
    return case


@transaction.atomic
def case_archive(*, case: Case, actor: User | None, on: date | None = None) -> Case:
    """Bind and archive the file of a closed case."""
    case = _locked(case)
    require(actor, Action.DOCKET, case)
    on = on or today()
    _check_date(case, on)
    if case.closed_on and on < case.closed_on:
        raise CaseRuleError(DATE_BEFORE_CLOSING, code="before_closing", params={"date": on, "closed": case.closed_on})
    before = _transition(case, "archive", _("be archived"))
    case.save()
    log_event(case, K.ARCHIVED, actor=actor, on=on, from_state=before, to_state=case.state, basis="OLR 35")
    return case


@transaction.atomic
def case_note(*, case: Case, actor: User | None, text: str, on: date | None = None) -> CaseEvent:
    """A docket entry (笔录, a phone call, a document received); the e-file is built as the case goes (OLR 35)."""
    case = _locked(case)
    require(actor, Action.DOCKET, case)
    if not text.strip():
        raise CaseRuleError(NOTE_EMPTY, code="empty")
    on = on or today()
    _check_date(case, on)
    return log_event(case, K.NOTE, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=text,
                     basis="OLR 35")
