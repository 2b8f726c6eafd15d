"""The printable report (PDF, reportlab): the headline figures against target, comparison period and province,
their monthly trends, the teams and judges, the pending cases, and every figure.

The text is set in the court's PDF font (`court.pdf`: a TrueType subset of WenQuanYi Micro Hei, shared with the
court's generated documents), which reportlab embeds, so the report reads in any viewer without Chinese fonts;
the charts are matplotlib images drawn with the same font.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from court.pdf import font

from . import charts
from .definitions import FIGURE_KEYS, LABELS, REFERENCE_LINES
from .formatting import format_figure
from .summary import COMPARISON_KEYS, HEADLINES, Summary

GRID = colors.HexColor("#b8bfd0")
HEAD = colors.HexColor("#e8ecf6")
BEHIND = colors.HexColor("#fbe3e0")


def _styles() -> dict[str, ParagraphStyle]:
    name = font()
    return {
        "title": ParagraphStyle("title", fontName=name, fontSize=15, leading=20, spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=name, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4),
        "body": ParagraphStyle("body", fontName=name, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", fontName=name, fontSize=7.5, leading=9),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _table(rows: list[list[Any]], widths: list[float] | None = None, extra: list[tuple] | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font()),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("GRID", (0, 0), (-1, -1), 0.25, GRID),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *(extra or []),
    ]))
    return table


def comparison_label(summary: Summary) -> str:
    if summary.compare == "last_year":
        return _("Same period last year")
    return _("Previous period")


def _change(key: str, value: float | None, before: float | None) -> str:
    if value is None or before is None:
        return "—"
    delta = value - before
    arrow = "↑" if delta > 0 else "↓" if delta < 0 else "→"
    magnitude = format_figure(key, abs(delta))
    return f"{arrow} {magnitude}"


def headline_rows(summary: Summary) -> list[list[str]]:
    """The headline table: figure, value, target, comparison period, change, province (as printed and exported)."""
    rows = [[_("Figure"), _("Value"), _("Target"), comparison_label(summary), _("Difference"),
             _("Province %(name)s") % {"name": summary.province_name} if summary.province_name else _("Province")]]
    for h in summary.headlines:
        rows.append([h.label, format_figure(h.key, h.value), format_figure(h.key, h.target),
                     format_figure(h.key, h.before), _change(h.key, h.value, h.before),
                     format_figure(h.key, h.province)])
    return rows


def _group_table(summary: Summary, by: str, styles: dict[str, ParagraphStyle]) -> Table:
    head = [_("Team") if by == "team" else _("Judge"), *(str(LABELS[k]).split("(")[0].strip() for k in COMPARISON_KEYS)]
    rows: list[list[Any]] = [[_p(c, styles["cell"]) for c in head]]
    extra = []
    for r, row in enumerate(summary.rows(by), start=1):
        rows.append([_p(row.label, styles["cell"]), *(format_figure(k, row.figures.get(k)) for k in COMPARISON_KEYS)])
        extra += [("BACKGROUND", (c, r), (c, r), BEHIND)
                  for c, k in enumerate(COMPARISON_KEYS, start=1) if k in HEADLINES and summary.behind(row, k)]
    widths = [34 * mm, *([146 * mm / len(COMPARISON_KEYS)] * len(COMPARISON_KEYS))]
    return _table(rows, widths, extra)


def _image(png: bytes, width: float) -> Image:
    image = Image(io.BytesIO(png))
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth, image.drawHeight = width, width * ratio
    return image


def render(summary: Summary, title: str) -> bytes:
    """The report of one summary as PDF bytes."""
    styles = _styles()
    window, before = summary.window, summary.before_window
    story: list[Any] = [_p(title, styles["title"])]
    story.append(_p(_("Window %(start)s – %(end)s; as of %(end)s. Population: civil first instance (民初). "
                      "Compared with %(bstart)s – %(bend)s.")
                    % {"start": window.start, "end": window.end, "bstart": before.start, "bend": before.end},
                    styles["body"]))
    story.append(_p(_("Headline figures"), styles["h2"]))
    story.append(_table(headline_rows(summary), [62 * mm, 22 * mm, 22 * mm, 28 * mm, 22 * mm, 26 * mm]))

    story.append(_p(_("Monthly trends"), styles["h2"]))
    series = {k: summary.series(k) for k in HEADLINES}
    before_series = {k: summary.before_series(k) for k in HEADLINES}
    story.append(_image(charts.trends_png(list(HEADLINES), summary.months, series, before_series, summary.targets,
                                          comparison_label(summary)), 180 * mm))

    story.append(_p(_("Pending cases as of %(day)s") % {"day": window.end}, styles["h2"]))
    story.append(_image(charts.pending_png(summary.pending_age, summary.pending_deadline), 180 * mm))
    rows = [[_("Bucket"), _("Cases")], *([label, n] for _k, label, n in (*summary.pending_age,
                                                                            *summary.pending_deadline))]
    story.append(_table(rows, [75 * mm, 25 * mm]))

    for by, heading in (("team", _("By team")), ("judge", _("By judge"))):
        story.append(_p(heading, styles["h2"]))
        story.append(_group_table(summary, by, styles))
    story.append(_p(_("Shaded: behind the court's target (or, with no target, the court's own figure)."),
                    styles["body"]))

    story.append(PageBreak())
    story.append(_p(_("All figures"), styles["h2"]))
    rows = [[_("Figure"), _("Value"), comparison_label(summary), _("Reference")]]
    rows += [[_p(LABELS[k], styles["cell"]), format_figure(k, summary.report.totals.get(k)),
              format_figure(k, summary.before.get(k)),
              _p(REFERENCE_LINES[k][1], styles["cell"]) if k in REFERENCE_LINES else ""] for k in FIGURE_KEYS]
    story.append(_table(rows, [70 * mm, 24 * mm, 28 * mm, 60 * mm]))
    story.append(Spacer(1, 4 * mm))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=title, author="Fanjian",
                            # The canvas starts in the report font, not Helvetica: every font in the file is embedded.
                            initialFontName=font(), initialFontSize=8)
    doc.build(story)
    return buffer.getvalue()
