"""What every PDF the application prints shares: the embedded CJK font.

A lower layer than the apps that print (`court.metrics` for the monthly report, `court.paperwork` for the court's
documents): it imports reportlab and nothing of the project. The font (`fonts/`: a TrueType subset of WenQuanYi
Micro Hei, Apache-2.0) has glyf outlines, which reportlab embeds as a subset (`/FontFile2`), so every PDF reads
and its text extracts in any viewer without Chinese fonts installed.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .fonts import FONT_NAME, FONT_PATH


def font() -> str:
    """The name of the embedded font, registered with reportlab once."""
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_PATH)))
    return FONT_NAME


def covers(text: str) -> bool:
    """Whether the font has a glyph for every character of `text` (a rare name may lie outside the subset)."""
    font()
    widths = pdfmetrics.getFont(FONT_NAME).face.charWidths
    return all(ord(c) in widths or c in "\n\r\t" for c in text)


__all__ = ["FONT_NAME", "FONT_PATH", "covers", "font"]
