"""Many rows of one model in one statement, a column at a time, bypassing the per-value preparation of
bulk_create (80% of its time on a large import).

The columns are the model's concrete fields (`Field.column`); a field the caller does not give gets its
default. Values must already be what the driver takes for the column: dates, Decimals, booleans, enum
members and None are; a datetime goes through `ops.adapt_datetimefield_value` and a JSON value is given as
its JSON text. What reaches the table is what the driver would have written for those values:

- PostgreSQL (psycopg 3): the rows go as one `COPY … FROM STDIN (FORMAT csv)` per call, the CSV text made
  by pyarrow's writer from typed columns (integers and booleans as such, everything else as the text
  psycopg's dumpers write: `str()` of a Decimal, ISO dates and times). In CSV an unquoted empty cell is
  NULL and a quoted one the empty string; pyarrow quotes every string, so the two never mix.
- SQLite: one prepared INSERT run by `executemany` over the columns zipped into rows. Each value is given
  as the exact type SQLite binds it as (an int for a boolean, the text of a date or an enum member, as
  Django's adapters and the sqlite3 module would make them): the module's adapter lookup for any other
  type costs more than the insert. A column holding one value in every row is written into the statement
  as a literal (NULL, an integer, or quoted text) instead of being bound once per row.
"""

from __future__ import annotations

import datetime
import enum
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import repeat
from operator import itemgetter
from typing import Any

from django.db import connection, models

__all__ = ["Constant", "RowWriter"]

_PLAIN = (str, int, type(None))  # types the sqlite3 module binds without an adapter
_INTEGER_FIELDS = frozenset({"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
                             "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField",
                             "PositiveSmallIntegerField"})


class Constant:
    """A column with the same value in every row."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _sqlite_value(value: Any) -> Any:
    """The value as the sqlite3 module binds it, in one of the types it binds without an adapter."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.datetime):
        return value.isoformat(" ")  # Django's adapter
    if isinstance(value, datetime.date):
        return value.isoformat()  # Django's adapter
    if isinstance(value, Decimal):
        return str(value)  # Django's adapter
    if isinstance(value, str) and type(value) is not str:
        return str.__str__(value)
    if isinstance(value, int) and type(value) is not int:
        return int(value)
    return value


def _text(value: Any) -> Any:
    """The value as psycopg's text dumpers write it (None stays None)."""
    if value is None or type(value) is str:
        return value
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _sqlite_literal(value: Any) -> str | None:
    """`value` (already a plain type) as an SQL literal, or None when it is better bound."""
    if value is None:
        return "NULL"
    if type(value) is int:
        return str(value)
    if type(value) is str and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


def _distinct(column: Sequence[Any]) -> dict[Any, None] | None:
    try:
        return dict.fromkeys(column)
    except TypeError:  # an unhashable value: convert every cell
        return None


class RowWriter:
    """Writes rows of one model: `row` + `write` for rows as tuples, `write_columns` for columns."""

    def __init__(self, model: type[models.Model], given: Iterable[str]) -> None:
        given = set(given)  # the primary key is written only when given (ids drawn from its sequence)
        fields = [f for f in model._meta.concrete_fields if not f.primary_key or f.attname in given]
        unknown = given - {f.attname for f in fields}
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
        self.defaults = {f.attname: f.get_default() for f in fields if f.attname not in given}
        self.attnames = [f.attname for f in fields]  # the order of a row's values
        self._get = itemgetter(*self.attnames)
        qn = connection.ops.quote_name
        self._table, self._columns = qn(model._meta.db_table), [qn(f.column) for f in fields]
        self._arrow_types = [_arrow_kind(f) for f in fields]
        self._copy = None
        if connection.vendor == "postgresql":
            from django.db.backends.postgresql.psycopg_any import is_psycopg3

            if is_psycopg3:
                self._copy = f"COPY {self._table} ({', '.join(self._columns)}) FROM STDIN (FORMAT csv)"
        marks = ", ".join(["%s"] * len(fields))
        self._insert = f"INSERT INTO {self._table} ({', '.join(self._columns)}) VALUES ({marks})"

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        merged = self.defaults.copy()
        merged.update(values)
        return self._get(merged)

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        """Write rows given as tuples in `attnames` order (`row`)."""
        if rows:
            self._write([list(column) for column in zip(*rows, strict=True)], len(rows))

    def write_columns(self, columns: dict[str, Any], n: int) -> None:
        """Write `n` rows given by column (attname -> a sequence of n values or a `Constant`); a field
        left out gets its default."""
        if not n:
            return
        out: list[Any] = []
        for attname in self.attnames:
            value = columns[attname] if attname in columns else Constant(self.defaults[attname])
            if not isinstance(value, Constant):
                value = value.tolist() if hasattr(value, "tolist") else value
                if len(value) != n:
                    raise ValueError(f"{attname}: {len(value)} values for {n} rows")
            out.append(value)
        self._write(out, n)

    def _write(self, columns: list[Any], n: int) -> None:
        if self._copy is not None:
            self._write_copy(columns, n)
        elif connection.vendor == "sqlite":
            self._write_sqlite(columns, n)
        else:
            rows = zip(*[repeat(c.value, n) if isinstance(c, Constant) else c for c in columns])
            with connection.cursor() as cursor:
                cursor.executemany(self._insert, list(rows))

    # --- SQLite ------------------------------------------------------------------------------------------

    def _write_sqlite(self, columns: list[Any], n: int) -> None:
        marks: list[str] = []
        bound: list[Sequence[Any]] = []
        for column in columns:
            if isinstance(column, Constant):
                value = _sqlite_value(column.value)
            else:
                distinct = _distinct(column)
                if distinct is not None and len(distinct) == 1:
                    value = _sqlite_value(next(iter(distinct)))
                else:
                    if distinct is None:
                        column = list(map(_sqlite_value, column))
                    elif not all(type(v) in _PLAIN for v in distinct):
                        plain = {v: _sqlite_value(v) for v in distinct}
                        column = list(map(plain.__getitem__, column))
                    marks.append("?")
                    bound.append(column)
                    continue
            literal = _sqlite_literal(value)
            if literal is None:
                marks.append("?")
                bound.append(repeat(value, n))  # type: ignore[arg-type]
            else:
                marks.append(literal)
        sql = f"INSERT INTO {self._table} ({', '.join(self._columns)}) VALUES ({', '.join(marks)})"
        connection.ensure_connection()
        # The sqlite3 connection itself: Django's cursor wrapper tees the parameters to peek at the first row.
        with connection.wrap_database_errors:  # as Django's errors (IntegrityError …), like a cursor's
            connection.connection.executemany(sql, zip(*bound) if bound else repeat((), n))

    # --- PostgreSQL ----------------------------------------------------------------------------------------

    def _write_copy(self, columns: list[Any], n: int) -> None:
        import pyarrow as pa
        from pyarrow import csv as pa_csv

        arrays = []
        for column, kind in zip(columns, self._arrow_types, strict=True):
            values = [column.value] * n if isinstance(column, Constant) else column
            arrays.append(_arrow_column(values, kind, pa))
        table = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(arrays))])
        buffer = io.BytesIO()
        pa_csv.write_csv(table, buffer, pa_csv.WriteOptions(include_header=False, quoting_style="needed"))
        data = buffer.getbuffer()
        with connection.cursor() as cursor, connection.wrap_database_errors, cursor.cursor.copy(self._copy) as copy:
            for start in range(0, len(data), 1 << 20):
                copy.write(data[start:start + (1 << 20)])


def _arrow_kind(field: models.Field) -> str:
    internal = field.get_internal_type() if not field.is_relation else field.target_field.get_internal_type()
    if internal in _INTEGER_FIELDS:
        return "int"
    if internal == "BooleanField":
        return "bool"
    return "text"


def _arrow_column(values: Sequence[Any], kind: str, pa: Any) -> Any:
    """One column as a pyarrow array: integers and booleans typed (exact ints and bools only), the rest
    as the text psycopg would send."""
    distinct = _distinct(values)
    types = {type(v) for v in distinct} if distinct is not None else {object}
    types.discard(type(None))
    if kind == "int" and types <= {int}:
        return pa.array(values, type=pa.int64())
    if kind == "bool" and types <= {bool}:
        return pa.array(values, type=pa.bool_())
    if types <= {str}:
        return pa.array(values, type=pa.string())
    if distinct is not None:
        text = {v: _text(v) for v in distinct}
        return pa.array(list(map(text.__getitem__, values)), type=pa.string())
    return pa.array(list(map(_text, values)), type=pa.string())
