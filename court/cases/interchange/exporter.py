"""Writing cases.csv and periods.csv (docs/interchange.md, "Export"), streamed in chunks.

The term columns are recomputed as of the report date with `court.cases.term.term_for`, the same function
that fills the materialised ledger, so an export reproduces the conventions to the day.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.db.models import Prefetch, QuerySet

from ..models import ACTIVE_STATES, DONE_STATES, Case, CasePeriod, Procedure
from ..term import court_calendar, term_for
from .columns import CASE_COLUMNS, DERIVED_CASE_COLUMNS, PERIOD_COLUMNS

CHUNK_SIZE = 2000
EXPORT_CASE_COLUMNS: tuple[str, ...] = CASE_COLUMNS + DERIVED_CASE_COLUMNS


@dataclass
class ExportResult:
    cases: int = 0
    periods: int = 0
    no_calendar: int = 0  # pending cases whose deadline falls in a year without a known calendar


def exportable_cases(*, court: str = "", case_type: str = "") -> QuerySet[Case]:
    """Cases that have been filed (立案) and carry a case number: pending, closed or archived."""
    qs = Case.objects.filter(filed_on__isnull=False, case_number__isnull=False,
                             state__in=[*ACTIVE_STATES, *DONE_STATES])
    if court:
        qs = qs.filter(court__code=court)
    if case_type:
        qs = qs.filter(case_type=case_type)
    return qs


def _bool(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _amount(value: Decimal) -> str:
    return f"{value:f}"


def case_record(case: Case, *, as_of: date, calendar: Any) -> tuple[dict[str, str], bool]:
    """One cases.csv row for `case` as of `as_of`; the flag is False when no calendar covers the deadline."""
    closed = case.state in DONE_STATES
    record = {
        "case_number": case.case_number or "",
        "case_type": case.case_type,
        "court_code": case.court.code,
        "cause": case.cause.name,
        "filed_on": _date(case.filed_on),
        "claim_amount": _amount(case.claim_amount),
        "plaintiffs": str(case.plaintiff_count),
        "defendants": str(case.defendant_count),
        "third_parties": str(case.third_party_count),
        "plaintiff_kind": case.plaintiff_kind,
        "defendant_kind": case.defendant_kind,
        "defendant_address_known": _bool(case.defendant_address_known),
        "e_service_consent": _bool(case.e_service_consent),
        "appraisal_requested": _bool(case.appraisal_requested),
        "foreign_related": _bool(case.foreign_related),
        "lawyer_represented": _bool(case.lawyer_represented),
        "evidence_items": str(case.evidence_items),
        "counterclaim": _bool(case.counterclaim),
        "initial_procedure": case.initial_procedure,
        "final_procedure": case.procedure if closed else "",
        "converted_on": _date(case.converted_on) if case.procedure == Procedure.ORDINARY else "",
        "closed_on": _date(case.closed_on) if closed else "",
        "closing_mode": case.closing_mode if closed else "",
        "judge": case.judge.username if case.judge_id else "",
        "team": case.team.code if case.team_id else "",
    }
    term = term_for(case, case.periods.all(), as_of=as_of, calendar=calendar)
    assert term is not None
    record.update({
        "elapsed_days": str(term.elapsed_days),
        "excluded_days": str(term.excluded_days),
        "net_trial_days": str(term.net_trial_days),
        "normal_deadline": _date(term.normal_deadline),
        "extended_deadline": _date(term.extended_deadline),
        "within_normal_term": _bool(term.within_normal_term),
        "within_term": _bool(term.within_term),
        "overdue": _bool(term.overdue) if not closed else "",
    })
    return record, True


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
        record, known = case_record(case, as_of=as_of, calendar=calendar)
        writer.writerow(record)
        result.cases += 1
        result.no_calendar += not known
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
        .values_list("case__case_number", "kind", "start_on", "end_on", "months").iterator(chunk_size=CHUNK_SIZE)
    )
    count = 0
    for number, kind, start_on, end_on, months in rows:
        writer.writerow([number, kind, _date(start_on), _date(end_on), "" if months is None else months])
        count += 1
    return count
