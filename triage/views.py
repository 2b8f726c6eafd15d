"""Triage pages: the threshold page, the model versions page, and the accept/override/re-triage actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from court.cases.access import Action, get_case_for_user, require
from court.cases.services import CaseRuleError
from court.org.models import Role, User

from . import card as card_figures
from . import drift, registry, selectors, services
from .features import build_matrix
from .models import ModelVersion, Recommendation, TrainingRun

ADMINS_ONLY = gettext_noop("Only the court administrator may see this page.")


def _require_admin(user: User) -> None:
    if not (user.is_superuser or user.role == Role.ADMINISTRATOR):
        raise PermissionDenied(_(ADMINS_ONLY))


def _chart(curve: list[dict[str, Any]], chosen: float) -> dict[str, Any]:
    """SVG polylines (600 × 200) for the simple-procedure rate and the expected conversion rate."""
    if not curve:
        return {}

    def points(key: str) -> str:
        return " ".join(f"{40 + r['threshold'] * 540:.1f},{180 - r[key] * 160:.1f}" for r in curve)

    return {"simple": points("simple_rate"), "conversions": points("expected_conversion_rate"),
            "chosen_x": f"{40 + chosen * 540:.1f}",
            "ticks": [{"x": f"{40 + t * 540:.1f}", "label": f"{t:.1f}"} for t in (0.1, 0.3, 0.5, 0.7, 0.9)]}


@login_required
def threshold_page(request: HttpRequest) -> HttpResponse:
    """What each threshold means on the held-out period; the administrator sets the court's threshold here."""
    user = request.user
    _require_admin(user)
    court = user.court
    if request.method == "POST":
        if court is None:
            raise PermissionDenied(_(ADMINS_ONLY))
        try:
            services.court_set_triage_threshold(court=court, actor=user, threshold=request.POST.get("threshold"),
                                                band=request.POST.get("band"))
        except CaseRuleError as exc:
            messages.error(request, exc.text)
        else:
            messages.success(request, _("The triage threshold is now %(t)s (review band ± %(b)s).")
                             % {"t": court.triage_threshold, "b": court.triage_review_band})
        return HttpResponseRedirect(reverse("triage:threshold"))
    mv = registry.active_version()
    card = mv.card if mv else {}
    curve = card.get("threshold_curve", [])
    chosen = float(court.triage_threshold) if court else 0.5
    return render(request, "triage/threshold.html", {
        "court": court, "version": mv, "curve": curve, "chosen": chosen,
        "suggested": card.get("suggested_threshold"), "holdout": card.get("data_window", {}).get("holdout"),
        "chart": _chart(curve, chosen),
    })


@login_required
def versions_page(request: HttpRequest) -> HttpResponse:
    """Model versions with their cards, feature drift against recent filings, override rates, training runs."""
    _require_admin(request.user)
    versions = list(selectors.versions()[:30])
    active = next((v for v in versions if v.is_active), None)
    drift_rows: list[dict[str, Any]] = []
    recent = selectors.recent_filings_frame()
    if active is not None and len(recent):
        try:
            router = registry.load(active)
            drift_rows = drift.psi(active.card.get("drift_reference", {}), build_matrix(recent, router.spec))
        except (OSError, ValueError):
            drift_rows = []
    rates = selectors.override_rates()
    rows = [{"mv": v, "override": rates.get(v.version)} for v in versions]
    return render(request, "triage/versions.html", {
        "rows": rows, "active": active, "drift": drift_rows, "recent_rows": len(recent),
        "runs": TrainingRun.objects.select_related("version")[:20],
    })


def _card_context(mv: ModelVersion) -> dict[str, Any]:
    card = mv.card
    calib = card_figures.calibration(card)
    drift_info = card_figures.feature_drift(mv)
    overrides = card_figures.override_rate()
    active = registry.active_version()
    return {
        "mv": mv, "card": card, "active": active, "window": card_figures.window(card),
        "performance": card_figures.performance(card), "calibration": calib,
        "groups": card_figures.group_gaps(card), "drift": drift_info, "overrides": overrides,
        "version_overrides": card_figures.override_rate(version=mv.version),
        "versions": card_figures.versions(), "activations": card_figures.activations(),
        "rollback_to": card_figures.rollback_target(active) if mv.is_active else None,
        "chart": card_figures.chart_data(calib, drift_info["rows"], overrides),
    }


@login_required
def version_card(request: HttpRequest, version: str | None = None) -> HttpResponse:
    """The model card: the active version's (no version in the URL) or any registered version's."""
    _require_admin(request.user)
    if version is None:
        mv = registry.active_version()
        if mv is None:
            return HttpResponseRedirect(reverse("triage:versions"))
    else:
        mv = get_object_or_404(ModelVersion, version=version)
    return render(request, "triage/card.html", _card_context(mv))


@login_required
@require_POST
def activate_version(request: HttpRequest, version: str) -> HttpResponse:
    """Roll back (or forward) to `version`, with a reason; administrators only."""
    _require_admin(request.user)
    mv = get_object_or_404(ModelVersion, version=version)
    previous = registry.active_version()
    try:
        services.model_version_activate(version=mv.version, actor=request.user,
                                        reason=request.POST.get("reason", ""))
    except CaseRuleError as exc:
        messages.error(request, exc.text)
        shown = request.POST.get("shown", "")  # the card the form was on
        back = shown if ModelVersion.objects.filter(version=shown).exists() else mv.version
        return HttpResponseRedirect(reverse("triage:card", args=[back]))
    messages.success(request, _("%(version)s is now the active triage model (it replaced %(previous)s).")
                     % {"version": mv.version, "previous": previous.version if previous else "—"})
    return HttpResponseRedirect(reverse("triage:active_card"))


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or override a recommendation (an override needs a reason)."""
    rec = get_object_or_404(Recommendation.objects.only("id", "case_id"), pk=pk)
    case = get_case_for_user(request.user, rec.case_id)
    require(request.user, Action.TRIAGE, case)
    accept = request.POST.get("decision") == "accept"
    try:
        services.recommendation_decide(recommendation=rec, actor=request.user, accept=accept,
                                       route=request.POST.get("route", ""), reason=request.POST.get("reason", ""))
    except CaseRuleError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Triage decision recorded."))
    return HttpResponseRedirect(reverse("case_detail", args=[case.pk]))


@login_required
@require_POST
def retriage(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Ask for a fresh recommendation (e.g. after the threshold or the model changed)."""
    case = get_case_for_user(request.user, case_pk)
    require(request.user, Action.TRIAGE, case)
    services.case_triage(case=case, trigger="manual", actor=request.user)
    messages.success(request, _("A new triage recommendation was made."))
    return HttpResponseRedirect(reverse("case_detail", args=[case.pk]))
