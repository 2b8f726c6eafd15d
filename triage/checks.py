"""System checks: an active triage model exists (or a shipped one will be registered at first use)."""

from __future__ import annotations

from typing import Any

from django.core.checks import Warning, register
from django.db import DatabaseError

NO_ACTIVE_MODEL = "No active triage model: cases get rule-only recommendations."
NO_ACTIVE_HINT = "Run `manage.py triage_train`, or `manage.py triage_activate VERSION`, or ship a model card in FANJIAN_MODELS_DIR."
BROKEN_MODEL = "The active triage model %(version)s cannot be loaded: %(error)s"


@register("triage")
def check_active_model(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    from . import registry
    from .models import ModelVersion

    try:
        mv = ModelVersion.objects.filter(is_active=True).first()
    except DatabaseError:  # not migrated yet: nothing to check
        return []
    if mv is None:
        if registry.shipped_cards():
            return []  # registered and activated at first use
        return [Warning(NO_ACTIVE_MODEL, hint=NO_ACTIVE_HINT, id="triage.W001")]
    try:
        registry.load(mv)
    except (OSError, ValueError) as exc:
        return [Warning(BROKEN_MODEL % {"version": mv.version, "error": exc}, hint=NO_ACTIVE_HINT, id="triage.W002")]
    return []
