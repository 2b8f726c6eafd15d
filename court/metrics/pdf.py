"""The printable metrics report (PDF, reportlab): figures, monthly trend charts, breakdown by team, pending cases.

Chinese text uses reportlab's built-in CID font STSong-Light, which needs no font file.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import engine
from .definitions import (AGE_BUCKETS, BUCKET_LABELS, COUNT_KEYS, DEADLINE_BUCKETS, FIGURE_KEYS, HEADLINE_KEYS,
                          LABELS, REFERENCE_LINES)
from .formatting import format_figure, kind_of
from .population import Filters, Window

FONT = "STSong-Light"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=15, leading=20, spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4),
        "body": ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11),
    }


def _table(rows: list[list[Any]], widths: list[float] | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), _font()),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf6")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b8bfd0")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
    ]))
    return table


def trend_chart(key: str, labels: list[str], values: list[float | None], width: float = 85 * mm,
                height: float = 55 * mm) -> Drawing:
    """A line chart of one figure by month, with its metrics.md reference line if it has one."""
    drawing = Drawing(width, height)
    drawing.add(String(4, height - 10, str(LABELS[key]), fontName=_font(), fontSize=8))
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 32, 18, width - 40, height - 36
    kind = kind_of(key)
    scale = 100.0 if kind == "rate" else 1.0
    series = [tuple(None if v is None else v * scale for v in values)]
    reference = REFERENCE_LINES.get(key)
    if reference:
        series.append(tuple(reference[0] * scale for _ in values))
    present = [v for s in series for v in s if v is not None]
    chart.data = series if present else [tuple(0 for _ in values)]
    chart.categoryAxis.categoryNames = [label[2:] for label in labels]  # "23-01": fits under the axis
    chart.categoryAxis.labels.fontSize = 5
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([100.0] if kind == "rate" else [1.0, *present]) * (1.0 if kind == "rate" else 1.1)
    chart.valueAxis.labels.fontSize = 6
    if kind == "rate":
        chart.valueAxis.labelTextFormat = "%d%%"
    chart.lines[0].strokeColor = colors.HexColor("#3459a6")
    chart.lines[0].strokeWidth = 1.2
    if reference:
        chart.lines[1].strokeColor = colors.HexColor("#c0392b")
        chart.lines[1].strokeDashArray = (3, 2)
    drawing.add(chart)
    return drawing


def render_report(*, filters: Filters, window: Window, trend: Window, title: str) -> bytes:
    """The report for `window`, with the monthly trend over `trend` (the same window or the 12 months to it)."""
    styles = _styles()
    totals = engine.figures(filters, window, extras=True)
    monthly = engine.breakdown(filters, trend, "month", extras=True)
    teams = engine.breakdown(filters, window, "team")
    pending = engine.pending_buckets(filters, window.end)

    story: list[Any] = [Paragraph(title, styles["title"])]
    story.append(Paragraph(_("Window %(start)s – %(end)s; as of %(end)s. Population: civil first instance (民初).")
                           % {"start": window.start, "end": window.end}, styles["body"]))
    story.append(Paragraph(_("Headline figures"), styles["h2"]))
    story.append(_table([[str(LABELS[k]) for k in HEADLINE_KEYS],
                         [format_figure(k, totals[k]) for k in HEADLINE_KEYS]]))
    story.append(Paragraph(_("All figures"), styles["h2"]))
    rows = [[_("Figure"), _("Value"), _("Reference")]]
    rows += [[str(LABELS[k]), format_figure(k, totals[k]),
              str(REFERENCE_LINES[k][1]) if k in REFERENCE_LINES else ""] for k in FIGURE_KEYS]
    story.append(_table(rows, [75 * mm, 25 * mm, 75 * mm]))

    story.append(Paragraph(_("Monthly trends"), styles["h2"]))
    labels = [row.label for row in monthly]
    drawings = [trend_chart(k, labels, [row.figures.get(k) for row in monthly]) for k in FIGURE_KEYS]
    grid = [drawings[i:i + 2] + [""] * (2 - len(drawings[i:i + 2])) for i in range(0, len(drawings), 2)]
    story.append(Table(grid, colWidths=[90 * mm, 90 * mm]))

    story.append(Paragraph(_("By team"), styles["h2"]))
    team_keys = (*COUNT_KEYS, *HEADLINE_KEYS)
    rows = [[_("Team"), *(str(LABELS[k]).split("(")[0].strip() for k in team_keys)]]
    rows += [[row.label, *(format_figure(k, row.figures[k]) for k in team_keys)] for row in teams]
    story.append(_table([[Paragraph(str(c), styles["body"]) for c in rows[0]], *rows[1:]]))

    story.append(Paragraph(_("Pending cases as of %(day)s") % {"day": window.end}, styles["h2"]))
    rows = [[_("Bucket"), _("Cases")]]
    rows += [[str(BUCKET_LABELS[k]), pending[k]] for k in (*AGE_BUCKETS, *DEADLINE_BUCKETS)]
    story.append(_table(rows, [75 * mm, 25 * mm]))
    story.append(Spacer(1, 4 * mm))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=title, author="Fanjian")
    doc.build(story)
    return buffer.getvalue()
