"""The term ledger (审限) of a case: the Django side of `court.rules.ledger` (which the import calls too).

`case_refresh_term` is the only writer of the materialised term fields on `Case`; every service that
changes a period, the procedure or the closing calls it, and the nightly `refresh_terms` command brings
pending cases with running periods up to date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from court.org.models import CalendarDay
from court.rules.calendar import WorkdayCalendar
from court.rules.ledger import LEDGER_FIELDS, case_term, ledger_values
from court.rules.terms import ALERT_EXTENSION_WINDOW, ALERT_OVERDUE, Period, TermResult

from .models import ACTIVE_STATES, Case, CasePeriod

#: The materialised term fields on `Case`, all written by `apply_term`.
TERM_FIELDS = list(LEDGER_FIELDS)

_CALENDAR_CACHE_KEY = "fanjian:calendar-overrides:v1"


def court_calendar() -> WorkdayCalendar:
    """The official calendar with the admin-entered days (CalendarDay) as overrides."""
    overrides = cache.get(_CALENDAR_CACHE_KEY)
    if overrides is None:
        overrides = dict(CalendarDay.objects.values_list("day", "is_workday"))
        cache.set(_CALENDAR_CACHE_KEY, overrides, 300)
    return WorkdayCalendar(overrides)


def forget_calendar() -> None:
    """Drop the cached overrides, so that the next `court_calendar()` reads CalendarDay again."""
    cache.delete(_CALENDAR_CACHE_KEY)


@receiver([post_save, post_delete], sender=CalendarDay, dispatch_uid="cases.term.forget_calendar")
def _calendar_changed(**kwargs: object) -> None:
    # A holiday entered anywhere (admin, import, shell) must move deadlines at once, not after the cache expires.
    forget_calendar()


def today() -> date:
    return timezone.localdate()


def rule_periods(periods: Iterable[CasePeriod]) -> list[Period]:
    return [Period(kind=p.kind, start_on=p.start_on, end_on=p.end_on, months=p.months) for p in periods]


def term_for(case: Case, periods: Iterable[CasePeriod], *, as_of: date | None = None,
             calendar: WorkdayCalendar | None = None) -> TermResult | None:
    """The term of `case` as of `as_of` (today by default); None before 立案 (`court.rules.ledger.case_term`)."""
    if case.filed_on is None:
        return None  # without reading the court, the calendar or the periods
    return case_term(
        filed_on=case.filed_on,
        procedure=case.procedure,
        periods=rule_periods(periods),
        closed_on=case.closed_on,
        as_of=as_of or today(),
        foreign_related=case.foreign_related,
        calendar=calendar or court_calendar(),
        roll_over=case.court.deadline_roll_over,
        converted_on=case.converted_on,
        case_type=case.case_type,
    )


def apply_term(case: Case, result: TermResult | None, as_of: date) -> list[str]:
    """Copy `result` onto the case's materialised fields; returns the names of the fields written."""
    for name, value in ledger_values(result, closed_on=case.closed_on, as_of=as_of).items():
        setattr(case, name, value)
    return list(TERM_FIELDS)


def case_refresh_term(case: Case, *, as_of: date | None = None) -> TermResult | None:
    """Recompute and save the case's term ledger."""
    as_of = as_of or today()
    result = term_for(case, case.periods.all(), as_of=as_of)
    fields = apply_term(case, result, as_of)
    Case.objects.filter(pk=case.pk).update(**{name: getattr(case, name) for name in fields})
    return result


@dataclass
class RefreshSummary:
    """What a `refresh_pending_terms` run did: cases written, and how many are overdue or due an extension."""

    refreshed: int = 0
    overdue: int = 0
    extension_window: int = 0


def refresh_pending_terms(*, as_of: date | None = None, batch_size: int = 500,
                          court_code: str | None = None) -> RefreshSummary:
    """Recompute the term ledger of every pending case as of `as_of`, `batch_size` cases per transaction
    (running periods grow every day, so the deadlines and alerts of pending cases move nightly)."""
    as_of = as_of or today()
    calendar = court_calendar()
    summary = RefreshSummary()
    pending = Case.objects.filter(state__in=ACTIVE_STATES, filed_on__isnull=False)
    if court_code:
        pending = pending.filter(court__code=court_code)
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    for offset in range(0, len(ids), batch_size):
        chunk = ids[offset:offset + batch_size]
        with transaction.atomic():
            cases = list(Case.objects.filter(pk__in=chunk).select_related("court").prefetch_related("periods"))
            for case in cases:
                result = term_for(case, case.periods.all(), as_of=as_of, calendar=calendar)
                apply_term(case, result, as_of)
                if result is not None and result.alert == ALERT_OVERDUE:
                    summary.overdue += 1
                elif result is not None and result.alert == ALERT_EXTENSION_WINDOW:
                    summary.extension_window += 1
            Case.objects.bulk_update(cases, TERM_FIELDS)
        summary.refreshed += len(cases)
    return summary
