"""The case page and its actions. The case is read through `access.get_case_for_user`; the page offers the
actions of `court.cases.actions` that the user may take now, and each posts to its own URL (`case_<slug>`),
served by `case_action`: the form's `perform` calls the service. A `CaseRuleError` from the service is shown
on the form; a `PermissionDenied` becomes the 403 page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from court.org.models import TEAM_ROLES, User
from court.rules import procedure as rule_procedure
from court.rules.terms import ALERT_EXTENSION_WINDOW, ALERT_OVERDUE, TermResult, term_spec

from .. import services
from ..access import (
    FILING_STATES,
    NOT_ALLOWED,
    Action,
    can,
    documents_for_user,
    get_case_for_user,
    is_external,
    sees_contact,
    sees_hearing_link,
    sees_notes,
)
from ..actions import ACTION_GROUPS, ACTIONS, CaseActionForm, CaseContext, offered_actions
from ..calendar_status import calendar_gap_message
from ..casefile_forms import DocumentUploadForm, EvidenceForm
from ..fees import case_fees
from ..models import ACTIVE_STATES, Case, CaseEvent, CaseState, Party
from ..panels import get_case_panels
from ..selectors import case_facts_now, small_claims_recheck, wage_threshold_warning
from ..term import court_calendar, term_for, today
from ..timeline import timeline
from .common import decision_days, decision_due
from .fees import fee_refund, fee_rows

#: Events a party or lawyer does not see: internal notes and the triage workings.
INTERNAL_EVENTS = (CaseEvent.Kind.NOTE, CaseEvent.Kind.TRIAGED, CaseEvent.Kind.TRIAGE_DECIDED,
                   CaseEvent.Kind.INTERNAL_DOCUMENT_ADDED)
#: States before 立案 or without it, which have no court fee to show.
NO_FEE_STATES = (CaseState.FILED, CaseState.CORRECTION, CaseState.REJECTED, CaseState.WITHDRAWN)
ALERT_NAMES = {ALERT_OVERDUE: "overdue", ALERT_EXTENSION_WINDOW: "window"}


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return None


@login_required
@require_http_methods(["GET", "POST"])
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action on a case; a refusal of the law is shown on the form, on the case page, with what was typed.
    That page stands at the action's URL: opening it again (GET) leads to the action on the case page."""
    case = get_case_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseRedirect(reverse("case_detail", args=[case.pk]) + f"#action-{action}")
    form_class = ACTIONS[action]
    if not form_class.permitted(CaseContext(case=case, user=request.user)):
        raise PermissionDenied(_(NOT_ALLOWED))
    form = form_class(request.POST, request.FILES, case=case, user=request.user)
    if form.is_valid():
        try:
            form.perform(case, request.user)
        except services.CaseRuleError as exc:  # next to the field it concerns, where the form names one
            form.add_error(getattr(form, "ERROR_FIELDS", {}).get(exc.code), exc.text)
        else:
            messages.success(request, form_class.spec.done)
            if not can(request.user, Action.VIEW, case):  # e.g. a mediator who ended the mediation
                return HttpResponseRedirect(reverse("home"))
            return HttpResponseRedirect(_safe_next(request) or reverse("case_detail", args=[case.pk]))
    return case_page(request, case, bound=form)


def _ledger_alert(case: Case, term: TermResult | None) -> str | None:
    if case.state == CaseState.SUSPENDED:
        return "suspended"
    if term is None or case.state not in ACTIVE_STATES:
        return None
    return ALERT_NAMES.get(term.alert or "")


def _small_claims_alert(case: Case) -> dict[str, Any] | None:
    """A pending small-claims case that no longer qualifies (JI 278; CPL 166): the bars it meets and where it
    must go before it can be closed (CPL 169: simple procedure, or ordinary by ruling when simple is barred
    too). The closing service refuses it until then (`rule_procedure.check_still_small_claims`)."""
    if case.state not in ACTIVE_STATES:
        return None
    bars = small_claims_recheck(case)
    if not bars:
        return None
    move = rule_procedure.required_move(bars, case_facts_now(case))
    articles = "; ".join(dict.fromkeys(bar.article for bar in bars))
    return {"message": _(rule_procedure.SMALL_CLAIMS_NO_LONGER_APPLIES) % {"bars": articles},
            "bars": [_(bar.message) for bar in bars], "move": str(move) if move else ""}


def _wage_warning(case: Case, user: User, on: Any) -> str | None:
    """JI 272 to whoever decides on filing, while the complaint awaits that decision: the province's stored
    average-wage figure, which sets the small-claims limit, is missing or looks stale."""
    if case.state not in FILING_STATES or not can(user, Action.DECIDE_FILING, case):
        return None
    return wage_threshold_warning(case.court.province, on)


def _action_groups(case: Case, user: User, bound: CaseActionForm | None) -> list[tuple[Any, list[dict[str, Any]]]]:
    """The offered actions by group, each with its form (the submitted one, with its errors, stays open)."""
    actions = []
    for form_class in offered_actions(CaseContext(case=case, user=user)):
        spec = form_class.spec
        is_bound = bound is not None and bound.spec.slug == spec.slug
        form = bound if is_bound else form_class(case=case, user=user)
        actions.append({"spec": spec, "form": form, "open": is_bound})
    groups = [(label, [a for a in actions if a["spec"].group == key]) for key, label in ACTION_GROUPS]
    return [(label, items) for label, items in groups if items]


def _case_file(case: Case, user: User, bound: dict[str, Any] | None) -> dict[str, Any]:
    """The case file section: the documents `user` may read, the evidence list, and the upload forms for those
    who may add to it (a submitted form, with its errors, stays open)."""
    bound = bound or {}
    may_add = can(user, Action.ADD_DOCUMENT, case)
    return {
        "documents": list(documents_for_user(user, case)),
        "evidence": list(case.evidence.select_related("document")),
        "document_form": bound.get("document") or (
            DocumentUploadForm(staff=not is_external(user)) if may_add else None),
        "evidence_form": bound.get("evidence") or (EvidenceForm(prefix="evidence") if may_add else None),
        "open": next(iter(bound), ""),
    }


def case_page(request: HttpRequest, case: Case, *, bound: CaseActionForm | None = None,
              casefile_forms: dict[str, Any] | None = None) -> HttpResponse:
    user = request.user
    outsider = is_external(user)  # parties, lawyers and mediators from outside the court
    on = today()
    # On the case itself, so that the action forms and the panels that read case.parties.all() reuse them.
    prefetch_related_objects([case], Prefetch("parties", queryset=Party.objects.prefetch_related("representatives")))
    parties = list(case.parties.all())
    for party in parties:
        party.contact_shown = sees_contact(user, party)
    attempts = list(case.service_attempts.select_related("party"))
    hearings = list(case.hearings.select_related("judge", "assistant", "clerk", "courtroom", "transcript")
                    .prefetch_related("attendance__party", "windows__submissions__party",
                                      "windows__submissions__document"))
    periods = list(case.periods.select_related("created_by"))
    events = case.events.select_related("actor").order_by("-on", "-at", "-id")
    if outsider:
        events = events.exclude(kind__in=INTERNAL_EVENTS)
    elif not sees_notes(user, case):  # a filing officer, another team: no team's notes but their own
        events = events.exclude(Q(kind=CaseEvent.Kind.NOTE) & ~Q(actor=user))
    events = timeline(events, staff=not outsider)  # the payload labelled and formatted (court/cases/timeline.py)
    calendar_error = None
    term = term_for(case, periods, as_of=on)
    if term is not None and term.calendar_unknown_year:
        # The deadline stands unrolled in a year with no official calendar: say so (CPL 85), never guess.
        calendar_error = calendar_gap_message([term.calendar_unknown_year])
    correction = None
    if case.state == CaseState.CORRECTION:
        correction = next((e for e in events if e.kind == CaseEvent.Kind.CORRECTION_REQUESTED), None)
    correction_info = services.correction_request(case) if correction is not None else None
    team_members = list(case.team.members.filter(role__in=TEAM_ROLES).order_by("role")) if case.team_id else []
    fee = None if case.state in NO_FEE_STATES else case_fees(case, calendar=court_calendar())
    after_judgment = services.decision_status(case, on=on) if case.closed_on else None
    rows = fee_rows(case, user)
    return render(request, "cases/detail.html", {
        "case": case, "parties": parties, "attempts": attempts, "hearings": hearings, "periods": periods,
        "events": events, "term": term, "alert": _ledger_alert(case, term), "today": on,
        "decision_due": decision_due(case, court_calendar()), "decision_days": decision_days(case),
        "correction": correction, "correction_info": correction_info,
        "correction_overdue": bool(correction_info and correction_info.overdue(on)),
        "may_correct": correction is not None and can(user, Action.AMEND_FILING, case),
        "applications": list(case.applications.select_related("party").order_by("filed_on", "id")),
        "action_groups": _action_groups(case, user, bound), "outsider": outsider,
        "panels": get_case_panels(case, user), "team_members": team_members, "calendar_error": calendar_error,
        "sees_hearing_link": sees_hearing_link(user, case),
        "fee": fee, "fee_rows": rows, "fee_refund": fee_refund(case, rows, fees=fee, decision=after_judgment),
        "term_spec": term_spec(case.case_type, case.procedure),
        "small_claims_alert": None if outsider else _small_claims_alert(case),
        "wage_warning": _wage_warning(case, user, on),
        "case_file": _case_file(case, user, casefile_forms),
        "after_judgment": after_judgment,
    })


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return case_page(request, get_case_for_user(request.user, pk))
