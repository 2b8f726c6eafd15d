"""The docket and the work queue as a file: CSV (UTF-8 with a BOM, so that Excel reads the Chinese) or Excel
(openpyxl). Every text cell goes through `interchange.formulas.safe_cell`, the helper of export_cases and the
metrics exports, so a party or judge named `=HYPERLINK(...)` is shown, never run; dates stay dates and numbers
numbers. A sheet is bounded by its caller (`EXPORT_LIMIT` docket rows, `queues.QUEUE_LIMIT` per queue section)
and says in the file when it stops short (`note`)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from .interchange.formulas import safe_cell

#: The most docket rows a print or an export carries (the filters narrow a longer docket).
EXPORT_LIMIT = 2_000
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass
class Sheet:
    name: str  # the sheet's (and the file's) name, ASCII
    heading: str  # what, whose and when: the court, the team, the day and the local time it was made
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""  # e.g. "first 2,000 rows only": written after the rows


def _plain(value: Any) -> Any:
    """A cell's value: aware datetimes in the court's time zone without tzinfo (Excel keeps none)."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _csv_value(value: Any) -> Any:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(value)


def to_csv(sheet: Sheet) -> bytes:
    """The header, the rows, and the note (if any) as a last row of one cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in sheet.header])
    for row in sheet.rows:
        writer.writerow([_csv_value(v) for v in row])
    if sheet.note:
        writer.writerow([safe_cell(sheet.note)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheet: Sheet) -> bytes:
    """One sheet: the heading on the first row, the header in bold on the second, the rows, then the note."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet.name[:31]
    ws.append([safe_cell(sheet.heading)])
    ws.append([safe_cell(h) for h in sheet.header])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        ws.append([safe_cell(_plain(v)) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    if sheet.note:
        ws.append([safe_cell(sheet.note)])
    ws.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(sheet: Sheet, fmt: str) -> bytes:
    return to_xlsx(sheet) if fmt == "xlsx" else to_csv(sheet)
