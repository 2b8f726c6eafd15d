from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "court.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        # calendar_status registers the calendar system check; term connects the receiver that forgets the
        # cached calendar whenever a CalendarDay is saved or deleted (admin included), so court.org needs no hook.
        from django.core import checks

        from . import calendar_status, term  # noqa: F401
        from .selectors import check_wage_thresholds_in_database

        # cases.W002 (JI 272): a missing or stale provincial wage figure, only when a database is checked.
        checks.register(check_wage_thresholds_in_database, checks.Tags.database)
