"""Reading and checking cases.csv and periods.csv (docs/interchange.md) without touching the database.

Every problem becomes a `RowError` (`line N, column C: what is wrong`); parsing goes on after an error so
that one run reports every bad row. Lookups that need the database (causes) are passed in.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.rules.case_numbers import CaseNumber, CaseNumberError, is_valid_court_code
from court.rules.enums import ClosingMode, PeriodKind, Procedure

from ..models import CaseType, PartyKind
from .columns import (
    CASE_COLUMNS,
    DERIVED_CASE_COLUMNS,
    PERIOD_COLUMNS,
    REQUIRED_CASE_COLUMNS,
    REQUIRED_PERIOD_COLUMNS,
)

# Error messages (module constants, so tests assert on them; translated when formatted).
MISSING_COLUMN = gettext_noop("the required column is missing from the header")
UNKNOWN_COLUMN = gettext_noop("unknown column (give --ignore-unknown to skip it)")
DUPLICATE_COLUMN = gettext_noop("the column appears twice in the header")
EMPTY_FILE = gettext_noop("the file is empty: a header row is needed")
NOT_UTF8 = gettext_noop("the file is not valid UTF-8")
BAD_CSV = gettext_noop("the CSV is malformed: %(error)s")
TOO_MANY_CELLS = gettext_noop("the row has %(cells)s cells but the header has %(columns)s")
TOO_FEW_CELLS = gettext_noop("the row ends before this column (%(cells)s cells, the header has %(columns)s)")
REQUIRED = gettext_noop("a value is required")
BAD_DATE = gettext_noop("%(value)r is not a date of the form YYYY-MM-DD")
BAD_BOOL = gettext_noop("%(value)r is not a boolean: write true, false, 1 or 0")
BAD_INT = gettext_noop("%(value)r is not a whole number")
INT_TOO_SMALL = gettext_noop("%(value)s is less than %(min)s")
INT_TOO_LARGE = gettext_noop("%(value)s is more than %(max)s")
BAD_DECIMAL = gettext_noop("%(value)r is not an amount in yuan such as 12500.00")
NEGATIVE_AMOUNT = gettext_noop("the amount %(value)s is negative")
AMOUNT_PRECISION = gettext_noop("the amount %(value)s has more than two decimal places")
AMOUNT_TOO_LARGE = gettext_noop("the amount %(value)s is too large")
BAD_ENUM = gettext_noop("%(value)r is not one of: %(choices)s")
BAD_CASE_NUMBER = gettext_noop("%(error)s")
DUPLICATE_CASE = gettext_noop("the case number %(number)s already appears on line %(first)s")
BAD_COURT_CODE = gettext_noop("%(value)r is not a court code such as 陕0122")
COURT_MISMATCH = gettext_noop("the case number %(number)s belongs to court %(in_number)s, not %(value)s")
TYPE_MISMATCH = gettext_noop("the case number %(number)s has type code %(in_number)s, not %(value)s")
UNKNOWN_CAUSE = gettext_noop("the cause %(value)r is not in the cause catalogue (民事案件案由规定)")
CLOSED_BEFORE_FILED = gettext_noop("closed_on %(closed)s is before filed_on %(filed)s")
IN_FUTURE = gettext_noop("%(value)s is in the future")
CONVERTED_BEFORE_FILED = gettext_noop("converted_on %(converted)s is before filed_on %(filed)s")
CONVERTED_AFTER_CLOSED = gettext_noop("converted_on %(converted)s is after closed_on %(closed)s")
CONVERSION_NEEDS_ORDINARY = gettext_noop(
    "a case converted to ordinary procedure (converted_on) must have final_procedure ordinary"
)
CONVERSION_FROM_ORDINARY = gettext_noop(
    "a case filed under ordinary procedure cannot be converted to it (converted_on must be empty)"
)
ORDINARY_NEEDS_CONVERSION = gettext_noop(
    "final_procedure is ordinary but initial_procedure is %(initial)s: give converted_on, the date of the "
    "conversion ruling (JI 258)"
)
CLOSED_NEEDS = gettext_noop("a closed case (closed_on given) needs a value here")
PENDING_MUST_BE_EMPTY = gettext_noop("must be empty for a pending case (closed_on empty)")
TOO_LONG = gettext_noop("%(length)s characters is longer than the %(max)s allowed")
JUDGE_NOT_A_JUDGE = gettext_noop("the user %(value)r exists but is not a judge")
UNKNOWN_CASE = gettext_noop("the case number %(value)s is neither in cases.csv nor in the database")
END_BEFORE_START = gettext_noop("end_on %(end)s is before start_on %(start)s")
EXTENSION_NEEDS_MONTHS = gettext_noop("an extension needs the months granted (1 or more)")
EXTENSION_HAS_NO_END = gettext_noop("an extension has no end_on (start_on is the approval date)")
ONLY_EXTENSION_MONTHS = gettext_noop("only an extension carries months, not a %(kind)s period")
PERIOD_AFTER_CLOSING = gettext_noop("the period starts on %(start)s, after the case closed on %(closed)s")

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOOLS = {"true": True, "false": False, "1": True, "0": False}
_MAX_AMOUNT = Decimal("1e14")  # Case.claim_amount: 16 digits, 2 of them decimals
_SMALLINT_MAX = 32767
_INT_MAX = 2147483647

CASE_TYPES = tuple(CaseType.values)
PARTY_KINDS = tuple(PartyKind.values)
PROCEDURES = tuple(p.value for p in Procedure)
CLOSING_MODES = tuple(m.value for m in ClosingMode)
PERIOD_KINDS = tuple(k.value for k in PeriodKind)


@dataclass(frozen=True)
class RowError:
    """One problem in one cell (`line` 1 is the header)."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("line %(line)s, column %(column)s: %(message)s") % {
            "line": self.line, "column": self.column, "message": self.message}
        return f"{self.file}: {where}"


class Errors:
    """Collects every RowError but keeps only the first `limit` for the report."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept: list[RowError] = []
        self.count = 0

    def add(self, file: str, line: int, column: str, template: str, **params: Any) -> None:
        self.count += 1
        if len(self.kept) < self.limit:
            message = _(template) % params if params else _(template)
            self.kept.append(RowError(file, line, column, message))

    def __bool__(self) -> bool:
        return self.count > 0

    def extend(self, other: Errors) -> None:
        """Append the errors `other` collected, as if they had been added here after ours."""
        for error in other.kept:
            if len(self.kept) < self.limit:
                self.kept.append(error)
        self.count += other.count

    def report(self) -> str:
        lines = [str(e) for e in self.kept]
        if self.count > len(self.kept):
            lines.append(_("… and %(count)s more") % {"count": self.count - len(self.kept)})
        return "\n".join(lines)


class CaseRow:
    """A valid cases.csv row, converted (`case_number` in its canonical full-width form)."""

    __slots__ = (
        "line", "case_number", "year", "serial", "case_type", "court_code", "cause_id", "filed_on",
        "claim_amount", "plaintiffs", "defendants", "third_parties", "plaintiff_kind", "defendant_kind",
        "defendant_address_known", "e_service_consent", "appraisal_requested", "foreign_related",
        "lawyer_represented", "evidence_items", "counterclaim", "initial_procedure", "final_procedure",
        "converted_on", "closed_on", "closing_mode", "judge", "team", "term",
    )

    def __init__(self, **values: Any) -> None:
        get = values.get
        for name in self.__slots__:
            setattr(self, name, get(name))

    @property
    def procedure(self) -> str:
        """The final procedure of a closed case, the current one of a pending case."""
        if self.final_procedure:
            return self.final_procedure
        return Procedure.ORDINARY.value if self.converted_on else self.initial_procedure


class PeriodRow:
    """A valid periods.csv row."""

    __slots__ = ("line", "case_number", "kind", "start_on", "end_on", "months")

    def __init__(self, line: int, case_number: str, kind: str, start_on: date, end_on: date | None,
                 months: int | None) -> None:
        self.line, self.case_number, self.kind = line, case_number, kind
        self.start_on, self.end_on, self.months = start_on, end_on, months


class Cells:
    """Typed access to one CSV row; every failed conversion is recorded and returns None."""

    __slots__ = ("errors", "line", "ok", "reader", "row", "values")

    def __init__(self, reader: CsvFile, line: int, row: list[str], errors: Errors) -> None:
        self.reader, self.line, self.row, self.errors = reader, line, row, errors
        self.ok = True
        # The stripped cells by column name, built once: a row is read column by column ~30 times.
        self.values: dict[str, str] = dict(zip(reader.header, map(str.strip, row)))

    def error(self, column: str, template: str, **params: Any) -> None:
        self.ok = False
        self.errors.add(self.reader.name, self.line, column, template, **params)

    def text(self, column: str, *, required: bool = False) -> str:
        value = self.values.get(column, "")
        if required and not value:
            self.error(column, REQUIRED)
        return value

    def date(self, column: str, *, required: bool = False) -> date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        parsed = self.reader.dates.get(value)
        if parsed is None:
            try:
                if not _DATE_RE.match(value):
                    raise ValueError(value)
                parsed = date.fromisoformat(value)
            except ValueError:
                self.error(column, BAD_DATE, value=value)
                return None
            self.reader.dates[value] = parsed
        return parsed

    def boolean(self, column: str, *, required: bool = False) -> bool | None:
        value = self.text(column, required=required)
        if not value:
            return None
        parsed = _BOOLS.get(value.lower())
        if parsed is None:
            self.error(column, BAD_BOOL, value=value)
        return parsed

    def integer(self, column: str, *, required: bool = False, minimum: int = 0,
                maximum: int = _INT_MAX) -> int | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            parsed = int(value)
        except ValueError:
            self.error(column, BAD_INT, value=value)
            return None
        if parsed < minimum:
            self.error(column, INT_TOO_SMALL, value=parsed, min=minimum)
            return None
        if parsed > maximum:
            self.error(column, INT_TOO_LARGE, value=parsed, max=maximum)
            return None
        return parsed

    def amount(self, column: str) -> Decimal | None:
        value = self.text(column, required=True)
        if not value:
            return None
        try:
            parsed = Decimal(value)
            if not parsed.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.error(column, BAD_DECIMAL, value=value)
            return None
        if parsed < 0:
            self.error(column, NEGATIVE_AMOUNT, value=value)
        elif parsed.as_tuple().exponent < -2:  # type: ignore[operator]
            self.error(column, AMOUNT_PRECISION, value=value)
        elif parsed >= _MAX_AMOUNT:
            self.error(column, AMOUNT_TOO_LARGE, value=value)
        else:
            return parsed
        return None

    def choice(self, column: str, choices: tuple[str, ...], *, required: bool = False) -> str:
        value = self.text(column, required=required)
        if value and value not in choices:
            self.error(column, BAD_ENUM, value=value, choices=", ".join(choices))
            return ""
        return value


class CsvFile:
    """A UTF-8 (BOM accepted) CSV file with a header row; checks the header, then yields `Cells` per row."""

    def __init__(self, path: Path | str, *, known: tuple[str, ...], required: tuple[str, ...],
                 ignored: tuple[str, ...] = (), ignore_unknown: bool, errors: Errors) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.known, self.required, self.ignored = known, required, ignored
        self.ignore_unknown = ignore_unknown
        self.errors = errors
        self.index: dict[str, int] = {}
        self.header: list[str] = []
        self.dates: dict[str, date] = {}  # parsed once: a file has few distinct dates
        self.header_ok = True

    def rows(self) -> Iterator[Cells]:
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            try:
                yield from self._rows(reader)
            except UnicodeDecodeError:
                self.errors.add(self.name, reader.line_num + 1, "-", NOT_UTF8)
                self.header_ok = False
            except csv.Error as exc:
                self.errors.add(self.name, reader.line_num, "-", BAD_CSV, error=str(exc))
                self.header_ok = False

    def _rows(self, reader: Any) -> Iterator[Cells]:
        header = next(reader, None)
        if header is None:
            self.errors.add(self.name, 1, "-", EMPTY_FILE)
            self.header_ok = False
            return
        header = [h.strip() for h in header]
        for position, column in enumerate(header):
            if column in self.index:
                self.errors.add(self.name, 1, column, DUPLICATE_COLUMN)
                self.header_ok = False
            elif column not in self.known and column not in self.ignored and not self.ignore_unknown:
                self.errors.add(self.name, 1, column or str(position + 1), UNKNOWN_COLUMN)
                self.header_ok = False
            else:
                self.index[column] = position
        for column in self.required:
            if column not in self.index:
                self.errors.add(self.name, 1, column, MISSING_COLUMN)
                self.header_ok = False
        if not self.header_ok:
            return  # rows cannot be read against a broken header
        self.header = header  # no duplicates: Cells may map every name to its cell
        width = len(header)
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            line = reader.line_num
            if len(row) != width:
                if len(row) > width:
                    self.errors.add(self.name, line, str(width + 1), TOO_MANY_CELLS, cells=len(row), columns=width)
                else:
                    self.errors.add(self.name, line, header[len(row)], TOO_FEW_CELLS, cells=len(row), columns=width)
                continue
            yield Cells(self, line, row, self.errors)


def canonical_number(text: str) -> CaseNumber:
    """Parse a case number with full- or half-width brackets (案号规定 Art. 3)."""
    return CaseNumber.parse(text)


class CauseIndex:
    """`court.cases.selectors.cause_by_name` over preloaded rows: the catalogue in force at filing first,
    else the newest catalogue that has the name."""

    def __init__(self, catalogues: list[tuple[int, date, date | None]], causes: list[tuple[int, int, str]]) -> None:
        # catalogues: (id, effective_from, effective_to); causes: (id, catalogue_id, name)
        self.catalogues = sorted(catalogues, key=lambda c: c[1], reverse=True)
        rank = {cat_id: i for i, (cat_id, _f, _t) in enumerate(self.catalogues)}
        self.by_catalogue: dict[tuple[int, str], int] = {}
        self.newest: dict[str, tuple[int, int]] = {}
        for cause_id, catalogue_id, name in causes:
            self.by_catalogue[(catalogue_id, name)] = cause_id
            best = self.newest.get(name)
            if best is None or rank[catalogue_id] < best[0]:
                self.newest[name] = (rank[catalogue_id], cause_id)
        self._cache: dict[tuple[str, date], int | None] = {}

    def _catalogue_for(self, on: date) -> int | None:
        for cat_id, effective_from, effective_to in self.catalogues:
            if effective_from <= on and not (effective_to is not None and effective_to < on):
                return cat_id
        return None

    def find(self, name: str, on: date) -> int | None:
        key = (name, on)
        if key not in self._cache:
            catalogue = self._catalogue_for(on)
            found = self.by_catalogue.get((catalogue, name)) if catalogue is not None else None
            if found is None and name in self.newest:
                found = self.newest[name][1]
            self._cache[key] = found
        return self._cache[key]


class _Unseen(dict[str, int]):
    """A `seen` map that remembers nothing: for a second reading of a file already checked for duplicates."""

    def __contains__(self, key: object) -> bool:
        return False

    def __setitem__(self, key: str, value: int) -> None:
        pass


def iter_cases(path: Path | str, *, causes: CauseIndex, errors: Errors, ignore_unknown: bool, today: date,
               seen: dict[str, int] | None = None, rejected: set[str] | None = None,
               on_row: Callable[[], None] | None = None) -> Iterator[CaseRow]:
    """Stream cases.csv as CaseRows; every bad row is reported to `errors` and left out.

    `seen` (case number -> first line) finds duplicates; None skips that check (a second reading).
    `rejected` collects the numbers whose first row was bad, so that "the numbers of the valid rows"
    is `seen` minus `rejected` without keeping a second set of every number.
    """
    csv_file = CsvFile(path, known=CASE_COLUMNS, required=REQUIRED_CASE_COLUMNS, ignored=DERIVED_CASE_COLUMNS,
                       ignore_unknown=ignore_unknown, errors=errors)
    if seen is None:
        seen = _Unseen()
    strings: dict[str, str] = {}  # share repeated strings (teams, judges) between rows
    for cells in csv_file.rows():
        if on_row is not None:
            on_row()
        before = len(seen)
        row = _case_row(cells, causes=causes, seen=seen, today=today)
        if row is not None:
            row.judge = strings.setdefault(row.judge, row.judge)
            row.team = strings.setdefault(row.team, row.team)
            yield row
        elif rejected is not None and len(seen) > before:
            rejected.add(next(reversed(seen)))


def parse_cases(path: Path | str, *, causes: CauseIndex, errors: Errors, ignore_unknown: bool,
                today: date, on_row: Callable[[], None] | None = None) -> list[CaseRow]:
    """Read cases.csv into CaseRows; every bad row is reported to `errors` and left out."""
    return list(iter_cases(path, causes=causes, errors=errors, ignore_unknown=ignore_unknown, today=today,
                           seen={}, on_row=on_row))


def _case_row(c: Cells, *, causes: CauseIndex, seen: dict[str, int], today: date) -> CaseRow | None:
    number_text = c.text("case_number", required=True)
    case_type = c.choice("case_type", CASE_TYPES, required=True)
    court_code = c.text("court_code", required=True)
    if court_code and not is_valid_court_code(court_code):
        c.error("court_code", BAD_COURT_CODE, value=court_code)
        court_code = ""
    number: CaseNumber | None = None
    if number_text:
        try:
            number = canonical_number(number_text)
        except CaseNumberError as exc:
            c.error("case_number", BAD_CASE_NUMBER, error=_(exc.template) % exc.params)
    canonical = ""
    if number is not None:
        canonical = number.format()
        if canonical in seen:
            c.error("case_number", DUPLICATE_CASE, number=canonical, first=seen[canonical])
        else:
            seen[canonical] = c.line
        if court_code and number.court_code != court_code:
            c.error("court_code", COURT_MISMATCH, number=canonical, in_number=number.court_code, value=court_code)
        if case_type and number.type_code != case_type:
            c.error("case_type", TYPE_MISMATCH, number=canonical, in_number=number.type_code, value=case_type)

    filed_on = c.date("filed_on", required=True)
    if filed_on is not None and filed_on > today:
        c.error("filed_on", IN_FUTURE, value=filed_on)
    cause_name = c.text("cause", required=True)
    cause_id = None
    if cause_name and filed_on is not None:
        cause_id = causes.find(cause_name, filed_on)
        if cause_id is None:
            c.error("cause", UNKNOWN_CAUSE, value=cause_name)

    values: dict[str, Any] = {
        "claim_amount": c.amount("claim_amount"),
        "plaintiffs": c.integer("plaintiffs", required=True, minimum=1, maximum=_SMALLINT_MAX),
        "defendants": c.integer("defendants", required=True, minimum=1, maximum=_SMALLINT_MAX),
        "third_parties": c.integer("third_parties", required=True, minimum=0, maximum=_SMALLINT_MAX),
        "plaintiff_kind": c.choice("plaintiff_kind", PARTY_KINDS, required=True),
        "defendant_kind": c.choice("defendant_kind", PARTY_KINDS, required=True),
        "evidence_items": c.integer("evidence_items", required=True, minimum=0),
        "counterclaim": bool(c.boolean("counterclaim")),
    }
    for column in ("defendant_address_known", "e_service_consent", "appraisal_requested", "foreign_related",
                   "lawyer_represented"):
        values[column] = c.boolean(column, required=True)

    initial = c.choice("initial_procedure", PROCEDURES, required=True)
    final = c.choice("final_procedure", PROCEDURES)
    converted_on = c.date("converted_on")
    closed_on = c.date("closed_on")
    closing_mode = c.choice("closing_mode", CLOSING_MODES)
    closed_given = bool(c.text("closed_on"))
    if closed_on is not None:
        if filed_on is not None and closed_on < filed_on:
            c.error("closed_on", CLOSED_BEFORE_FILED, closed=closed_on, filed=filed_on)
        elif closed_on > today:
            c.error("closed_on", IN_FUTURE, value=closed_on)
    if closed_given:
        for column in ("final_procedure", "closing_mode"):
            if not c.text(column):
                c.error(column, CLOSED_NEEDS)
    else:
        for column in ("final_procedure", "closing_mode"):
            if c.text(column):
                c.error(column, PENDING_MUST_BE_EMPTY)
    if converted_on is not None:
        if filed_on is not None and converted_on < filed_on:
            c.error("converted_on", CONVERTED_BEFORE_FILED, converted=converted_on, filed=filed_on)
        elif closed_on is not None and converted_on > closed_on:
            c.error("converted_on", CONVERTED_AFTER_CLOSED, converted=converted_on, closed=closed_on)
        elif closed_on is None and converted_on > today:
            c.error("converted_on", IN_FUTURE, value=converted_on)
        if initial == Procedure.ORDINARY:
            c.error("converted_on", CONVERSION_FROM_ORDINARY)
        if final and final != Procedure.ORDINARY:
            c.error("final_procedure", CONVERSION_NEEDS_ORDINARY)
    elif final == Procedure.ORDINARY and initial and initial != Procedure.ORDINARY and not c.text("converted_on"):
        c.error("final_procedure", ORDINARY_NEEDS_CONVERSION, initial=initial)

    judge = c.text("judge")
    team = c.text("team")
    if len(judge) > 150:
        c.error("judge", TOO_LONG, length=len(judge), max=150)
    if len(team) > 40:
        c.error("team", TOO_LONG, length=len(team), max=40)
    if not c.ok or number is None:
        return None
    return CaseRow(
        line=c.line, case_number=canonical, year=number.year, serial=number.serial, case_type=case_type,
        court_code=court_code, cause_id=cause_id, filed_on=filed_on, final_procedure=final,
        initial_procedure=initial, converted_on=converted_on, closed_on=closed_on, closing_mode=closing_mode,
        judge=judge, team=team, **values,
    )


def parse_periods(path: Path | str, *, errors: Errors, ignore_unknown: bool,
                  on_row: Callable[[], None] | None = None) -> list[PeriodRow]:
    """Read periods.csv into PeriodRows (case numbers canonical); cross-checks against cases come later."""
    csv_file = CsvFile(path, known=PERIOD_COLUMNS, required=REQUIRED_PERIOD_COLUMNS,
                       ignore_unknown=ignore_unknown, errors=errors)
    rows: list[PeriodRow] = []
    numbers: dict[str, str] = {}
    for c in csv_file.rows():
        if on_row is not None:
            on_row()
        number_text = c.text("case_number", required=True)
        canonical = numbers.get(number_text, "")
        if number_text and not canonical:
            try:
                canonical = numbers[number_text] = canonical_number(number_text).format()
            except CaseNumberError as exc:
                c.error("case_number", BAD_CASE_NUMBER, error=_(exc.template) % exc.params)
        kind = c.choice("kind", PERIOD_KINDS, required=True)
        start_on = c.date("start_on", required=True)
        end_on = c.date("end_on")
        months = c.integer("months", minimum=1, maximum=_SMALLINT_MAX) if c.text("months") else None
        if start_on is not None and end_on is not None and end_on < start_on:
            c.error("end_on", END_BEFORE_START, end=end_on, start=start_on)
        if kind == PeriodKind.EXTENSION:
            if not c.text("months"):
                c.error("months", EXTENSION_NEEDS_MONTHS)
            if c.text("end_on"):
                c.error("end_on", EXTENSION_HAS_NO_END)
        elif kind and c.text("months"):
            c.error("months", ONLY_EXTENSION_MONTHS, kind=kind)
        if c.ok:
            assert start_on is not None
            rows.append(PeriodRow(c.line, canonical, kind, start_on, end_on, months))
    return rows
