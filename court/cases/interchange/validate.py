"""The validation pass of an import (docs/interchange.md, "Import behaviour"): every cell, the catalogue,
existing cases, users, and each case's term ledger (`court.rules.ledger.case_term`, the function
`court.cases.term.term_for` calls), streamed in batches. In memory stay only the case numbers (for
duplicates) and the periods file; the checked rows, with their term, are spilled batch by batch. Any error
refuses the import (`ImportRefused`), nothing having been written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings

from court.org.models import Court, Role, Team, User
from court.rules.calendar import WorkdayCalendar
from court.rules.enums import PeriodKind
from court.rules.ledger import case_term
from court.rules.terms import Period, TermResult

from ..models import Case, CasePeriod, Cause, CauseCatalogue
from ..term import court_calendar, today
from .columns import FACT_CASE_COLUMNS
from .csvfile import Errors
from .parse import (
    JUDGE_NOT_A_JUDGE,
    UNKNOWN_CASE,
    CaseRow,
    CauseIndex,
    PeriodRow,
    iter_cases,
    parse_periods,
)
from .plan import EXISTING_FIELDS, ImportRefused, Plan, ProgressFactory, Spill, T, chunks

BATCH_SIZE = 5000


class MemoCalendar(WorkdayCalendar):
    """The court calendar, remembering each day's answer: an import asks about the same few thousand
    days hundreds of thousands of times, and chinese_calendar's own lookup is slow."""

    def __init__(self, inner: WorkdayCalendar) -> None:
        super().__init__()
        self._inner = inner
        self._days: dict[date, bool] = {}

    def known_years(self) -> set[int]:
        return self._inner.known_years()

    def is_workday(self, d: date) -> bool:
        answer = self._days.get(d)
        if answer is None:
            answer = self._days[d] = self._inner.is_workday(d)
        return answer


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _cause_index() -> CauseIndex:
    catalogues = list(CauseCatalogue.objects.values_list("id", "effective_from", "effective_to"))
    # by level, so that a name at two levels of one catalogue (一、人格权纠纷 under 第一部分 人格权纠纷) is the deeper
    causes = list(Cause.objects.order_by("level", "position").values_list("id", "catalogue_id", "name"))
    return CauseIndex(catalogues, causes)


def _existing_cases(numbers: Sequence[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for chunk in chunks(numbers):
        for values in Case.objects.filter(case_number__in=chunk).values(*EXISTING_FIELDS):
            found[values["case_number"]] = values
    return found


def _db_periods(case_ids: Sequence[int]) -> dict[int, list[Period]]:
    periods: dict[int, list[Period]] = defaultdict(list)
    for chunk in chunks(case_ids):
        for case_id, kind, start_on, end_on, months in (
            CasePeriod.objects.filter(case_id__in=chunk).order_by("case_id", "start_on", "id")
            .values_list("case_id", "kind", "start_on", "end_on", "months")
        ):
            periods[case_id].append(Period(kind=kind, start_on=start_on, end_on=end_on, months=months))
    return periods


def _rule_periods(rows: Iterable[PeriodRow]) -> list[Period]:
    return [Period(kind=p.kind, start_on=p.start_on, end_on=p.end_on, months=p.months) for p in rows]


def _case_periods(row: CaseRow, plan_periods: dict[str, list[PeriodRow]] | None, old: dict[str, Any] | None,
                  kept: dict[int, list[Period]]) -> tuple[Sequence[PeriodRow] | None, list[Period]]:
    """The periods file's rows for this case (None without a periods file) and the periods it will have."""
    if plan_periods is not None:
        own = plan_periods.get(row.case_number, ())
        return own, _rule_periods(own)
    return None, (kept.get(old["id"], []) if old else [])


def plan_import(*, cases_path: Path, periods_path: Path | None, ignore_unknown: bool, as_of: date,
                progress: ProgressFactory, batch_size: int = BATCH_SIZE, spill: bool = True,
                run_day: date | None = None) -> Plan:
    """The validation pass: read everything, report every error (in the order of the files), keep little.

    Pending cases are measured as of `as_of`; no date may lie after `run_day` (today by default)."""
    limit = settings.FANJIAN_IMPORT_ERROR_LIMIT
    errors = Errors(limit)  # cases.csv cells, then the rest in the order below
    period_errors, unknown_errors, judge_errors = (Errors(limit) for _ in range(3))
    cases_name = cases_path.name
    periods_name = periods_path.name if periods_path else ""
    bar = progress("validating", None)

    periods: dict[str, list[PeriodRow]] | None = None
    if periods_path is not None:
        periods = defaultdict(list)
        for p in parse_periods(periods_path, errors=period_errors, ignore_unknown=ignore_unknown, on_row=bar.update):
            periods[p.case_number].append(p)

    causes = _cause_index()
    calendar = MemoCalendar(court_calendar())
    default_roll_over = settings.FANJIAN_DEADLINE_ROLL_OVER
    spilled = Spill() if spill else None
    run_day = run_day or today()
    seen: dict[str, int] = {}
    rejected: set[str] = set()
    courts: dict[str, int | None] = {}
    roll_overs: dict[str, bool] = {}
    teams: set[tuple[str, str]] = set()
    users: dict[str, tuple[int, str] | None] = {}
    judges: dict[str, int | None] = {}
    new_judges: dict[str, tuple[str, str]] = {}
    highest: dict[tuple[str, str, int], int] = {}
    count = updated = 0

    header: set[str] = set()
    rows = iter_cases(cases_path, causes=causes, errors=errors, ignore_unknown=ignore_unknown, today=run_day,
                      seen=seen, rejected=rejected, on_row=bar.update, header=header)
    for batch in _batches(rows, batch_size):
        count += len(batch)
        new_codes = list({row.court_code for row in batch} - courts.keys())
        for code, pk, roll_over in Court.objects.filter(code__in=new_codes).values_list(
                "code", "id", "deadline_roll_over"):
            courts[code], roll_overs[code] = pk, roll_over
        courts.update((code, None) for code in new_codes if code not in courts)
        new_users = sorted({row.judge for row in batch if row.judge} - users.keys())
        users.update(dict.fromkeys(new_users))
        for chunk in chunks(new_users):
            for pk, username, role in User.objects.filter(username__in=chunk).values_list("id", "username", "role"):
                users[username] = (pk, role)
        existing = _existing_cases([row.case_number for row in batch])
        updated += len(existing)
        kept = _db_periods([values["id"] for values in existing.values()]) if periods is None else {}
        checked: list[tuple[CaseRow, bool]] = []
        for row in batch:
            if row.team:
                teams.add((row.court_code, row.team))
            key = (row.court_code, row.case_type, row.year)
            if not row.legacy and row.serial > highest.get(key, 0):  # a pre-2016 number is in no sequence
                highest[key] = row.serial
            if row.judge:
                user = users[row.judge]
                if user is None:
                    judges[row.judge] = None
                    new_judges.setdefault(row.judge, (row.court_code, row.team))
                elif user[1] != Role.JUDGE:
                    judge_errors.add(cases_name, row.line, "judge", JUDGE_NOT_A_JUDGE, value=row.judge)
                else:
                    judges[row.judge] = user[0]
            # The term ledger, with the periods the case will have after the import. A period wholly outside
            # [filed_on, closed_on) is valid data and counts 0 days (interchange.md, "Excluded days").
            _own, case_periods = _case_periods(row, periods, existing.get(row.case_number), kept)
            term = case_term(filed_on=row.filed_on, procedure=row.procedure, closed_on=row.closed_on,
                             foreign_related=row.foreign_related, periods=case_periods,
                             roll_over=roll_overs.get(row.court_code, default_roll_over), calendar=calendar,
                             as_of=as_of, converted_on=row.converted_on, case_type=row.case_type)
            assert term is not None  # filed_on is a required cell
            row.term = term
            suspended = row.closed_on is None and any(
                p.kind == PeriodKind.SUSPENSION and p.end_on is None for p in case_periods)
            checked.append((row, suspended))
        if spilled is not None:
            spilled.add(checked, existing)
    bar.close()

    # Periods: each must belong to a valid row of the file or to a case of the database.
    elsewhere_numbers = [n for n in periods if n not in seen or n in rejected] if periods is not None else []
    del seen, rejected
    elsewhere_found = _existing_cases(elsewhere_numbers)
    if periods is not None:
        for number in elsewhere_numbers:
            if number not in elsewhere_found:
                for p in periods[number]:
                    unknown_errors.add(periods_name, p.line, "case_number", UNKNOWN_CASE, value=number)

    elsewhere: dict[str, tuple[dict[str, Any], TermResult]] = {}
    for number, values in elsewhere_found.items():
        assert periods is not None
        own = periods[number]
        term = case_term(filed_on=values["filed_on"], procedure=values["procedure"], closed_on=values["closed_on"],
                         foreign_related=values["foreign_related"], periods=_rule_periods(own),
                         roll_over=values["court__deadline_roll_over"], calendar=calendar, as_of=as_of,
                         converted_on=values["converted_on"], case_type=values["case_type"])
        if term is not None:
            elsewhere[number] = (values, term)

    for later in (period_errors, unknown_errors, judge_errors):
        errors.extend(later)
    if errors:
        if spilled is not None:
            spilled.close()
        raise ImportRefused(errors)
    known_teams = {
        (court_code, code): pk
        for court_code, code, pk in Team.objects.filter(court__code__in=list(courts)).values_list(
            "court__code", "code", "id")
    }
    return Plan(spill=spilled, rows=count, created=count - updated, updated=updated, periods=periods,
                elsewhere=elsewhere, courts=courts,
                teams={key: known_teams.get(key) for key in teams}, judges=judges, new_judges=new_judges,
                highest=highest, as_of=as_of, file_name=cases_name,
                absent_facts=tuple(name for name in FACT_CASE_COLUMNS if name not in header))
