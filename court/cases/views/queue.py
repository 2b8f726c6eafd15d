"""The trial team's work queue (`court.cases.queues`): the assistant's sections for an assistant, the clerk's
for a clerk, both for the judge and an administrator; each row links to its case. The same sections print
(court, team, day and local time, no navigation) and export as CSV or Excel: every section is bounded by
`queues.QUEUE_LIMIT`, and the file says so."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from court.org.models import TEAM_ROLES, Role

from ..access import NOT_ALLOWED, cases_for_user
from ..queues import QUEUE_LIMIT, Section, assistant_sections, clerk_sections, extension_section, row_cells
from ..sheets import FORMATS, Sheet
from ..term import today
from .applications import QUEUE_ROLES
from .lists import export_response, printed_heading

QUEUE_COLUMNS = [gettext_lazy("Section"), gettext_lazy("Rule"), gettext_lazy("Case number"), gettext_lazy("Date"),
                 gettext_lazy("What to do")]


def _sections(request: HttpRequest) -> list[Section]:
    user = request.user
    if not (user.is_superuser or user.role in QUEUE_ROLES):
        raise PermissionDenied(_(NOT_ALLOWED))
    on = today()
    cases = cases_for_user(user)
    sections = []
    if user.role != Role.CLERK:
        sections += assistant_sections(cases, on)
    if user.role != Role.ASSISTANT:
        sections += clerk_sections(cases, on)
    if user.is_superuser or user.is_president or user.role == Role.JUDGE:
        sections.append(extension_section(cases))
    return sections


def _scope(request: HttpRequest) -> str:
    user = request.user
    return str(user.team) if user.role in TEAM_ROLES and user.team_id else _("All teams")


@login_required
def work_queue(request: HttpRequest) -> HttpResponse:
    sections = _sections(request)
    return render(request, "cases/work_queue.html", {"sections": sections, "today": today(), "limit": QUEUE_LIMIT})


@login_required
@require_GET
def work_queue_print(request: HttpRequest) -> HttpResponse:
    sections = _sections(request)
    for section in sections:
        for row in section.rows:
            row["day"], row["text"] = row_cells(section, row)
    return render(request, "cases/work_queue_print.html", {
        "sections": sections, "today": today(), "limit": QUEUE_LIMIT, "back": reverse("work_queue"),
        "heading": printed_heading(request, _("Work queue"), _scope(request))})


@login_required
@require_GET
def work_queue_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(_("No such format."))
    sections = _sections(request)
    rows = []
    for section in sections:
        for row in section.rows:
            day, text = row_cells(section, row)
            rows.append([section.title, section.article, row["case"].case_number or "", day, text])
    full = [s.title for s in sections if len(s.rows) >= QUEUE_LIMIT]
    note = _("At most %(limit)s rows per section, oldest first; full: %(sections)s.") % {
        "limit": QUEUE_LIMIT, "sections": "; ".join(full)} if full else ""
    sheet = Sheet(name="work-queue", heading=printed_heading(request, _("Work queue"), _scope(request)),
                  header=[str(c) for c in QUEUE_COLUMNS], rows=rows, note=note)
    return export_response(sheet, fmt, f"work-queue-{today().isoformat()}", rows=len(rows), truncated=bool(full))
