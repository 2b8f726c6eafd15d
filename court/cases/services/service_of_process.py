"""Service of process: one document to one party by a channel the law allows (CPL 87-95; OLR 29-31), with
the date the law deems it served (CPL 95: publication takes effect thirty days on, sixty for a party with no
domicile in China, CPL 283; JI 243(1) excludes that period from the term; JI 133: a mediation document in
person; JI 140: no publication under simple procedure). A served complaint starts that defendant's answer
period (CPL 128; CPL 285 for a defendant with no domicile in China; JI 266, 275 when the court set one).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User
from court.rules import periods as rule_periods

from .. import signals
from ..access import Action, require
from ..models import ACTIVE_STATES, Case, CasePeriod, CaseState, Party, PeriodKind, Procedure, ServiceAttempt
from ..term import case_refresh_term, court_calendar
from .base import (
    CaseRuleError,
    K,
    after_commit,
    check_choice,
    check_date,
    day_or_today,
    is_future,
    locked,
    log_event,
    refuse_transition,
)

PARTY_OF_OTHER_CASE = gettext_noop("The party does not belong to this case.")
MEDIATION_DOCUMENT_IN_PERSON = gettext_noop(
    "JI 133: a mediation document is served on the party in person; it cannot be left at the residence or "
    "published."
)
PUBLICATION_IN_SIMPLE = gettext_noop(
    "JI 140: publication service is barred under simple procedure and small claims; convert the case to "
    "ordinary procedure first."
)
PUBLICATION_NEEDS_GROUND = gettext_noop(
    "CPL 95: publication service only when the addressee's whereabouts are unknown or other methods have "
    "failed."
)
E_SERVICE_NEEDS_CONSENT = gettext_noop("CPL 90: electronic service needs the addressee's consent (OLR 29).")
ALREADY_RECORDED = gettext_noop("The result of this service attempt is already recorded.")
PUBLICATION_NOT_YET_EFFECTIVE = gettext_noop(
    "CPL 95: service by publication takes effect only on %(date)s, thirty days after publication."
)
PUBLICATION_ABROAD_NOT_YET_EFFECTIVE = gettext_noop(
    "CPL 283: service by publication on a party with no domicile in China takes effect only on %(date)s, sixty "
    "days after publication."
)
SERVED_BEFORE_SENT = gettext_noop("A document cannot be served before it was sent.")
SERVICE_FAILURE_NEEDS_REASON = gettext_noop("Say why service failed.")

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


def no_domicile(case: Case, party: Party | None) -> bool:
    """Whether the addressee has no domicile in China (CPL 283, 285): the party's own fact. An attempt that
    names no party (older records) is taken as addressed to the defendants, and gets the longer period if any
    of them has no domicile in China (product convention: the longer period never cuts a party's time short)."""
    if party is not None:
        return party.no_domicile_in_china
    return case.parties.filter(side=Party.Side.DEFENDANT, no_domicile_in_china=True).exists()


@transaction.atomic
def service_send(*, case: Case, actor: User | None, document: str, channel: str, party: Party | None = None,
                 on: date | None = None) -> ServiceAttempt:
    """Send one document to one party (CPL 87-95). The first service moves an accepted case into service."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    on = day_or_today(on)
    check_date(case, on)
    check_choice(_("document"), document, ServiceAttempt.Document.values)
    check_choice(_("service channel"), channel, ServiceAttempt.Channel.values)
    if case.state not in SERVICE_STATES:
        raise refuse_transition(case, _("serve documents"))
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
        effective = rule_periods.publication_effective(on, no_domicile=no_domicile(case, party),
                                                       calendar=court_calendar())
        # JI 243(1): the publication period is not counted in the term.
        CasePeriod.objects.create(case=case, kind=PeriodKind.PUBLICATION, start_on=on, end_on=effective,
                                  reason=_("Publication service"), created_by=actor)
    log_event(case, K.SERVICE_SENT, actor=actor, on=on, from_state=before, to_state=case.state,
              basis=SERVICE_BASIS[channel], attempt=attempt.pk, document=document, channel=channel,
              party=party.name if party else "", deemed_served_on=effective)
    if channel == Channel.PUBLICATION:
        case_refresh_term(case)
        after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.SERVICE_FAILED)
    return attempt


@transaction.atomic
def service_record(*, attempt: ServiceAttempt, actor: User | None, served: bool, on: date | None = None,
                   evidence: str = "", failure_reason: str = "") -> ServiceAttempt:
    """Record the result of a service attempt; the date is the one the law deems (law-digest §4.1):
    publication is served thirty days after it (CPL 95), whatever date is given."""
    case = locked(attempt.case)
    require(actor, Action.DOCKET, case)
    attempt = ServiceAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.status not in (ServiceAttempt.Status.PENDING, ServiceAttempt.Status.SENT):
        raise CaseRuleError(ALREADY_RECORDED, code="recorded")
    on = day_or_today(on)
    if attempt.channel == ServiceAttempt.Channel.PUBLICATION and served:
        abroad = no_domicile(case, attempt.party)
        on = rule_periods.publication_effective(attempt.sent_on or on, no_domicile=abroad, calendar=court_calendar())
        if is_future(on):
            raise CaseRuleError(PUBLICATION_ABROAD_NOT_YET_EFFECTIVE if abroad else PUBLICATION_NOT_YET_EFFECTIVE,
                                code="publication_pending", article="CPL 283" if abroad else "CPL 95",
                                params={"date": on})
    if attempt.sent_on and on < attempt.sent_on:
        raise CaseRuleError(SERVED_BEFORE_SENT, code="served_before_sent")
    check_date(case, on)
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
    answer = None
    if served and attempt.document == ServiceAttempt.Document.COMPLAINT:
        answer = rule_periods.answer_period(on, procedure=case.procedure, no_domicile=no_domicile(case, attempt.party),
                                            court_set_days=case.answer_period_days, calendar=court_calendar())
    log_event(case, kind, actor=actor, on=on, from_state=case.state, to_state=case.state,
              basis=SERVICE_BASIS[attempt.channel], attempt=attempt.pk, channel=attempt.channel,
              document=attempt.document, reason=failure_reason, evidence=evidence,
              answer_due=answer.ends_on if answer else None, answer_basis=answer.article if answer else "")
    if not served:
        after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.SERVICE_FAILED)
    return attempt
