"""The mediation pages: the list (each user's mediations with their own deadline, open ones by default), the
diversion of a received complaint, a mediation's page with the steps the user may take, and the start of a
mediation after filing. Every write goes through court.mediation.services; reads through court.cases.access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from court.cases.access import Action, acts_for, can, cases_for_user, get_case_for_user
from court.cases.models import ACTIVE_STATES, Case, CaseEvent, CaseState, CaseType
from court.cases.services import CaseRuleError
from court.cases.term import today
from court.org.models import Role
from court.rules.periods import mediation_days

from . import forms, services
from .models import Mediation

PAGE_SIZE = 50


@dataclass
class Row:
    case: Case
    mediation: Mediation | None
    due_on: date | None
    days_left: int | None


def _due_from_event(case: Case) -> date | None:
    """A mediation started through the case page (no Mediation record): OMR 24's days from its start."""
    started = case.mediation_started_on()
    return started + timedelta(days=mediation_days(case.procedure)) if started else None


@login_required
def mediation_list(request: HttpRequest) -> HttpResponse:
    """The user's mediations with the mediation deadline (OMR 24), not the trial term: open ones by default,
    `?all=1` adds those that ended. A filing officer also sees the complaints that may be diverted."""
    user, on = request.user, today()
    show_all = request.GET.get("all") == "1"
    visible = cases_for_user(user)
    if user.role == Role.MEDIATOR:
        visible = visible.filter(mediator=user)
    qs = Mediation.objects.filter(case__in=visible.values("pk")).select_related("case", "case__cause", "mediator",
                                                                               "organisation", "area")
    if user.role == Role.MEDIATOR and show_all:  # their ended mediations, whose cases they no longer open
        qs = Mediation.objects.filter(mediator=user).select_related("case", "case__cause", "organisation", "area")
    if not show_all:
        qs = qs.filter(outcome=Mediation.Outcome.OPEN)
    page = Paginator(qs.order_by("due_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [Row(m.case, m, m.due_on, m.days_left(on)) for m in page.object_list]
    recorded = {r.case.pk for r in rows}
    # Mediations started on the case page, before this app kept a record of them.
    for case in visible.filter(state=CaseState.MEDIATION).exclude(mediations__outcome=Mediation.Outcome.OPEN)[:PAGE_SIZE]:
        if case.pk not in recorded:
            due = _due_from_event(case)
            rows.append(Row(case, None, due, (due - on).days if due else None))
    context: dict[str, Any] = {"rows": rows, "page": page, "show_all": show_all, "today": on}
    if user.role == Role.FILING_OFFICER or user.is_superuser:
        context["complaints"] = cases_for_user(user).filter(
            state=CaseState.FILED, case_type=CaseType.FIRST_INSTANCE, pre_filing_mediation__isnull=True)[:PAGE_SIZE]
        context["unassigned"] = Mediation.objects.filter(
            case__court_id=user.court_id, outcome=Mediation.Outcome.OPEN, mediator__isnull=True,
            stage=Mediation.Stage.PRE_FILING).select_related("case")[:PAGE_SIZE]
    return render(request, "mediation/list.html", context)


def _error(form: Any, exc: CaseRuleError) -> None:
    form.add_error(None, exc.text)


@login_required
@require_http_methods(["GET", "POST"])
def divert(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The filing officer diverts a received complaint to pre-filing mediation (services.prefiling_divert)."""
    case = get_case_for_user(request.user, case_pk)
    if not can(request.user, Action.DECIDE_FILING, case):
        raise PermissionDenied
    form = forms.DivertForm(request.POST or None, court_id=case.court_id)
    if request.method == "POST" and form.is_valid():
        try:
            mediation = services.prefiling_divert(case=case, actor=request.user, consent=form.cleaned_data["consent"],
                                                  area=form.cleaned_data["area"])
        except CaseRuleError as exc:
            form.add_error("consent" if exc.code == "consent" else None, exc.text)
        else:
            messages.success(request, _("Diverted to pre-filing mediation as %(number)s.")
                             % {"number": mediation.case.case_number})
            return redirect("mediation:detail", mediation.pk)
    return render(request, "mediation/divert.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def start_in_case(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The trial team starts a mediation after filing, court-annexed or entrusted (services.mediation_start_in_case)."""
    case = get_case_for_user(request.user, case_pk)
    if not can(request.user, Action.DOCKET, case):
        raise PermissionDenied
    form = forms.StartInCaseForm(request.POST or None, court_id=case.court_id)
    if request.method == "POST" and form.is_valid():
        try:
            mediation = services.mediation_start_in_case(case=case, actor=request.user,
                                                         mediator=form.cleaned_data["mediator"],
                                                         entrusted=form.cleaned_data["entrusted"])
        except CaseRuleError as exc:
            _error(form, exc)
        else:
            return redirect("mediation:detail", mediation.pk)
    return render(request, "mediation/start.html", {"case": case, "form": form})


def mediation_for_user(user: Any, pk: int) -> Mediation:
    """The mediation `pk` if the user sees its case (or the judicial-confirmation case that came of it); else 404."""
    visible = cases_for_user(user).values("pk")
    try:
        return (Mediation.objects.select_related("case", "case__cause", "mediator", "organisation", "area",
                                                 "filed_case", "confirmation_case")
                .filter(pk=pk).filter(case__in=visible).get())
    except Mediation.DoesNotExist:
        pass
    mediation = Mediation.objects.filter(pk=pk, confirmation_case__in=visible).first()
    if mediation is None:
        raise Http404(_("You do not have access to this case."))
    return mediation


def _steps(user: Any, m: Mediation) -> dict[str, bool]:
    case, agreement = m.case, getattr(m, "agreement", None)
    parties = list(case.parties.all())
    mine = [p for p in parties if acts_for(user, p)]
    signed = set(agreement.signatures.values_list("party_id", flat=True)) if agreement else set()
    applied = set(m.confirmation_applications.values_list("party_id", flat=True))
    mediates = m.is_open and m.started_on is not None and can(user, Action.MEDIATE, case)
    pre = m.stage == Mediation.Stage.PRE_FILING
    special = m.confirmation_case
    return {
        "assign": pre and m.is_open and m.mediator_id is None and can(user, Action.DECIDE_FILING, case),
        "agreement": mediates and agreement is None,
        "extend": mediates,
        "appraisal": mediates and pre,
        "fail": pre and m.is_open and m.started_on is not None and can(user, Action.END_MEDIATION, case),
        "end": not pre and m.is_open and can(user, Action.END_MEDIATION, case),
        "session": mediates,
        "statement": m.is_open and (can(user, Action.MEDIATE, case) or bool(mine)),
        "sign": [p for p in mine if agreement is not None and agreement.effective_on is None and p.pk not in signed],
        "apply": [p for p in mine if pre and agreement is not None and agreement.effective_on is not None
                  and special is None and p.pk not in applied],
        "decide": special is not None and special.state in ACTIVE_STATES and can(user, Action.DECIDE, special),
    }


FORMS = {"assign": forms.AssignForm, "agreement": forms.AgreementForm, "extend": forms.ExtendForm,
         "appraisal": forms.AppraisalForm, "fail": forms.FailForm, "end": forms.EndInCaseForm,
         "session": forms.SessionForm, "statement": forms.StatementForm, "decide": forms.DecideForm}


def _perform(step: str, m: Mediation, user: Any, data: dict[str, Any], party: Any) -> str:
    """Run the service of `step`; returns the message to show."""
    if step == "assign":
        services.prefiling_assign(mediation=m, actor=user, mediator=data["mediator"])
        return _("The mediator has been named; the thirty days run from today (OMR 24).")
    if step == "agreement":
        services.agreement_draw(mediation=m, actor=user, terms=data["terms"])
        return _("The agreement is in the case file; each party signs it online (OMR 19).")
    if step == "extend":
        services.mediation_extend(mediation=m, actor=user, until=data["until"])
        return _("The mediation deadline has been extended by the parties' agreement (OMR 24).")
    if step == "appraisal":
        services.prefiling_appraisal(mediation=m, actor=user, start_on=data["start_on"], end_on=data["end_on"],
                                     reason=data["reason"])
        return _("The appraisal is recorded; its days are not counted (OMR 26).")
    if step == "fail":
        filed = services.prefiling_fail(mediation=m, actor=user, reason=data["reason"])
        return _("Mediation failed; the complaint is received again as a first-instance case (%(id)s).") % {
            "id": filed}
    if step == "end":
        services.mediation_end_in_case(mediation=m, actor=user, outcome=data["outcome"], reason=data["reason"])
        return _("The result of the mediation is recorded.")
    if step == "session":
        services.session_schedule(mediation=m, actor=user, starts_at=data["starts_at"], online=data["online"],
                                  place=data["place"])
        return _("The session is scheduled.")
    if step == "statement":
        services.statement_add(mediation=m, actor=user, text=data["text"], kind=data["kind"])
        return _("Your statement has been added.")
    if step == "decide":
        services.confirmation_decide(case=m.confirmation_case, actor=user, confirmed=data["confirmed"],
                                     ground=data["ground"])
        return _("The ruling is recorded and the case closed.")
    if step == "sign":
        services.agreement_sign(agreement=m.agreement, actor=user, party=party)
        return _("%(party)s has signed the agreement.") % {"party": party.name}
    if step == "apply":
        special = services.confirmation_apply(mediation=m, actor=user, party=party)
        return (_("Every party has applied: the application is filed as %(case)s.") % {"case": special}
                if special else _("Your application is recorded; the other party applies too (CPL 205)."))
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def mediation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    m = mediation_for_user(user, pk)
    steps = _steps(user, m)
    suggested = services.suggest_mediators(m) if steps["assign"] else []
    bound: dict[str, Any] = {}
    if request.method == "POST":
        step = request.POST.get("step", "")
        party = None
        if step in ("sign", "apply"):
            party = next((p for p in steps[step] if str(p.pk) == request.POST.get("party")), None)
            if party is None:
                raise PermissionDenied
        elif not steps.get(step):
            raise PermissionDenied
        form = None
        if step in FORMS:
            kwargs = {"suggested": suggested, "court_id": m.case.court_id} if step == "assign" else {}
            form = FORMS[step](request.POST, **kwargs)
            bound[step] = form
        if form is None or form.is_valid():
            try:
                text = _perform(step, m, user, form.cleaned_data if form else {}, party)
            except CaseRuleError as exc:
                if form is None:
                    messages.error(request, exc.text)
                    return redirect("mediation:detail", m.pk)
                _error(form, exc)
            else:
                messages.success(request, text)
                try:  # back to the page if the user still sees it (a mediator does not, once it ended)
                    return redirect("mediation:detail", mediation_for_user(user, m.pk).pk)
                except Http404:
                    return redirect("mediation:list")
    page_forms = {}
    for step, cls in FORMS.items():
        if steps.get(step):
            kwargs = {"suggested": suggested, "court_id": m.case.court_id} if step == "assign" else {}
            page_forms[step] = bound.get(step) or cls(**kwargs)
    agreement = getattr(m, "agreement", None)
    signatures = services.signatures_by_party(agreement)
    parties = list(m.case.parties.all())
    context = {
        "m": m, "case": m.case, "steps": steps, "forms": page_forms, "suggested": suggested, "agreement": agreement,
        "party_rows": [(p, signatures.get(p.pk)) for p in parties], "today": today(),
        "sessions": m.sessions.all(), "statements": m.statements.select_related("party", "author"),
        "days_left": m.days_left(today()),
        "case_visible": cases_for_user(user).filter(pk=m.case_id).exists(),
        "pre_filing_days": m.days if m.filed_case_id else None,
        "applied": {a.party_id: a for a in m.confirmation_applications.all()},
        "events": m.case.events.filter(kind__in=[CaseEvent.Kind.MEDIATION_STARTED, CaseEvent.Kind.MEDIATION_FAILED,
                                                 CaseEvent.Kind.CONSENTS_RECORDED,
                                                 CaseEvent.Kind.APPLICATION_FILED]).order_by("-at", "-id")[:50],
    }
    return render(request, "mediation/detail.html", context)
