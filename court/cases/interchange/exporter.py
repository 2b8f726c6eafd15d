"""Writing cases.csv and periods.csv (docs/interchange.md, "Export"), streamed in chunks.

The term columns are recomputed as of the report date with `court.cases.term.term_for`, the same function
that fills the materialised ledger, so an export reproduces the conventions to the day.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.db.models import Prefetch, QuerySet

from court.rules.calendar import WorkdayCalendar

from ..models import ACTIVE_STATES, DONE_STATES, Case, CasePeriod
from ..term import court_calendar, term_for
from .columns import CASE_TABLE, DERIVED_CASE_COLUMNS, PERIOD_COLUMNS, PERIOD_TABLE, READ_CASE_COLUMNS

CHUNK_SIZE = 2000
EXPORT_CASE_COLUMNS: tuple[str, ...] = READ_CASE_COLUMNS + DERIVED_CASE_COLUMNS


@dataclass
class ExportResult:
    cases: int = 0


def exportable_cases(*, court: str = "", case_type: str = "") -> QuerySet[Case]:
    """Cases that have been filed (立案) and carry a case number: pending, closed or archived."""
    qs = Case.objects.filter(filed_on__isnull=False, case_number__isnull=False,
                             state__in=[*ACTIVE_STATES, *DONE_STATES])
    if court:
        qs = qs.filter(court__code=court)
    if case_type:
        qs = qs.filter(case_type=case_type)
    return qs


_CASE_COLUMNS = tuple(column for column in CASE_TABLE if not column.derived)
_TERM_COLUMNS = tuple(column for column in CASE_TABLE if column.derived)


def case_record(case: Case, *, as_of: date, calendar: WorkdayCalendar) -> dict[str, str]:
    """One cases.csv row for `case` as of `as_of`: each column as `columns.CASE_TABLE` reads it, and the
    term ledger (`term_for`); a closed case has no `overdue`."""
    record = {column.name: column.text(column.of(case)) for column in _CASE_COLUMNS}
    term = term_for(case, case.periods.all(), as_of=as_of, calendar=calendar)
    assert term is not None
    record.update((column.name, column.text(getattr(term, column.name))) for column in _TERM_COLUMNS)
    if case.state in DONE_STATES:
        record["overdue"] = ""
    return record


def cases_export(*, out: IO[str], as_of: date, court: str = "", case_type: str = "",
                 on_row: Callable[[], None] | None = None) -> ExportResult:
    """Write cases.csv to `out`, streaming CHUNK_SIZE cases at a time (periods prefetched per chunk)."""
    result = ExportResult()
    calendar = court_calendar()
    writer = csv.DictWriter(out, fieldnames=EXPORT_CASE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    qs = (
        exportable_cases(court=court, case_type=case_type)
        .select_related("court", "cause", "team", "judge")
        .prefetch_related(Prefetch("periods", queryset=CasePeriod.objects.order_by("start_on", "id")))
        .order_by("id")
    )
    for case in qs.iterator(chunk_size=CHUNK_SIZE):
        writer.writerow(case_record(case, as_of=as_of, calendar=calendar))
        result.cases += 1
        if on_row is not None:
            on_row()
    return result


def periods_export(*, out: IO[str], court: str = "", case_type: str = "") -> int:
    """Write periods.csv for the exported cases; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PERIOD_COLUMNS)
    cases = exportable_cases(court=court, case_type=case_type)
    rows: Iterable[tuple[Any, ...]] = (
        CasePeriod.objects.filter(case__in=cases).order_by("case_id", "start_on", "id")
        .values_list(*[column.path for column in PERIOD_TABLE]).iterator(chunk_size=CHUNK_SIZE)
    )
    count = 0
    for values in rows:
        writer.writerow([column.text(value) for column, value in zip(PERIOD_TABLE, values, strict=True)])
        count += 1
    return count
