"""Triage: routing each new case to small claims, simple or ordinary procedure, with reasons."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = _("Triage")

    def ready(self) -> None:
        from court.cases.panels import register_case_panel

        from . import checks  # noqa: F401  (registers the system checks)
        from .panels import triage_panel
        from .receivers import connect
        from .timeline import register

        connect()
        register()
        register_case_panel(triage_panel)
