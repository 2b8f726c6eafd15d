"""The trial team's work queue (`court.cases.queues`): the assistant's sections for an assistant, the clerk's
for a clerk, both for the judge and an administrator; each row links to its case."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from court.org.models import Role

from ..access import NOT_ALLOWED, cases_for_user
from ..queues import QUEUE_LIMIT, assistant_sections, clerk_sections, extension_section
from ..term import today
from .applications import QUEUE_ROLES


@login_required
def work_queue(request: HttpRequest) -> HttpResponse:
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
    return render(request, "cases/work_queue.html", {"sections": sections, "today": on, "limit": QUEUE_LIMIT})
