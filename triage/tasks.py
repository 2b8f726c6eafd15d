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

from . import registry, selectors
from .models import ModelVersion, TrainingRun
from .train import evaluate, promotion_decision, train_from_frame

log = logging.getLogger(__name__)
Outcome = TrainingRun.Outcome

NOTHING_CLOSED = gettext_noop("No case closed since the last training.")


def run_training(*, frame: pd.DataFrame | None = None, periods: pd.DataFrame | None = None,
                 force_activate: bool = False, promote: bool = True, directory: str | Path | None = None,
                 progress: Callable[[str], None] | None = None, trigger: str = "command",
                 train_options: dict[str, Any] | None = None) -> TrainingRun:
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
