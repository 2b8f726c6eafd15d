"""Vectorised checking of cases.csv for the bulk import (`bulk.py`): a chunk of rows is checked column by
column, not cell by cell, and either comes out as typed columns or is refused as "not for the fast path".

Exactness comes from reusing the row-by-row code on what is distinct: each column is factorised
(`pandas.factorize`), and every distinct cell is read by the column's own reader (`csvfile.cell_reader`,
the one the row-by-row parser calls), so that the strip, the bounds and the parsing are the same code.
The case number, distinct in every row, is split by one regular expression, and each distinct court and
type part is checked by `parse_case_number` itself. The checks between cells (`parse._case_row`) become
boolean masks that err on the side of caution: any row that *could* carry an error, and anything the fast
path does not handle (a pre-2016 number, a duplicate), raises `NotFast`. The caller then runs the exact
row-by-row import, which writes the `line N, column C:` report; a clean file never needs it.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from court.rules.case_numbers import CaseNumber, CaseNumberError, is_valid_court_code, parse_case_number
from court.rules.enums import PeriodKind, Procedure
from court.rules.errors import RuleViolation
from court.rules.procedure import NUMEROUS_PARTIES, check_case_type_at_court

from .columns import (
    CASE_COLUMN,
    PERIOD_COLUMNS,
    PERIOD_TABLE,
    READ_CASE_COLUMNS,
    REQUIRED_PERIOD_COLUMNS,
    CellType,
)
from .csvfile import Cells, CsvFile, Errors, cell_reader
from .parse import _FLAGS, _NO_PROCEDURE_CHOICE, CauseIndex, PeriodRow


MEMO_LIMIT = 50_000  # distinct cells remembered per column across chunks


class NotFast(Exception):
    """This chunk (or file) needs the row-by-row import: it may hold an error, or something it handles."""


_DIGITS = "0123456789"


def split_number(text: str) -> tuple[str, str, str] | None:
    """(year, court and type part, serial) of a case number written （year）…serial号 with ASCII digits and no
    suffix, else None. `_middle` then asks `parse_case_number` whether the middle part reads as it should."""
    if len(text) < 9 or text[-1] != "号" or text[0] not in "（(" or text[5] not in "）)":
        return None
    year = text[1:5]
    if not (year.isascii() and year.isdigit()) or year[0] == "0":
        return None
    body = text[6:-1]
    middle = body.rstrip(_DIGITS)
    serial = body[len(middle):]
    if not serial or serial[0] == "0" or not middle:
        return None
    return year, middle, serial


class _Stub:
    """What a cell reader asks of its file: the parsed-date memo."""

    name = ""
    dates: dict[str, date] = {}


_STUB = _Stub()


class _OneCell(Cells):
    """A `Cells` over one value of one column, so that a column's own reader can read a distinct value."""

    __slots__ = ()

    def __init__(self, column: str, raw: str, errors: Errors) -> None:  # noqa: D107 - see Cells
        self.reader, self.line, self.row, self.errors = _STUB, 0, [raw], errors  # type: ignore[assignment]
        self.ok = True
        self.values = {column: raw.strip()}

    def error(self, column: str, template: str, **params: Any) -> None:
        self.ok = False


_READERS = {name: cell_reader(CASE_COLUMN[name]) for name in READ_CASE_COLUMNS}
_scratch = Errors(0)


def typed_column(read: Any, name: str, raw: Sequence[str], memo: dict[str, Any]) -> list[Any]:
    """The column's cells as its reader reads them, each distinct cell read once (`memo`: raw -> value,
    kept across chunks); NotFast if one is bad. The loops over the cells are C loops (dict, map)."""
    for cell_text in dict.fromkeys(raw):
        if cell_text not in memo:
            cell = _OneCell(name, cell_text, _scratch)
            value = read(cell)
            if not cell.ok:
                raise NotFast(name)
            memo[cell_text] = value
    return list(map(memo.__getitem__, raw))


def stored(name: str, raw: Sequence[str], memo: dict[str, Any], kind: CellType) -> list[Any] | None:
    """What the database driver is given for a date or amount column (its text, as Django's adapters
    write it), distinct cells converted once; None for the other types (given as they are)."""
    if kind is CellType.DATE:
        text = {cell: (memo[cell].isoformat() if memo[cell] is not None else None) for cell in dict.fromkeys(raw)}
    elif kind is CellType.AMOUNT:
        text = {cell: (str(memo[cell]) if memo[cell] is not None else None) for cell in dict.fromkeys(raw)}
    else:
        return None
    return list(map(text.__getitem__, raw))


def ordinals_of(raw: Sequence[str], memo: dict[str, Any]) -> np.ndarray:
    """Day ordinals of a date column (0 when empty)."""
    days = {cell: (memo[cell].toordinal() if memo[cell] is not None else 0) for cell in dict.fromkeys(raw)}
    return np.fromiter(map(days.__getitem__, raw), dtype=np.int64, count=len(raw))


def object_array(values: list[Any]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


@dataclass
class Checked:
    """One checked chunk: per column, the typed values (object arrays), plus what the writer needs."""

    values: dict[str, np.ndarray]  # column name -> typed values (dates as date, amounts as Decimal …)
    ordinals: dict[str, np.ndarray]  # date column -> day ordinals (0 when empty)
    sql: dict[str, list[Any]]  # date and amount columns as the driver is given them (text)
    number: list[str]  # canonical case numbers
    year: np.ndarray
    serial: np.ndarray
    cause_id: np.ndarray

    def __len__(self) -> int:
        return len(self.number)


class ChunkChecker:
    """Checks chunks of raw rows of one cases.csv against one header; remembers what repeats across chunks."""

    def __init__(self, header: list[str], *, causes: CauseIndex, today: date) -> None:
        self.position = {name: header.index(name) for name in READ_CASE_COLUMNS if name in header}
        self.causes, self.today = causes, today
        self.memo: dict[str, dict[str, Any]] = {name: {} for name in READ_CASE_COLUMNS}
        self.middles: dict[str, tuple[str, str] | None] = {}  # court+type part -> (court code, type code)
        self.court_types: dict[tuple[str, str], bool] = {}
        self.cause_memo: dict[tuple[str, date], int | None] = {}
        # Memory stays bounded by a chunk: the numbers met so far are kept as the sorted 64-bit hashes of
        # their canonical text (8 bytes each); two numbers of one hash are taken for a duplicate, which
        # sends the file to the row-by-row import, which compares the numbers themselves.
        self.seen = np.empty(0, dtype=np.int64)

    def check(self, rows: list[list[str]]) -> Checked:
        n = len(rows)
        columns = list(zip(*rows, strict=True)) if rows else []
        values: dict[str, np.ndarray] = {}
        ordinals: dict[str, np.ndarray] = {}
        sql: dict[str, list[Any]] = {}
        for name in READ_CASE_COLUMNS:
            if name == "case_number":
                continue
            position = self.position.get(name)
            raw = columns[position] if position is not None else ("",) * n
            memo = self.memo[name]
            if len(memo) > MEMO_LIMIT:  # a column of many distinct cells (amounts): remember one chunk's only
                memo.clear()
            values[name] = object_array(typed_column(_READERS[name], name, raw, memo))
            kind = CASE_COLUMN[name].type
            if kind is CellType.DATE:
                ordinals[name] = ordinals_of(raw, memo)
            text = stored(name, raw, memo, kind)
            if text is not None:
                sql[name] = text
        for name in _FLAGS:
            values[name] = values[name].astype(bool)
        number, year, serial = self._numbers(columns[self.position["case_number"]], values)
        self._between_cells(values, ordinals)
        cause_id = self._causes(values["cause"], values["filed_on"])
        return Checked(values=values, ordinals=ordinals, sql=sql, number=number, year=year,
                       serial=serial, cause_id=cause_id)

    def _numbers(self, raw: Sequence[str], values: dict[str, np.ndarray]) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Canonical numbers, checked against court_code and case_type, new to the file."""
        if max(map(len, raw), default=0) > CASE_COLUMN["case_number"].max_length:
            raise NotFast("case_number")
        number, parts = canonical_numbers(raw, self.middles)
        middles = [m[1] for m in parts]
        court_type = {middle: found[0] + "|" + found[1]  # no court code or type code holds a "|"
                      for middle, found in self.middles.items() if found is not None}
        given = values["court_code"] + "|" + values["case_type"]  # object arrays: str + str per row
        if list(map(court_type.__getitem__, middles)) != given.tolist():
            raise NotFast("court_code/case_type")
        for court, case_type in {tuple(c.split("|")) for c in dict.fromkeys(given.tolist())}:
            self._court_type(court, case_type)
        hashes = np.fromiter(map(hash, number), dtype=np.int64, count=len(number))
        hashes.sort()
        at = np.searchsorted(self.seen, hashes)
        if (hashes[1:] == hashes[:-1]).any() or (
                len(self.seen) and (self.seen[np.minimum(at, len(self.seen) - 1)] == hashes).any()):
            raise NotFast("duplicate case number")
        self.seen = np.insert(self.seen, at, hashes)
        year = np.fromiter((int(m[0]) for m in parts), dtype=np.int64, count=len(parts))  # type: ignore[index]
        serial = np.fromiter((int(m[2]) for m in parts), dtype=np.int64, count=len(parts))  # type: ignore[index]
        return number, year, serial

    def _court_type(self, court: str, case_type: str) -> None:
        key = (court, case_type)
        if key not in self.court_types:
            try:
                check_case_type_at_court(case_type, court)  # CPL 171: no 民终 at a basic court
                self.court_types[key] = is_valid_court_code(court)
            except RuleViolation:
                self.court_types[key] = False
        if not self.court_types[key]:
            raise NotFast("court_code")

    def _between_cells(self, v: dict[str, np.ndarray], d: dict[str, np.ndarray]) -> None:
        """`parse._check_closing` and `parse._check_procedure_bars` as masks: any row that may fail refuses."""
        today = self.today.toordinal()
        filed, closed, converted = d["filed_on"], d["closed_on"], d["converted_on"]
        has_closed, has_converted = closed > 0, converted > 0
        final, mode, initial = v["final_procedure"], v["closing_mode"], v["initial_procedure"]
        has_final, has_mode = final != "", mode != ""
        bad = filed > today
        bad |= has_closed & ((closed < filed) | (closed > today) | ~has_final | ~has_mode)
        bad |= ~has_closed & (has_final | has_mode)
        bad |= has_converted & ((converted < filed) | (has_closed & (converted > closed))
                                | (~has_closed & (converted > today)) | (initial == Procedure.ORDINARY.value)
                                | (has_final & (final != Procedure.ORDINARY.value)))
        simple = (initial == Procedure.SIMPLE.value) | (initial == Procedure.SMALL_CLAIMS.value)
        chooses = ~np.isin(v["case_type"], list(_NO_PROCEDURE_CHOICE))
        plaintiffs, defendants = v["plaintiffs"].astype(np.int64), v["defendants"].astype(np.int64)
        barred = (~v["defendant_address_known"].astype(bool) | v["remanded"] | v["retrial"] | v["public_interest"]
                  | (v["suit_kind"] != "") | (np.maximum(plaintiffs, defendants) >= NUMEROUS_PARTIES))
        bad |= simple & chooses & barred
        if bad.any():
            raise NotFast("between cells")

    def _causes(self, causes: np.ndarray, filed: np.ndarray) -> np.ndarray:
        """The catalogue id of each cause as of its filing day (`CauseIndex.find`), per distinct pair."""
        pairs = list(zip(causes.tolist(), filed.tolist(), strict=True))
        memo = self.cause_memo
        for name, filed_on in dict.fromkeys(pairs):
            if (name, filed_on) not in memo:
                memo[(name, filed_on)] = self.causes.find(name, filed_on) if name else None
                if memo[(name, filed_on)] is None:
                    raise NotFast("cause")
        return object_array(list(map(memo.__getitem__, pairs)))


def canonical_numbers(raw: Sequence[str], middles: dict[str, tuple[str, str] | None]
                      ) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The canonical form of each case number (as `parse_case_number(...).format()` writes it) and its parts;
    NotFast unless every one is a plain current number. `middles` remembers each court and type part."""
    parts = list(map(split_number, raw))
    if not all(parts):
        raise NotFast("case_number")
    for middle in dict.fromkeys(m[1] for m in parts):  # type: ignore[index]
        if middle not in middles:
            middles[middle] = _middle(middle)
        if middles[middle] is None:
            raise NotFast("case_number")
    return ["（" + m[0] + "）" + m[1] + m[2] + "号" for m in parts], parts  # type: ignore[index,return-value]


_PERIOD_READERS = {column.name: cell_reader(column) for column in PERIOD_TABLE}


def check_periods(path: Path, *, ignore_unknown: bool) -> list[PeriodRow]:
    """periods.csv read a column at a time (`parse.parse_periods` checks, as masks); NotFast if any row may
    be in error. The cross-checks against cases come later."""
    csv_file = CsvFile(path, known=PERIOD_COLUMNS, required=REQUIRED_PERIOD_COLUMNS,
                       ignore_unknown=ignore_unknown, errors=Errors(1))
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            if not csv_file.read_header(next(reader, None)):
                raise NotFast("periods header")
            rows = [row for row in reader if row and not (len(row) == 1 and not row[0].strip())]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise NotFast("periods csv") from exc
    header = csv_file.header
    if any(len(row) != len(header) for row in rows):
        raise NotFast("periods row width")
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(header)
    typed: dict[str, list[Any]] = {}
    for column in PERIOD_TABLE:
        raw = columns[header.index(column.name)] if column.name in header else ("",) * len(rows)
        typed[column.name] = typed_column(_PERIOD_READERS[column.name], column.name, raw, {})
    numbers, _parts = canonical_numbers(columns[header.index("case_number")] if rows else (), {})
    out = []
    extension = PeriodKind.EXTENSION.value
    for number, kind, start_on, end_on, months in zip(numbers, typed["kind"], typed["start_on"], typed["end_on"],
                                                      typed["months"], strict=True):
        if (end_on is not None and end_on < start_on) or (
                (months is None or end_on is not None) if kind == extension else months is not None):
            raise NotFast("periods between cells")
        out.append(PeriodRow(0, number, kind, start_on, end_on, months))
    return out


def _middle(middle: str) -> tuple[str, str] | None:
    """(court code, type code) of the part between the year and the serial, if `parse_case_number` reads
    numbers with it as current numbers and writes them back unchanged; else None."""
    sample = f"（2000）{middle}1号"
    try:
        number = parse_case_number(sample)
    except CaseNumberError:
        return None
    if not isinstance(number, CaseNumber) or number.format() != sample:
        return None
    return number.court_code, number.type_code

