"""The lists: each role's start page, the docket (案件列表) with its print and its CSV/Excel export (the same
filters and order, at most `sheets.EXPORT_LIMIT` rows), the filing queue, a party's own cases, the mediator's
cases. Every list reads its cases through `access.cases_for_user`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from court.org.models import TEAM_ROLES, Role
from court.rules.terms import EXTENSION_LEAD_DAYS

from .. import forms as f
from ..access import NOT_ALLOWED, cases_for_user
from ..models import ACTIVE_STATES, Case, CaseState, Hearing, Party
from ..queues import docket_extras
from ..selectors import CasePaginator
from ..services.correction import correction_request
from ..services.fees import owed_by_case
from ..sheets import EXPORT_LIMIT, FORMATS, Sheet
from ..sheets import render as render_sheet
from ..templatetags.fanjian import ALERT_LABELS
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


def _docket_cases(request: HttpRequest) -> tuple[f.DocketFilterForm, QuerySet[Case], date]:
    """The docket's filter form and its filtered, sorted cases: the same for the page, the print and the export."""
    user = request.user
    on = today()
    form = f.DocketFilterForm(request.GET or None, user=user)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, filter_docket(cases_for_user(user), data, on), on


def docket_page_rows(cases: list[Case], on: date) -> list[DocketRow]:
    """The rows of these cases with the term to today, the next hearing, what each waits on and its alerts, in a
    fixed number of queries (the parties and periods 2, the next hearings 1, the alerts at most 5)."""
    prefetch_related_objects(cases, "parties", "periods")
    rows = docket_rows(cases, on)
    extras = docket_extras(cases, on)
    for row in rows:
        extra = extras[row.case.pk]
        row.next_hearing, row.waits_on = extra["hearing"], extra["waits_on"]
        row.alerts = [a for a in extra["alerts"] if a.kind not in ("overdue", "term_warning")]  # shown by row.alert
    return rows


def docket_title(user: Any) -> str:
    if user.role in TEAM_ROLES and user.team_id:
        return _("Docket of %(team)s") % {"team": user.team}
    return _("Court docket")


@login_required
def docket(request: HttpRequest) -> HttpResponse:
    """案件列表: the cases the user may see, filtered, sorted by days left, one page at a time."""
    user = request.user
    if is_outsider(user):
        return redirect("my_cases")
    form, qs, on = _docket_cases(request)
    page = CasePaginator(qs, DOCKET_PAGE_SIZE).get_page(request.GET.get("page"))  # the page's ids from the index
    rows = docket_page_rows(list(page.object_list), on)
    return render(request, "cases/docket.html", {
        "form": form, "page": page, "rows": rows, "title": docket_title(user), "today": on,
        "show_team": "team" in form.fields, "export_limit": EXPORT_LIMIT,
    })


def _docket_all_rows(request: HttpRequest) -> tuple[f.DocketFilterForm, list[DocketRow], bool, date]:
    """Every row the filters give, in the page's order, up to `EXPORT_LIMIT` (and whether there were more)."""
    if is_outsider(request.user):
        raise PermissionDenied(_(NOT_ALLOWED))
    form, qs, on = _docket_cases(request)
    cases = list(qs.filter(pk__in=qs.values("pk")[:EXPORT_LIMIT + 1]))  # the ids from the index, as CasePaginator
    return form, docket_page_rows(cases[:EXPORT_LIMIT], on), len(cases) > EXPORT_LIMIT, on


def printed_heading(request: HttpRequest, what: str, scope: str) -> str:
    """Court · scope · what · the day and local time it was made (Asia/Shanghai), for a print or an export."""
    court = request.user.court or (request.user.team.court if request.user.team_id else None)
    made = timezone.localtime(timezone.now())
    return " · ".join([str(court or _("All courts")), scope, what, _("as of %(time)s (%(zone)s)") % {
        "time": made.strftime("%Y-%m-%d %H:%M"), "zone": timezone.get_current_timezone_name()}])


def _docket_scope(request: HttpRequest, form: f.DocketFilterForm) -> str:
    user = request.user
    if user.role in TEAM_ROLES and user.team_id:
        return str(user.team)
    team = form.cleaned_data.get("team") if form.is_bound and form.is_valid() else None
    return str(team) if team else _("All teams")


def _filters_shown(form: f.DocketFilterForm) -> list[tuple[str, str]]:
    """(label, value) of each filter in force, as the print shows them."""
    if not (form.is_bound and form.is_valid()):
        return []
    shown = []
    for name, value in form.cleaned_data.items():
        if value in (None, "") or name == "sort":
            continue
        field = form.fields[name]
        if isinstance(field, forms.ModelChoiceField):
            shown.append((str(field.label), str(value)))
            continue
        choices = dict(getattr(field, "choices", []) or [])
        shown.append((str(field.label), str(choices.get(value, value))))
    return shown


@login_required
@require_GET
def docket_print(request: HttpRequest) -> HttpResponse:
    """The docket as the filters give it, on paper: the court, the team, the day and local time, no navigation."""
    form, rows, truncated, on = _docket_all_rows(request)
    scope = _docket_scope(request, form)
    return render(request, "cases/docket_print.html", {
        "rows": rows, "truncated": truncated, "limit": EXPORT_LIMIT, "today": on, "title": docket_title(request.user),
        "heading": printed_heading(request, _("Docket"), scope), "filters": _filters_shown(form),
        "show_team": "team" in form.fields, "back": reverse("docket") + _query(request),
    })


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return "?" + query.urlencode() if query else ""


DOCKET_COLUMNS = [
    gettext_lazy("Case number"), gettext_lazy("Cause"), gettext_lazy("Plaintiffs"), gettext_lazy("Defendants"),
    gettext_lazy("Procedure"), gettext_lazy("State"), gettext_lazy("Team"), gettext_lazy("Judge"),
    gettext_lazy("Filed"), gettext_lazy("Normal deadline"), gettext_lazy("Extended deadline"),
    gettext_lazy("Days left"), gettext_lazy("Net days"), gettext_lazy("Next hearing"), gettext_lazy("Waits on"),
    gettext_lazy("Alerts"),
]


def _docket_cells(row: DocketRow) -> list[Any]:
    c = row.case
    alerts = [_(ALERT_LABELS[row.alert][1])] if row.alert in ALERT_LABELS else []
    alerts += [a.text for a in row.alerts]
    return [c.case_number or "", c.cause.name if c.cause_id else "", "、".join(p.name for p in row.plaintiffs),
            "、".join(p.name for p in row.defendants), c.get_procedure_display() if c.procedure else "",
            c.get_state_display(), str(c.team or ""), str(c.judge or ""), c.filed_on, c.normal_deadline,
            c.extended_deadline, row.days_left, row.net_trial_days,
            row.next_hearing.starts_at if row.next_hearing else None,
            "" if row.waits_on == "—" else row.waits_on, "; ".join(alerts)]


@login_required
@require_GET
def docket_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The rows `docket_print` shows, as CSV or Excel: at most `EXPORT_LIMIT`, and the file says when it stops."""
    if fmt not in FORMATS:
        raise Http404(_("No such format."))
    form, rows, truncated, on = _docket_all_rows(request)
    note = _("First %(limit)s cases only: narrow the filters for the rest.") % {"limit": EXPORT_LIMIT} \
        if truncated else ""
    sheet = Sheet(name="docket", heading=printed_heading(request, _("Docket"), _docket_scope(request, form)),
                  header=[str(c) for c in DOCKET_COLUMNS], rows=[_docket_cells(r) for r in rows], note=note)
    return export_response(sheet, fmt, f"docket-{on.isoformat()}", rows=len(rows), truncated=truncated)


def export_response(sheet: Sheet, fmt: str, name: str, *, rows: int, truncated: bool) -> HttpResponse:
    """The file as an attachment; `X-Fanjian-Rows` and `X-Fanjian-Truncated` say how many rows and whether the
    limit cut it."""
    response = HttpResponse(render_sheet(sheet, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Fanjian-Rows"] = str(rows)
    response["X-Fanjian-Truncated"] = "yes" if truncated else "no"
    return response


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
