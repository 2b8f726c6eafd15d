"""Training runs: by hand (`triage_train`) and weekly by django-q2 (`retrain`, scheduled by `triage_schedule`).

Every run is a TrainingRun row with its outcome. A new version is registered always, and becomes active
only if it is no worse than the active one on the same recent holdout (or when forced).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext_noop
from lightgbm.basic import LightGBMError

from . import drift, monitor, registry, selectors
from .models import ModelVersion, TrainingRun
from .train import evaluate, prepare, promotion_decision, train_from_frame

log = logging.getLogger(__name__)
Outcome = TrainingRun.Outcome

NOTHING_CLOSED = gettext_noop("No case closed since the last training.")
DRIFT_TRIGGER = "drift"
#: The drift check reads the filings of the last this many days (PSI) against the training data.
DRIFT_DAYS = 90


def run_training(*, frame: pd.DataFrame | None = None, periods: pd.DataFrame | None = None,
                 force_activate: bool = False, promote: bool = True, directory: str | Path | None = None,
                 progress: Callable[[str], None] | None = None, trigger: str = "command",
                 train_options: dict[str, Any] | None = None, reason: str = "") -> TrainingRun:
    """Train on `frame` (default: the closed cases in the database), register, and promote or keep."""
    fingerprint = selectors.closed_fingerprint()
    run = TrainingRun.objects.create(trigger=trigger, fingerprint=fingerprint)
    say = progress or (lambda _m: None)
    try:
        if frame is None:
            say("Reading closed first-instance cases from the database")
            frame = selectors.closed_cases_frame()
        threshold = settings.FANJIAN_TRIAGE_DEFAULT_THRESHOLD
        result = train_from_frame(frame, periods=periods, threshold=threshold, progress=say, **(train_options or {}))
        if reason:  # the card says why this version was trained
            result.report["trigger"] = {"kind": trigger, "reason": reason}
        card = registry.write_version(result.router, result.report, directory=directory)
        card_path = registry.models_dir(directory) / f"{registry.PREFIX}{card['version']}.json"
        mv = registry.register(card, card_file=registry.card_file_name(card_path))
        active = ModelVersion.objects.filter(is_active=True).exclude(pk=mv.pk).first()
        old_metrics = None
        if active is not None:
            try:
                old_metrics = evaluate(registry.load(active), result.holdout, threshold)
            except (OSError, ValueError) as exc:
                say(f"The active model {active.version} cannot be loaded ({exc}); it is not a yardstick")
        new_metrics = evaluate(result.router, result.holdout, threshold)
        ok, why = promotion_decision(new_metrics, old_metrics)
        if trigger == DRIFT_TRIGGER and old_metrics is not None:
            # After drift the challenger must be better than the champion on the most recent closed window,
            # not merely no worse: otherwise the champion stays.
            better = (new_metrics["brier"] < old_metrics["brier"]
                      and (new_metrics["auc"] or 0) >= (old_metrics["auc"] or 0) - 0.005)
            ok = ok and better
            why = why if better else (f"challenger not better on the recent window: Brier {new_metrics['brier']} "
                                      f"vs champion {old_metrics['brier']}, AUC {new_metrics['auc']} vs "
                                      f"{old_metrics['auc']}")
        if force_activate or (promote and ok):
            registry.activate(mv.version)
            outcome = Outcome.PROMOTED
            message = f"{mv.version} active ({'forced' if force_activate and not ok else why})"
        elif promote:
            outcome = Outcome.KEPT
            message = f"{mv.version} registered, {active.version if active else '—'} kept: {why}"
        else:
            outcome = Outcome.TRAINED
            message = f"{mv.version} registered (not evaluated for promotion)"
        run.version = mv
        run.outcome = outcome
        run.message = message
        run.report = result.report
        run.comparison = {"new": new_metrics, "active": old_metrics}
        if reason:
            run.message = f"{reason} → {run.message}"
    # What training can meet: too few rows or one class, a missing column, an unwritable models directory,
    # LightGBM refusing the data, the database. Anything else is a bug and propagates.
    except (ValueError, KeyError, OSError, LightGBMError, DatabaseError) as exc:
        log.exception("Triage training failed")
        run.outcome = Outcome.FAILED
        run.message = f"{type(exc).__name__}: {exc}"
    run.finished_at = timezone.now()
    run.save(update_fields=["version", "outcome", "message", "finished_at"])
    return run


def _last_trained_fingerprint() -> dict[str, Any] | None:
    run = (TrainingRun.objects.filter(outcome__in=[Outcome.TRAINED, Outcome.PROMOTED, Outcome.KEPT])
           .order_by("-started_at", "-id").first())
    return run.fingerprint if run else None


def retrain(directory: str | None = None) -> str:
    """The weekly job: skip when nothing closed since the last training, else train and promote or keep."""
    current = selectors.closed_fingerprint()
    if current == _last_trained_fingerprint() or current["closed"] == 0:
        TrainingRun.objects.create(trigger="schedule", outcome=Outcome.SKIPPED, message=NOTHING_CLOSED,
                                   fingerprint=current, finished_at=timezone.now())
        return Outcome.SKIPPED
    run = run_training(trigger="schedule", directory=directory)
    return run.outcome


def drift_status(mv: ModelVersion | None = None, *, days: int = DRIFT_DAYS) -> dict[str, Any]:
    """Feature drift (PSI of the last `days` days of filings against the training data) and the calibration
    error of the active model on the most recent closed cases (`monitor.RECENT_ROWS`), with the verdict."""
    mv = mv or registry.active_version()
    if mv is None:
        return {"retrain": False, "reasons": [], "psi": [], "calibration": None}
    router = registry.load(mv)
    recent = selectors.recent_filings_frame(days)
    psi_rows = drift.psi(mv.card.get("drift_reference", {}), router.matrix(recent)) if len(recent) else []
    closed = prepare(selectors.closed_cases_frame())
    check = None
    if len(closed):
        closed = closed.sort_values("closed_on", kind="mergesort").iloc[-monitor.RECENT_ROWS:]
        check = monitor.recent_check(closed["filed_on"], closed["y"].to_numpy(), router.proba(closed))
    return {**monitor.drift_verdict(psi_rows, check), "version": mv.version, "recent_filings": len(recent)}


def drift_check() -> str:
    """The daily job: when PSI or the recent calibration error passes its threshold, schedule a retraining run
    (django-q2) with recent cases weighted up; otherwise nothing. Returns what it did."""
    status = drift_status()
    if not status["retrain"]:
        return "stable"
    from django_q.tasks import async_task

    reason = "; ".join(status["reasons"])
    async_task("triage.tasks.retrain_for_drift", reason)
    return f"retraining scheduled: {reason}"


def retrain_for_drift(reason: str, directory: str | None = None) -> str:
    """A retraining run after drift: recent cases weighted up (half-life `monitor.HALF_LIFE_DAYS`), the
    challenger compared with the champion on the most recent closed window and activated only if better; the
    run's message tells the administrator what changed and why (Triage → training runs, the model card)."""
    run = run_training(trigger=DRIFT_TRIGGER, directory=directory, reason=reason,
                       train_options={"half_life_days": monitor.HALF_LIFE_DAYS})
    return run.outcome


#: The sweep looks back this far for complaints left without a recommendation.
SWEEP_DAYS = 30
SWEEP_LIMIT = 500


def triage_again(case_id: int, trigger: str, actor_id: int | None = None) -> str:
    """A triage that failed after its case service committed, tried again by the task cluster. It raises on a
    second failure, so that django-q2 records the failed task; the sweep tries once more later."""
    from court.cases.models import Case
    from court.org.models import User

    from .services import case_triage

    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return f"case {case_id} no longer exists"
    if case.triage_recommendations.exists():
        return f"case {case_id} already has a recommendation"
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    recommendation = case_triage(case=case, trigger=trigger, actor=actor)
    return f"case {case_id}: {recommendation.route if recommendation else 'not triaged (not a 民初 case)'}"


def triage_missing() -> dict[str, int]:
    """Every 15 minutes: complaints still awaiting the filing decision, received in the last 30 days, that have no
    recommendation (a triage failed and its retry too, or the queue was down) are triaged now, at most 500 a run."""
    from datetime import timedelta

    from court.cases.models import Case, CaseState, CaseType
    from court.cases.term import today

    from .services import case_triage

    pending = (Case.objects.filter(state__in=[CaseState.FILED, CaseState.CORRECTION],
                                   case_type=CaseType.FIRST_INSTANCE,
                                   submitted_on__gte=today() - timedelta(days=SWEEP_DAYS),
                                   triage_recommendations__isnull=True)
               .order_by("submitted_on", "pk")[:SWEEP_LIMIT])
    done = failed = 0
    for case in pending:
        try:
            case_triage(case=case, trigger="sweep")
            done += 1
        except Exception:  # one case's failure does not stop the sweep; it is tried again next run
            log.exception("Triage sweep: case %s failed again", case.pk)
            failed += 1
    return {"triaged": done, "failed": failed}
