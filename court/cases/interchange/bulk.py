"""The bulk path of the import: a clean file of new cases, checked a column at a time and written in one
pass, streamed in chunks (memory bounded by the chunk and the periods file).

`bulk_import` writes what the row-by-row import (`validate.py` + `write.py`) writes: the same cases with
their term ledger, periods and events (ACCEPTED, CONVERTED, CLOSED, payload source="import"), courts, teams
and inactive judges, and raised case-number sequences. It validates and writes in one transaction; anything
it does not handle or that may be an error (`bulkcheck.NotFast`: a bad cell, a duplicate, a case already
stored, a period of a case outside the file, a file the csv module reads but we would rather not guess
about) rolls the transaction back and raises NotFast, and `importer.cases_import` runs the row-by-row
import instead, which reports every error as `line N, column C: …` and does the updates. A clean file
never pays for that; a broken one pays for a chunk of vectorised checks first.

Writes go through `rowwriter.RowWriter` a column at a time (COPY in CSV made by pyarrow on PostgreSQL, with
the case ids drawn from the sequence first; executemany of plain values on SQLite). When an import adds at
least as many rows as a table holds (a first load, the demo court), that table's non-unique indexes are
dropped for the load and built again at its end, in the same transaction (`_indexes_rebuilt`); its foreign
keys are then checked once for the whole load instead of at each row (PostgreSQL: dropped and added again;
SQLite: checks off outside a transaction, `PRAGMA foreign_key_check` before the commit). The import's own
commit stays as durable as any other: no synchronous or journal setting is changed.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from court.org.models import Court, Role, Team, User
from court.rules.enums import ClosingMode, PeriodKind, Procedure
from court.rules.ledger import case_term
from court.rules.terms import Period

from ..models import Case, CaseEvent, CasePeriod, CaseState
from ..term import court_calendar, today
from .bulkcheck import Checked, ChunkChecker, NotFast, check_periods
from .columns import DERIVED_CASE_COLUMNS, READ_CASE_COLUMNS, REQUIRED_CASE_COLUMNS, STORED_CASE_FIELDS
from .csvfile import CsvFile, Errors
from .parse import PeriodRow
from .plan import ImportResult, ProgressFactory, chunks, no_progress
from .validate import MemoCalendar, _cause_index
from .rowwriter import Constant, RowWriter
from .write import _PERIOD_FIELDS, SOURCE, _raise_sequences, sqlite_cache

__all__ = ["BULK_BATCH", "NotFast", "bulk_import"]

BULK_BATCH = 20_000  # rows per chunk: memory is bounded by a chunk (and the periods file, 8 bytes a case number)
REBUILD_MIN_ROWS = 1000  # below this, a table keeps its indexes whatever it holds
K, S = CaseEvent.Kind, CaseState
_ORDINARY = Procedure.ORDINARY.value
_dumps = json.encoder.encode_basestring_ascii  # type: ignore[attr-defined] # as json.dumps writes a string


def bulk_import(*, cases_path: Path | str, periods_path: Path | str | None = None, ignore_unknown: bool = False,
                court_name: str = "", as_of: date | None = None, run_day: date | None = None,
                progress: ProgressFactory | None = None, batch_size: int = BULK_BATCH) -> ImportResult:
    """Import a clean file of new cases all-or-nothing; raise NotFast (nothing written) for anything else.
    Pending cases are measured as of `as_of`; no date may lie after `run_day` (both today by default)."""
    cases_path = Path(cases_path)
    run_day = run_day or today()
    loader = _Loader(as_of=as_of or run_day, run_day=run_day, court_name=court_name,
                     file_name=cases_path.name, progress=progress or no_progress)
    if periods_path is not None:
        loader.read_periods(Path(periods_path), ignore_unknown=ignore_unknown)
    estimate = _line_count(cases_path)
    unchecked = _foreign_keys_off(estimate)
    try:
        with sqlite_cache(), transaction.atomic():
            try:
                with _indexes_rebuilt({Case: estimate, CaseEvent: 2 * estimate,
                                       CasePeriod: loader.period_count}):
                    loader.load(cases_path, ignore_unknown=ignore_unknown, batch_size=batch_size)
                if unchecked:  # every row's references, checked before the commit as they would have been at it
                    connection.check_constraints(table_names=[m._meta.db_table for m in (Case, CaseEvent, CasePeriod)])
            except IntegrityError as exc:  # a number stored meanwhile: the row-by-row import reports it
                raise NotFast("integrity") from exc
    finally:
        if unchecked:
            connection.enable_constraint_checking()
    return loader.result


def _foreign_keys_off(estimate: int) -> bool:
    """On SQLite, for a first load (as many new cases as stored ones) outside any transaction: turn the
    foreign-key checks off for the load, as Django's loaddata does; `bulk_import` checks every row of the
    three tables with `check_constraints` (PRAGMA foreign_key_check) before the commit, and turns them on
    again. A check at each insert costs a third of SQLite's writing time."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    if estimate < max(Case.objects.count(), REBUILD_MIN_ROWS):
        return False
    return connection.disable_constraint_checking()


def _line_count(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            lines += block.count(b"\n")
    return lines


class _Loader:
    def __init__(self, *, as_of: date, run_day: date, court_name: str, file_name: str,
                 progress: ProgressFactory) -> None:
        self.as_of, self.run_day, self.court_name, self.file_name = as_of, run_day, court_name, file_name
        self.progress = progress
        self.result = ImportResult()
        self.periods: dict[str, list[PeriodRow]] | None = None
        self.period_count = 0
        self.calendar = MemoCalendar(court_calendar())
        self.courts: dict[str, tuple[int, bool, bool]] = {}  # code -> (id, roll_over, had cases before)
        self.teams: dict[tuple[str, str], int] = {}
        self.judges: dict[str, int] = {}
        self.highest: dict[tuple[str, str, int], int] = {}
        self.templates: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.numbers_with_periods = 0
        self.cases = RowWriter(Case, _CASE_GIVEN)
        # PostgreSQL: the ids drawn from the table's sequence first and written with the rows (no read-back)
        self.cases_with_ids = RowWriter(Case, {*_CASE_GIVEN, "id"}) if connection.vendor == "postgresql" else None
        self.events = RowWriter(CaseEvent, _EVENT_GIVEN)
        self.period_writer = RowWriter(CasePeriod, ["case_id", *_PERIOD_FIELDS.values()])

    # --- reading ----------------------------------------------------------------------------------------

    def read_periods(self, path: Path, *, ignore_unknown: bool) -> None:
        rows = check_periods(path, ignore_unknown=ignore_unknown)
        self.periods = defaultdict(list)
        for p in rows:
            self.periods[p.case_number].append(p)
        self.period_count = len(rows)

    def load(self, path: Path, *, ignore_unknown: bool, batch_size: int) -> None:
        csv_file = CsvFile(path, known=READ_CASE_COLUMNS, required=REQUIRED_CASE_COLUMNS,
                           ignored=DERIVED_CASE_COLUMNS, ignore_unknown=ignore_unknown, errors=Errors(1))
        bar = self.progress("importing", None)
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                if not csv_file.read_header(next(reader, None)):
                    raise NotFast("header")
                checker = ChunkChecker(csv_file.header, causes=_cause_index(), today=self.run_day)
                width = len(csv_file.header)
                while rows := list(islice(reader, batch_size)):
                    if any(len(row) != width for row in rows):
                        rows = [row for row in rows if row and not (len(row) == 1 and not row[0].strip())]
                        if any(len(row) != width for row in rows):  # the row-by-row import reports it
                            raise NotFast("row width")
                    if rows:
                        self._chunk(checker.check(rows))
                    bar.update(len(rows))
        except (UnicodeDecodeError, csv.Error) as exc:
            raise NotFast("csv") from exc
        finally:
            bar.close()
        if self.periods is not None and self.numbers_with_periods != len(self.periods):
            raise NotFast("periods of cases outside cases.csv")  # stored cases, or unknown numbers
        self.result.periods = self.period_count
        _raise_sequences(_Sequences({code: pk for code, (pk, _r, _h) in self.courts.items()}, self.highest),
                         self.result)
        self.result.courts_created.sort()
        self.result.teams_created.sort()
        self.result.judges_created.sort()

    # --- one chunk -------------------------------------------------------------------------------------

    def _chunk(self, c: Checked) -> None:
        v, n = c.values, len(c)
        court_ids, roll_over = self._courts(v["court_code"])
        team_ids = self._teams(v["court_code"], v["team"])
        judge_ids = self._judges(v["judge"], v["court_code"], v["team"])
        self._no_stored_cases(v["court_code"], c.number)
        for key in zip(v["court_code"], v["case_type"], c.year.tolist(), c.serial.tolist(), strict=True):
            if key[3] > self.highest.get(key[:3], 0):
                self.highest[key[:3]] = key[3]

        converted = v["converted_on"]
        closed = v["closed_on"]
        procedure = np.where(v["final_procedure"] != "", v["final_procedure"],
                             np.where(c.ordinals["converted_on"] > 0, _ORDINARY, v["initial_procedure"]))
        ledger, suspended = self._terms(c, procedure, roll_over)
        is_closed = c.ordinals["closed_on"] > 0
        state = np.where(is_closed, S.CLOSED.value, np.where(suspended, S.SUSPENDED.value, S.ACCEPTED.value))
        state_before = np.where(~is_closed & suspended, S.ACCEPTED.value, "")
        now = connection.ops.adapt_datetimefield_value(timezone.now())

        columns: dict[str, Any] = {attname: c.sql.get(name, v[name]) for name, attname in STORED_CASE_FIELDS.items()
                                   if name != "case_number"}
        columns.update(case_number=c.number, court_id=court_ids, year=c.year.tolist(), serial=c.serial.tolist(),
                       cause_id=c.cause_id, state=state, state_before=state_before, procedure=procedure,
                       team_id=team_ids, judge_id=judge_ids, heard=v["closing_mode"] == ClosingMode.JUDGMENT.value,
                       created_at=Constant(now), updated_at=Constant(now), **ledger)
        if self.cases_with_ids is not None:
            case_ids = columns["id"] = self._next_ids(n)
            self.cases_with_ids.write_columns(columns, n)
        else:
            before = self._last_id()
            self.cases.write_columns(columns, n)
            ids = self._new_ids(before, c.number)
            case_ids = [ids[number] for number in c.number]
        self.result.created += n

        if self.periods is not None:
            period_rows = []
            for case_id, number in zip(case_ids, c.number, strict=True):
                for p in self.periods.get(number, ()):
                    period_rows.append(self.period_writer.row(
                        {"case_id": case_id, **{field: getattr(p, name) for name, field in _PERIOD_FIELDS.items()}}))
            self.period_writer.write(period_rows)
        self._events(c, case_ids, procedure, ledger, now)

    def _courts(self, codes: np.ndarray) -> tuple[list[int], list[bool]]:
        for code in set(codes.tolist()) - self.courts.keys():
            court = Court.objects.filter(code=code).first()
            if court is None:
                court = Court.objects.create(code=code, name=self.court_name or code, province=code[0],
                                             deadline_roll_over=settings.FANJIAN_DEADLINE_ROLL_OVER)
                self.result.courts_created.append(code)
                had = False
            else:
                had = Case.objects.filter(court=court).exists()
            self.courts[code] = (court.pk, court.deadline_roll_over, had)
        found = [self.courts[code] for code in codes.tolist()]
        return [f[0] for f in found], [f[1] for f in found]

    def _teams(self, codes: np.ndarray, teams: np.ndarray) -> list[int | None]:
        for court_code, team in set(zip(codes.tolist(), teams.tolist(), strict=True)) - self.teams.keys():
            if not team:
                continue
            court_id = self.courts[court_code][0]
            found = Team.objects.filter(court_id=court_id, code=team).values_list("id", flat=True).first()
            if found is None:
                found = Team.objects.create(court_id=court_id, code=team, name=team).pk
                self.result.teams_created.append(f"{court_code}/{team}")
            self.teams[(court_code, team)] = found
        return [self.teams[key] if key[1] else None for key in zip(codes.tolist(), teams.tolist(), strict=True)]

    def _judges(self, judges: np.ndarray, codes: np.ndarray, teams: np.ndarray) -> list[int | None]:
        names = judges.tolist()
        new = {}
        for i, name in enumerate(names):
            if name and name not in self.judges and name not in new:
                new[name] = i  # the first row naming a judge gives the court and team of a new one
        for chunk in chunks(sorted(new)):
            for pk, username, role in User.objects.filter(username__in=chunk).values_list("id", "username", "role"):
                if role != Role.JUDGE:
                    raise NotFast("judge")
                self.judges[username] = pk
                del new[username]
        for name, i in sorted(new.items()):
            court_code, team = codes[i], teams[i]
            user = User.objects.create(username=name, role=Role.JUDGE, court_id=self.courts[court_code][0],
                                       team_id=self.teams.get((court_code, team)) if team else None,
                                       is_active=False, password=make_password(None))
            self.judges[name] = user.pk
            self.result.judges_created.append(name)
        return [self.judges[name] if name else None for name in names]

    def _no_stored_cases(self, codes: np.ndarray, numbers: list[str]) -> None:
        """Updates are the row-by-row import's: refuse a chunk naming a stored case (courts with cases only)."""
        if not any(self.courts[code][2] for code in set(codes.tolist())):
            return
        for chunk in chunks(numbers):
            if Case.objects.filter(case_number__in=chunk).exists():
                raise NotFast("stored case")

    # --- the term ledger --------------------------------------------------------------------------------

    def _terms(self, c: Checked, procedure: np.ndarray, roll_over: list[bool]) -> tuple[dict[str, Any], np.ndarray]:
        """LEDGER_FIELDS per row: `case_term` itself for a case with periods; for one without, the deadlines of
        `case_term` for its filing day, procedure and type (computed once per distinct key) and the days."""
        v, d, n = c.values, c.ordinals, len(c)
        filed, closed = d["filed_on"], d["closed_on"]
        as_of = self.as_of.toordinal()
        end = np.where(closed > 0, closed, np.maximum(filed, as_of))
        elapsed = end - filed
        excluded = np.zeros(n, dtype=np.int64)
        extension = np.zeros(n, dtype=np.int64)
        suspended = np.zeros(n, dtype=bool)
        proc = procedure.tolist()
        keys = list(zip(v["filed_on"].tolist(), proc, v["case_type"].tolist(),
                        v["foreign_related"].astype(bool).tolist(), roll_over, strict=True))
        for key in dict.fromkeys(keys).keys() - self.templates.keys():
            filed_on, case_procedure, case_type, foreign, key_roll_over = key
            term = case_term(filed_on=filed_on, procedure=case_procedure, closed_on=filed_on, foreign_related=foreign,
                             periods=(), roll_over=key_roll_over, calendar=self.calendar, as_of=self.as_of,
                             case_type=case_type)
            assert term is not None
            self.templates[key] = (term.normal_deadline.toordinal() if term.normal_deadline else 0,
                                   term.extended_deadline.toordinal() if term.extended_deadline else 0)
        deadlines = np.array(list(map(self.templates.__getitem__, keys)), dtype=np.int64).reshape(n, 2)
        normal, extended = deadlines[:, 0].copy(), deadlines[:, 1].copy()
        periods = self.periods or {}
        for i, own in enumerate(map(periods.get, c.number)):
            if not own:
                continue
            self.numbers_with_periods += 1
            filed_on, case_procedure, case_type, foreign, key_roll_over = keys[i]
            rule_periods = [Period(kind=p.kind, start_on=p.start_on, end_on=p.end_on, months=p.months) for p in own]
            term = case_term(filed_on=filed_on, procedure=case_procedure, closed_on=v["closed_on"][i],
                             foreign_related=foreign, periods=rule_periods, roll_over=key_roll_over,
                             calendar=self.calendar, as_of=self.as_of, converted_on=v["converted_on"][i],
                             case_type=case_type)
            assert term is not None
            excluded[i], extension[i] = term.excluded_days, term.extension_months
            normal[i] = term.normal_deadline.toordinal() if term.normal_deadline else 0
            extended[i] = term.extended_deadline.toordinal() if term.extended_deadline else 0
            suspended[i] = closed[i] == 0 and any(p.kind == PeriodKind.SUSPENSION and p.end_on is None for p in own)
        has_term = normal > 0
        is_closed = closed > 0
        ledger = {
            "elapsed_days": elapsed.tolist(),
            "excluded_days": excluded.tolist(),
            "net_trial_days": (elapsed - excluded).tolist(),
            "extension_months": extension.tolist(),
            "normal_deadline": _dates(normal),
            "extended_deadline": _dates(extended),
            "within_normal_term": _flags(is_closed & has_term, closed <= normal),
            "within_term": _flags(is_closed & has_term, closed <= extended),
            "term_as_of": np.where(is_closed, c.sql["closed_on"], self.as_of.isoformat()),
        }
        return ledger, suspended

    # --- events ---------------------------------------------------------------------------------------

    def _events(self, c: Checked, case_ids: list[int], procedure: np.ndarray, ledger: dict[str, Any],
                now: Any) -> None:
        """What `write.events_for` writes for a new case: ACCEPTED; CONVERTED if converted; CLOSED if closed."""
        v = c.values
        source = '{"source": ' + json.dumps(SOURCE) + ", "  # the payload's first key, as write.events_for has it
        team_json = _json_of(v["team"])
        initial_json = _json_of(v["initial_procedure"])
        columns: dict[str, list[Any]] = defaultdict(list)

        def add(ids: list[int], kind: str, on: Any, from_state: str, to_state: str, basis: str,
                payloads: list[str]) -> None:
            columns["case_id"] += ids
            columns["kind"] += [kind] * len(ids)
            columns["on"] += list(on)
            columns["from_state"] += [from_state] * len(ids)
            columns["to_state"] += [to_state] * len(ids)
            columns["basis"] += [basis] * len(ids)
            columns["payload"] += payloads

        add(case_ids, K.ACCEPTED, c.sql["filed_on"], S.FILED, S.ACCEPTED, "CPL 126", [
            f'{source}"case_number": {_dumps(number)}, "procedure": {initial}, "team": {team}}}'
            for number, initial, team in zip(c.number, initial_json, team_json, strict=True)])
        ids = np.asarray(case_ids)
        converted = c.ordinals["converted_on"] > 0
        converted_on = np.asarray(c.sql["converted_on"], dtype=object)[converted]
        add(ids[converted].tolist(), K.CONVERTED, converted_on, "", "", "JI 258", [
            f'{source}"from_procedure": {initial}, "to_procedure": "{_ORDINARY}"}}'
            for initial in np.asarray(initial_json, dtype=object)[converted]])
        closed = c.ordinals["closed_on"] > 0
        mode_json = np.asarray(_json_of(v["closing_mode"]), dtype=object)[closed]
        procedure_json = np.asarray(_json_of(procedure), dtype=object)[closed]
        net = np.asarray(ledger["net_trial_days"], dtype=object)[closed]
        within = _json_of(np.asarray(ledger["within_normal_term"], dtype=object)[closed])
        closed_on = np.asarray(c.sql["closed_on"], dtype=object)[closed]
        add(ids[closed].tolist(), K.CLOSED, closed_on, S.ACCEPTED, S.CLOSED, "TL2000 Art. 10; JI 243", [
            f'{source}"mode": {mode}, "procedure": {proc}, "net_trial_days": {days}, "within_normal_term": {w}}}'
            for mode, proc, days, w in zip(mode_json, procedure_json, net, within, strict=True)])
        columns["at"] = Constant(now)  # type: ignore[assignment]
        count = len(columns["case_id"])
        self.events.write_columns(columns, count)
        self.result.events += count

    # --- ids ------------------------------------------------------------------------------------------

    def _last_id(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(Case._meta.db_table)}")
            return cursor.fetchone()[0] or 0

    def _next_ids(self, n: int) -> list[int]:
        """`n` new ids from the sequence of the case table's id, in order (as n inserted rows would draw them)."""
        table = Case._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, Case._meta.pk.column, n])
            return [row[0] for row in cursor.fetchall()]

    def _new_ids(self, before: int, numbers: list[str]) -> dict[str, int]:
        """The ids of the rows just written (SQLite): the write lock is ours, so every id above `before` is."""
        table = connection.ops.quote_name(Case._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT case_number, id FROM {table} WHERE id > %s", [before])
            return dict(cursor.fetchall())


class _Sequences:
    """What `write._raise_sequences` reads of a plan."""

    def __init__(self, courts: dict[str, int], highest: dict[tuple[str, str, int], int]) -> None:
        self.courts, self.highest = courts, highest


_CASE_GIVEN = {"court_id", "year", "serial", "cause_id", "state", "state_before", "procedure", "team_id",
               "judge_id", "case_number", "heard", "created_at", "updated_at",
               *[a for n, a in STORED_CASE_FIELDS.items() if n != "case_number"],
               "elapsed_days", "excluded_days", "net_trial_days", "extension_months", "normal_deadline",
               "extended_deadline", "within_normal_term", "within_term", "term_as_of"}
_EVENT_GIVEN = ["case_id", "at", "kind", "on", "from_state", "to_state", "basis", "payload"]
def _dates(ordinals: np.ndarray) -> list[str | None]:
    """Day ordinals as the date text the driver is given (None for 0)."""
    days = ordinals.tolist()
    text = {o: (date.fromordinal(o).isoformat() if o else None) for o in dict.fromkeys(days)}
    return list(map(text.__getitem__, days))


def _flags(known: np.ndarray, value: np.ndarray) -> list[bool | None]:
    return [bool(x) if k else None for k, x in zip(known.tolist(), value.tolist(), strict=True)]


def _json_of(values: Any) -> list[str]:
    """Each value as json.dumps writes it (distinct values encoded once)."""
    memo: dict[Any, str] = {}
    out = []
    for value in values.tolist() if isinstance(values, np.ndarray) else values:
        text = memo.get(value)
        if text is None:
            text = memo[value] = json.dumps(value)
        out.append(text)
    return out


@contextmanager
def _indexes_rebuilt(adding: dict[type[models.Model], int]) -> Iterator[None]:
    """Drop the non-unique indexes of each table that will at least double, build them again at the end
    (in the caller's transaction: a failure leaves them as they were).

    On PostgreSQL the foreign keys of those tables are dropped too and added again at the end: adding a
    foreign key checks every row with one join, where a kept one runs a trigger per inserted row (a third
    of a first load's time). Until the commit, the referenced tables (courts, teams, users, causes) take
    no writes from other sessions; the tables loaded are locked already, by dropping their indexes."""
    saved: list[str] = []
    keys: list[str] = []
    with connection.cursor() as cursor:
        for model, rows in adding.items():
            table = model._meta.db_table
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            if rows < max(cursor.fetchone()[0], REBUILD_MIN_ROWS):
                continue
            for name, sql in _plain_indexes(cursor, table):
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                saved.append(sql)
            for name, definition in _foreign_keys(cursor, table):
                qn = connection.ops.quote_name
                cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
                keys.append(f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {definition}")
    yield
    with connection.cursor() as cursor:
        if saved and connection.vendor == "postgresql":
            # PostgreSQL builds no index on a table with deferred foreign-key checks still pending in the
            # transaction: run those checks now (a bad reference fails here, as it would at commit), then defer again.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")  # index sorts in memory; until the commit
        for sql in saved:
            cursor.execute(sql)
        for sql in keys:  # each checks every row of its table now: a bad reference fails the import here
            cursor.execute(sql)
        if saved and connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _foreign_keys(cursor: Any, table: str) -> list[tuple[str, str]]:
    """(name, definition) of the table's foreign keys on PostgreSQL, none elsewhere (SQLite cannot drop one)."""
    if connection.vendor != "postgresql":
        return []
    cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                   "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname", [table])
    return list(cursor.fetchall())


def _plain_indexes(cursor: Any, table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the table's indexes that enforce nothing (not unique, not a key)."""
    if connection.vendor == "sqlite":
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                       "AND sql IS NOT NULL", [table])
        return [(name, sql) for name, sql in cursor.fetchall() if not sql.upper().startswith("CREATE UNIQUE")]
    if connection.vendor == "postgresql":
        cursor.execute("SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                       "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
                       "AND NOT x.indisunique AND NOT x.indisprimary AND NOT x.indisexclusion", [table])
        return list(cursor.fetchall())
    return []
