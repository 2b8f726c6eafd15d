"""The judge's queue: the applications awaiting a ruling on the cases the reader may see (a trial team its own
docket, an administrator the court's), oldest first with the days since filing, and the answers filed in the
last 30 days. Each links to its case, where the judge rules (Action.DECIDE: `DecideApplicationForm`)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from court.org.models import Role

from .. import services
from ..access import NOT_ALLOWED, cases_for_user
from ..models import CaseEvent
from ..term import today

#: Who has a queue: the trial team (their team's cases) and administrators (the court's).
QUEUE_ROLES = (Role.JUDGE, Role.ASSISTANT, Role.CLERK, Role.ADMINISTRATOR)
QUEUE_PAGE_SIZE = 50
RECENT_ANSWER_DAYS = 30


@login_required
def applications_queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_superuser or user.role in QUEUE_ROLES):
        raise PermissionDenied(_(NOT_ALLOWED))
    on = today()
    cases = cases_for_user(user)
    page = Paginator(services.pending_applications(cases), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"application": a, "days": (on - a.filed_on).days} for a in page.object_list]
    answers = list(CaseEvent.objects.filter(case__in=cases.values("pk"), kind=CaseEvent.Kind.ANSWER_FILED,
                                            on__gte=on - timedelta(days=RECENT_ANSWER_DAYS))
                   .select_related("case").order_by("-on", "-id")[:QUEUE_PAGE_SIZE])
    return render(request, "cases/applications.html", {"page": page, "rows": rows, "answers": answers,
                                                       "recent_days": RECENT_ANSWER_DAYS})
