"""How figures read on screen, in the command's table and in the PDF: percentages with two decimals, "—" for none."""

from __future__ import annotations

from typing import Any

from .engine import COUNT_KEYS, DAY_KEYS

NONE = "—"


def kind_of(key: str) -> str:
    if key in COUNT_KEYS or key.startswith("n_") or key in ("pending",):
        return "count"
    if key in DAY_KEYS:
        return "days"
    return "rate"


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
