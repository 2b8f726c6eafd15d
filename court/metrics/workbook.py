"""The report as an Excel workbook: the same summary as the PDF, one sheet per part, numbers as numbers and text
through `safe_cell` (never a formula)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from court.cases.interchange.formulas import safe_cell

from .definitions import BY_KEY, FIGURE_KEYS, LABELS
from .pdf import comparison_label
from .summary import COMPARISON_KEYS, Summary


def _format(cell: Any, key: str | None) -> None:
    kind = BY_KEY[key].kind if key in BY_KEY else None
    if kind == "rate":
        cell.number_format = "0.00%"
    elif kind == "days":
        cell.number_format = "0.0"


def _sheet(workbook: Any, title: str, header: list[str], rows: list[tuple[list[Any], list[str | None]]]) -> None:
    """A sheet with a bold header; each row comes with the figure key of each cell (for its number format)."""
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title[:31])
    sheet.append([safe_cell(v) for v in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values, keys in rows:
        sheet.append([safe_cell(v) for v in values])
        for cell, key in zip(sheet[sheet.max_row], keys):
            _format(cell, key)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 42


def render(summary: Summary, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    window, before = summary.window, summary.before_window
    province = _("Province %(name)s") % {"name": summary.province_name} if summary.province_name else _("Province")
    _sheet(workbook, _("Headline figures"),
           [_("Figure"), _("Value"), _("Target"), comparison_label(summary), province, _("Key")],
           [([h.label, h.value, h.target, h.before, h.province, h.key], [None, h.key, h.key, h.key, h.key, None])
            for h in summary.headlines])
    sheet = workbook[_("Headline figures")[:31]]
    sheet.insert_rows(1, 2)
    sheet["A1"] = safe_cell(title)
    sheet["A2"] = safe_cell(_("Window %(start)s – %(end)s; compared with %(bstart)s – %(bend)s.") % {
        "start": window.start, "end": window.end, "bstart": before.start, "bend": before.end})
    sheet.freeze_panes = "B4"
    _sheet(workbook, _("All figures"), [_("Figure"), _("Value"), comparison_label(summary), _("Key")],
           [([str(LABELS[k]), summary.report.totals.get(k), summary.before.get(k), k], [None, k, k, None])
            for k in FIGURE_KEYS])
    _sheet(workbook, _("By month"), [_("Month"), *(str(LABELS[k]) for k in FIGURE_KEYS)],
           [([row.label, *(row.figures.get(k) for k in FIGURE_KEYS)], [None, *FIGURE_KEYS])
            for row in summary.monthly])
    for by, title_ in (("team", _("By team")), ("judge", _("By judge"))):
        _sheet(workbook, title_, [_("Team") if by == "team" else _("Judge"), *(str(LABELS[k]) for k in COMPARISON_KEYS)],
               [([row.label, *(row.figures.get(k) for k in COMPARISON_KEYS)], [None, *COMPARISON_KEYS])
                for row in summary.rows(by)])
    _sheet(workbook, _("Pending cases"), [_("Bucket"), _("Cases"), _("Key")],
           [([label, n, key], [None, None, None]) for key, label, n in (*summary.pending_age,
                                                                        *summary.pending_deadline)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
