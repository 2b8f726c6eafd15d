"""The trial team's work queues and what the docket adds to each case: the next hearing and what the case
waits on. Each section is one bounded query (at most `QUEUE_LIMIT` rows, `SCAN_LIMIT` cases scanned), so a
queue answers with the same number of queries whatever the docket holds.

- The assistant's: complaints to send (CPL 128: within 5 days of filing), services to chase (sent a week ago,
  no result), answer and evidence periods over with no hearing set (CPL 128; JI 99), hearings of the next two
  weeks to prepare, extension applications to draft (TL2019 Art. 1: 15 days before the term ends).
- The clerk's: hearing records to finish (CPL 147), decisions to serve (CPL 171 counts from service), files to
  archive (JI 263: served on everyone and effective).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from court.rules import periods as rule_periods
from court.rules.terms import EXTENSION_LEAD_DAYS

from .alerts import BEFORE_HEARING, Alert, alerts_for
from .models import ACTIVE_STATES, Case, CaseState, Hearing, ServiceAttempt
from .services.after_judgment import decision_statuses
from .selectors import first_rows
from .services.extensions import pending_extensions
from .term import court_calendar

QUEUE_LIMIT = 50
SCAN_LIMIT = 200
CHASE_AFTER_DAYS = 7
PREPARE_DAYS = 14
#: Cases whose term ends within this many days are listed for an extension application (drafted before the
#: 15 days of TL2019 Art. 1).
EXTENSION_HORIZON_DAYS = 30


def next_hearings(cases: list[Case]) -> dict[int, Hearing]:
    """The next scheduled hearing of each case (one query)."""
    out: dict[int, Hearing] = {}
    for hearing in Hearing.objects.filter(case_id__in=[c.pk for c in cases], status=Hearing.Status.SCHEDULED,
                                          ).select_related("courtroom").order_by("starts_at"):
        out.setdefault(hearing.case_id, hearing)
    return out


def waits_on(case: Case, hearing: Hearing | None, alerts: list[Alert]) -> str:
    """What the case waits on, and from whom, in a few words."""
    kinds = {a.kind for a in alerts}
    if case.state == CaseState.SUSPENDED:
        return _("the end of the suspension")
    if case.state == CaseState.MEDIATION:
        return _("the mediator")
    if hearing is not None:
        return _("the hearing on %(day)s") % {"day": timezone.localtime(hearing.starts_at).date().isoformat()}
    if case.state == CaseState.HEARD:
        return _("the judge's decision")
    if case.state == CaseState.ACCEPTED or "late_service" in kinds:
        return _("the assistant: send the complaint to the defendant")
    if kinds & {"answer_passed", "evidence_passed"}:
        return _("the judge: set the hearing")
    if case.state == CaseState.SERVICE:
        return _("service on the defendant, then the answer period")
    return "—"


@dataclass
class Section:
    key: str
    title: str
    rows: list[dict[str, Any]]
    article: str = ""


def assistant_sections(cases: QuerySet[Case], on: date) -> list[Section]:
    calendar = court_calendar()
    active = cases.filter(state__in=ACTIVE_STATES, filed_on__isnull=False)
    to_send = [{"case": c, "due": rule_periods.complaint_service_due(c.filed_on, calendar=calendar)}
               for c in active.filter(state=CaseState.ACCEPTED).order_by("filed_on", "id")[:QUEUE_LIMIT]]
    for row in to_send:
        row["late"] = row["due"] < on
    chase = [{"case": a.case, "attempt": a, "days": (on - a.sent_on).days} for a in ServiceAttempt.objects.filter(
        case__in=active, status=ServiceAttempt.Status.SENT, sent_on__lte=on - timedelta(days=CHASE_AFTER_DAYS),
    ).exclude(channel=ServiceAttempt.Channel.PUBLICATION).select_related("case", "party").order_by("sent_on", "id")
        [:QUEUE_LIMIT]]
    before = list(first_rows(active.filter(state__in=BEFORE_HEARING).order_by("filed_on", "id"), SCAN_LIMIT))
    alerts = alerts_for(before, on)
    periods = [{"case": c, "alerts": [a for a in alerts[c.pk] if a.kind in ("answer_passed", "evidence_passed")]}
               for c in before]
    periods = [row for row in periods if row["alerts"]][:QUEUE_LIMIT]
    now = timezone.now()
    hearings = [{"case": h.case, "hearing": h} for h in Hearing.objects.filter(
        case__in=active, status=Hearing.Status.SCHEDULED, starts_at__gte=now,
        starts_at__lt=now + timedelta(days=PREPARE_DAYS)).select_related("case", "courtroom")
        .order_by("starts_at")[:QUEUE_LIMIT]]
    extensions = []
    for c in active.exclude(state=CaseState.SUSPENDED).filter(
            extended_deadline__gte=on, extended_deadline__lte=on + timedelta(days=EXTENSION_HORIZON_DAYS),
            foreign_related=False).order_by("extended_deadline", "id")[:QUEUE_LIMIT]:
        apply_by = c.extended_deadline - timedelta(days=EXTENSION_LEAD_DAYS)
        extensions.append({"case": c, "deadline": c.extended_deadline, "apply_by": apply_by, "late": apply_by < on})
    return [
        Section("to_send", _("Complaints to send"), to_send, "CPL 128"),
        Section("to_chase", _("Services to chase (sent over a week ago, no result)"), chase, "CPL 87-95"),
        Section("periods_over", _("Answer or evidence period over: set the hearing"), periods, "CPL 128; JI 99"),
        Section("hearings", _("Hearings to prepare (next two weeks)"), hearings, "CPL 139"),
        Section("extensions", _("Extension applications to draft"), extensions, "TL2019 Art. 1"),
    ]


def clerk_sections(cases: QuerySet[Case], on: date) -> list[Section]:
    records = [{"case": h.case, "hearing": h} for h in Hearing.objects.filter(
        case__in=cases, status=Hearing.Status.HELD, outcome="").select_related("case", "courtroom")
        .order_by("starts_at")[:QUEUE_LIMIT]]
    # The newest decisions (those still to serve) and the oldest files (those waiting longest to be archived): a
    # scan of the oldest alone would never reach this week's judgments behind years of imported history.
    closed_cases = cases.filter(state=CaseState.CLOSED)
    newest = list(closed_cases.order_by("-closed_on", "-id")[:SCAN_LIMIT])
    seen = {c.pk for c in newest}
    oldest = [c for c in closed_cases.order_by("closed_on", "id")[:SCAN_LIMIT] if c.pk not in seen]
    closed = sorted([*oldest, *newest], key=lambda c: (c.closed_on, c.pk))
    statuses = decision_statuses(closed, on=on)
    to_serve, to_archive = [], []
    for case in closed:
        status = statuses.get(case.pk)
        if status is None:
            continue
        if status.unserved:
            to_serve.append({"case": case, "status": status, "parties": status.unserved})
        elif not status.gaps:
            to_archive.append({"case": case, "status": status})
    return [
        Section("records", _("Hearing records to finish"), records, "CPL 147"),
        Section("to_serve", _("Decisions to serve"), to_serve[:QUEUE_LIMIT], "CPL 171; JI 244"),
        Section("to_archive", _("Files to archive"), to_archive[:QUEUE_LIMIT], "JI 263"),
    ]


def extension_section(cases: QuerySet[Case]) -> Section:
    """The extension applications awaiting the president's decision (TL2019 Art. 1: at the latest 5 days
    before the term ends), oldest first."""
    rows = []
    for event in pending_extensions(cases)[:QUEUE_LIMIT]:
        deadline = event.payload.get("deadline")
        rows.append({"case": event.case, "application": event, "deadline": date.fromisoformat(deadline) if deadline
                     else None, "decide_by": date.fromisoformat(deadline) - timedelta(days=5) if deadline else None})
    return Section("extension_decisions", _("Extension applications awaiting the president"), rows, "TL2019 Art. 1")


def docket_extras(cases: list[Case], on: date) -> dict[int, dict[str, Any]]:
    """For the docket's page: each case's next hearing, alerts and what it waits on (one query + the alerts')."""
    hearings = next_hearings(cases)
    alerts = alerts_for(cases, on)
    return {c.pk: {"hearing": hearings.get(c.pk), "alerts": alerts.get(c.pk, []),
                   "waits_on": waits_on(c, hearings.get(c.pk), alerts.get(c.pk, [])) if c.is_pending else "—"}
            for c in cases}


def row_cells(section: Section, row: dict[str, Any]) -> tuple[Any, str]:
    """(the row's date, what the row says) for the print and the export: the words of the queue page."""
    key = section.key
    if key == "to_send":
        return row["due"], _("send by %(day)s") % {"day": row["due"].isoformat()} + (
            f" ({_('late')})" if row["late"] else "")
    if key == "to_chase":
        attempt = row["attempt"]
        return attempt.sent_on, _("%(document)s → %(party)s (%(channel)s), sent %(days)s days ago") % {
            "document": attempt.get_document_display(), "party": attempt.party.name if attempt.party else "—",
            "channel": attempt.get_channel_display(), "days": row["days"]}
    if key == "periods_over":
        return None, "; ".join(a.text for a in row["alerts"])
    if key in ("hearings", "records"):
        hearing = row["hearing"]
        place = f" · {hearing.courtroom}" if hearing.courtroom_id else ""
        return hearing.starts_at, f"{hearing.get_mode_display()}{place}"
    if key == "extensions":
        return row["apply_by"], _("term ends %(deadline)s, apply by %(apply_by)s") % {
            "deadline": row["deadline"].isoformat(), "apply_by": row["apply_by"].isoformat()} + (
            f" ({_('late')})" if row["late"] else "")
    if key == "to_serve":
        return None, f"{row['status'].decision_label}: " + "、".join(p.name for p in row["parties"])
    if key == "extension_decisions":
        application = row["application"]
        return row["decide_by"], _("%(months)s month(s), applied on %(on)s") % {
            "months": application.payload.get("months"), "on": application.on.isoformat()} + (
            f" · {application.reason}" if application.reason else "")
    if key == "to_archive":
        status = row["status"]
        return (None, _("appealed")) if status.appealed else (status.effective_on, _("effective"))
    return None, ""
