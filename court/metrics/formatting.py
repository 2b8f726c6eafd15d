"""How figures read on screen, in the command's table and in the PDF: percentages with two decimals, "—" for none."""

from __future__ import annotations

from typing import Any

from .definitions import BY_KEY

NONE = "—"


def kind_of(key: str) -> str:
    """`count`, `rate` or `days`: what the figure's declaration makes it."""
    return BY_KEY[key].kind


def format_figure(key: str, value: Any) -> str:
    """A figure for humans: a rate as `44.82%`, days with one decimal, a count as an integer; None as `—`."""
    if value is None:
        return NONE
    kind = kind_of(key)
    if kind == "rate":
        return f"{value * 100:.2f}%"
    if kind == "days":
        return f"{value:.1f}"
    return f"{int(value):,}"
