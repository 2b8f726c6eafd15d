"""The lists: each role's start page, the docket (案件列表), the filing queue, a party's own cases, the
mediator's cases. Every list reads its cases through `access.cases_for_user`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from court.org.models import TEAM_ROLES, Role
from court.rules.terms import EXTENSION_LEAD_DAYS

from .. import forms as f
from ..access import cases_for_user
from ..models import ACTIVE_STATES, Case, CaseState, Hearing, Party
from ..queues import docket_extras
from ..services.correction import correction_request
from ..services.fees import owed_by_case
from ..term import court_calendar, term_for, today
from .common import OUTSIDE_ROLES, decision_due, is_outsider

DOCKET_PAGE_SIZE = 50

ONLY_FILING_OFFICERS = gettext_lazy("The filing queue is for filing officers and court administrators.")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role starts on its own list."""
    role = request.user.role
    if request.user.is_superuser:
        return redirect("docket")
    target = {
        Role.FILING_OFFICER: "filing_queue",
        Role.PARTY: "my_cases",
        Role.LAWYER: "my_cases",
        Role.MEDIATOR: "mediations",
    }.get(role, "docket")
    return redirect(target)




def case_alert(case: Case, on: date) -> str | None:
    """The docket alert from the materialised term: overdue, the TL2019 Art. 1 window, or suspended."""
    if case.state == CaseState.SUSPENDED:
        return "suspended"
    if case.state not in ACTIVE_STATES:
        return None
    deadline = case.extended_deadline or case.normal_deadline
    if deadline is None:
        return None
    if on > deadline:
        return "overdue"
    if on >= deadline - timedelta(days=EXTENSION_LEAD_DAYS):
        return "window"
    return None


@dataclass
class DocketRow:
    case: Case
    days_left: int | None
    alert: str | None
    net_trial_days: int | None = None
    next_hearing: Hearing | None = None
    waits_on: str = ""
    alerts: list = field(default_factory=list)  # court.cases.alerts.Alert (stuck, late service, …)

    @property
    def plaintiffs(self) -> list[Party]:
        return [p for p in self.case.parties.all() if p.side == Party.Side.PLAINTIFF]

    @property
    def defendants(self) -> list[Party]:
        return [p for p in self.case.parties.all() if p.side == Party.Side.DEFENDANT]


def docket_rows(cases: list[Case], on: date) -> list[DocketRow]:
    """One row per case of the page, its term recomputed to today from the prefetched periods (pure Python),
    so the figures are exact even between the nightly refreshes that the filters and sorting rely on."""
    calendar = court_calendar()
    rows = []
    for case in cases:
        term = term_for(case, case.periods.all(), as_of=on, calendar=calendar)
        if term is not None and case.state in ACTIVE_STATES:
            case.normal_deadline, case.extended_deadline = term.normal_deadline, term.extended_deadline
        rows.append(DocketRow(case=case, days_left=case.days_left(on), alert=case_alert(case, on),
                              net_trial_days=term.net_trial_days if term else case.net_trial_days))
    return rows


def filter_docket(qs: QuerySet[Case], data: dict[str, Any], on: date) -> QuerySet[Case]:
    """Apply the docket filters; each is an indexed column or a narrow range on the materialised term."""
    state = data.get("state") or f.STATE_ACTIVE
    if state == f.STATE_ACTIVE:
        qs = qs.filter(state__in=ACTIVE_STATES)
    elif state != f.STATE_ALL:
        qs = qs.filter(state=state)
    if data.get("procedure"):
        qs = qs.filter(procedure=data["procedure"])
    if data.get("cause"):
        qs = qs.filter(cause=data["cause"])
    if data.get("team"):
        qs = qs.filter(team=data["team"])
    if data.get("q"):
        qs = qs.filter(case_number__contains=data["q"].strip())
    alert = data.get("alert")
    if alert == "overdue":
        qs = qs.filter(state__in=ACTIVE_STATES, extended_deadline__lt=on)
    elif alert == "window":
        qs = qs.filter(state__in=ACTIVE_STATES, extended_deadline__gte=on,
                       extended_deadline__lte=on + timedelta(days=EXTENSION_LEAD_DAYS))
    elif alert == "suspended":
        qs = qs.filter(state=CaseState.SUSPENDED)
    sort = data.get("sort") or "days_left"
    ordering = {
        "days_left": [F("extended_deadline").asc(nulls_last=True), "id"],
        "-days_left": [F("extended_deadline").desc(nulls_last=True), "-id"],
        "-filed_on": [F("filed_on").desc(nulls_last=True), "-id"],
        "filed_on": [F("filed_on").asc(nulls_last=True), "id"],
    }[sort]
    return qs.order_by(*ordering)


@login_required
def docket(request: HttpRequest) -> HttpResponse:
    """案件列表: the cases the user may see, filtered, sorted by days left, one page at a time."""
    user = request.user
    if is_outsider(user):
        return redirect("my_cases")
    on = today()
    form = f.DocketFilterForm(request.GET or None, user=user)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = filter_docket(cases_for_user(user), data, on)
    page = Paginator(qs, DOCKET_PAGE_SIZE).get_page(request.GET.get("page"))
    cases = list(page.object_list)
    prefetch_related_objects(cases, "parties", "periods")
    rows = docket_rows(cases, on)
    extras = docket_extras(cases, on)  # the next hearing, what each case waits on, its alerts: 6 queries
    for row in rows:
        extra = extras[row.case.pk]
        row.next_hearing, row.waits_on = extra["hearing"], extra["waits_on"]
        row.alerts = [a for a in extra["alerts"] if a.kind not in ("overdue", "term_warning")]  # shown by row.alert
    if user.role in TEAM_ROLES and user.team_id:
        title = _("Docket of %(team)s") % {"team": user.team}
    else:
        title = _("Court docket")
    return render(request, "cases/docket.html", {
        "form": form, "page": page, "rows": rows, "title": title, "today": on,
        "show_team": "team" in form.fields,
    })


@login_required
def filing_queue(request: HttpRequest) -> HttpResponse:
    """Complaints awaiting a decision (CPL 126: within 7 days) or a correction."""
    user = request.user
    if not (user.is_superuser or user.role in (Role.FILING_OFFICER, Role.ADMINISTRATOR)):
        raise PermissionDenied(ONLY_FILING_OFFICERS)
    on = today()
    calendar = court_calendar()
    qs = (cases_for_user(user).filter(state__in=[CaseState.FILED, CaseState.CORRECTION])
          .order_by("submitted_on", "id"))
    page = Paginator(qs, DOCKET_PAGE_SIZE).get_page(request.GET.get("page"))
    cases = list(page.object_list)
    prefetch_related_objects(cases, "parties")
    rows = []
    for case in cases:
        due = decision_due(case, calendar)
        rows.append({"case": case, "due": due, "overdue": due is not None and due < on,
                     "plaintiffs": [p for p in case.parties.all() if p.side == Party.Side.PLAINTIFF],
                     "defendants": [p for p in case.parties.all() if p.side == Party.Side.DEFENDANT]})
    return render(request, "cases/filing_queue.html", {"page": page, "rows": rows, "today": on})


def _upcoming_hearings() -> Prefetch:
    return Prefetch("hearings", queryset=Hearing.objects.filter(status=Hearing.Status.SCHEDULED)
                    .order_by("starts_at"), to_attr="upcoming")


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """A party's or lawyer's own cases: status, next hearing, deadlines."""
    user = request.user
    on = today()
    calendar = court_calendar()
    qs = cases_for_user(user).order_by("-created_at", "-id")
    page = Paginator(qs, DOCKET_PAGE_SIZE).get_page(request.GET.get("page"))
    cases = list(page.object_list)
    prefetch_related_objects(cases, "parties", _upcoming_hearings())
    owed = owed_by_case(cases)  # the court fee still owed on each case and its nearest due date
    rows = []
    for case in cases:
        due = decision_due(case, calendar)
        rows.append({"case": case, "decision_due": due, "next_hearing": case.upcoming[0] if case.upcoming else None,
                     "days_left": case.days_left(on), "fee_owed": owed.get(case.pk),
                     "correction": correction_request(case) if case.state == CaseState.CORRECTION else None})
    return render(request, "cases/my_cases.html", {"page": page, "rows": rows, "today": on,
                                                   "can_file": user.role in OUTSIDE_ROLES})
