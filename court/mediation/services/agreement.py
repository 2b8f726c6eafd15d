"""The mediation agreement and judicial confirmation: the agreement drawn up in the case file and signed online by
each party (OMR 19), effective with the last signature; before filing it closes the 民诉前调 case as settled outside
a suit (OMR 20 para 1), and the parties may jointly apply within thirty days for judicial confirmation (CPL 205),
filed as a 民特 case (special procedure: 30 days, CPL 187; no case fee, FEE 8(1)) decided by a ruling that confirms
the agreement or dismisses the application (CPL 206; JI 355, 358).
"""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from django.core.exceptions import PermissionDenied

from court.cases.access import NOT_ALLOWED, Action, acts_for, require, require_for_party
from court.cases.models import Case, CaseType, Cause, ClosingMode, DocumentKind, Party
from court.cases.services import FilingInput, PartyInput, case_close, case_submit
from court.cases.services.base import (
    CaseRuleError,
    K,
    check_date,
    check_length,
    day_or_today,
    local_day,
    locked,
    log_event,
    run_transition,
)
from court.cases.services.documents import _store, atomic_with_files
from court.cases.term import case_refresh_term, court_calendar
from court.org.models import User
from court.paperwork.render import pdf
from court.rules import mediation as rule

from ..models import Agreement, ConfirmationApplication, Mediation, Signature

AGREEMENT_NEEDS_TERMS = gettext_noop("OMR 19: write the terms the parties agreed on.")
AGREEMENT_EXISTS = gettext_noop("This mediation already has an agreement.")
NOT_STARTED = gettext_noop("OMR 10: name the mediator and start the mediation first.")
ALREADY_SIGNED = gettext_noop("This party has already signed the agreement.")
PARTY_OF_ANOTHER_CASE = gettext_noop("The party does not belong to this case.")
NOT_EFFECTIVE = gettext_noop("OMR 19: the agreement takes effect when every party has signed it; CPL 205 counts "
                             "the thirty days from then.")
ONLY_BEFORE_FILING = gettext_noop("CPL 205: judicial confirmation is for an agreement reached before filing; "
                                  "after filing the court makes a mediation document (OMR 20 para 2).")
ALREADY_APPLIED = gettext_noop("This party has already applied for judicial confirmation.")
NOT_A_CONFIRMATION = gettext_noop("This case is not an application for judicial confirmation.")
REFUSAL_NEEDS_GROUND = gettext_noop("JI 355, 358: a ruling dismissing the application names its ground.")
CONFIRMATION_CAUSE = "申请司法确认调解协议"


def _locked_mediation(mediation: Mediation) -> Mediation:
    return Mediation.objects.select_for_update().select_related("case").get(pk=mediation.pk)


def agreement_text(mediation: Mediation, terms: str) -> str:
    """The agreement as printed: the case, the parties, the mediator, the terms and the signature lines."""
    case = mediation.case
    lines = [_("Mediation agreement"), f"{_('Case number')}: {case.case_number or case}"]
    lines += [f"{p.get_side_display()}: {p.name}" for p in case.parties.all()]
    lines += [f"{_('Mediator')}: {mediation.mediator or '—'} {mediation.organisation or ''}", "", terms.strip(), "",
              _("This agreement takes effect when every party has signed it electronically (OMR 19).")]
    return "\n".join(lines)


def agreement_draw(*, mediation: Mediation, actor: User | None, terms: str, on: date | None = None) -> Agreement:
    """The mediator draws up the agreement in the case file (OMR 19 "应当在线制作或者上传调解协议"); the parties
    then sign it online, each for itself."""
    with atomic_with_files():
        mediation = _locked_mediation(mediation)
        case = locked(mediation.case)
        require(actor, Action.MEDIATE, case)
        on = day_or_today(on)
        check_date(case, on)
        if not mediation.is_open:
            raise CaseRuleError(gettext_noop("This mediation has already ended."), code="mediation_ended")
        if mediation.started_on is None:
            raise CaseRuleError(NOT_STARTED, code="not_started", article="OMR 10")
        if Agreement.objects.filter(mediation=mediation).exists():
            raise CaseRuleError(AGREEMENT_EXISTS, code="agreement_exists")
        if not terms.strip():
            raise CaseRuleError(AGREEMENT_NEEDS_TERMS, code="no_terms", article="OMR 19")
        check_length(_("terms"), terms, 4000)
        title = _("Mediation agreement")
        body = pdf(agreement_text(mediation, terms), title=title, language=get_language() or "zh-hans",
                   footer=case.case_number or "")
        doc = _store(case, actor, kind=DocumentKind.OTHER, title=title,
                     file=ContentFile(body, name="mediation-agreement.pdf"))
        agreement = Agreement.objects.create(mediation=mediation, terms=terms.strip(), document=doc, drawn_on=on)
        log_event(case, K.DOCUMENT_ADDED, actor=actor, on=on, from_state=case.state, to_state=case.state,
                  reason=title, basis="OMR 19", document=doc.pk, kind=doc.kind, size=doc.size, sha256=doc.sha256)
    return agreement


@transaction.atomic
def agreement_sign(*, agreement: Agreement, actor: User, party: Party) -> Signature:
    """One party signs the agreement online, itself or through its representative (OMR 19 "当事人……应当在调解协议上
    进行电子签章"). With the last signature the agreement takes effect ("自各方当事人均完成电子签章之时起发生法律
    效力") and the mediation ends in agreement; a pre-filing one closes its 民诉前调 case (OMR 20 para 1
    "按诉讼外调解结案"), with thirty days to apply for judicial confirmation (CPL 205)."""
    agreement = Agreement.objects.select_for_update().select_related("mediation").get(pk=agreement.pk)
    mediation = _locked_mediation(agreement.mediation)
    case = locked(mediation.case)
    if party.case_id != case.pk:
        raise CaseRuleError(PARTY_OF_ANOTHER_CASE, code="other_case")
    require_for_party(actor, party, staff=None)
    if agreement.signatures.filter(party=party).exists():
        raise CaseRuleError(ALREADY_SIGNED, code="signed")
    signature = Signature.objects.create(agreement=agreement, party=party, signed_by=actor)
    on = local_day(signature.signed_at)
    signed = set(agreement.signatures.values_list("party_id", flat=True))
    complete = signed >= set(case.parties.values_list("pk", flat=True))
    payload = {}
    if complete:
        agreement.effective_on = on
        agreement.save(update_fields=["effective_on"])
        mediation.outcome, mediation.ended_on = Mediation.Outcome.AGREEMENT, on
        mediation.save()
        payload["agreement_effective_on"] = on
        if mediation.stage == Mediation.Stage.PRE_FILING:
            payload["confirm_by"] = rule.confirmation_apply_by(on, calendar=court_calendar())
    before = case.state
    if complete and mediation.stage == Mediation.Stage.PRE_FILING:
        run_transition(case, "close", _("be closed"))
        case.closed_on, case.closing_mode = on, ClosingMode.MEDIATION
        case.save()
    log_event(case, K.CONSENTS_RECORDED, actor=actor, on=on, from_state=before, to_state=case.state,
              reason=_("%(party)s signed the mediation agreement.") % {"party": party.name},
              basis="OMR 19, 20" if complete else "OMR 19", party=party.name, **payload)
    if complete and mediation.stage == Mediation.Stage.PRE_FILING:
        case_refresh_term(case)
    return signature


@transaction.atomic
def confirmation_apply(*, mediation: Mediation, actor: User, party: Party, on: date | None = None) -> Case | None:
    """One party's part of the joint application for judicial confirmation (CPL 205 "由双方当事人自调解协议生效之日
    起三十日内，共同向……人民法院提出"; JI 351 "双方当事人应当本人或者由……代理人……提出申请"). When every party
    has applied, the application is received as a 民特 case with the agreement in its file; returns it then."""
    mediation = _locked_mediation(mediation)
    case = locked(mediation.case)
    if party.case_id != case.pk:
        raise CaseRuleError(PARTY_OF_ANOTHER_CASE, code="other_case")
    # The 民诉前调 case is closed by the agreement: the party acts for itself on it (JI 351 "本人或者由……代理人").
    if not (actor.is_active and (actor.is_superuser or acts_for(actor, party))):
        raise PermissionDenied(_(NOT_ALLOWED))
    on = day_or_today(on)
    check_date(case, on)
    if mediation.stage != Mediation.Stage.PRE_FILING:
        raise CaseRuleError(ONLY_BEFORE_FILING, code="after_filing", article="CPL 205")
    agreement = Agreement.objects.filter(mediation=mediation).first()
    if agreement is None or agreement.effective_on is None:
        raise CaseRuleError(NOT_EFFECTIVE, code="not_effective", article="OMR 19")
    last = rule.confirmation_apply_by(agreement.effective_on, calendar=court_calendar())
    if on > last:
        raise CaseRuleError(rule.CONFIRMATION_LATE, code="late", article="CPL 205", params={"last": last})
    if mediation.confirmation_applications.filter(party=party).exists():
        raise CaseRuleError(ALREADY_APPLIED, code="applied")
    ConfirmationApplication.objects.create(mediation=mediation, party=party, applied_by=actor, applied_on=on)
    applied = set(mediation.confirmation_applications.values_list("party_id", flat=True))
    complete = applied >= set(case.parties.values_list("pk", flat=True))
    log_event(case, K.APPLICATION_FILED, actor=actor, on=on, from_state=case.state, to_state=case.state,
              reason=_("%(party)s applied for judicial confirmation.") % {"party": party.name},
              basis="CPL 205; JI 351", party=party.name)
    if not complete:
        return None
    special = _file_confirmation(case, agreement=agreement, actor=actor, on=on)
    mediation.confirmation_case = special
    mediation.save(update_fields=["confirmation_case"])
    return special


def _file_confirmation(source: Case, *, agreement: Agreement, actor: User, on: date) -> Case:
    """The joint application as a 民特 case (CPL 205; JI 354: the agreement and the parties' details)."""
    cause = (Cause.objects.filter(name=CONFIRMATION_CAUSE).order_by("-catalogue__version").first()
             or source.cause)
    parties = [PartyInput(side=p.side, name=p.name, kind=p.kind, id_number=p.id_number, address=p.address,
                          phone=p.phone, e_service_consent=p.e_service_consent, e_address=p.e_address,
                          user=p.user) for p in source.parties.all()]
    filing = FilingInput(cause=cause, claim_amount=source.claim_amount, parties=parties, case_type=CaseType.SPECIAL,
                         claims=_("Confirm the mediation agreement of %(case)s.") % {"case": source.case_number},
                         facts=agreement.terms[:4000], original_case_number=source.case_number or "")
    special = case_submit(court=source.court, filing=filing, actor=actor, on=on)
    if agreement.document_id:
        doc = agreement.document
        doc.pk, doc.id, doc.case = None, None, special  # the same stored file, in the new case's file
        doc.save()
    return special


@transaction.atomic
def confirmation_decide(*, case: Case, actor: User | None, confirmed: bool, ground: str = "",
                        on: date | None = None) -> Case:
    """The ruling on the application (CPL 206 "符合法律规定的，裁定调解协议有效……不符合法律规定的，裁定驳回申请"):
    the 民特 case closes on the ruling's day (TL2000 Art. 10), a dismissal naming its ground (JI 355, 358)."""
    mediation = Mediation.objects.filter(confirmation_case=case).first()
    if mediation is None:
        raise CaseRuleError(NOT_A_CONFIRMATION, code="not_confirmation")
    if not confirmed and not ground.strip():
        raise CaseRuleError(REFUSAL_NEEDS_GROUND, code="no_ground", article="JI 358")
    check_length(_("ground"), ground, 500)
    on = day_or_today(on)
    reason = ground.strip() or _("CPL 206: the mediation agreement is confirmed as valid.")
    return case_close(case=case, actor=actor, mode=ClosingMode.OTHER if confirmed else ClosingMode.DISMISSAL,
                      ruling_on=on, reason=reason)


def signatures_by_party(agreement: Agreement | None) -> dict[int, Signature]:
    if agreement is None:
        return {}
    return {s.party_id: s for s in agreement.signatures.select_related("signed_by")}


def now_local_day() -> date:
    return timezone.localdate()
