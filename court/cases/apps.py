from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "court.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from . import calendar_status  # noqa: F401  (registers the calendar system check)
