"""Preparing for the hearing: the evidence period (JI 99, 266, 275), the answer period the court sets under
simple procedure and small claims (JI 266, 275), the parties' waiver of both (JI 266 para 3, JI 275 para 3),
and each party's own consents to electronic service, online hearings and online mediation (CPL 90; OLR 4, 21;
OMR 4). `hearing_schedule` reads what is recorded here (`answer_periods`, `evidence_period_end`).

Each is logged with its own event kind (EVIDENCE_PERIOD_SET, ANSWER_PERIOD_SET, PERIODS_WAIVED,
CONSENTS_RECORDED), so the parties see them on the timeline.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User
from court.rules import periods as rule_periods
from court.rules.errors import RuleViolation

from ..access import FILING_STATES, Action, require, require_for_party
from ..models import ACTIVE_STATES, Case, Party, Procedure, ServiceAttempt
from ..term import court_calendar
from .base import (
    CaseRuleError,
    K,
    check_date,
    check_length,
    day_or_today,
    from_rule,
    locked,
    log_event,
    require_pending,
)

EVIDENCE_START_NEEDED = gettext_noop("Give the day the evidence notice was served (JI 99: the period runs from it).")
WAIVER_NEEDS_A_PERIOD = gettext_noop("Say which period the parties waived: the answer period, the evidence period or both.")
WAIVER_NEEDS_NOTE = gettext_noop(
    "JI 266, 275: record where both parties said they need no answer or evidence period (the transcript or "
    "their signed statements)."
)
CONSENT_NEEDS_E_ADDRESS = gettext_noop("CPL 90: electronic service needs the addressee's electronic address.")
NO_CONSENT_GIVEN = gettext_noop("Say which consent the party gave or withdrew.")
ADDRESS_NEEDED = gettext_noop(
    "送达地址确认书 (JI 137): give the address where documents reach the party, or its electronic address."
)

#: Where a waiver of each period has a text (JI 266 para 3, JI 275 para 3); under ordinary procedure there is
#: none in the store, so accepting one there is this product's convention and is logged as such.
WAIVER_BASIS = {
    Procedure.SIMPLE: "JI 266",
    Procedure.SMALL_CLAIMS: "JI 275",
    Procedure.ORDINARY: "CPL 128; JI 99; product convention",
}


def evidence_period_end(case: Case) -> date | None:
    """The last day of the case's evidence period (CPL 85, JI 125: from the day after the notice was
    served), or None if none is set."""
    if case.evidence_period_start is None or not case.evidence_period_days:
        return None
    return rule_periods.day_period_end(case.evidence_period_start, case.evidence_period_days,
                                       calendar=court_calendar())


def answer_periods(case: Case) -> list[tuple[Party, rule_periods.AnswerPeriod]]:
    """Each defendant's answer period, counted from its own service of the complaint: 15 days (CPL 128), 30
    for a defendant with no domicile in China (CPL 285), or the period the court set under simple procedure or
    small claims (JI 266, 275). A complaint served with no party named (older records) counts for every
    defendant. Defendants with no answer period (simple procedure, none set) are left out."""
    served: dict[int | None, date] = {}
    for party_id, served_on in case.service_attempts.filter(
        document=ServiceAttempt.Document.COMPLAINT, status=ServiceAttempt.Status.SERVED, served_on__isnull=False,
    ).values_list("party_id", "served_on"):
        if party_id not in served or served_on < served[party_id]:
            served[party_id] = served_on
    calendar = court_calendar()
    out = []
    for defendant in case.parties.filter(side=Party.Side.DEFENDANT):
        days = [d for d in (served.get(defendant.pk), served.get(None)) if d is not None]
        period = rule_periods.answer_period(
            min(days) if days else None, procedure=case.procedure, no_domicile=defendant.no_domicile_in_china,
            court_set_days=case.answer_period_days, calendar=calendar)
        if period is not None:
            out.append((defendant, period))
    return out


def earliest_hearing_day(case: Case) -> date | None:
    """The first day a hearing may be held after every answer period and the evidence period that are set
    and not waived (None: a defendant is not served yet, or nothing holds the hearing back)."""
    ends: list[date] = []
    if not case.answer_period_waived:
        for _party, period in answer_periods(case):
            if period.ends_on is None:
                return None
            ends.append(period.ends_on)
    evidence = evidence_period_end(case)
    if evidence is not None and not case.evidence_period_waived:
        ends.append(evidence)
    return max(ends) + timedelta(days=1) if ends else None


def check_hearing_day(case: Case, hearing_on: date) -> None:
    """Refuse a hearing inside an answer period or the evidence period the parties did not waive
    (CPL 128, 285; JI 99, 266, 275)."""
    try:
        rule_periods.check_hearing_after_periods(
            procedure=case.procedure, hearing_on=hearing_on,
            answer_periods=[period for _party, period in answer_periods(case)],
            evidence_ends=evidence_period_end(case),
            answer_waived=case.answer_period_waived, evidence_waived=case.evidence_period_waived,
        )
    except RuleViolation as exc:
        raise from_rule(exc) from None


@transaction.atomic
def case_set_evidence_period(*, case: Case, actor: User | None, start_on: date | None, days: int,
                             agreed: bool = False, reason: str = "", on: date | None = None) -> Case:
    """Set (or reset) the evidence period: `days` from the day the evidence notice was served (`start_on`).

    JI 99: at least 15 days under ordinary procedure when the court sets it (an agreed period the court
    approves is not bound by the floor); JI 266: at most 15 under simple procedure; JI 275: generally at most 7
    in small claims, longer only with a reason."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    require_pending(case, _("have its evidence period set"))
    if start_on is None:
        raise CaseRuleError(EVIDENCE_START_NEEDED, code="evidence_start")
    check_date(case, start_on)
    on = day_or_today(on)
    check_date(case, on)
    try:
        rule_periods.check_evidence_period(procedure=case.procedure, days=days, agreed=agreed, reason=reason)
    except RuleViolation as exc:
        raise from_rule(exc) from None
    old = (case.evidence_period_start, case.evidence_period_days)
    case.evidence_period_start, case.evidence_period_days = start_on, days
    case.save(update_fields=["evidence_period_start", "evidence_period_days"])
    basis = {Procedure.ORDINARY: "JI 99", Procedure.SIMPLE: "JI 266"}.get(case.procedure, "JI 275")
    log_event(case, K.EVIDENCE_PERIOD_SET, actor=actor, on=on, from_state=case.state, to_state=case.state,
              reason=reason, basis=basis, start_on=start_on, days=days, agreed=agreed,
              ends_on=evidence_period_end(case), previous_start_on=old[0], previous_days=old[1])
    return case


@transaction.atomic
def case_set_answer_period(*, case: Case, actor: User | None, days: int, reason: str = "",
                           on: date | None = None) -> Case:
    """The answer period the court sets, with the defendant's consent, when the defendant asks to answer in
    writing: simple procedure (JI 266 "合理确定答辩期间") and small claims (JI 275, at most 15 days). Under
    ordinary procedure the law sets it (CPL 128, 285)."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    require_pending(case, _("have its answer period set"))
    on = day_or_today(on)
    check_date(case, on)
    try:
        rule_periods.check_answer_period(procedure=case.procedure, days=days)
    except RuleViolation as exc:
        raise from_rule(exc) from None
    old = case.answer_period_days
    case.answer_period_days = days
    case.save(update_fields=["answer_period_days"])
    log_event(case, K.ANSWER_PERIOD_SET, actor=actor, on=on, from_state=case.state, to_state=case.state,
              reason=reason, basis="JI 275" if case.procedure == Procedure.SMALL_CLAIMS else "JI 266", days=days, previous_days=old)
    return case


@transaction.atomic
def case_waive_periods(*, case: Case, actor: User | None, answer: bool = False, evidence: bool = False,
                       note: str, on: date | None = None) -> Case:
    """Record that the parties said they need no answer period and/or no evidence period, so the hearing may
    come at once. JI 266 (simple): "当事人双方均表示不需要举证期限、答辩期间的，人民法院可以立即开庭审理或者确定
    开庭日期"; JI 275 (small claims) likewise. Under ordinary procedure the store has no text for a waiver: it is
    accepted as a product convention, and the event's basis says so."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    require_pending(case, _("record a waiver"))
    if not (answer or evidence):
        raise CaseRuleError(WAIVER_NEEDS_A_PERIOD, code="waiver_period")
    if not note.strip():
        raise CaseRuleError(WAIVER_NEEDS_NOTE, code="waiver_note", article=WAIVER_BASIS[Procedure(case.procedure)])
    on = day_or_today(on)
    check_date(case, on)
    case.answer_period_waived = case.answer_period_waived or answer
    case.evidence_period_waived = case.evidence_period_waived or evidence
    case.save(update_fields=["answer_period_waived", "evidence_period_waived"])
    log_event(case, K.PERIODS_WAIVED, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=note,
              basis=WAIVER_BASIS[Procedure(case.procedure)], answer_period=answer,
              evidence_period=evidence, procedure=case.procedure)
    return case


@transaction.atomic
def party_record_consents(*, party: Party, actor: User | None, e_service: bool | None = None,
                          e_address: str = "", online_hearing: bool | None = None,
                          online_mediation: bool | None = None, note: str = "", on: date | None = None) -> Party:
    """Record one party's own consents (None leaves one as it is): electronic service (CPL 90; OLR 29), an
    online hearing (OLR 4, 21) and online mediation (OMR 4). Each is a separate consent: OLR 4(4) "当事人仅主动选择
    或者同意对部分诉讼环节适用在线诉讼的，人民法院不得推定其对其他诉讼环节均同意适用在线诉讼". The trial team records
    them (DOCKET), or the party itself or its lawyer gives them online (`access.require_for_party`)."""
    case = locked(party.case)
    party = Party.objects.select_for_update().get(pk=party.pk)
    require_for_party(actor, party)
    if case.state not in (*ACTIVE_STATES, *FILING_STATES):
        require_pending(case, _("record consents"))
    if e_service is None and online_hearing is None and online_mediation is None:
        raise CaseRuleError(NO_CONSENT_GIVEN, code="no_consent")
    on = day_or_today(on)
    check_date(case, on)
    changed: dict[str, bool] = {}
    if e_service is not None:
        address = e_address.strip() or party.e_address
        if e_service and not address:
            raise CaseRuleError(CONSENT_NEEDS_E_ADDRESS, code="e_address", article="CPL 90")
        party.e_service_consent, party.e_address = e_service, address
        changed["e_service_consent"] = e_service
    if online_hearing is not None:
        party.online_hearing_consent = changed["online_hearing_consent"] = online_hearing
    if online_mediation is not None:
        party.online_mediation_consent = changed["online_mediation_consent"] = online_mediation
    party.save()
    case.refresh_party_facts()
    case.save()
    log_event(case, K.CONSENTS_RECORDED, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=note,
              basis="CPL 90; OLR 4, 21, 29; OMR 4", party_id=party.pk, party=party.name,
              side=party.side, **changed)
    return party


@transaction.atomic
def party_confirm_address(*, party: Party, actor: User | None, address: str, e_address: str = "",
                          phone: str | None = None, on: date | None = None) -> Party:
    """The party confirms or changes its service addresses (送达地址确认书): JI 137 "当事人在提起上诉、申请再审、
    申请执行时未书面变更送达地址的，其在第一审程序中确认的送达地址可以作为第二审程序、审判监督程序、执行程序的送达地址";
    OLR 29-30 for the electronic address. The party itself or its lawyer (`access.require_for_party`), or the
    trial team with a paper form. `Party.address_confirmed_on` keeps the day; one ADDRESS_CONFIRMED event keeps
    the addresses for the court (outsiders do not see them on the timeline). An electronic address stays
    required while the party consents to electronic service (CPL 90)."""
    case = locked(party.case)
    party = Party.objects.select_for_update().get(pk=party.pk)
    require_for_party(actor, party)
    if case.state not in (*ACTIVE_STATES, *FILING_STATES):
        require_pending(case, _("take a service address"))
    on = day_or_today(on)
    check_date(case, on)
    address, e_address = (address or "").strip(), (e_address or "").strip()
    if not address and not e_address:
        raise CaseRuleError(ADDRESS_NEEDED, code="no_address", article="JI 137")
    check_length(_("service address"), address, 200)
    check_length(_("electronic address"), e_address, 200)
    if party.e_service_consent and not e_address:
        raise CaseRuleError(CONSENT_NEEDS_E_ADDRESS, code="e_address", article="CPL 90")
    old = {"address": party.address, "e_address": party.e_address}
    party.address, party.e_address = address, e_address
    if address:
        party.address_known = True
    if phone is not None:
        check_length(_("phone"), phone.strip(), 30)
        party.phone = phone.strip()
    party.address_confirmed_on = on
    party.save()
    case.refresh_party_facts()
    case.save()
    log_event(case, K.ADDRESS_CONFIRMED, actor=actor, on=on, from_state=case.state, to_state=case.state,
              basis="JI 137; OLR 29", party=party.name, party_id=party.pk, address=address, e_address=e_address,
              changed=[key for key, value in old.items() if value != getattr(party, key)])
    return party
