"""A rendered template as a PDF (reportlab, A4) set in the embedded CJK font of `court.pdf`.

The text's layout conventions (see `DocumentTemplate.body`): a line starting with `# ` is the title, `## ` a centred
line, `> ` a right-aligned line (the date, the signatures), consecutive lines starting with `|` a table; other lines
are paragraphs, one per line, indented like a Chinese document. The text arrives escaped (engine.py), which is what
reportlab's paragraph markup reads; `<b>`, `<i>`, `<u>` and `<br/>` typed in a template are kept.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from court.pdf import font


def _styles(language: str) -> dict[str, ParagraphStyle]:
    name = font()
    indent = 2 * 12 if language.startswith("zh") else 0  # 首行缩进两字
    return {
        "title": ParagraphStyle("title", fontName=name, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=6),
        "centre": ParagraphStyle("centre", fontName=name, fontSize=13, leading=20, alignment=TA_CENTER, spaceAfter=4),
        "right": ParagraphStyle("right", fontName=name, fontSize=12, leading=20, alignment=TA_RIGHT),
        "body": ParagraphStyle("body", fontName=name, fontSize=12, leading=21, alignment=TA_JUSTIFY,
                               firstLineIndent=indent, spaceAfter=3, wordWrap="CJK" if indent else None),
        "cell": ParagraphStyle("cell", fontName=name, fontSize=11, leading=16, wordWrap="CJK"),
    }


def _table(rows: list[list[str]], styles: dict[str, ParagraphStyle]) -> Table:
    width = max(len(r) for r in rows)
    cells = [[Paragraph(c, styles["cell"]) for c in r] + [""] * (width - len(r)) for r in rows]
    widths = [48 * mm] + [(165 * mm - 48 * mm) / max(width - 1, 1)] * (width - 1) if width > 1 else [165 * mm]
    table = Table(cells, colWidths=widths)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font()),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def flowables(text: str, language: str) -> list[Any]:
    styles = _styles(language)
    story: list[Any] = []
    rows: list[list[str]] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
            continue
        if rows:
            story += [Spacer(1, 2 * mm), _table(rows, styles), Spacer(1, 2 * mm)]
            rows = []
        if not line:
            continue
        if line.startswith("## "):
            story.append(Paragraph(line[3:], styles["centre"]))
        elif line.startswith("# "):
            story.append(Paragraph(line[2:], styles["title"]))
        elif line.startswith("> "):
            story.append(Paragraph(line[2:], styles["right"]))
        elif line == "---":
            story.append(Spacer(1, 8 * mm))
        else:
            story.append(Paragraph(line, styles["body"]))
    return story


def pdf(text: str, *, title: str, language: str, footer: str = "") -> bytes:
    """The document as PDF bytes; every font in it is the embedded one."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=20 * mm, topMargin=25 * mm,
                            bottomMargin=20 * mm, title=title, author="Fanjian", subject=footer,
                            initialFontName=font(), initialFontSize=9)

    def page(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(font(), 8)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"{footer}  {document.page}" if footer else str(document.page))
        canvas.restoreState()

    doc.build(flowables(text, language) or [Spacer(1, 1)], onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()
