"""Pre-filing mediation (诉前调解, 委派调解): a received complaint diverted with the parties' consent (OMR 4, 7) and
registered as a 民诉前调 case with its own number (案号规定 Arts 7-10), a mediator of the chain named within three
working days (OMR 10, 12), thirty days to settle (OMR 24), an appraisal not counted (OMR 26), and on failure the
complaint received again as a 民初 case with its parties and files (OMR 21(2)).

Design: the complaint row itself becomes the 民诉前调 case (its number, its mediator, its file); a failure files
a new 民初 case copying it. So the 民初 term starts at its own filing (the pre-filing days are not part of it), the
民初 metrics see only real suits, and the 民诉前调 case stays as its own record with its outcome.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases import signals
from court.cases.access import Action, require
from court.cases.models import Case, CaseDocument, CaseState, CaseType, ClosingMode, EvidenceItem, PeriodKind
from court.cases.services import period_start
from court.cases.services.base import (
    CaseRuleError,
    K,
    after_commit,
    check_date,
    check_length,
    check_not_future,
    day_or_today,
    locked,
    log_event,
    run_transition,
)
from court.cases.services.filing import allocate_case_number
from court.cases.term import case_refresh_term, court_calendar
from court.org.models import Area, MediatorOrg, Role, User
from court.rules import mediation as rule
from court.rules import periods as rule_periods

from ..models import CaseArea, Mediation

NEEDS_CONSENT = gettext_noop("OMR 4: mediation before filing needs the parties' consent; record it first.")
ONLY_FIRST_INSTANCE = gettext_noop("Only a received civil complaint (民初, not yet accepted) can be diverted to "
                                   "pre-filing mediation.")
NEEDS_OTHER_SIDE = gettext_noop("CPL 122(2), OMR 15: mediation needs the other party; name the defendant first.")
NOT_A_CHAIN_MEDIATOR = gettext_noop("The mediator must be an active mediator of this court's mediation chain.")
MEDIATION_NOT_OPEN = gettext_noop("This mediation has already ended.")
MEDIATOR_ALREADY_NAMED = gettext_noop("A mediator is already mediating; the mediation continues with them.")
NO_MEDIATOR_YET = gettext_noop("OMR 10: name the mediator first.")
FAILURE_NEEDS_GROUND = gettext_noop(
    "OMR 21, 25: say why the mediation ended without agreement, or wait until its deadline (%(due)s) has passed."
)
APPRAISAL_DATES = gettext_noop("OMR 26: an appraisal ends on or after its start and within the mediation.")
WRONG_STAGE = gettext_noop("This step belongs to a pre-filing mediation.")
ALREADY_MEDIATED = gettext_noop("OMR 21(2): this complaint comes from a failed pre-filing mediation; the court now "
                                "decides on filing (“调解不成后，人民法院应当依法登记立案”).")


def _open(mediation: Mediation) -> Mediation:
    mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
    if not mediation.is_open:
        raise CaseRuleError(MEDIATION_NOT_OPEN, code="mediation_ended")
    return mediation


def check_chain_mediator(mediator: User, case: Case) -> None:
    """A mediator the court invited (OMR 5, 27): an active mediator of the court or of no court, whose
    organisation (if recorded) is active and the court's."""
    org = mediator.mediation_organisation
    if (mediator.role != Role.MEDIATOR or not mediator.is_active or mediator.court_id not in (None, case.court_id)
            or (org is not None and (not org.active or org.court_id != case.court_id))):
        raise CaseRuleError(NOT_A_CHAIN_MEDIATOR, code="mediator")


@transaction.atomic
def prefiling_divert(*, case: Case, actor: User | None, consent: bool, area: Area | None = None,
                     on: date | None = None) -> Mediation:
    """The filing officer diverts a received complaint to pre-filing mediation (OMR 7 "立案人员……在立案前……
    引导当事人优先选择在线调解"), with the parties' consent (OMR 4 "应当征得当事人同意"): the complaint is
    registered as a 民诉前调 case with the next number of that type (案号规定 Arts 7-10) and the mediator is to be
    named within three working days (OMR 10 "三个工作日内指定调解组织或者调解员")."""
    case = locked(case)
    require(actor, Action.DECIDE_FILING, case)
    on = day_or_today(on)
    check_not_future(on)
    if case.state != CaseState.FILED or case.case_type != CaseType.FIRST_INSTANCE:
        raise CaseRuleError(ONLY_FIRST_INSTANCE, code="not_a_complaint")
    if Mediation.objects.filter(filed_case=case).exists():
        raise CaseRuleError(ALREADY_MEDIATED, code="already_mediated", article="OMR 21")
    if not consent:
        raise CaseRuleError(NEEDS_CONSENT, code="consent", article="OMR 4")
    if case.defendant_count < 1:
        raise CaseRuleError(NEEDS_OTHER_SIDE, code="no_defendant", article="CPL 122")
    received = case.corrected_on or case.submitted_on
    if received and on < received:
        raise CaseRuleError(gettext_noop("The complaint cannot be diverted before it was received."),
                            code="before_receipt")
    case.case_type = CaseType.PRE_SUIT_MEDIATION
    before = run_transition(case, "accept", _("be diverted to pre-filing mediation"))
    number = allocate_case_number(court=case.court, type_code=CaseType.PRE_SUIT_MEDIATION, year=on.year)
    case.case_number, case.year, case.serial = number.format(), number.year, number.serial
    case.filed_on = on
    case.save()
    assign_by = rule.assignment_due(on, calendar=court_calendar())
    mediation = Mediation.objects.create(case=case, stage=Mediation.Stage.PRE_FILING, area=area, received_on=on,
                                         assign_by=assign_by, created_by=actor)
    if area is not None:
        CaseArea.objects.update_or_create(case=case, defaults={"area": area})
    log_event(case, K.ACCEPTED, actor=actor, on=on, from_state=before, to_state=case.state,
              basis="OMR 4, 7, 10; 案号规定 Art. 7", case_number=case.case_number, assign_by=assign_by,
              area=str(area) if area else "")
    case_refresh_term(case, as_of=on)
    return mediation


def mediator_load(mediator_ids: list[int] | None = None) -> dict[int, int]:
    """Open mediations per mediator (the load the suggestion weighs)."""
    qs = Mediation.objects.filter(outcome=Mediation.Outcome.OPEN, mediator__isnull=False)
    if mediator_ids is not None:
        qs = qs.filter(mediator_id__in=mediator_ids)
    load: dict[int, int] = {}
    for mediator_id in qs.values_list("mediator_id", flat=True):
        load[mediator_id] = load.get(mediator_id, 0) + 1
    return load


def suggest_mediators(mediation: Mediation, *, limit: int = 10, exclude_court: bool = False) -> list[User]:
    """The chain's mediators for this dispute, best first, by the parties' area, kind and load
    (`court.rules.mediation.suggest_mediators`)."""
    users = list(User.objects.filter(role=Role.MEDIATOR, is_active=True, court_id=mediation.case.court_id)
                 .select_related("mediation_organisation__area")[:500])
    if exclude_court:
        users = [u for u in users if u.mediator_org != MediatorOrg.COURT]
    load = mediator_load([u.pk for u in users])
    candidates = []
    for user in users:
        org = user.mediation_organisation
        if org is not None and not org.active:
            continue
        where = org.area if org is not None else None
        candidates.append(rule.Candidate(mediator_id=user.pk, kind=user.mediator_org or MediatorOrg.COURT,
                                         town=where.town if where else "", village=where.village if where else "",
                                         open_mediations=load.get(user.pk, 0)))
    area = mediation.area
    ranked = rule.suggest_mediators(candidates, town=area.town if area else "", village=area.village if area else "")
    by_id = {u.pk: u for u in users}
    return [by_id[s.mediator_id] for s in ranked[:limit]]


@transaction.atomic
def prefiling_assign(*, mediation: Mediation, actor: User | None, mediator: User, on: date | None = None) -> Mediation:
    """Name the mediator (OMR 10 para 3) and start the thirty days, counted from the mediator's acceptance (OMR 24
    para 2 "自调解组织或者调解员……确认接受委派……之日起算"); naming after the three working days is recorded as late."""
    mediation = _open(mediation)
    if mediation.stage != Mediation.Stage.PRE_FILING:
        raise CaseRuleError(WRONG_STAGE, code="stage")
    case = locked(mediation.case)
    require(actor, Action.DECIDE_FILING, case)
    on = day_or_today(on)
    check_date(case, on)
    if mediation.mediator_id is not None:
        raise CaseRuleError(MEDIATOR_ALREADY_NAMED, code="named")
    check_chain_mediator(mediator, case)
    before = run_transition(case, "start_mediation", _("go to mediation"))
    case.mediator = mediator
    case.save()
    mediation.mediator, mediation.organisation = mediator, mediator.mediation_organisation
    mediation.started_on = on
    mediation.due_on = rule.pre_filing_due(on, calendar=court_calendar())
    mediation.save()
    late = {"late": True} if mediation.assign_by and on > mediation.assign_by else {}
    log_event(case, K.MEDIATION_STARTED, actor=actor, on=on, from_state=before, to_state=case.state,
              basis="OMR 10, 12; OMR 24", mediator=str(mediator), organisation=str(mediation.organisation or ""),
              mediation_due=mediation.due_on, **late)
    return mediation


@transaction.atomic
def mediation_extend(*, mediation: Mediation, actor: User | None, until: date, on: date | None = None) -> Mediation:
    """All parties agree to go on beyond the deadline (OMR 24 "各方当事人同意延长的，不受此限"). After filing,
    the extended time is not counted in the term: it is recorded as a MEDIATION_EXTENSION period when the
    mediation ends (`in_case.record_extension_used`)."""
    mediation = _open(mediation)
    case = locked(mediation.case)
    require(actor, Action.MEDIATE, case)
    on = day_or_today(on)
    check_date(case, on)
    if mediation.due_on is None:
        raise CaseRuleError(NO_MEDIATOR_YET, code="not_started", article="OMR 10")
    if until <= mediation.due_on:
        raise CaseRuleError(rule.EXTENSION_NOT_LATER, code="not_later", article="OMR 24",
                            params={"due": mediation.due_on})
    mediation.agreed_until = until
    mediation.due_on = until
    mediation.save()
    log_event(case, K.NOTE, actor=actor, on=on, from_state=case.state, to_state=case.state, basis="OMR 24",
              reason=_("All parties agreed to extend the mediation."), mediation_due=until, agreed=True)
    return mediation


@transaction.atomic
def prefiling_appraisal(*, mediation: Mediation, actor: User | None, start_on: date, end_on: date,
                        reason: str = "") -> Mediation:
    """An appraisal during pre-filing mediation (OMR 26 "鉴定评估期限不计入调解期限"): its days move the deadline,
    it is recorded on the 民诉前调 case and carried into the case filed after a failure ("可以作为证据使用")."""
    mediation = _open(mediation)
    if mediation.stage != Mediation.Stage.PRE_FILING:
        raise CaseRuleError(WRONG_STAGE, code="stage")
    case = locked(mediation.case)
    require(actor, Action.MEDIATE, case)
    check_length(_("reason"), reason, 500)
    if mediation.started_on is None or end_on < start_on or start_on < mediation.started_on:
        raise CaseRuleError(APPRAISAL_DATES, code="appraisal_dates", article="OMR 26")
    period_start(case=case, actor=None, kind=PeriodKind.APPRAISAL, start_on=start_on, end_on=end_on,
                 reason=reason or _("Appraisal during pre-filing mediation (OMR 26)"))
    case = Case.objects.get(pk=case.pk)
    case.appraisal_requested = True
    case.save(update_fields=["appraisal_requested", "updated_at"])
    mediation.paused_days += (end_on - start_on).days
    mediation.due_on = rule.pre_filing_due(mediation.started_on, paused_days=mediation.paused_days,
                                           agreed_until=mediation.agreed_until, calendar=court_calendar())
    mediation.save()
    return mediation


def _close_prefiling(case: Case, *, mode: str, on: date) -> str:
    before = run_transition(case, "close", _("be closed"))
    case.closed_on, case.closing_mode = on, mode
    case.save()
    return before


@transaction.atomic
def prefiling_fail(*, mediation: Mediation, actor: User | None, reason: str = "", on: date | None = None) -> Case:
    """The mediation ends without agreement (OMR 25: declared by a party or the mediator, or the thirty days
    passed without an agreed extension, OMR 25(6)); the 民诉前调 case closes and the complaint is received again as
    a 民初 case with its parties, files and evidence list (OMR 21(2) "立案前委派调解的，调解不成后，人民法院应当依法
    登记立案"); its event records the pre-filing days, which are not part of the trial term. Returns the 民初 case."""
    mediation = _open(mediation)
    if mediation.stage != Mediation.Stage.PRE_FILING:
        raise CaseRuleError(WRONG_STAGE, code="stage")
    case = locked(mediation.case)
    require(actor, Action.END_MEDIATION, case)
    on = day_or_today(on)
    check_date(case, on)
    check_length(_("reason"), reason, 500)
    reason = reason.strip()
    if not reason:
        if mediation.due_on is None or on <= mediation.due_on:
            raise CaseRuleError(FAILURE_NEEDS_GROUND, code="no_ground", article="OMR 25",
                                params={"due": mediation.due_on or "—"})
        reason = _("OMR 25(6): the mediation deadline passed without agreement.")
    before = _close_prefiling(case, mode=ClosingMode.TERMINATION, on=on)
    mediation.outcome, mediation.ended_on, mediation.end_reason = Mediation.Outcome.FAILED, on, reason
    days = (on - (mediation.started_on or mediation.received_on)).days
    log_event(case, K.MEDIATION_FAILED, actor=actor, on=on, from_state=before, to_state=case.state, reason=reason,
              basis="OMR 21(2), 25", days=days)
    case_refresh_term(case)
    filed = _file_after_failure(case, mediation=mediation, actor=actor, on=on, days=days)
    mediation.filed_case = filed
    mediation.save()
    return filed


_COPIED = ("court", "cause", "title", "claim_amount", "claims", "facts", "evidence_items", "appraisal_requested",
           "foreign_related", "lawyer_represented", "counterclaim", "remanded", "public_interest", "retrial",
           "suit_kind", "money_claim_only", "initial_procedure", "filed_by")


def _file_after_failure(source: Case, *, mediation: Mediation, actor: User | None, on: date, days: int) -> Case:
    """The complaint received again as a 民初 case (OMR 21(2)), carrying every party with its representatives and
    consents, every file of the case file and the evidence list (the appraisal's report too, OMR 26)."""
    case = Case(case_type=CaseType.FIRST_INSTANCE, submitted_on=on, **{f: getattr(source, f) for f in _COPIED})
    case.original_case_number = source.case_number  # the case it comes from, carried by the interchange
    case.save()
    for party in source.parties.prefetch_related("representatives"):
        reps = list(party.representatives.all())
        party.pk, party.id, party.case = None, None, case
        party.save()
        for rep in reps:
            rep.pk, rep.id, rep.party = None, None, party
            rep.save()
    documents: dict[int, int] = {}
    for doc in CaseDocument.objects.filter(case=source):
        old = doc.pk
        doc.pk, doc.id, doc.case = None, None, case  # the same stored file: nothing is copied or lost
        doc.save()
        documents[old] = doc.pk
    for item in EvidenceItem.objects.filter(case=source).order_by("number"):
        item.pk, item.id, item.case = None, None, case
        item.document_id = documents.get(item.document_id) if item.document_id else None
        item.save()
    case.refresh_party_facts()
    case.save()
    if mediation.area_id is not None:
        CaseArea.objects.create(case=case, area_id=mediation.area_id)
    due = rule_periods.filing_decision_due(on, suit_kind=case.special_suit, calendar=court_calendar())
    log_event(case, K.SUBMITTED, actor=actor, on=on, to_state=case.state, basis="OMR 21(2); CPL 126",
              decision_due=due, pre_filing_case=source.case_number, pre_filing_days=days,
              appraisal_carried=source.periods.filter(kind=PeriodKind.APPRAISAL).exists())
    after_commit(signals.case_submitted, case=case, actor=actor)
    return case


def open_mediation(case: Case) -> Mediation | None:
    """The case's open mediation, if any."""
    return case.mediations.filter(outcome=Mediation.Outcome.OPEN).order_by("-id").first()

