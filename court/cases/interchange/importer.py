"""Loading cases.csv and periods.csv (docs/interchange.md, "Import behaviour"): all-or-nothing, bulk writes.

`cases_import` streams cases.csv in batches, so that memory does not grow with the file, in two passes:

1. validation (`_plan`): every cell, the catalogue, existing cases, users, and each case's term ledger
   computed with `court.rules.ledger.case_term`, the function `court.cases.term.term_for` calls. In memory
   stay only the case numbers (for duplicates) and the periods file; the checked rows, with their ledger,
   are spilled batch by batch to a temporary file. Any error refuses the import.
2. writing (`_write`), in one transaction: each spilled batch is written with one multi-row statement per
   table (`_RowWriter`: COPY on PostgreSQL, a prepared INSERT run by executemany elsewhere), the new ids
   read back by case number, existing cases updated in place.

Imported cases are full cases: accepted or closed, with the CaseEvents the services would have written
(payload source="import"), so dockets and metrics treat them like web cases.
"""

from __future__ import annotations

import json
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from itertools import islice
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from court.org.models import Court, Role, Team, User
from court.rules.calendar import WorkdayCalendar
from court.rules.enums import PeriodKind
from court.rules.ledger import LEDGER_FIELDS, case_term, ledger_values
from court.rules.terms import Period, TermResult

from ..models import (
    WORKING_STATES,
    Case,
    CaseEvent,
    CaseNumberSequence,
    CasePeriod,
    CaseState,
    Cause,
    CauseCatalogue,
)
from ..term import court_calendar, today
from .parse import (
    JUDGE_NOT_A_JUDGE,
    PERIOD_AFTER_CLOSING,
    UNKNOWN_CASE,
    CaseRow,
    CauseIndex,
    Errors,
    PeriodRow,
    iter_cases,
    parse_periods,
)

SOURCE = "import"
BATCH_SIZE = 5000
_LOOKUP_CHUNK = 900  # keeps `__in` lists under SQLite's historical 999-variable limit
_SQLITE_CACHE_KIB = 128 * 1024  # page cache while importing: a case row touches 15 indexes

K = CaseEvent.Kind
S = CaseState
T = TypeVar("T")

#: Case fields an import writes on an existing case (besides the term ledger).
_UPDATE_FIELDS = [
    "case_type", "year", "serial", "cause", "claim_amount", "plaintiff_count", "defendant_count",
    "third_party_count", "plaintiff_kind", "defendant_kind", "defendant_address_known", "e_service_consent",
    "appraisal_requested", "foreign_related", "lawyer_represented", "evidence_items", "counterclaim",
    "state", "state_before", "procedure", "initial_procedure", "converted_on", "filed_on", "closed_on",
    "closing_mode", "team", "judge",
]
_LEDGER_FIELDS = list(LEDGER_FIELDS)
#: Fields read from an existing case to notice what a re-import changes.
_EXISTING_FIELDS = [
    "id", "case_number", "court_id", "state", "state_before", "filed_on", "closed_on", "converted_on", "procedure",
    "foreign_related", "team_id", "judge_id", "court__deadline_roll_over",
    *[f if f not in ("cause", "team", "judge") else f + "_id" for f in _UPDATE_FIELDS
      if f not in ("state", "state_before", "procedure", "filed_on", "closed_on", "converted_on", "foreign_related",
                   "team", "judge")],
]


class ImportRefused(Exception):
    """The files have errors; nothing was written. `errors.report()` lists them."""

    def __init__(self, errors: Errors) -> None:
        super().__init__(errors.report())
        self.errors = errors


class Progress(Protocol):
    def update(self, n: int = 1) -> Any: ...

    def close(self) -> Any: ...


ProgressFactory = Callable[[str, int | None], Progress]


class _NoProgress:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _no_progress(desc: str, total: int | None) -> Progress:
    return _NoProgress()


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    periods: int = 0
    events: int = 0
    periods_replaced_elsewhere: int = 0  # cases only in the database whose periods the file replaced
    courts_created: list[str] = field(default_factory=list)
    teams_created: list[str] = field(default_factory=list)
    judges_created: list[str] = field(default_factory=list)
    sequences_raised: int = 0
    dry_run: bool = False


class _MemoCalendar(WorkdayCalendar):
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


#: A checked row as spilled between the passes: CaseRow's slots, the TermResult's fields, suspended.
_ROW_SLOTS = tuple(name for name in CaseRow.__slots__ if name != "term")
_TERM_FIELDS = tuple(f.name for f in fields(TermResult))
_row_values = attrgetter(*_ROW_SLOTS)
_term_values = attrgetter(*_TERM_FIELDS)


class _Spill:
    """The checked rows, batch by batch, in an anonymous temporary file (pickled tuples)."""

    def __init__(self) -> None:
        # Open across both passes; cases_import closes it (and the OS deletes it) in any case.
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="fanjian-import-")  # noqa: SIM115
        self.batches = 0

    def add(self, batch: list[tuple[Any, ...]], existing: dict[str, dict[str, Any]]) -> None:
        pickle.dump((batch, existing), self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.batches += 1

    def __iter__(self) -> Iterator[tuple[list[tuple[CaseRow, bool]], dict[str, dict[str, Any]]]]:
        self.file.seek(0)
        for _ in range(self.batches):
            records, existing = pickle.load(self.file)  # our own file, written above
            rows = []
            for values, term, suspended in records:
                row = CaseRow(**dict(zip(_ROW_SLOTS, values, strict=True)))
                row.term = TermResult(*term)
                rows.append((row, suspended))
            yield rows, existing

    def close(self) -> None:
        self.file.close()


@dataclass
class _Plan:
    """What the validation pass learnt; the checked rows wait in `spill` (None on a dry run)."""

    spill: _Spill | None
    rows: int  # valid rows (all of them: a plan exists only for a clean file)
    created: int
    updated: int
    periods: dict[str, list[PeriodRow]] | None  # by case number; None when no periods file was given
    elsewhere: dict[str, tuple[dict[str, Any], TermResult]]  # database-only cases named in periods.csv
    courts: dict[str, int | None]  # code -> id (None: to create)
    teams: dict[tuple[str, str], int | None]
    judges: dict[str, int | None]
    new_judges: dict[str, tuple[str, str]]  # username -> (court code, team code)
    highest: dict[tuple[str, str, int], int]  # (court code, type code, year) -> highest serial in the file
    as_of: date
    file_name: str


def cases_import(*, cases_path: Path | str, periods_path: Path | str | None = None, ignore_unknown: bool = False,
                 court_name: str = "", dry_run: bool = False, as_of: date | None = None,
                 progress: ProgressFactory | None = None, batch_size: int = BATCH_SIZE) -> ImportResult:
    """Validate both files completely; if anything is wrong raise ImportRefused and write nothing,
    else upsert every case (by case number) in one transaction."""
    progress = progress or _no_progress
    plan = _plan(cases_path=Path(cases_path), periods_path=Path(periods_path) if periods_path else None,
                 ignore_unknown=ignore_unknown, as_of=as_of or today(), progress=progress, batch_size=batch_size,
                 spill=not dry_run)
    result = ImportResult(dry_run=dry_run, created=plan.created, updated=plan.updated)
    result.courts_created = sorted(c for c, pk in plan.courts.items() if pk is None)
    result.teams_created = sorted(f"{c}/{t}" for (c, t), pk in plan.teams.items() if pk is None)
    result.judges_created = sorted(plan.new_judges)
    result.periods_replaced_elsewhere = len(plan.elsewhere)
    if plan.periods is not None:
        result.periods = sum(len(v) for v in plan.periods.values())
    if dry_run:
        return result
    assert plan.spill is not None
    try:
        with _sqlite_cache(), transaction.atomic():
            _write(plan, result, court_name=court_name, progress=progress)
    finally:
        plan.spill.close()
    return result


# --- validation ------------------------------------------------------------------------------------------

def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _cause_index() -> CauseIndex:
    catalogues = list(CauseCatalogue.objects.values_list("id", "effective_from", "effective_to"))
    causes = list(Cause.objects.values_list("id", "catalogue_id", "name"))
    return CauseIndex(catalogues, causes)


def _existing_cases(numbers: Sequence[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(numbers, _LOOKUP_CHUNK):
        for values in Case.objects.filter(case_number__in=chunk).values(*_EXISTING_FIELDS):
            found[values["case_number"]] = values
    return found


def _db_periods(case_ids: Sequence[int]) -> dict[int, list[Period]]:
    periods: dict[int, list[Period]] = defaultdict(list)
    for chunk in _chunks(case_ids, _LOOKUP_CHUNK):
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


def _plan(*, cases_path: Path, periods_path: Path | None, ignore_unknown: bool, as_of: date,
          progress: ProgressFactory, batch_size: int = BATCH_SIZE, spill: bool = True) -> _Plan:
    """The validation pass: read everything, report every error (in the order of the files), keep little."""
    limit = settings.FANJIAN_IMPORT_ERROR_LIMIT
    errors = Errors(limit)  # cases.csv cells, then the rest in the order below
    period_errors, unknown_errors, judge_errors, late_errors = (Errors(limit) for _ in range(4))
    cases_name = cases_path.name
    periods_name = periods_path.name if periods_path else ""
    bar = progress("validating", None)

    periods: dict[str, list[PeriodRow]] | None = None
    if periods_path is not None:
        periods = defaultdict(list)
        for p in parse_periods(periods_path, errors=period_errors, ignore_unknown=ignore_unknown, on_row=bar.update):
            periods[p.case_number].append(p)

    causes = _cause_index()
    calendar = _MemoCalendar(court_calendar())
    default_roll_over = settings.FANJIAN_DEADLINE_ROLL_OVER
    spilled = _Spill() if spill else None
    run_day = today()
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

    rows = iter_cases(cases_path, causes=causes, errors=errors, ignore_unknown=ignore_unknown, today=run_day,
                      seen=seen, rejected=rejected, on_row=bar.update)
    for batch in _batches(rows, batch_size):
        count += len(batch)
        new_codes = list({row.court_code for row in batch} - courts.keys())
        for code, pk, roll_over in Court.objects.filter(code__in=new_codes).values_list(
                "code", "id", "deadline_roll_over"):
            courts[code], roll_overs[code] = pk, roll_over
        courts.update((code, None) for code in new_codes if code not in courts)
        new_users = sorted({row.judge for row in batch if row.judge} - users.keys())
        users.update(dict.fromkeys(new_users))
        for chunk in _chunks(new_users, _LOOKUP_CHUNK):
            for pk, username, role in User.objects.filter(username__in=chunk).values_list("id", "username", "role"):
                users[username] = (pk, role)
        existing = _existing_cases([row.case_number for row in batch])
        updated += len(existing)
        kept = _db_periods([values["id"] for values in existing.values()]) if periods is None else {}
        records: list[tuple[Any, ...]] = []
        for row in batch:
            if row.team:
                teams.add((row.court_code, row.team))
            key = (row.court_code, row.case_type, row.year)
            if row.serial > highest.get(key, 0):
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
            # The term ledger, with the periods the case will have after the import.
            own, case_periods = _case_periods(row, periods, existing.get(row.case_number), kept)
            for p in own or ():
                if row.closed_on is not None and p.start_on > row.closed_on:
                    late_errors.add(periods_name, p.line, "start_on", PERIOD_AFTER_CLOSING, start=p.start_on,
                                    closed=row.closed_on)
            term = case_term(filed_on=row.filed_on, procedure=row.procedure, closed_on=row.closed_on,
                             foreign_related=row.foreign_related, periods=case_periods,
                             roll_over=roll_overs.get(row.court_code, default_roll_over), calendar=calendar,
                             as_of=as_of)
            assert term is not None  # filed_on is a required cell
            suspended = row.closed_on is None and any(
                p.kind == PeriodKind.SUSPENSION and p.end_on is None for p in case_periods)
            records.append((_row_values(row), _term_values(term), suspended))
        if spilled is not None:
            spilled.add(records, existing)
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
        closed_on = values["closed_on"]
        for p in own:
            if closed_on is not None and p.start_on > closed_on:
                late_errors.add(periods_name, p.line, "start_on", PERIOD_AFTER_CLOSING, start=p.start_on,
                                closed=closed_on)
        term = case_term(filed_on=values["filed_on"], procedure=values["procedure"], closed_on=closed_on,
                         foreign_related=values["foreign_related"], periods=_rule_periods(own),
                         roll_over=values["court__deadline_roll_over"], calendar=calendar, as_of=as_of)
        if term is not None:
            elsewhere[number] = (values, term)

    for later in (period_errors, unknown_errors, judge_errors, late_errors):
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
    return _Plan(spill=spilled, rows=count, created=count - updated, updated=updated, periods=periods,
                 elsewhere=elsewhere, courts=courts,
                 teams={key: known_teams.get(key) for key in teams}, judges=judges, new_judges=new_judges,
                 highest=highest, as_of=as_of, file_name=cases_name)


# --- writing ---------------------------------------------------------------------------------------------

@contextmanager
def _sqlite_cache() -> Iterator[None]:
    """A larger SQLite page cache for the import (the default 2 MB makes index updates spill), then
    the connection's own again."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-_SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


class _RowWriter:
    """Many rows of one model in one statement, bypassing the per-value preparation of bulk_create
    (80% of its time on a large import).

    The columns are the model's concrete fields (`Field.column`); a field the caller does not give gets
    its default. Values must already be what the driver takes for the column: dates, Decimals, booleans
    and None are, a datetime goes through `ops.adapt_datetimefield_value` and a JSON value is given as
    its JSON text (`json_text`). PostgreSQL with psycopg 3 streams the rows with COPY; other backends
    run a prepared INSERT with executemany.
    """

    def __init__(self, model: type[models.Model], given: Iterable[str]) -> None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        given = set(given)
        unknown = given - {f.attname for f in fields}
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
        self.defaults = {f.attname: f.get_default() for f in fields if f.attname not in given}
        self._get = itemgetter(*[f.attname for f in fields])
        qn = connection.ops.quote_name
        table, columns = qn(model._meta.db_table), ", ".join(qn(f.column) for f in fields)
        self._copy = None
        if connection.vendor == "postgresql":
            from django.db.backends.postgresql.psycopg_any import is_psycopg3

            if is_psycopg3:
                self._copy = f"COPY {table} ({columns}) FROM STDIN"
        self._insert = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        merged = self.defaults.copy()
        merged.update(values)
        return self._get(merged)

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            if self._copy is not None:
                with cursor.cursor.copy(self._copy) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self._insert, rows)


def _updater(model: type[models.Model], names: Sequence[str]) -> tuple[str, list[str]]:
    """`UPDATE … SET col = %s, … WHERE pk = %s` for executemany, and the attnames in parameter order."""
    qn = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    sets = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    sql = f"UPDATE {qn(model._meta.db_table)} SET {sets} WHERE {qn(model._meta.pk.column)} = %s"
    return sql, [f.attname for f in fields]


def _ensure_org(plan: _Plan, result: ImportResult, court_name: str) -> None:
    """Create the courts, teams and (inactive) judges the file names but the database lacks."""
    new_courts = [
        Court(code=code, name=court_name or code, province=code[0],
              deadline_roll_over=settings.FANJIAN_DEADLINE_ROLL_OVER)
        for code, pk in sorted(plan.courts.items()) if pk is None
    ]
    Court.objects.bulk_create(new_courts)
    plan.courts.update(Court.objects.filter(code__in=list(plan.courts)).values_list("code", "id"))
    missing = [key for key, pk in sorted(plan.teams.items()) if pk is None]
    new_teams = [Team(court_id=plan.courts[court_code], code=code, name=code) for court_code, code in missing]
    Team.objects.bulk_create(new_teams)
    for key, team in zip(missing, new_teams, strict=True):
        plan.teams[key] = team.pk
    # Imported judges cannot sign in until an administrator activates them and sets a password.
    new_users = [
        User(username=username, role=Role.JUDGE, court_id=plan.courts[court_code],
             team_id=plan.teams.get((court_code, team_code)) if team_code else None,
             is_active=False, password=make_password(None))
        for username, (court_code, team_code) in sorted(plan.new_judges.items())
    ]
    User.objects.bulk_create(new_users)
    for user in new_users:
        plan.judges[user.username] = user.pk


def _pending_state(old: dict[str, Any] | None, suspended: bool) -> tuple[str, str]:
    """The state (and state_before) of a pending case: accepted, or suspended while a suspension runs;
    a case already in a working state keeps it."""
    old_state = old["state"] if old else ""
    old_before = old["state_before"] if old else ""
    if suspended:
        if old_state in WORKING_STATES:
            return S.SUSPENDED, old_state
        return S.SUSPENDED, (old_before if old_state == S.SUSPENDED and old_before else S.ACCEPTED)
    if old_state in WORKING_STATES:
        return old_state, old_before
    if old_state == S.SUSPENDED:
        return old_before or S.ACCEPTED, ""
    return S.ACCEPTED, ""


def _case_values(row: CaseRow, plan: _Plan, old: dict[str, Any] | None, suspended: bool) -> dict[str, Any]:
    """The Case attributes the import sets (attnames), for a new case or an existing one."""
    if row.closed_on is not None:
        state, before = (S.ARCHIVED if old and old["state"] == S.ARCHIVED else S.CLOSED), ""
    else:
        state, before = _pending_state(old, suspended)
    team_id = plan.teams[(row.court_code, row.team)] if row.team else (old["team_id"] if old else None)
    judge_id = plan.judges[row.judge] if row.judge else (old["judge_id"] if old else None)
    return dict(
        court_id=plan.courts[row.court_code], case_type=row.case_type, case_number=row.case_number, year=row.year,
        serial=row.serial, cause_id=row.cause_id, claim_amount=row.claim_amount, plaintiff_count=row.plaintiffs,
        defendant_count=row.defendants, third_party_count=row.third_parties, plaintiff_kind=row.plaintiff_kind,
        defendant_kind=row.defendant_kind, defendant_address_known=row.defendant_address_known,
        e_service_consent=row.e_service_consent, appraisal_requested=row.appraisal_requested,
        foreign_related=row.foreign_related, lawyer_represented=row.lawyer_represented,
        evidence_items=row.evidence_items, counterclaim=row.counterclaim,
        state=state, state_before=before, procedure=row.procedure, initial_procedure=row.initial_procedure,
        converted_on=row.converted_on, filed_on=row.filed_on, closed_on=row.closed_on,
        closing_mode=row.closing_mode, team_id=team_id, judge_id=judge_id,
        **ledger_values(row.term, closed_on=row.closed_on, as_of=plan.as_of),
    )


def _changes(values: dict[str, Any], old: dict[str, Any]) -> list[str]:
    changed = []
    for name in _UPDATE_FIELDS:
        attname = name + "_id" if name in ("cause", "team", "judge") else name
        if attname in old and values[attname] != old[attname]:
            changed.append(name)
    return changed


def _event(kind: str, on: date, *, from_state: str = "", to_state: str = "", basis: str = "",
           payload: dict[str, Any]) -> dict[str, Any]:
    """A CaseEvent's attributes, less case_id and the write time."""
    return {"kind": kind, "on": on, "from_state": from_state, "to_state": to_state, "basis": basis,
            "payload": {"source": SOURCE, **payload}}


def _events_for(values: dict[str, Any], row: CaseRow, old: dict[str, Any] | None, file_name: str,
                as_of: date) -> list[dict[str, Any]]:
    """The events the services would have written: 立案, conversion, closing; an IMPORTED note on update."""
    events: list[dict[str, Any]] = []
    term = row.term
    before_close = S.ACCEPTED
    if old is None:
        events.append(_event(K.ACCEPTED, row.filed_on, from_state=S.FILED, to_state=S.ACCEPTED, basis="CPL 126",
                             payload={"case_number": row.case_number, "procedure": row.initial_procedure,
                                      "team": row.team}))
    else:
        before_close = old["state"]
        events.append(_event(K.IMPORTED, as_of, from_state=old["state"], to_state=values["state"],
                             payload={"update": True, "file": file_name, "changed": _changes(values, old)}))
    if row.converted_on is not None and (old is None or old["converted_on"] is None):
        events.append(_event(K.CONVERTED, row.converted_on, basis="JI 258",
                             payload={"from_procedure": row.initial_procedure, "to_procedure": "ordinary"}))
    if row.closed_on is not None and (old is None or old["closed_on"] is None):
        events.append(_event(K.CLOSED, row.closed_on, from_state=before_close, to_state=S.CLOSED,
                             basis="TL2000 Art. 10; JI 243",
                             payload={"mode": row.closing_mode, "procedure": row.procedure,
                                      "net_trial_days": term.net_trial_days,
                                      "within_normal_term": term.within_normal_term}))
    return events


def _write(plan: _Plan, result: ImportResult, *, court_name: str, progress: ProgressFactory) -> None:
    _ensure_org(plan, result, court_name)
    given = {"court_id", *[Case._meta.get_field(f).attname for f in _UPDATE_FIELDS], *_LEDGER_FIELDS,
             "case_number", "heard", "created_at", "updated_at"}
    cases = _RowWriter(Case, given)
    periods = _RowWriter(CasePeriod, ["case_id", "kind", "start_on", "end_on", "months"])
    events = _RowWriter(CaseEvent, ["case_id", "at", "kind", "on", "from_state", "to_state", "basis", "payload"])
    update_sql, update_names = _updater(Case, _UPDATE_FIELDS + _LEDGER_FIELDS + ["updated_at"])
    encoder = CaseEvent._meta.get_field("payload").encoder  # JSON text as JSONField would write it
    assert plan.spill is not None
    bar = progress("importing", plan.rows)
    # `existing` is what the validation pass found (and computed the ledger against), as a plan would be.
    for batch, existing in plan.spill:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        new: list[tuple[dict[str, Any], CaseRow]] = []
        changed: list[tuple[dict[str, Any], CaseRow]] = []
        for row, suspended in batch:
            old = existing.get(row.case_number)
            values = _case_values(row, plan, old, suspended)
            (changed if old else new).append((values, row))

        cases.write([cases.row({**values, "heard": row.closing_mode == "judgment", "created_at": now,
                                "updated_at": now}) for values, row in new])
        ids = {number: values["id"] for number, values in existing.items()}
        for chunk in _chunks([values["case_number"] for values, _row in new], _LOOKUP_CHUNK):
            ids.update(Case.objects.filter(case_number__in=chunk).values_list("case_number", "id"))
        if changed:
            with connection.cursor() as cursor:
                cursor.executemany(update_sql, [
                    (*[now if name == "updated_at" else values[name] for name in update_names],
                     ids[row.case_number]) for values, row in changed
                ])

        if plan.periods is not None:
            for chunk in _chunks([ids[row.case_number] for _values, row in changed], _LOOKUP_CHUNK):
                CasePeriod.objects.filter(case_id__in=chunk).delete()
            periods.write([
                periods.row({"case_id": ids[row.case_number], "kind": p.kind, "start_on": p.start_on,
                             "end_on": p.end_on, "months": p.months})
                for _values, row in new + changed for p in plan.periods.get(row.case_number, ())
            ])
        event_rows = []
        for values, row in new + changed:
            case_id = ids[row.case_number]
            for event in _events_for(values, row, existing.get(row.case_number), plan.file_name, plan.as_of):
                event["payload"] = json.dumps(event["payload"], cls=encoder)
                event_rows.append(events.row({**event, "case_id": case_id, "at": now}))
        events.write(event_rows)
        result.events += len(event_rows)
        bar.update(len(batch))
    bar.close()
    _write_elsewhere(plan, result, timezone.now())
    _raise_sequences(plan, result)


def _write_elsewhere(plan: _Plan, result: ImportResult, now: datetime) -> None:
    """Cases only in the database whose periods periods.csv replaces: new periods and a fresh ledger."""
    if not plan.elsewhere or plan.periods is None:
        return
    ids = [values["id"] for values, _term in plan.elsewhere.values()]
    for chunk in _chunks(ids, _LOOKUP_CHUNK):
        CasePeriod.objects.filter(case_id__in=chunk).delete()
    CasePeriod.objects.bulk_create([
        CasePeriod(case_id=values["id"], kind=p.kind, start_on=p.start_on, end_on=p.end_on, months=p.months)
        for number, (values, _term) in plan.elsewhere.items() for p in plan.periods[number]
    ])
    cases = [Case(pk=values["id"], updated_at=now,
                  **ledger_values(term, closed_on=values["closed_on"], as_of=plan.as_of))
             for values, term in plan.elsewhere.values()]
    Case.objects.bulk_update(cases, _LEDGER_FIELDS + ["updated_at"])
    CaseEvent.objects.bulk_create([
        CaseEvent(case_id=values["id"], **_event(K.IMPORTED, plan.as_of, payload={
            "update": True, "file": plan.file_name, "periods_replaced": len(plan.periods[number])}))
        for number, (values, _term) in plan.elsewhere.items()
    ])
    result.events += len(plan.elsewhere)


def _raise_sequences(plan: _Plan, result: ImportResult) -> None:
    """Lift each court × type × year sequence to the highest imported serial, so that later web
    allocations (services.allocate_case_number) never hand out an imported number."""
    highest = {(plan.courts[code], type_code, year): serial for (code, type_code, year), serial in plan.highest.items()}
    CaseNumberSequence.objects.bulk_create(
        [CaseNumberSequence(court_id=c, type_code=t, year=y, last=0) for c, t, y in highest], ignore_conflicts=True
    )
    for (court_id, type_code, year), serial in highest.items():
        # A conditional UPDATE: it row-locks, so a concurrent allocation waits and then counts on from here.
        result.sequences_raised += CaseNumberSequence.objects.filter(
            court_id=court_id, type_code=type_code, year=year, last__lt=serial
        ).update(last=serial)
