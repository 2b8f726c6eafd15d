"""What a party is told about a step in its case: one entry per CaseEvent kind (`EVENT_NOTICES`), each giving
the notice kind, who on the case hears of it, and its subject and text. The texts use only what the parties may
see (the case number, dates, amounts, the correction items and the reasons of a ruling): never a docket note,
triage, or an internal document. Rendered in the recipient's language (`language_of`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases.models import Application, CaseEvent, ClosingMode, FeeNotice, Hearing, Procedure, ServiceAttempt
from court.cases.templatetags.fanjian import yuan

from ..models import Notice

K = CaseEvent.Kind

#: Who on a case hears of a step: everyone with an account on it, the filer's side (plaintiffs and the filer),
#: the side that pays a fee notice, or the party a document was served on.
ALL, FILER, PAYER, SERVED = "all", "filer", "payer", "served"


@dataclass(frozen=True)
class Text:
    kind: str
    audience: str
    subject: str
    body: Callable[[CaseEvent], str]


def language_of(user: Any) -> str:
    """The recipient's language: the user's own where the account stores one, else the site's default."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def case_label(event: CaseEvent) -> str:
    case = event.case
    return case.case_number or _("your complaint of %(date)s") % {"date": case.submitted_on}


def _day(value: Any) -> str:
    if isinstance(value, str) and value:
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.isoformat() if isinstance(value, date) else "—"


def local_time(value: Any) -> str:
    """A payload's date-time as the court's local time (Asia/Shanghai), e.g. 2024-03-21 09:00."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return "—"


def _label(choices: Any, value: Any) -> str:
    return str(choices(value).label) if value in choices.values else str(value or "")


def _correction(e: CaseEvent) -> str:
    return _("The court asks you to correct the complaint (REG2015 Art. 7). Items:\n%(items)s\n\nDeadline: "
             "%(due)s. Correct them on the case page and resubmit.") % {
        "items": e.reason, "due": _day(e.payload.get("due_on"))}


def _accepted(e: CaseEvent) -> str:
    return _("The court accepted the case (立案) on %(on)s. Case number: %(number)s. Procedure: %(procedure)s.") % {
        "on": e.on, "number": e.case.case_number, "procedure": _label(Procedure, e.payload.get("procedure"))}


def _rejected(e: CaseEvent) -> str:
    return _("The court ruled on %(on)s not to accept the complaint. Reasons: %(reason)s\nThe ruling may be "
             "appealed (CPL 157).") % {"on": e.on, "reason": e.reason}


def _fee_notice(e: CaseEvent) -> str:
    p = e.payload
    kind = _label(FeeNotice.Kind, p.get("fee_kind"))
    if p.get("fee_due_on"):
        return _("%(kind)s: %(amount)s is due by %(due)s (7 days from the day after this notice, FEE 22). Pay on "
                 "the case page, or apply there for relief (司法救助) if paying is truly difficult (FEE 44). If it "
                 "is not paid, the suit may be deemed withdrawn (JI 213).") % {
            "kind": kind, "amount": yuan(p.get("amount")), "due": _day(p.get("fee_due_on"))}
    return _("%(kind)s: %(amount)s. A wage claim need not prepay it (FEE 20); the judgment says who bears it.") % {
        "kind": kind, "amount": yuan(p.get("amount"))}


def _fee_paid(e: CaseEvent) -> str:
    return _("A payment of %(amount)s was recorded on %(on)s (reference %(reference)s). Still owed: %(owed)s.") % {
        "amount": yuan(e.payload.get("amount")), "on": e.on, "reference": e.payload.get("reference", ""),
        "owed": yuan(e.payload.get("still_owed"))}


def _fee_relief(e: CaseEvent) -> str:
    p = e.payload
    decision = p.get("decision")
    if decision == "refused":
        return _("The court refused the application for relief on %(on)s. Reasons: %(reason)s\nPay the fee by its "
                 "due date (JI 213).") % {"on": e.on, "reason": e.reason}
    if decision == FeeNotice.Relief.DEFER:
        return _("The court deferred the fee (缓交) on %(on)s: it is now due by %(due)s.") % {
            "on": e.on, "due": _day(p.get("deferred_to"))}
    if decision == FeeNotice.Relief.REDUCE:
        return _("The court reduced the fee (减交) by %(amount)s on %(on)s.") % {
            "amount": yuan(p.get("reduced_by")), "on": e.on}
    return _("The court exempted the fee (免交) on %(on)s.") % {"on": e.on}


def _served(e: CaseEvent) -> str:
    return _("%(document)s was served on %(on)s.") % {
        "document": _label(ServiceAttempt.Document, e.payload.get("document")), "on": e.on} + (
        " " + _("Your answer is due by %(due)s.") % {"due": _day(e.payload.get("answer_due"))}
        if e.payload.get("answer_due") else "")


def _hearing(e: CaseEvent) -> str:
    return _("A hearing (%(mode)s) is set for %(time)s (Beijing time), %(room)s.") % {
        "mode": _label(Hearing.Mode, e.payload.get("mode")), "time": local_time(e.payload.get("starts_at")),
        "room": e.payload.get("room") or "—"}


def _adjourned(e: CaseEvent) -> str:
    return _("The hearing was adjourned on %(on)s. The court will send the new date.") % {"on": e.on}


def _decided(e: CaseEvent) -> str:
    verdict = _("granted") if e.payload.get("granted") else _("refused")
    return _("The court ruled on %(on)s on the %(application)s of %(party)s: %(verdict)s.\n%(ruling)s") % {
        "on": e.on, "application": _label(Application.Kind, e.payload.get("application")),
        "party": e.payload.get("party", ""), "verdict": verdict, "ruling": e.reason}


def _answer(e: CaseEvent) -> str:
    return _("An answer (答辩状) was filed on %(on)s; read it in the case file.") % {"on": e.on}


def _application(e: CaseEvent) -> str:
    return _("An application was filed on %(on)s; the judge will rule on it.") % {"on": e.on}


def _closed(e: CaseEvent) -> str:
    return _("The case was closed on %(on)s: %(mode)s.") % {
        "on": e.on, "mode": _label(ClosingMode, e.payload.get("mode"))}


def _converted(e: CaseEvent) -> str:
    return _("The case now proceeds under %(procedure)s (ruling of %(on)s).") % {
        "procedure": _label(Procedure, e.payload.get("to_procedure")), "on": e.on}


def _mediation(e: CaseEvent) -> str:
    return _("Mediation started on %(on)s; the mediator will contact you.") % {"on": e.on}


def _suspended(e: CaseEvent) -> str:
    return _("The proceedings were suspended on %(on)s (CPL 153).") % {"on": e.on}


def _resumed(e: CaseEvent) -> str:
    return _("The proceedings resumed on %(on)s.") % {"on": e.on}


N = Notice.Kind
EVENT_NOTICES: dict[str, Text] = {
    K.CORRECTION_REQUESTED: Text(N.CORRECTION, FILER, gettext_noop("Correct your complaint: %(case)s"), _correction),
    K.ACCEPTED: Text(N.ACCEPTED, ALL, gettext_noop("Case accepted: %(case)s"), _accepted),
    K.REJECTED: Text(N.REJECTED, FILER, gettext_noop("Complaint not accepted: %(case)s"), _rejected),
    K.FEE_NOTICE: Text(N.FEE_DUE, PAYER, gettext_noop("Court fee: %(case)s"), _fee_notice),
    K.FEE_PAID: Text(N.OTHER, PAYER, gettext_noop("Fee payment received: %(case)s"), _fee_paid),
    K.FEE_RELIEF: Text(N.RULING, PAYER, gettext_noop("Decision on fee relief: %(case)s"), _fee_relief),
    K.SERVICE_SERVED: Text(N.DOCUMENT_SERVED, SERVED, gettext_noop("Document served: %(case)s"), _served),
    K.HEARING_SCHEDULED: Text(N.HEARING, ALL, gettext_noop("Hearing scheduled: %(case)s"), _hearing),
    K.HEARING_ADJOURNED: Text(N.HEARING_CHANGED, ALL, gettext_noop("Hearing adjourned: %(case)s"), _adjourned),
    K.APPLICATION_DECIDED: Text(N.RULING, ALL, gettext_noop("Ruling on an application: %(case)s"), _decided),
    K.APPLICATION_FILED: Text(N.OTHER, ALL, gettext_noop("Application filed: %(case)s"), _application),
    K.ANSWER_FILED: Text(N.OTHER, ALL, gettext_noop("Answer filed: %(case)s"), _answer),
    K.CLOSED: Text(N.OTHER, ALL, gettext_noop("Case closed: %(case)s"), _closed),
    K.CONVERTED: Text(N.OTHER, ALL, gettext_noop("Procedure changed: %(case)s"), _converted),
    K.MEDIATION_STARTED: Text(N.OTHER, ALL, gettext_noop("Mediation started: %(case)s"), _mediation),
    K.SUSPENDED: Text(N.OTHER, ALL, gettext_noop("Proceedings suspended: %(case)s"), _suspended),
    K.RESUMED: Text(N.OTHER, ALL, gettext_noop("Proceedings resumed: %(case)s"), _resumed),
}
del N


def text_for(event: CaseEvent) -> Text | None:
    """The entry for `event`, or None when the parties are not told of it (internal steps, a party's own
    application for relief, which the party just made)."""
    if event.kind == K.FEE_RELIEF and (event.payload or {}).get("step") == "applied":
        return None
    return EVENT_NOTICES.get(event.kind)


def render(text: Text, event: CaseEvent) -> tuple[str, str]:
    """(subject, body) in the active language."""
    subject = _(text.subject) % {"case": case_label(event)}
    return subject[:200], text.body(event)[:5000]
