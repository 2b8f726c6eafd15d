"""The case timeline for people: each event's payload as labelled, formatted values instead of raw keys.

`PAYLOAD_FIELDS` declares, once, the payload keys a reader is shown: the label, how the value reads (yes/no,
dates and times in the court's time zone, a choice by its label, amounts in yuan) and whether only the court's
staff see it. A key without a label is internal: parties and lawyers never see it, the staff see it under the
key itself. Used by the case page (`views.case.case_page`, `templates/cases/detail.html`).
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

from .models import CaseEvent, ClosingMode, DocumentKind, Hearing, Panel, Party, PeriodKind, Procedure, ServiceAttempt
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


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class PayloadField:
    label: Promise
    format: Callable[[Any], str] = _plain
    staff_only: bool = False


F = PayloadField
PAYLOAD_FIELDS: dict[str, PayloadField] = {
    # filing and assignment
    "case_number": F(gettext_lazy("Case number")),
    "procedure": F(gettext_lazy("Procedure"), _choice(Procedure)),
    "panel": F(gettext_lazy("Panel"), _choice(Panel)),
    "team": F(gettext_lazy("Team")),
    "judge": F(gettext_lazy("Judge")),
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
    "document": F(gettext_lazy("Document"), _choice(ServiceAttempt.Document)),
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
    # the triage workings: the court's only
    "route": F(gettext_lazy("Route"), _choice(Procedure), staff_only=True),
    "recommended": F(gettext_lazy("Recommended"), _choice(Procedure), staff_only=True),
    "p_complex": F(gettext_lazy("Probability of a complex case"), lambda v: f"{float(v):.0%}", staff_only=True),
    "needs_review": F(gettext_lazy("Needs a judge's review"), _yes_no, staff_only=True),
}
del F


def payload_items(payload: dict[str, Any] | None, *, staff: bool) -> list[tuple[str, str]]:
    """(label, value) pairs of one event's payload for the reader; empty values left out."""
    items = []
    for key, value in (payload or {}).items():
        if value is None or value == "" or value == [] or value == {}:
            continue
        field = PAYLOAD_FIELDS.get(key)
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
