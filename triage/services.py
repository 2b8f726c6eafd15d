"""Writes of the triage app: recommend (at filing and on every re-triage trigger), accept or override, set
the court's threshold. Each recommendation and each decision logs a CaseEvent (TRIAGED / TRIAGE_DECIDED).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from court.cases.access import Action, require
from court.cases.models import Case, CaseEvent, CaseType, Procedure
from court.cases.selectors import wage_threshold_for
from court.cases.services import CaseRuleError, log_event
from court.cases.term import today
from court.org.models import Court, Role, User

from . import explain, registry, rules
from .features import case_columns, row_facts
from .models import ModelVersion, Recommendation
from .predict import recommend

log = logging.getLogger(__name__)
K = CaseEvent.Kind

OVERRIDE_NEEDS_REASON = gettext_noop("An override needs a reason.")
ACCEPTED_AT_FILING = gettext_noop("accepted under %(procedure)s at filing")
NOT_LATEST = gettext_noop("This recommendation has been superseded; decide on the latest one.")
ALREADY_DECIDED = gettext_noop("This recommendation has already been decided.")
UNKNOWN_ROUTE = gettext_noop("Unknown procedure %(route)s.")
ROUTE_BARRED = gettext_noop("%(rule)s The law does not allow %(route)s here.")
BAD_THRESHOLD = gettext_noop("The threshold must be a number between 0.05 and 0.95.")
BAD_BAND = gettext_noop("The review band must be a number between 0 and 0.3.")
NOT_ADMINISTRATOR = gettext_noop("Only the court administrator may set the triage threshold.")
ACTIVATION_NEEDS_REASON = gettext_noop("Say why this version should become the active model.")
UNKNOWN_VERSION = gettext_noop("There is no model version %(version)s.")
ALREADY_ACTIVE = gettext_noop("%(version)s is already the active model.")
MODEL_FILES_BROKEN = gettext_noop("The files of %(version)s cannot be loaded, so it stays inactive: %(error)s")
NOT_ADMINISTRATOR_MODEL = gettext_noop("Only the court administrator may change the active triage model.")


def _as_of(case: Case) -> date:
    return case.filed_on or case.submitted_on or today()


@transaction.atomic
def case_triage(*, case: Case, trigger: str, actor: User | None = None) -> Recommendation | None:
    """A new recommendation for `case` (first-instance civil only), superseding any open one; logs TRIAGED."""
    case = Case.objects.select_for_update().select_related("court", "cause").get(pk=case.pk)
    if case.case_type != CaseType.FIRST_INSTANCE:
        return None
    router = registry.active_router()
    mv = registry.ModelVersion.objects.filter(version=router.version).first() if router else None
    on = _as_of(case)
    wage = wage_threshold_for(case.court.province, on)
    columns = case_columns(case)
    threshold, band = float(case.court.triage_threshold), float(case.court.triage_review_band)
    # The law of the filing date (CPL 2017 art. 162's 30% before 2022), as for the wage figure (JI 272).
    scored = recommend(router, columns, case.filing_facts(), wage.as_rule() if wage else None,
                       threshold=threshold, band=band, filed_on=on)
    previous = case.triage_recommendations.order_by("-created_at", "-id").first()
    case.triage_recommendations.filter(status=Recommendation.Status.OPEN).update(
        status=Recommendation.Status.SUPERSEDED)
    rule = scored.route.rule
    rec = Recommendation.objects.create(
        case=case, model_version=mv, version_label=router.version if router else "", trigger=trigger,
        route=scored.route.route, p_complex=scored.p_complex, threshold=case.court.triage_threshold,
        review_band=case.court.triage_review_band, needs_review=scored.route.needs_review,
        decided_by=scored.route.decided_by, rule_code=rule.code if rule else "",
        rule_article=rule.article if rule else "", allowed_routes=list(scored.picture.allowed),
        reasons=scored.reasons, features=row_facts(columns),
    )
    log_event(
        case, K.TRIAGED, actor=actor, on=today(), basis=rec.rule_article, reason=_reasons_line(rec),
        recommendation=rec.pk, trigger=trigger, route=rec.route,
        p_complex=None if rec.p_complex is None else round(rec.p_complex, 3),
        needs_review=rec.needs_review, decided_by=rec.decided_by, model_version=rec.version_label,
        previous_route=previous.route if previous else "",
    )
    return rec


def _reasons_line(rec: Recommendation) -> str:
    return "; ".join(f"{r['zh']} / {r['en']}" for r in rec.reasons[:3])


@transaction.atomic
def recommendation_decide(*, recommendation: Recommendation, actor: User | None, accept: bool, route: str = "",
                          reason: str = "") -> Recommendation:
    """The filing officer (at filing) or the judge accepts the recommendation or overrides it with a reason."""
    rec = Recommendation.objects.select_for_update().select_related("case").get(pk=recommendation.pk)
    case = rec.case
    require(actor, Action.TRIAGE, case)
    if rec.status == Recommendation.Status.SUPERSEDED:
        raise CaseRuleError(NOT_LATEST, code="superseded")
    if rec.status != Recommendation.Status.OPEN:
        raise CaseRuleError(ALREADY_DECIDED, code="decided")
    if accept:
        chosen = rec.route
        reason = reason.strip()
    else:
        chosen = route
        if chosen not in rules.ROUTES:
            raise CaseRuleError(UNKNOWN_ROUTE, code="route", params={"route": chosen})
        if not reason.strip():
            raise CaseRuleError(OVERRIDE_NEEDS_REASON, code="no_reason")
        if chosen not in rec.allowed_routes:
            bar = next((r for r in rec.reasons if r.get("kind") == "rule"), None)
            article = bar["article"] if bar else ""
            raise CaseRuleError(ROUTE_BARRED, code="barred", article=article,
                                params={"rule": explain.reason_text(bar, get_language() or "") if bar else "",
                                        "route": Procedure(chosen).label})
    return _record_decision(rec, actor, chosen, reason)


def _record_decision(rec: Recommendation, actor: User | None, chosen: str, reason: str, *,
                     at_filing: bool = False) -> Recommendation:
    """The one way a decision is written: the recommendation's fields and the TRIAGE_DECIDED event."""
    rec.status = Recommendation.Status.ACCEPTED if chosen == rec.route else Recommendation.Status.OVERRIDDEN
    rec.decided_route = chosen
    rec.decided_at = timezone.now()
    rec.decided_user = actor
    rec.override_reason = reason.strip()
    rec.decided_at_filing = at_filing
    rec.save(update_fields=["status", "decided_route", "decided_at", "decided_user", "override_reason",
                            "decided_at_filing"])
    log_event(rec.case, K.TRIAGE_DECIDED, actor=actor, on=today(), reason=rec.override_reason,
              basis=rec.rule_article, recommendation=rec.pk, recommended=rec.route, decided=chosen,
              outcome=rec.status, model_version=rec.version_label, at_filing=at_filing)
    return rec


@transaction.atomic
def recommendation_decide_by_acceptance(*, case: Case, actor: User | None, procedure: str) -> Recommendation | None:
    """The acceptance (立案, `case_accept`) decides the case's open recommendation: accepted when `procedure` is
    the recommended route, overridden otherwise, the acceptor deciding. None when nothing is open.

    `case_accept` has already checked the acceptor (DECIDE_FILING) and the procedure bars (JI 257; CPL 165-166)
    as of the acceptance, so neither Action.TRIAGE (the case has left the filing states) nor the
    recommendation's `allowed_routes` is checked again: the procedure is a fact by now."""
    if procedure not in rules.ROUTES:
        raise CaseRuleError(UNKNOWN_ROUTE, code="route", params={"route": procedure})
    case = Case.objects.select_for_update().get(pk=case.pk)  # serialises with case_triage, which locks it too
    rec = (Recommendation.objects.select_for_update()
           .filter(case=case, status=Recommendation.Status.OPEN).order_by("-created_at", "-id").first())
    if rec is None:
        return None
    rec.case = case
    reason = _(ACCEPTED_AT_FILING) % {"procedure": Procedure(procedure).label}
    return _record_decision(rec, actor, procedure, reason, at_filing=True)


def _decimal(value: Any, low: Decimal, high: Decimal, message: str) -> Decimal:
    try:
        d = Decimal(str(value)).quantize(Decimal("0.001"))
    except (InvalidOperation, ValueError):
        raise CaseRuleError(message, code="invalid") from None
    if not d.is_finite() or not low <= d <= high:  # NaN compares with nothing (InvalidOperation)
        raise CaseRuleError(message, code="invalid")
    return d


@transaction.atomic
def court_set_triage_threshold(*, court: Court, actor: User | None, threshold: Any, band: Any) -> Court:
    """The administrator fixes the court's threshold and review band (chosen from the validation curve)."""
    if actor is not None and not actor.is_superuser and not (
        actor.role == Role.ADMINISTRATOR and actor.court_id == court.pk
    ):
        raise PermissionDenied(_(NOT_ADMINISTRATOR))
    court = Court.objects.select_for_update().get(pk=court.pk)
    court.triage_threshold = _decimal(threshold, Decimal("0.05"), Decimal("0.95"), BAD_THRESHOLD)
    court.triage_review_band = _decimal(band, Decimal("0"), Decimal("0.3"), BAD_BAND)
    court.save(update_fields=["triage_threshold", "triage_review_band"])
    log.info("Triage threshold of %s set to %s ± %s by %s", court.code, court.triage_threshold,
             court.triage_review_band, actor)
    return court


_AUTOMATIC: ContextVar[bool | None] = ContextVar("fanjian_automatic_triage", default=None)


@contextmanager
def automatic_triage(enabled: bool) -> Iterator[None]:
    """Within the block, triage on the case signals runs iff `enabled`, whatever FANJIAN_TRIAGE_AUTO says.

    The demo replay keeps years-old cases out of triage this way, without touching the settings."""
    token = _AUTOMATIC.set(enabled)
    try:
        yield
    finally:
        _AUTOMATIC.reset(token)


def triage_safely(case: Case, trigger: str, actor: User | None = None) -> Recommendation | None:
    """Run `case_triage` from a signal, the TRIAGED event naming `actor` (whose act triggered it).

    Sent after the case service committed, so nothing may propagate: a triage failure is logged with its
    traceback and the case service carries on (tests/triage/test_retriage.py).
    """
    enabled = _AUTOMATIC.get()
    if not (settings.FANJIAN_TRIAGE_AUTO if enabled is None else enabled):
        return None
    try:
        return case_triage(case=case, trigger=trigger, actor=actor)
    except Exception:  # the contract above: any failure of triage, however unexpected, stays in triage
        log.exception("Triage of case %s after %s failed; queued to be tried again", case.pk, trigger)
        queue_retry(case.pk, trigger, actor.pk if actor else None)
        return None


def queue_retry(case_id: int, trigger: str, actor_id: int | None) -> None:
    """Triage `case_id` again in the task cluster (`triage.tasks.triage_again`). Should even the queue fail, the
    sweep (`triage.tasks.triage_missing`, every 15 minutes) finds the case without a recommendation: a failed
    triage is retried, never lost silently."""
    from django_q.tasks import async_task

    try:
        async_task("triage.tasks.triage_again", case_id, trigger, actor_id, task_name=f"triage-again-{case_id}")
    except Exception:  # the sweep is the second net
        log.exception("Could not queue the triage retry of case %s", case_id)


def decide_by_acceptance_safely(case: Case, actor: User | None, procedure: str) -> Recommendation | None:
    """Run `recommendation_decide_by_acceptance` from the `case_accepted` signal (after commit), under the
    contract of `triage_safely`: a failure is logged and the acceptance stands. Not gated by automatic
    triage: it records what the acceptance decided about a recommendation that already exists."""
    try:
        return recommendation_decide_by_acceptance(case=case, actor=actor, procedure=procedure)
    except Exception:  # the contract of triage_safely: any failure of triage stays in triage
        log.exception("Triage decision of case %s at its acceptance failed", case.pk)
        return None


def model_version_activate(*, version: str, actor: User, reason: str) -> ModelVersion:
    """The administrator makes `version` the active model (usually a rollback), with a reason.

    The files are verified first (sha256), then `registry.activate` switches in one transaction and appends the
    `ModelActivation` naming the actor, the reason and the version it replaced."""
    if not (actor.is_superuser or actor.role == Role.ADMINISTRATOR):
        raise PermissionDenied(_(NOT_ADMINISTRATOR_MODEL))
    reason = (reason or "").strip()
    if not reason:
        raise CaseRuleError(ACTIVATION_NEEDS_REASON, code="no_reason")
    mv = ModelVersion.objects.filter(version=version).first()
    if mv is None:
        raise CaseRuleError(UNKNOWN_VERSION, code="unknown", params={"version": version})
    if mv.is_active:
        raise CaseRuleError(ALREADY_ACTIVE, code="active", params={"version": version})
    try:
        registry.load(mv)
    except (OSError, ValueError) as exc:
        raise CaseRuleError(MODEL_FILES_BROKEN, code="files", params={"version": version, "error": str(exc)}) from exc
    mv = registry.activate(version, actor=actor, reason=reason)
    log.warning("Triage model %s activated by %s: %s", version, actor, reason)
    return mv
