from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "court.mediation"
    label = "mediation"
    verbose_name = _("Mediation")

    def ready(self) -> None:
        from court.cases.panels import register_case_panel

        from .panels import mediation_panel

        register_case_panel(mediation_panel)
