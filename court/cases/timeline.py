"""The case timeline for people: each event's payload as labelled, formatted values instead of raw keys.

`PAYLOAD_FIELDS` declares, once, the payload keys a reader is shown: the label, how the value reads (yes/no,
dates and times in the court's time zone, a choice by its label, amounts in yuan) and whether only the court's
staff see it. A key without a label is internal: parties and lawyers never see it, the staff see it under the
key itself (tests/web/test_case_timeline.py checks that every key our services write is labelled or in
`INTERNAL_KEYS`). Other apps declare their own keys with `register_payload_fields` (triage's workings).
Used by the case page (`views.case.case_page`, `templates/cases/detail.html`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (Application, AsyncStage, CaseEvent, CasePeriod, ClosingMode, DocumentKind, FeeNotice, Hearing,
                     HearingAttendance, Panel, Party, PeriodKind, Procedure, ServiceAttempt)
from .templatetags.fanjian import iso, yuan


def _yes_no(value: Any) -> str:
    return _("Yes") if value else _("No")


def _day_or_time(value: Any) -> str:
    """An ISO date or datetime from the payload, as the pages show dates (a time in the court's time zone)."""
    if isinstance(value, str):
        try:
            parsed: date | datetime = (datetime.fromisoformat(value) if "T" in value or " " in value
                                       else date.fromisoformat(value))
        except ValueError:
            return value
        value = parsed
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return iso(value) if isinstance(value, (date, datetime)) else str(value)


def _choice(*choice_classes: Any) -> Callable[[Any], str]:
    """A stored choice by its label (several choice classes when a key is shared, e.g. a period or document kind)."""
    def label(value: Any) -> str:
        for choices in choice_classes:
            if isinstance(value, str) and value in choices.values:
                return str(choices(value).label)
        return str(value)
    return label


def _consents(value: Any) -> str:
    """{party: day recorded ("" with the complaint)} → "张三 (2024-03-01)、李四"."""
    if not isinstance(value, dict):
        return str(value)
    return "、".join(f"{name} ({_day_or_time(on)})" if on else str(name) for name, on in value.items())


#: What a correction or an address confirmation changed (payload "changed"), by label.
CHANGED_LABELS = {"parties": gettext_lazy("parties"), "claims": gettext_lazy("claims"),
                  "claim_amount": gettext_lazy("claim amount"), "facts": gettext_lazy("facts and reasons"),
                  "address": gettext_lazy("service address"), "e_address": gettext_lazy("electronic address")}


def _changed(value: Any) -> str:
    if not isinstance(value, (list, tuple)):
        return str(value)
    return "、".join(str(CHANGED_LABELS.get(key, key)) for key in value)


#: The steps of an application for fee relief and the court's decisions (services.fees), by label.
RELIEF_STEPS = {"applied": gettext_lazy("applied for"), "granted": gettext_lazy("granted"),
                "refused": gettext_lazy("refused")}


def _relief_step(value: Any) -> str:
    if value in RELIEF_STEPS:
        return str(RELIEF_STEPS[value])
    return _choice(FeeNotice.Relief)(value)


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class PayloadField:
    label: Promise
    format: Callable[[Any], str] = _plain
    staff_only: bool = False
    hide_ids: bool = False  # a key that holds a choice in some events and a row's id in others: the id is not shown


F = PayloadField
PAYLOAD_FIELDS: dict[str, PayloadField] = {
    # filing and assignment
    "case_number": F(gettext_lazy("Case number")),
    "procedure": F(gettext_lazy("Procedure"), _choice(Procedure)),
    "panel": F(gettext_lazy("Panel"), _choice(Panel)),
    "team": F(gettext_lazy("Team")),
    "judge": F(gettext_lazy("Judge")),
    "from_team": F(gettext_lazy("Team before")),
    "from_judge": F(gettext_lazy("Judge before")),
    "decision_due": F(gettext_lazy("Decision due"), _day_or_time),
    "service_due": F(gettext_lazy("Service due"), _day_or_time),
    "small_claims_agreed": F(gettext_lazy("The parties agreed to small claims"), _yes_no),
    # parties and preparation
    "side": F(gettext_lazy("Side"), _choice(Party.Side)),
    "name": F(gettext_lazy("Name")),
    "party": F(gettext_lazy("Party")),
    "days": F(gettext_lazy("Days")),
    "months": F(gettext_lazy("Months")),
    "start_on": F(gettext_lazy("Starts on"), _day_or_time),
    "ends_on": F(gettext_lazy("Ends on"), _day_or_time),
    "end_on": F(gettext_lazy("Ends on"), _day_or_time),
    "agreed": F(gettext_lazy("Agreed by the parties and approved by the court"), _yes_no),
    "answer_period": F(gettext_lazy("No answer period needed"), _yes_no),
    "evidence_period": F(gettext_lazy("No evidence period needed"), _yes_no),
    # service of process
    "channel": F(gettext_lazy("Channel"), _choice(ServiceAttempt.Channel)),
    "document": F(gettext_lazy("Document"), _choice(ServiceAttempt.Document), hide_ids=True),
    "deemed_served_on": F(gettext_lazy("Deemed served on"), _day_or_time),
    "answer_due": F(gettext_lazy("Answer due"), _day_or_time),
    # hearings
    "mode": F(gettext_lazy("Mode"), _choice(Hearing.Mode, ClosingMode)),
    "starts_at": F(gettext_lazy("Starts at"), _day_or_time),
    "room": F(gettext_lazy("Courtroom or link")),
    "cause": F(gettext_lazy("Cause of the adjournment"), _choice(Hearing.Cause)),
    "assistant": F(gettext_lazy("Judge's assistant")),
    "clerk": F(gettext_lazy("Clerk")),
    "previous_hearing": F(gettext_lazy("Previous hearing"), _day_or_time),
    "president_approved": F(gettext_lazy("Approved by the president (force majeure)"), _yes_no),
    "online_consents": F(gettext_lazy("Consents to an online hearing"), _consents),
    "answer_period_waived": F(gettext_lazy("No answer period needed"), _yes_no),
    "evidence_period_waived": F(gettext_lazy("No evidence period needed"), _yes_no),
    "ends_at": F(gettext_lazy("Ends at"), _day_or_time),
    "public": F(gettext_lazy("Public hearing"), _yes_no),
    "windows": F(gettext_lazy("Windows"), lambda value: "; ".join(
        f"{AsyncStage(w['stage']).label} {w['opens_on']}–{w['closes_on']}" for w in value)),
    "stage": F(gettext_lazy("Stage"), _choice(AsyncStage)),
    "attendance": F(gettext_lazy("Attendance"), lambda value: "、".join(
        f"{name} {HearingAttendance.Presence(presence).label}" for name, presence in value.items())),
    "transcript": F(gettext_lazy("Transcript"), staff_only=True),
    # interruptions, conversions, closing
    "kind": F(gettext_lazy("Kind"), _choice(PeriodKind, DocumentKind)),
    "mediator": F(gettext_lazy("Mediator")),
    "mediation_due": F(gettext_lazy("Mediation ends by"), _day_or_time),
    "extended_deadline": F(gettext_lazy("Extended deadline"), _day_or_time),
    "applied_on": F(gettext_lazy("Applied on"), _day_or_time),
    "from_procedure": F(gettext_lazy("Procedure before"), _choice(Procedure)),
    "to_procedure": F(gettext_lazy("Procedure after"), _choice(Procedure)),
    "required_procedure": F(gettext_lazy("Procedure required"), _choice(Procedure)),
    "top_up": F(gettext_lazy("Fee to top up"), yuan),
    "top_up_due": F(gettext_lazy("Top up by"), _day_or_time),
    "net_trial_days": F(gettext_lazy("Net trial days")),
    "within_normal_term": F(gettext_lazy("Within the normal term"), _yes_no),
    "late": F(gettext_lazy("Late"), _yes_no),
    # pre-filing mediation (court.mediation): the 民诉前调 case a complaint comes from, and its days (OMR 21, 24)
    "pre_filing_case": F(gettext_lazy("After pre-filing mediation")),
    "pre_filing_days": F(gettext_lazy("Days in pre-filing mediation (not in the trial term)")),
    "appraisal_carried": F(gettext_lazy("Appraisal carried from pre-filing mediation (OMR 26)"), _yes_no),
    "assign_by": F(gettext_lazy("Mediator to be named by (OMR 10)"), _day_or_time),
    "organisation": F(gettext_lazy("Mediation organisation")),
    "agreement_effective_on": F(gettext_lazy("Agreement effective on"), _day_or_time),
    "confirm_by": F(gettext_lazy("Apply for judicial confirmation by (CPL 205)"), _day_or_time),
    # correction, applications, answers, service addresses
    "due_on": F(gettext_lazy("Correct by"), _day_or_time),
    "changed": F(gettext_lazy("Changed"), _changed),
    "old_amount": F(gettext_lazy("Amount before"), yuan),
    "new_amount": F(gettext_lazy("Amount after"), yuan),
    "parties_added": F(gettext_lazy("Parties added")),
    "parties_changed": F(gettext_lazy("Parties changed")),
    "parties_removed": F(gettext_lazy("Parties removed")),
    "application": F(gettext_lazy("Application"), _choice(Application.Kind)),
    "granted": F(gettext_lazy("Granted"), _yes_no),
    "appealable": F(gettext_lazy("Open to appeal (CPL 157)"), _yes_no),
    "counterclaim_continues": F(gettext_lazy("The counterclaim goes on (JI 239)"), _yes_no),
    "address": F(gettext_lazy("Service address"), staff_only=True),
    "e_address": F(gettext_lazy("Electronic address"), staff_only=True),
    # court fees (services.fees): "notice" (the FeeNotice id) stays the court's
    "fee_kind": F(gettext_lazy("Fee"), _choice(FeeNotice.Kind)),
    "amount": F(gettext_lazy("Fee amount"), yuan),
    "fee_due_on": F(gettext_lazy("Due by"), _day_or_time),
    "payer": F(gettext_lazy("Payer")),
    "prepayment_required": F(gettext_lazy("Paid in advance (FEE 20)"), _yes_no),
    "reference": F(gettext_lazy("Payment reference")),
    "paid_through": F(gettext_lazy("Paid through")),
    "still_owed": F(gettext_lazy("Still owed"), yuan),
    "step": F(gettext_lazy("Relief"), _relief_step),
    "requested": F(gettext_lazy("Relief asked for"), _choice(FeeNotice.Relief)),
    "decision": F(gettext_lazy("Decision"), _relief_step),
    "reduced_by": F(gettext_lazy("Reduced by"), yuan),
    "deferred_to": F(gettext_lazy("Deferred to"), _day_or_time),
    # after the decision (services.after_judgment) and extension applications (services.extensions)
    "served_on": F(gettext_lazy("Served on"), _day_or_time),
    "appeal_last_day": F(gettext_lazy("Appeal period ended"), _day_or_time),
    "effective_on": F(gettext_lazy("Effective on"), _day_or_time),
    "performance_due": F(gettext_lazy("Last day of performance"), _day_or_time),
    "deadline": F(gettext_lazy("Deadline"), _day_or_time),
    "within_time": F(gettext_lazy("Within the two years (CPL 250)"), _yes_no),
    "higher_court": F(gettext_lazy("Reported to the higher court"), _yes_no),
    # the case file and service: what the court checks, not the parties' reading
    "size": F(gettext_lazy("File size (bytes)"), staff_only=True),
    "sha256": F(gettext_lazy("SHA-256 fingerprint"), staff_only=True),
    "evidence": F(gettext_lazy("Proof of service")),
    "answer_basis": F(gettext_lazy("Answer period under")),
    "previous_start_on": F(gettext_lazy("Started on before"), _day_or_time),
    "previous_days": F(gettext_lazy("Days before")),
    "old": F(gettext_lazy("Amount before"), yuan),
    "new": F(gettext_lazy("Amount after"), yuan),
    "number": F(gettext_lazy("Number in the evidence list")),
    "approver": F(gettext_lazy("Approved by"), _choice(CasePeriod.Approver)),
    "area": F(gettext_lazy("Area")),
    "gap_ground": F(gettext_lazy("Ground for a shorter notice"), lambda value: str(GAP_GROUNDS.get(value, value))),
}

#: Payload keys that are the database's own references (ids of the recommendation, attempt, hearing, period,
#: notice or document the event is about; where a row came from): never shown, the page links what matters.
INTERNAL_KEYS = frozenset({"recommendation", "attempt", "hearing", "period", "notice", "documents", "numbers",
                           "source", "submission", "window", "draft", "entry", "party_id", "document_id",
                           "application_id"})

#: CPL 139, TL2019 Art. 5: why a hearing was set with less than three days' notice (services.hearing_schedule).
GAP_GROUNDS = {"force_majeure": gettext_lazy("force majeure, approved by the president"),
               "parties_agree": gettext_lazy("the parties agreed")}
del F


def register_payload_fields(fields: dict[str, PayloadField]) -> None:
    """Another app's payload keys (e.g. triage's workings), declared by that app once at start-up
    (`AppConfig.ready`): the lower layer does not know them, the reader still sees labels, not keys."""
    clash = set(fields) & (set(PAYLOAD_FIELDS) | INTERNAL_KEYS)
    if clash - {k for k in clash if PAYLOAD_FIELDS.get(k) is fields.get(k)}:  # the same object again: a reload
        raise ValueError(f"payload keys declared twice: {sorted(clash)}")
    PAYLOAD_FIELDS.update(fields)


def payload_items(payload: dict[str, Any] | None, *, staff: bool) -> list[tuple[str, str]]:
    """(label, value) pairs of one event's payload for the reader; empty values left out."""
    items = []
    for key, value in (payload or {}).items():
        if value is None or value == "" or value == [] or value == {}:
            continue
        if key in INTERNAL_KEYS:
            continue
        field = PAYLOAD_FIELDS.get(key)
        if field is not None and field.hide_ids and isinstance(value, int):
            continue
        if field is None or field.staff_only:
            if not staff:
                continue
            if field is None:
                items.append((key, _plain(value)))
                continue
        try:
            shown = field.format(value)
        except (TypeError, ValueError):
            shown = _plain(value)
        items.append((str(field.label), shown))
    return items


def timeline(events: Iterable[CaseEvent], *, staff: bool) -> list[CaseEvent]:
    """The events with `shown_payload`, their payload as the reader sees it."""
    out = []
    for event in events:
        event.shown_payload = payload_items(event.payload, staff=staff)
        out.append(event)
    return out
