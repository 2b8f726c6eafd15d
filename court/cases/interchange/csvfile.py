"""Reading a CSV file of the interchange (docs/interchange.md): the header, then typed cells.

Every problem becomes a `RowError` (`line N, column C: what is wrong`) collected by `Errors`; reading goes
on after an error so that one run reports every bad cell. A cell is read as its `Column` says
(`columns.py`); checks between cells belong to the caller (`parse.py`).
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

from ..bounds import AMOUNT_LIMIT
from .columns import INT_MAX, CellType, Column
from .formulas import unescape_formula

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
AMOUNT_TOO_LARGE = gettext_noop("the amount %(value)s is too large: amounts are below 1000000000000 yuan (10^12)")
BAD_ENUM = gettext_noop("%(value)r is not one of: %(choices)s")
TOO_LONG = gettext_noop("%(length)s characters is longer than the %(max)s allowed")

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOOLS = {"true": True, "false": False, "1": True, "0": False}


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
                maximum: int = INT_MAX) -> int | None:
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

    def amount(self, column: str, *, required: bool = True) -> Decimal | None:
        value = self.text(column, required=required)
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
        elif parsed >= AMOUNT_LIMIT:
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


def cell_reader(column: Column) -> Callable[[Cells], Any]:
    """How to read the cell of `column` from a row: converted and checked as its type and bounds say.
    Built once per column, so that a row is read without deciding anew how to read each cell."""
    name, required, kind = column.name, column.required, column.type
    if kind is CellType.DATE:
        return lambda c: c.date(name, required=required)
    if kind is CellType.BOOL:
        return lambda c: c.boolean(name, required=required)
    if kind is CellType.INT:
        minimum, maximum = column.minimum, column.maximum
        return lambda c: c.integer(name, required=required, minimum=minimum, maximum=maximum)
    if kind is CellType.AMOUNT:
        return lambda c: c.amount(name, required=required)
    if kind is CellType.CHOICE:
        choices = column.choices
        return lambda c: c.choice(name, choices, required=required)
    max_length = column.max_length

    def read_text(c: Cells) -> str:
        value = unescape_formula(c.text(name, required=required))  # formulas.py: what the exporter escaped
        if len(value) > max_length:
            c.error(name, TOO_LONG, length=len(value), max=max_length)
        return value
    return read_text


def bad_utf8_line(path: Path, chunk: int = 1 << 20) -> int:
    """The line (1 is the first) of the first byte of `path` that is not UTF-8.

    The text layer decodes ahead of the CSV reader, a chunk at a time, so the reader's line count at the
    error says where the chunk began, not where the byte is; this reads the bytes again to find it."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    line, offset = 1, 0
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                # exc.start counts from the bytes the decoder held back from the previous block plus this one.
                held = len(exc.object) - len(block)
                return line + block[:max(exc.start - held, 0)].count(b"\n")
            line += block.count(b"\n")
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            pass
    return line


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
                self.errors.add(self.name, bad_utf8_line(self.path), "-", NOT_UTF8)
                self.header_ok = False
            except csv.Error as exc:
                self.errors.add(self.name, reader.line_num, "-", BAD_CSV, error=str(exc))
                self.header_ok = False

    def read_header(self, header: list[str] | None) -> bool:
        """Check the header row (None: the file is empty); True when rows can be read against it."""
        if header is None:
            self.errors.add(self.name, 1, "-", EMPTY_FILE)
            self.header_ok = False
            return False
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
        if self.header_ok:
            self.header = header  # no duplicates: Cells may map every name to its cell
        return self.header_ok

    def _rows(self, reader: Any) -> Iterator[Cells]:
        if not self.read_header(next(reader, None)):
            return  # rows cannot be read against a broken header
        header = self.header
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
