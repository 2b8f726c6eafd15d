"""The population of a report (case type, court, team, judge, cause, procedure), its window, and the case sets
behind every figure as querysets (the drill-down lists), from the `Q` objects of `definitions`."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, DateField, Func, Q, QuerySet
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from court.cases.models import Case, CaseType

from .definitions import CLOSED_SETS, RECEIVED_SETS, pending_sets

BAD_WINDOW = _("The window must start on or before its end (from %(start)s is after to %(end)s).")
UNKNOWN_SET = _("Unknown case set %(name)s.")


@dataclass(frozen=True)
class Window:
    """An inclusive date window; the as-of date of its report is `end`."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(str(BAD_WINDOW) % {"start": self.start, "end": self.end})

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[Window]:
        """The calendar months of the window, clipped to it."""
        out, first = [], self.start.replace(day=1)
        while first <= self.end:
            last = first.replace(day=_calendar.monthrange(first.year, first.month)[1])
            out.append(Window(max(first, self.start), min(last, self.end)))
            first = last + timedelta(days=1)
        return out


@dataclass(frozen=True)
class Filters:
    """The population: case type (民初 by default), narrowed by court, team, judge, cause or procedure.

    `team_id`/`judge_id` may be the string "none" for the cases with no team or judge (drill-down of the
    "unassigned" row of a breakdown).
    """

    court_id: int | None = None
    team_id: int | str | None = None
    judge_id: int | str | None = None
    cause_id: int | None = None
    procedure: str | None = None
    case_type: str = CaseType.FIRST_INSTANCE

    def queryset(self) -> QuerySet[Case]:
        qs = Case.objects.filter(case_type=self.case_type)
        if self.court_id is not None:
            qs = qs.filter(court_id=self.court_id)
        for name in ("team_id", "judge_id", "cause_id"):
            value = getattr(self, name)
            if value == "none":
                qs = qs.filter(**{f"{name[:-3]}__isnull": True})
            elif value is not None:
                qs = qs.filter(**{name: value})
        if self.procedure:
            qs = qs.filter(procedure=self.procedure)
        return qs.order_by()


def received_q(window: Window) -> Q:
    return Q(filed_on__gte=window.start, filed_on__lte=window.end)


def closed_q(window: Window) -> Q:
    return Q(closed_on__gte=window.start, closed_on__lte=window.end)


class NotIndexed(Func):
    """A column the SQLite planner must not pick an index for (unary `+`, SQLite's documented idiom); the
    column itself elsewhere (PostgreSQL already chooses by cost, with statistics of the value ranges)."""

    template = "%(expressions)s"
    output_field = DateField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


def pending_q(as_of: date) -> Q:
    # Written as an OR of two ANDs, not `filed <= as_of AND (open OR closed later)`: both branches then use the
    # closed_on indexes (SQLite MULTI-INDEX OR, PostgreSQL BitmapOr) instead of every case filed before as_of.
    # On SQLite `filed_on <= as_of` must not be indexable, or the planner walks every case filed before as_of.
    filed = LessThanOrEqual(NotIndexed("filed_on"), as_of)
    return Q(filed, closed_on__isnull=True) | Q(filed, closed_on__gt=as_of)


def set_counts(sets: dict[str, Q]) -> dict[str, Count]:
    """`n_<name>`: the number of cases of each set, as aggregates over a queryset of the family's cases."""
    return {f"n_{name}": Count("pk", filter=q) if q else Count("pk") for name, q in sets.items()}


def case_set(filters: Filters, window: Window, name: str) -> QuerySet[Case]:
    """The cases behind a figure: a received, closed or pending subset (definitions)."""
    qs = filters.queryset()
    if name in RECEIVED_SETS:
        return qs.filter(received_q(window) & RECEIVED_SETS[name])
    if name in CLOSED_SETS:
        return qs.filter(closed_q(window) & CLOSED_SETS[name])
    pending = pending_sets(window.end)
    if name in pending:
        return qs.filter(pending_q(window.end) & pending[name])
    raise ValueError(str(UNKNOWN_SET) % {"name": name})
