"""The triage panel on the case page (registered with court.cases.panels)."""

from __future__ import annotations

import logging
from typing import Any

from django.utils.translation import get_language
from lightgbm.basic import LightGBMError

from court.cases.access import Action, can
from court.cases.models import Case, CaseType
from court.org.models import User

from . import explain, registry, selectors
from .features import case_columns
from .rules import ROUTES

TEMPLATE = "triage/_case_panel.html"

log = logging.getLogger(__name__)


def duration_estimate(case: Case) -> dict[str, float] | None:
    """Expected net trial days (median, 90th percentile) from the active model, or None."""
    router = registry.active_router()
    if router is None or not router.duration:
        return None
    return router.duration_one(router.matrix(case_columns(case))[0])


def _view(rec: Any, language: str) -> dict[str, Any]:
    return {"rec": rec, "reasons": explain.texts(explain.shown(rec.reasons), language),
            "rule_reason": next((explain.reason_text(r, language) for r in rec.reasons if r.get("kind") == "rule"), "")}


def triage_panel(case: Case, user: User) -> tuple[str, dict[str, Any]] | None:
    if not getattr(user, "is_court_staff", False) or case.case_type != CaseType.FIRST_INSTANCE:
        return None
    language = get_language() or "zh-hans"
    history = list(selectors.recommendation_history(case))
    latest = history[0] if history else None
    try:
        duration = duration_estimate(case)
    except (LightGBMError, ValueError, KeyError):  # the estimate is a nicety; never break the panel
        log.warning("No duration estimate for case %s", case.pk, exc_info=True)
        duration = None
    return TEMPLATE, {
        "latest": _view(latest, language) if latest else None,
        "changed_from": history[1] if len(history) > 1 and history[1].route != latest.route else None,
        "history": [_view(r, language) for r in history],
        "can_decide": bool(latest and latest.status == latest.Status.OPEN and can(user, Action.TRIAGE, case)),
        "routes": [(r, label) for r, label in case._meta.get_field("procedure").choices if r in ROUTES],
        "duration": duration,
        "can_retriage": can(user, Action.TRIAGE, case),
    }
