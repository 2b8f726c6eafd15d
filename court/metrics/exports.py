"""Every dashboard table as rows, and those rows as CSV or Excel (openpyxl). Text cells (team and judge names,
causes) go through `safe_cell`, so a name such as `=HYPERLINK(...)` is shown, never run."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases.interchange.formulas import safe_cell

from . import engine
from .definitions import AGE_BUCKETS, BUCKET_LABELS, BY_KEY, DEADLINE_BUCKETS, FIGURE_KEYS, LABELS, METRIC_KEYS
from .population import Filters, Window

TABLES = ("figures", "month", "team", "judge", "cause", "procedure", "pending_age", "pending_deadline")
TABLE_LABELS = {
    "figures": gettext_noop("All figures"), "month": gettext_noop("By month"), "team": gettext_noop("By team"),
    "judge": gettext_noop("By judge"), "cause": gettext_noop("By cause"), "procedure": gettext_noop("By procedure"),
    "pending_age": gettext_noop("Pending cases by age"),
    "pending_deadline": gettext_noop("Pending cases by days left to the normal deadline"),
}
UNKNOWN_TABLE = gettext_noop("Unknown table %(name)s; use one of %(choices)s.")


class Table:
    """A header of column keys (with their labels) and rows of raw values (rates as fractions)."""

    def __init__(self, name: str, columns: Sequence[str], labels: Sequence[str], rows: list[list[Any]]) -> None:
        self.name, self.columns, self.labels, self.rows = name, list(columns), list(labels), rows


def build_table(name: str, filters: Filters, window: Window) -> Table:
    """The table `name` of the dashboard for this population and window."""
    if name not in TABLES:
        raise ValueError(_(UNKNOWN_TABLE) % {"name": name, "choices": ", ".join(TABLES)})
    if name == "figures":
        values = engine.figures(filters, window, extras=True)
        return Table(name, ["key", "name", "value"], [_("Key"), _("Figure"), _("Value")],
                     [[key, str(LABELS[key]), values[key]] for key in FIGURE_KEYS])
    if name in ("pending_age", "pending_deadline"):
        buckets = engine.pending_buckets(filters, window.end)
        keys = AGE_BUCKETS if name == "pending_age" else DEADLINE_BUCKETS
        return Table(name, ["bucket", "name", "cases"], [_("Key"), _("Bucket"), _("Cases")],
                     [[key, str(BUCKET_LABELS[key]), buckets[key]] for key in keys])
    rows = engine.breakdown(filters, window, name)
    columns = [name, *METRIC_KEYS]
    labels = [str(_(name.title())), *(str(LABELS[k]) for k in METRIC_KEYS)]
    return Table(name, columns, labels, [[row.label, *(row.figures[k] for k in METRIC_KEYS)] for row in rows])


def to_csv(table: Table) -> bytes:
    """UTF-8 with a BOM (so that Excel reads the Chinese), keys as the header, empty cells for no value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """One sheet: labels as the header, rates formatted as percentages with two decimals."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:31]
    sheet.append([safe_cell(label) for label in table.labels])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([safe_cell(v) for v in row])
    for index, key in enumerate(table.columns if table.rows else [], start=1):
        row_keys = [r[0] for r in table.rows] if key == "value" else None
        for offset, cell in enumerate(next(sheet.iter_cols(min_col=index, max_col=index, min_row=2)), start=0):
            figure = BY_KEY.get(row_keys[offset] if row_keys else key)
            kind = figure.kind if figure else None
            if kind == "rate":
                cell.number_format = "0.00%"
            elif kind == "days":
                cell.number_format = "0.0"
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
