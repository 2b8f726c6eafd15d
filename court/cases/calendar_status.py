"""Which years the working-day calendar cannot answer for (reported, never guessed: CPL 85 roll-over)."""

from __future__ import annotations

from datetime import date

from django.core import checks
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

#: Terms reach this far ahead: ordinary 6 months + 6 + 3 months of extensions (TL2000 Art. 2).
HORIZON_YEARS = 2


def calendar_gaps(today: date | None = None) -> list[int]:
    """Years from this one up to the horizon with neither the package's calendar nor admin-entered days."""
    from .term import court_calendar
    from .term import today as court_today

    year = (today or court_today()).year
    known = court_calendar().known_years()
    return [y for y in range(year, year + HORIZON_YEARS) if y not in known]


CALENDAR_GAP = gettext_noop(
    "No official working-day calendar for %(years)s: deadlines ending then are not rolled over holidays (CPL 85)."
)
#: The case page adds a link to the admin's calendar days for those who may open it (templates/cases/detail.html).
#: The system check's hint: where the days are entered (a page that exists for the administrators who run it).
CALENDAR_GAP_HINT = gettext_noop(
    "A court administrator enters that year's public holidays and make-up working days at %(url)s "
    "(Administration → Calendar days) once the State Council publishes them, then runs refresh_terms."
)


def calendar_gap_message(years: list[int]) -> str:
    return _(CALENDAR_GAP) % {"years": ", ".join(str(y) for y in years)}


def calendar_admin_url() -> str:
    """The admin's calendar-day list, where the missing days are entered."""
    from django.urls import reverse

    return reverse("admin:org_calendarday_changelist")


def calendar_gap_hint() -> str:
    return _(CALENDAR_GAP_HINT) % {"url": calendar_admin_url()}


def check_calendar_years(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    """cases.W001: a year within the horizon that no calendar knows (reads CalendarDay)."""
    try:
        gaps = calendar_gaps()
    except DatabaseError:  # not migrated yet: nothing to say
        return []
    if not gaps:
        return []
    return [checks.Warning(calendar_gap_message(gaps), hint=calendar_gap_hint(), id="cases.W001")]


@checks.register(checks.Tags.database)
def check_calendar_years_in_database(app_configs, databases=None, **kwargs):  # type: ignore[no-untyped-def]
    """`check_calendar_years` when a database is asked for (`manage.py check --database default`, `migrate`):
    reading the database is kept out of plain `manage.py` runs, which may come before `migrate`."""
    if not databases:
        return []
    return check_calendar_years(app_configs)
