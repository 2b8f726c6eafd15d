from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaperworkConfig(AppConfig):
    name = "court.paperwork"
    label = "paperwork"
    verbose_name = _("Court documents")

    def ready(self) -> None:
        from court.cases.panels import register_case_panel

        from .panels import paperwork_panel

        register_case_panel(paperwork_panel)
