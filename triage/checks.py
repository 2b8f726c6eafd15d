"""System checks: an active triage model exists (or a shipped one will be registered at first use).

They read the database and load the model, so they run only when a database is asked for
(`manage.py check --database default`, `migrate`), never in plain `manage.py` runs.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

NO_ACTIVE_MODEL = "No active triage model: cases get rule-only recommendations."
NO_ACTIVE_HINT = "Run `manage.py triage_train`, or `manage.py triage_activate VERSION`, or ship a model card in FANJIAN_MODELS_DIR."
BROKEN_MODEL = "The active triage model %(version)s cannot be loaded: %(error)s"


def check_active_model(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """triage.W001: no active model and none shipped; triage.W002: the active model does not load."""
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


@register(Tags.database, "triage")
def check_active_model_in_database(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[Warning]:
    """`check_active_model` when the check command is given a database."""
    if not databases:
        return []
    return check_active_model(app_configs)
