"""The facts a document template may print: plain data only (see engine.py), in the document's language.

Parties are listed plaintiffs first, then defendants, then third parties (`Party.side_rank`, CPL 122's order);
dates read 2024年3月1日 in Chinese and 1 March 2024 in English; times are the court's (Asia/Shanghai).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

from court.cases.fees import fee_for_case
from court.cases.models import Case, CaseEvent, FeeNotice, Hearing, Party, ServiceAttempt
from court.org.models import Role

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
#: CPL 171: 15 days for a judgment, 10 for a ruling; CPL 286: 30 for a party with no domicile in China.
APPEAL_DAYS = {"judgment": 15, "ruling": 10, "abroad": 30}


def day(value: date | None, language: str) -> str:
    if value is None:
        return ""
    if language.startswith("zh"):
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def moment(value: datetime | None, language: str) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{day(local.date(), language)} {local:%H:%M}"


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def joined(names: list[str], language: str) -> str:
    return ("、" if language.startswith("zh") else ", ").join(names)


def _party(party: Party, language: str) -> dict[str, Any]:
    return {
        "name": party.name, "side": party.get_side_display(), "side_key": party.side, "kind": party.get_kind_display(),
        "address": party.address, "e_address": party.e_address, "phone": party.phone,
        "representatives": [r.name + (f"（{r.law_firm}）" if r.law_firm and language.startswith("zh")
                                      else f" ({r.law_firm})" if r.law_firm else "")
                            for r in party.representatives.all()],
    }


def _team_member(case: Case, role: str) -> str:
    if role == Role.JUDGE and case.judge_id:
        return str(case.judge)
    if not case.team_id:
        return ""
    member = case.team.members.filter(role=role, is_active=True).order_by("id").first()
    return str(member) if member else ""


def _event(case: Case, kind: str) -> CaseEvent | None:
    return case.events.filter(kind=kind).order_by("-on", "-id").first()


def _hearing(hearing: Hearing | None, language: str) -> dict[str, Any]:
    if hearing is None:
        return {}
    local = timezone.localtime(hearing.starts_at)
    return {"starts_at": moment(hearing.starts_at, language), "date": day(local.date(), language),
            "time": f"{local:%H:%M}", "room": hearing.room, "mode": hearing.get_mode_display(),
            "online": hearing.mode == Hearing.Mode.ONLINE, "notified_on": day(hearing.notified_on, language),
            "respond_by": day(hearing.respond_by, language)}


def _fee(case: Case, notice: FeeNotice | None, language: str) -> dict[str, Any]:
    if notice is not None:
        return {"amount": money(notice.amount), "kind": notice.get_kind_display(), "basis": notice.basis,
                "issued_on": day(notice.issued_on, language), "due_on": day(notice.due_on, language),
                "payer": notice.party.name if notice.party_id else "", "from_notice": True}
    result = fee_for_case(case)
    return {"amount": money(result.payable), "kind": "", "basis": "; ".join(result.basis), "issued_on": "",
            "due_on": "", "payer": "", "from_notice": False}


def _reached(attempt: ServiceAttempt, sent: CaseEvent | None, language: str) -> str:
    if sent is not None and timezone.localdate(sent.at) == attempt.sent_on:
        return moment(sent.at, language)
    return day(attempt.sent_on, language)


def _service(attempt: ServiceAttempt | None, language: str) -> dict[str, Any]:
    if attempt is None:
        return {}
    sent = attempt.case.events.filter(kind=CaseEvent.Kind.SERVICE_SENT, payload__attempt=attempt.pk).first()
    served = attempt.case.events.filter(kind=CaseEvent.Kind.SERVICE_SERVED, payload__attempt=attempt.pk).first()
    party = attempt.party
    return {
        "document": attempt.get_document_display(), "channel": attempt.get_channel_display(),
        "electronic": attempt.channel == ServiceAttempt.Channel.ELECTRONIC,
        "status": attempt.get_status_display(),
        "party": party.name if party else "", "address": party.address if party else "",
        "e_address": party.e_address if party else "",
        "sent_on": day(attempt.sent_on, language), "served_on": day(attempt.served_on, language),
        # OLR 31 / CPL 90(2): the moment the platform delivered the message to the addressee's electronic address
        # (the platform's log of the sending); a sending recorded on a later day than it happened has only its day.
        "reached_at": _reached(attempt, sent, language),
        "recorded_at": moment(served.at, language) if served else "",
        "evidence": attempt.evidence, "failure_reason": attempt.failure_reason, "number": attempt.pk,
    }


def document_facts(case: Case, *, language: str, on: date, party: Party | None = None,
                   hearing: Hearing | None = None, attempt: ServiceAttempt | None = None,
                   fee_notice: FeeNotice | None = None) -> dict[str, Any]:
    """Everything a template may use, as strings, lists and dicts."""
    with translation.override(language):
        parties = [_party(p, language) for p in case.parties.prefetch_related("representatives")]
        by_side = {side: [p for p in parties if p["side_key"] == side] for side in Party.Side.values}
        plaintiffs, defendants = by_side[Party.Side.PLAINTIFF], by_side[Party.Side.DEFENDANT]
        third = by_side[Party.Side.THIRD_PARTY]
        rejected, closed, converted = (_event(case, k) for k in (CaseEvent.Kind.REJECTED, CaseEvent.Kind.CLOSED,
                                                                   CaseEvent.Kind.CONVERTED))
        evidence_end = None
        if case.evidence_period_start and case.evidence_period_days:
            evidence_end = case.evidence_period_start + timedelta(days=case.evidence_period_days)
        return {
            "court": {"name": case.court.name, "code": case.court.code},
            "case": {
                "number": case.case_number or "", "cause": case.cause.name if case.cause_id else "",
                "title": case.title, "procedure": case.get_procedure_display(),
                "initial_procedure": case.get_initial_procedure_display(), "panel": case.get_panel_display(),
                "sole_judge": case.panel == "sole", "claim_amount": money(case.claim_amount),
                "claims": case.claims, "facts": case.facts,
                "submitted_on": day(case.submitted_on, language), "filed_on": day(case.filed_on, language),
                "closed_on": day(case.closed_on, language), "converted_on": day(case.converted_on, language),
                "closing_mode": case.get_closing_mode_display() if case.closing_mode else "",
                "answer_days": case.answer_period_days or 15,
                "evidence_days": case.evidence_period_days or "",
                "evidence_start": day(case.evidence_period_start, language),
                "evidence_end": day(evidence_end, language),
                "ordinary": case.procedure == "ordinary",
            },
            "parties": parties, "plaintiffs": plaintiffs, "defendants": defendants, "third_parties": third,
            "plaintiffs_names": joined([p["name"] for p in plaintiffs], language),
            "defendants_names": joined([p["name"] for p in defendants], language),
            "third_parties_names": joined([p["name"] for p in third], language),
            "addressee": _party(party, language) if party is not None else {},
            "judge": _team_member(case, Role.JUDGE), "assistant": _team_member(case, Role.ASSISTANT),
            "clerk": _team_member(case, Role.CLERK),
            "issued_on": day(on, language),
            "hearing": _hearing(hearing, language),
            "fee": _fee(case, fee_notice, language),
            "service": _service(attempt, language),
            "rejection": {"reason": rejected.reason if rejected else "", "on": day(rejected.on, language)
                          if rejected else ""},
            "closing": {"reason": closed.reason if closed else "", "on": day(closed.on, language) if closed else ""},
            "conversion": {"reason": converted.reason if converted else "",
                           "on": day(converted.on, language) if converted else ""},
            "appeal": APPEAL_DAYS,
        }
