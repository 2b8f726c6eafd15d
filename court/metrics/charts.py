"""The report's charts as PNG images (matplotlib, drawn with the report font so Chinese labels render anywhere).

Axes fit the data, the target and any reference line; rates read as percentages; legends sit below the plot.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from court.pdf.fonts import FONT_PATH

from .definitions import BY_KEY, LABELS, REFERENCE_LINES

COLOURS = {"value": "#3459a6", "before": "#9aa5bd", "target": "#1e8449", "reference": "#c0392b", "bar": "#3459a6",
           "alert": "#c0392b"}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot

    if str(FONT_PATH) not in {f.fname for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT_PATH))
    name = font_manager.FontProperties(fname=str(FONT_PATH)).get_name()
    pyplot.rcParams.update({"font.family": name, "font.size": 8, "axes.unicode_minus": False})
    return pyplot


def axis_range(values: list[float | None], kind: str) -> tuple[float, float]:
    """Bounds that hold every value (data, target, reference line) with a margin; rates stay within [0, 1]."""
    present = [v for v in values if v is not None]
    if not present:
        return (0.0, 1.0)
    lo, hi = min(present), max(present)
    pad = (hi - lo) * 0.15 or max(abs(hi) * 0.1, 0.05 if kind == "rate" else 1.0)
    top = max(present)
    lo, hi = lo - pad, hi + pad
    if min(present) >= 0:
        lo = max(0.0, lo)
    if kind == "rate" and top <= 1.0:
        hi = min(1.0, hi)
    return lo, hi


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=160, bbox_inches="tight")
    import matplotlib.pyplot as pyplot

    pyplot.close(figure)
    return buffer.getvalue()


def _trend(ax: Any, key: str, months: list[str], values: list[float | None], before: list[float | None] | None,
           target: float | None, before_label: str) -> None:
    kind = BY_KEY[key].kind
    scale = 100.0 if kind == "rate" else 1.0
    x = list(range(len(months)))

    def scaled(series: list[float | None]) -> list[float]:
        return [float("nan") if v is None else v * scale for v in series]

    ax.plot(x, scaled(values), color=COLOURS["value"], marker="o", markersize=2.5, linewidth=1.4, label=_("This period"))
    if before is not None and any(v is not None for v in before):
        ax.plot(x, scaled(before), color=COLOURS["before"], linewidth=1, linestyle="--", label=before_label)
    everything = [*values, *(before or [])]
    if target is not None:
        ax.axhline(target * scale, color=COLOURS["target"], linewidth=1, linestyle=":", label=_("Target"))
        everything.append(target)
    reference = REFERENCE_LINES.get(key)
    if reference:
        ax.axhline(reference[0] * scale, color=COLOURS["reference"], linewidth=1, linestyle="-.",
                   label=str(reference[1]))
        everything.append(reference[0])
    lo, hi = axis_range(everything, kind)
    ax.set_ylim(lo * scale, hi * scale)
    if kind == "rate":
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%" if hi - lo > 0.05 else f"{v:.1f}%")
    step = max(1, len(months) // 12)
    ax.set_xticks(x[::step], [m[2:] for m in months][::step], rotation=45, ha="right", fontsize=6)
    ax.set_title(str(LABELS[key]), fontsize=8)
    ax.grid(axis="y", color="#e5e8f0", linewidth=0.6)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=2, fontsize=6, frameon=False)


def trends_png(keys: list[str], months: list[str], series: dict[str, list[float | None]],
               before: dict[str, list[float | None]], targets: dict[str, float], before_label: str) -> bytes:
    """The monthly trend of each figure in `keys`, two to a row."""
    pyplot = _pyplot()
    rows = (len(keys) + 1) // 2
    figure, axes = pyplot.subplots(rows, 2, figsize=(7.2, 2.9 * rows), squeeze=False)
    for index, key in enumerate(keys):
        _trend(axes[index // 2][index % 2], key, months, series[key], before.get(key), targets.get(key), before_label)
    for index in range(len(keys), rows * 2):
        axes[index // 2][index % 2].axis("off")
    figure.tight_layout(h_pad=2.5)
    return _png(figure)


def pending_png(age: list[tuple[str, str, int]], deadline: list[tuple[str, str, int]]) -> bytes:
    """The pending cases by age and by days left to the normal deadline, as horizontal bars."""
    pyplot = _pyplot()
    figure, axes = pyplot.subplots(1, 2, figsize=(7.2, 2.2))
    for ax, rows, title in ((axes[0], age, _("Pending cases by age")),
                            (axes[1], deadline, _("Pending cases by days left to the normal deadline"))):
        labels = [label for _key, label, _n in rows][::-1]
        counts = [n for _key, _label, n in rows][::-1]
        colours = [COLOURS["alert"] if key in ("overdue", "age_12_plus") else COLOURS["bar"]
                   for key, _label, _n in rows][::-1]
        ax.barh(labels, counts, color=colours)
        for y, n in enumerate(counts):
            ax.text(n, y, f" {n}", va="center", fontsize=6)
        ax.set_xlim(0, max([1, *counts]) * 1.2)
        ax.set_title(title, fontsize=8)
        ax.tick_params(labelsize=6)
    figure.tight_layout()
    return _png(figure)
