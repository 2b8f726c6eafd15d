"""Case pages: function-based views. Every case is read through `access.get_case_for_user` or
`access.cases_for_user`; every write goes through `court.cases.services`.

The actions on a case are a table (`ACTIONS`): each names its form, the access check, when the case's
state machines allow it and the service it calls. The case page shows the actions the user may take
now; each posts to its own URL (`case_<slug>`), served by `case_action`. A `CaseRuleError` from the
service is shown on the form; a `PermissionDenied` becomes the 403 page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from court.org.models import Court, Role, User
from court.rules.periods import filing_decision_due
from court.rules.terms import ALERT_EXTENSION_WINDOW, ALERT_OVERDUE, EXTENSION_LEAD_DAYS, TermResult

from . import forms as f
from . import services
from .access import Action, can, cases_for_user, get_case_for_user
from .calendar_status import calendar_gap_message
from .fees import fee_for_case
from .models import (
    ACTIVE_STATES,
    WORKING_STATES,
    Case,
    CaseEvent,
    CaseState,
    Hearing,
    Party,
    ServiceAttempt,
)
from .panels import get_case_panels
from .services import CaseRuleError, FilingInput, PartyInput
from .term import court_calendar, term_for, today

DOCKET_PAGE_SIZE = 50
OUTSIDE_ROLES = (Role.PARTY, Role.LAWYER)
TEAM_ROLES = (Role.JUDGE, Role.ASSISTANT, Role.CLERK)
#: Events a party or lawyer does not see: internal notes and the triage workings.
INTERNAL_EVENTS = (CaseEvent.Kind.NOTE, CaseEvent.Kind.TRIAGED, CaseEvent.Kind.TRIAGE_DECIDED)

ONLY_PARTIES_FILE = gettext_lazy("Only parties and lawyers file complaints online.")
ONLY_FILING_OFFICERS = gettext_lazy("The filing queue is for filing officers and court administrators.")
NO_COURT = gettext_lazy("No court accepts online filings yet.")


def _decision_due(case: Case, calendar: Any) -> date | None:
    """CPL 126: the filing decision is due within 7 days of receipt (or of the corrected complaint)."""
    if case.state != CaseState.FILED or not case.submitted_on:
        return None
    return filing_decision_due(case.submitted_on, case.corrected_on, calendar=calendar)


def is_outsider(user: User) -> bool:
    return not user.is_superuser and user.role in OUTSIDE_ROLES


# --- home ------------------------------------------------------------------------------------------------

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


# --- lists -----------------------------------------------------------------------------------------------

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
        due = _decision_due(case, calendar)
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
    rows = []
    for case in cases:
        due = _decision_due(case, calendar)
        rows.append({"case": case, "decision_due": due, "next_hearing": case.upcoming[0] if case.upcoming else None,
                     "days_left": case.days_left(on)})
    return render(request, "cases/my_cases.html", {"page": page, "rows": rows, "today": on,
                                                   "can_file": user.role in OUTSIDE_ROLES})


@login_required
def mediations(request: HttpRequest) -> HttpResponse:
    """The cases the user mediates, those in mediation first."""
    user = request.user
    on = today()
    qs = cases_for_user(user).filter(mediator=user).order_by("-filed_on", "-id")
    page = Paginator(qs, DOCKET_PAGE_SIZE).get_page(request.GET.get("page"))
    cases = list(page.object_list)
    prefetch_related_objects(cases, "parties", "periods")
    rows = docket_rows(cases, on)
    rows.sort(key=lambda r: r.case.state != CaseState.MEDIATION)
    return render(request, "cases/mediations.html", {"page": page, "rows": rows, "today": on})


# --- online filing ---------------------------------------------------------------------------------------

def _party_inputs(formset: Any, side: str, user: User, first_is_filer: bool) -> list[PartyInput]:
    out = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or not data.get("name"):
            continue
        party = PartyInput(side=side, name=data["name"].strip(), kind=data["kind"], id_number=data["id_number"],
                           address=data["address"], address_known=data["address_known"], phone=data["phone"],
                           e_service_consent=data["e_service_consent"], e_address=data["e_address"])
        if side == Party.Side.PLAINTIFF:
            if user.role == Role.LAWYER:  # the lawyer files for the client and represents every plaintiff
                party.lawyer, party.lawyer_name, party.law_firm = user, str(user), user.law_firm
            elif first_is_filer and not out:
                party.user = user
        out.append(party)
    return out


@login_required
def file_case(request: HttpRequest) -> HttpResponse:
    """网上立案 (OLR 9): a party or lawyer submits a complaint; the court decides within 7 days (CPL 126)."""
    user = request.user
    if user.role not in OUTSIDE_ROLES:
        raise PermissionDenied(ONLY_PARTIES_FILE)
    if not Court.objects.exists():
        raise PermissionDenied(NO_COURT)
    data = request.POST if request.method == "POST" else None
    form = f.FilingForm(data)
    plaintiffs = f.PlaintiffForms(data, prefix="plaintiffs")
    defendants = f.DefendantForms(data, prefix="defendants")
    third_parties = f.ThirdPartyForms(data, prefix="third")
    if request.method == "POST":
        valid = all([form.is_valid(), plaintiffs.is_valid(), defendants.is_valid(), third_parties.is_valid()])
        if valid:
            d = form.cleaned_data
            parties = (_party_inputs(plaintiffs, Party.Side.PLAINTIFF, user, first_is_filer=True)
                       + _party_inputs(defendants, Party.Side.DEFENDANT, user, first_is_filer=False)
                       + _party_inputs(third_parties, Party.Side.THIRD_PARTY, user, first_is_filer=False))
            filing = FilingInput(cause=d["cause"], claim_amount=d["claim_amount"], parties=parties,
                                 claims=d["claims"], facts=d["facts"], evidence_items=d["evidence_items"],
                                 appraisal_requested=d["appraisal_requested"], foreign_related=d["foreign_related"])
            try:
                case = services.case_submit(court=d["court"], filing=filing, actor=user)
            except CaseRuleError as exc:
                form.add_error(None, exc.text)
            else:
                due = _decision_due(case, court_calendar())
                messages.success(request, _("Your complaint was received on %(on)s. The court decides whether to "
                                            "accept it by %(due)s (CPL 126).")
                                 % {"on": case.submitted_on.isoformat(), "due": due.isoformat() if due else "—"})
                return redirect("case_detail", pk=case.pk)
    return render(request, "cases/file.html", {
        "form": form, "formsets": [
            (plaintiffs, gettext_lazy("Plaintiffs")), (defendants, gettext_lazy("Defendants")),
            (third_parties, gettext_lazy("Third parties")),
        ],
    })


# --- actions -----------------------------------------------------------------------------------------------

@dataclass
class CaseContext:
    """What the action table needs to know about one case and one user, each looked up once."""

    case: Case
    user: User
    _perms: dict[Action, bool] = field(default_factory=dict)

    def can(self, action: Action) -> bool:
        if action not in self._perms:
            self._perms[action] = can(self.user, action, self.case)
        return self._perms[action]

    @cached_property
    def transitions(self) -> set[str]:
        return {t.name for t in self.case.get_available_state_transitions()}

    @cached_property
    def procedure_transitions(self) -> set[str]:
        return {t.name for t in self.case.get_available_procedure_transitions()}

    @cached_property
    def has_scheduled_hearing(self) -> bool:
        return self.case.hearings.filter(status=Hearing.Status.SCHEDULED).exists()

    @cached_property
    def has_open_attempt(self) -> bool:
        return self.case.service_attempts.filter(
            status__in=[ServiceAttempt.Status.PENDING, ServiceAttempt.Status.SENT]).exists()

    @cached_property
    def has_running_period(self) -> bool:
        return f.running_periods(self.case).exists()

    @property
    def in_filing(self) -> bool:
        return self.case.state in (CaseState.FILED, CaseState.CORRECTION)

    @property
    def active(self) -> bool:
        return self.case.state in ACTIVE_STATES


Perform = Callable[[Case, User, dict[str, Any]], Any]


@dataclass(frozen=True)
class CaseActionSpec:
    slug: str
    label: Any
    form_class: type[f.CaseActionForm]
    allowed: Callable[[CaseContext], bool]
    available: Callable[[CaseContext], bool]
    perform: Perform
    done: Any
    group: str
    danger: bool = False


def _close(case: Case, user: User, d: dict[str, Any]) -> Any:
    mode = d["mode"]
    kwargs: dict[str, Any] = {}
    if mode == "judgment":
        kwargs["pronounced_on"] = d["pronounced_on"]
    elif mode == "mediation":
        kwargs["mediation_served_on"] = d["mediation_served_on"]
    else:
        kwargs["ruling_on"] = d["ruling_on"]
    return services.case_close(case=case, actor=user, mode=mode, reason=d["reason"], **kwargs)


def _party_add(case: Case, user: User, d: dict[str, Any]) -> Any:
    data = PartyInput(side=d["side"], name=d["name"].strip(), kind=d["kind"], id_number=d["id_number"],
                      address=d["address"], address_known=d["address_known"], phone=d["phone"],
                      e_service_consent=d["e_service_consent"], e_address=d["e_address"])
    return services.party_add(case=case, actor=user, data=data)


def _party_add_allowed(c: CaseContext) -> bool:
    if c.in_filing:
        return c.can(Action.AMEND) or c.can(Action.DECIDE_FILING)
    return c.can(Action.DOCKET)


ACTION_LIST = [
    # filing decision (CPL 126)
    CaseActionSpec("accept", gettext_lazy("Accept (立案)"), f.AcceptForm, lambda c: c.can(Action.DECIDE_FILING),
                   lambda c: "accept" in c.transitions,
                   lambda case, u, d: services.case_accept(case=case, actor=u, procedure=d["procedure"],
                                                           team=d["team"], judge=d["judge"], on=d["on"]),
                   gettext_lazy("The case was accepted."), "filing"),
    CaseActionSpec("correct", gettext_lazy("Ask for correction"), f.CorrectionForm,
                   lambda c: c.can(Action.DECIDE_FILING),
                   lambda c: "request_correction" in c.transitions,
                   lambda case, u, d: services.case_request_correction(case=case, actor=u, items=d["items"]),
                   gettext_lazy("The filer was asked to correct the complaint."), "filing"),
    CaseActionSpec("reject", gettext_lazy("Do not accept"), f.RejectForm, lambda c: c.can(Action.DECIDE_FILING),
                   lambda c: "reject" in c.transitions,
                   lambda case, u, d: services.case_reject(case=case, actor=u, reason=d["reason"]),
                   gettext_lazy("The complaint was not accepted."), "filing", danger=True),
    CaseActionSpec("resubmit", gettext_lazy("Resubmit the corrected complaint"), f.EmptyForm,
                   lambda c: c.can(Action.AMEND) or c.can(Action.DECIDE_FILING),
                   lambda c: "resubmit" in c.transitions,
                   lambda case, u, d: services.case_resubmit(case=case, actor=u),
                   gettext_lazy("The corrected complaint was received; the 7 days start again (OLR 9(2))."), "filing"),
    # parties and claims
    CaseActionSpec("party_add", gettext_lazy("Add a party"), f.PartyAddForm, _party_add_allowed,
                   lambda c: c.in_filing or c.active, _party_add, gettext_lazy("The party was added."), "parties"),
    CaseActionSpec("amount", gettext_lazy("Amend the claim amount"), f.AmountForm, lambda c: c.can(Action.DOCKET),
                   lambda c: c.active,
                   lambda case, u, d: services.case_amend_amount(case=case, actor=u, amount=d["amount"],
                                                                 reason=d["reason"]),
                   gettext_lazy("The claim amount was amended."), "parties"),
    CaseActionSpec("counterclaim", gettext_lazy("Record a counterclaim"), f.CounterclaimForm,
                   lambda c: c.can(Action.DOCKET),
                   lambda c: c.active and not c.case.counterclaim,
                   lambda case, u, d: services.case_record_counterclaim(case=case, actor=u, on=d["on"],
                                                                        reason=d["reason"]),
                   gettext_lazy("The counterclaim was recorded."), "parties"),
    # service (CPL 87-95)
    CaseActionSpec("service_send", gettext_lazy("Send a document"), f.ServiceSendForm, lambda c: c.can(Action.DOCKET),
                   lambda c: c.case.state in WORKING_STATES,
                   lambda case, u, d: services.service_send(case=case, actor=u, document=d["document"],
                                                            channel=d["channel"], party=d["party"], on=d["on"]),
                   gettext_lazy("The document was sent."), "service"),
    CaseActionSpec("service_record", gettext_lazy("Record a service result"), f.ServiceRecordForm,
                   lambda c: c.can(Action.DOCKET), lambda c: c.has_open_attempt,
                   lambda case, u, d: services.service_record(
                       attempt=d["attempt"], actor=u, served=d["result"] == "served", on=d["on"],
                       evidence=d["evidence"], failure_reason=d["failure_reason"]),
                   gettext_lazy("The service result was recorded."), "service"),
    # hearings
    CaseActionSpec("hearing_schedule", gettext_lazy("Schedule a hearing"), f.HearingScheduleForm,
                   lambda c: c.can(Action.DOCKET), lambda c: "schedule_hearing" in c.transitions,
                   lambda case, u, d: services.hearing_schedule(
                       case=case, actor=u, starts_at=d["starts_at"], mode=d["mode"], notified_on=d["notified_on"],
                       room=d["room"], respond_by=d["respond_by"], all_parties_consent=d["all_parties_consent"]),
                   gettext_lazy("The hearing was scheduled."), "hearing"),
    CaseActionSpec("hearing_hold", gettext_lazy("Record the hearing as held"), f.HearingHoldForm,
                   lambda c: c.can(Action.DOCKET),
                   lambda c: "record_hearing" in c.transitions and c.has_scheduled_hearing,
                   lambda case, u, d: services.hearing_hold(hearing=d["hearing"], actor=u, on=d["on"],
                                                            note=d["note"]),
                   gettext_lazy("The hearing was recorded as held."), "hearing"),
    CaseActionSpec("hearing_adjourn", gettext_lazy("Adjourn the hearing"), f.HearingAdjournForm,
                   lambda c: c.can(Action.DOCKET),
                   lambda c: "cancel_hearing" in c.transitions and c.has_scheduled_hearing,
                   lambda case, u, d: services.hearing_adjourn(
                       hearing=d["hearing"], actor=u, cause=d["cause"], reason=d["reason"], on=d["on"],
                       president_approved=d["president_approved"]),
                   gettext_lazy("The hearing was adjourned."), "hearing"),
    # mediation, suspension, the term
    CaseActionSpec("mediation_start", gettext_lazy("Start mediation"), f.MediationStartForm,
                   lambda c: c.can(Action.DOCKET),
                   lambda c: "start_mediation" in c.transitions and c.case.state != CaseState.MEDIATION,
                   lambda case, u, d: services.case_start_mediation(case=case, actor=u, mediator=d["mediator"],
                                                                    on=d["on"]),
                   gettext_lazy("Mediation started."), "term"),
    CaseActionSpec("mediation_end", gettext_lazy("End mediation (failed)"), f.MediationEndForm,
                   lambda c: c.can(Action.MEDIATE) or c.can(Action.DOCKET),
                   lambda c: "end_mediation" in c.transitions,
                   lambda case, u, d: services.case_end_mediation(case=case, actor=u, reason=d["reason"], on=d["on"]),
                   gettext_lazy("Mediation ended; the case continues."), "term"),
    CaseActionSpec("suspend", gettext_lazy("Suspend (中止)"), f.SuspendForm, lambda c: c.can(Action.DECIDE),
                   lambda c: "suspend" in c.transitions,
                   lambda case, u, d: services.case_suspend(case=case, actor=u, ground=d["ground"], on=d["on"]),
                   gettext_lazy("The case was suspended; the term clock stopped."), "term"),
    CaseActionSpec("resume", gettext_lazy("Resume"), f.ResumeForm, lambda c: c.can(Action.DECIDE),
                   lambda c: "resume" in c.transitions,
                   lambda case, u, d: services.case_resume(case=case, actor=u, on=d["on"], reason=d["reason"]),
                   gettext_lazy("The case resumed; the term clock runs again."), "term"),
    CaseActionSpec("period_start", gettext_lazy("Start an excluded period"), f.PeriodStartForm,
                   lambda c: c.can(Action.DOCKET),
                   lambda c: c.active,
                   lambda case, u, d: services.period_start(case=case, actor=u, kind=d["kind"],
                                                            start_on=d["start_on"], end_on=d["end_on"],
                                                            reason=d["reason"]),
                   gettext_lazy("The excluded period was recorded."), "term"),
    CaseActionSpec("period_end", gettext_lazy("End an excluded period"), f.PeriodEndForm,
                   lambda c: c.can(Action.DOCKET),
                   lambda c: c.has_running_period,
                   lambda case, u, d: services.period_end(period=d["period"], actor=u, end_on=d["end_on"]),
                   gettext_lazy("The excluded period was ended."), "term"),
    CaseActionSpec("extend", gettext_lazy("Approve an extension"), f.ExtendForm, lambda c: c.can(Action.EXTEND),
                   lambda c: c.active and not c.case.foreign_related,
                   lambda case, u, d: services.case_extend(case=case, actor=u, months=d["months"],
                                                           reason=d["reason"], on=d["on"],
                                                           applied_on=d["applied_on"],
                                                           higher_court=d["higher_court"]),
                   gettext_lazy("The extension was approved."), "term"),
    CaseActionSpec("convert", gettext_lazy("Change the procedure"), f.ConvertForm, lambda c: c.can(Action.DECIDE),
                   lambda c: c.active and bool(c.procedure_transitions),
                   lambda case, u, d: services.case_convert_procedure(case=case, actor=u, to=d["to"],
                                                                      reason=d["reason"], on=d["on"],
                                                                      parties_agree=d["parties_agree"]),
                   gettext_lazy("The procedure was changed."), "term"),
    # closing
    CaseActionSpec("close", gettext_lazy("Close the case"), f.CloseForm, lambda c: c.can(Action.DECIDE),
                   lambda c: "close" in c.transitions, _close, gettext_lazy("The case was closed."), "closing",
                   danger=True),
    CaseActionSpec("archive", gettext_lazy("Archive"), f.EmptyForm, lambda c: c.can(Action.DOCKET),
                   lambda c: "archive" in c.transitions,
                   lambda case, u, d: services.case_archive(case=case, actor=u),
                   gettext_lazy("The case was archived."), "closing"),
    CaseActionSpec("note", gettext_lazy("Docket note"), f.NoteForm, lambda c: c.can(Action.DOCKET),
                   lambda c: c.case.state not in (CaseState.REJECTED,),
                   lambda case, u, d: services.case_note(case=case, actor=u, text=d["text"], on=d["on"]),
                   gettext_lazy("The note was added to the docket."), "docket"),
]
ACTIONS: dict[str, CaseActionSpec] = {spec.slug: spec for spec in ACTION_LIST}
ACTION_GROUPS = [
    ("filing", gettext_lazy("Filing decision")), ("parties", gettext_lazy("Parties and claims")),
    ("service", gettext_lazy("Service")), ("hearing", gettext_lazy("Hearings")),
    ("term", gettext_lazy("Mediation, suspension and the term")), ("closing", gettext_lazy("Closing")),
    ("docket", gettext_lazy("Docket")),
]


def available_actions(ctx: CaseContext) -> list[CaseActionSpec]:
    """The actions `ctx.user` may take on `ctx.case` now: the access check passes and the FSM allows it."""
    return [spec for spec in ACTION_LIST if spec.allowed(ctx) and spec.available(ctx)]


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return None


@login_required
@require_POST
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action on a case; a refusal of the law is shown on the form, on the case page."""
    case = get_case_for_user(request.user, pk)
    spec = ACTIONS[action]
    ctx = CaseContext(case=case, user=request.user)
    if not spec.allowed(ctx):
        raise PermissionDenied(_("Your role may not do this on this case."))
    form = spec.form_class(request.POST, case=case, user=request.user, prefix=spec.slug)
    if form.is_valid():
        try:
            spec.perform(case, request.user, form.cleaned_data)
        except CaseRuleError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, spec.done)
            return HttpResponseRedirect(_safe_next(request) or reverse("case_detail", args=[case.pk]))
    return case_page(request, case, bound={spec.slug: form})


# --- the case page ---------------------------------------------------------------------------------------

ALERT_NAMES = {ALERT_OVERDUE: "overdue", ALERT_EXTENSION_WINDOW: "window"}


def _ledger_alert(case: Case, term: TermResult | None) -> str | None:
    if case.state == CaseState.SUSPENDED:
        return "suspended"
    if term is None or case.state not in ACTIVE_STATES:
        return None
    return ALERT_NAMES.get(term.alert or "")


def case_page(request: HttpRequest, case: Case, *, bound: dict[str, f.CaseActionForm] | None = None) -> HttpResponse:
    user = request.user
    outsider = is_outsider(user)
    on = today()
    parties = list(case.parties.prefetch_related("representatives"))
    attempts = list(case.service_attempts.select_related("party"))
    hearings = list(case.hearings.select_related("judge", "assistant", "clerk"))
    periods = list(case.periods.select_related("created_by"))
    events = case.events.select_related("actor").order_by("-on", "-at", "-id")
    if outsider:
        events = events.exclude(kind__in=INTERNAL_EVENTS)
    events = list(events)
    calendar_error = None
    term = term_for(case, periods, as_of=on)
    if term is not None and term.calendar_unknown_year:
        # The deadline stands unrolled in a year with no official calendar: say so (CPL 85), never guess.
        calendar_error = calendar_gap_message([term.calendar_unknown_year])
    fee = None if case.state in (CaseState.FILED, CaseState.CORRECTION, CaseState.REJECTED) else fee_for_case(case)
    decision_due = _decision_due(case, court_calendar())
    correction = None
    if case.state == CaseState.CORRECTION:
        correction = next((e for e in events if e.kind == CaseEvent.Kind.CORRECTION_REQUESTED), None)
    ctx = CaseContext(case=case, user=user)
    bound = bound or {}
    actions = []
    for spec in available_actions(ctx):
        form = bound.get(spec.slug) or spec.form_class(case=case, user=user, prefix=spec.slug)
        actions.append({"spec": spec, "form": form, "open": spec.slug in bound})
    groups = [(label, [a for a in actions if a["spec"].group == key]) for key, label in ACTION_GROUPS]
    groups = [(label, items) for label, items in groups if items]
    team_members = list(case.team.members.filter(role__in=TEAM_ROLES).order_by("role")) if case.team_id else []
    return render(request, "cases/detail.html", {
        "case": case, "parties": parties, "attempts": attempts, "hearings": hearings, "periods": periods,
        "events": events, "term": term, "alert": _ledger_alert(case, term), "today": on,
        "decision_due": decision_due, "correction": correction, "action_groups": groups,
        "outsider": outsider, "panels": get_case_panels(case, user), "team_members": team_members,
        "bound_errors": bool(bound), "calendar_error": calendar_error, "fee": fee,
    })


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return case_page(request, get_case_for_user(request.user, pk))
