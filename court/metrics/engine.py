"""The report of docs/metrics.md: every declared figure (`definitions.METRICS`) for a window, its breakdowns and
its monthly series, assembled from the raw counts of `sql.tally`.

Every figure is a count, a ratio of counts or a statistic of trial days over one of three case sets of a window
`[start, end]` (as-of = `end`): the cases *received* (filed in the window), *closed* (closed in the window) and
*pending* at the end. The same `Q` objects define the drill-down lists (`case_set`), so a number on the
dashboard and the cases behind it always agree. Percentiles come from per-group histograms of net trial days
read in the database; nothing loops over case rows in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from court.cases.models import Cause, Procedure
from court.org.models import Team, User
from court.rules.terms import add_months

from .definitions import (AGE_BUCKETS, BUCKET_LABELS, CLOSED_SETS, COUNT_KEYS, DAY_KEYS, DEADLINE_BUCKETS,
                          FIGURE_KEYS, HEADLINE_KEYS, LABELS, METRIC_KEYS, METRICS, PERCENTILES, RATE_KEYS,
                          REFERENCE_LINES, SET_NAMES, Metric, pending_sets)
from .population import (BAD_WINDOW, UNKNOWN_SET, Filters, Window, case_set, closed_q, pending_q, received_q,
                         set_counts)
from .sql import DIMENSIONS, month_key, tally

__all__ = [  # the engine's API; the declarations are re-exported for the callers that know them from here
    "AGE_BUCKETS", "BAD_WINDOW", "BREAKDOWNS", "BUCKET_LABELS", "CLOSED_SETS", "COUNT_KEYS", "DAY_KEYS",
    "DEADLINE_BUCKETS", "FIGURE_KEYS", "HEADLINE_KEYS", "LABELS", "METRIC_KEYS", "PERCENTILES", "RATE_KEYS",
    "REFERENCE_LINES", "SET_NAMES", "UNKNOWN_BREAKDOWN", "UNKNOWN_SET", "Filters", "Report", "Row", "Window",
    "add_months", "assemble", "breakdown", "case_set", "closed_q", "figures", "pending_buckets",
    "pending_q", "pending_sets", "received_q", "report",
]

UNKNOWN_BREAKDOWN = _("Unknown breakdown %(name)s; use one of %(choices)s.")
BREAKDOWNS = (*DIMENSIONS, "month")


# --- assembling figures ---------------------------------------------------------------------------------

def _value(metric: Metric, raw: dict[str, Any], percentiles: dict[str, float], days: int) -> Any:
    if metric.percentile is not None:
        return percentiles.get(metric.key)
    if metric.of is not None:  # a mean over the closed cases that have the measure
        count = raw.get(f"cnt_{metric.of.name}")
        return (raw.get(f"sum_{metric.of.name}") or 0) / count if count else None
    numerator = raw.get(f"n_{metric.numerator}") or 0
    if metric.denominator is None:
        return numerator
    denominator = raw.get(f"n_{metric.denominator}")
    if not denominator:
        return None  # metrics.md: a rate over nothing is null, never 0
    return (days if metric.per_window_day else 1) * numerator / denominator


def assemble(*, received: int | dict[str, Any], closed: dict[str, Any] | None, pending: dict[str, Any] | None,
             percentiles: dict[str, float | None] | None, days: int, extras: bool = False) -> dict[str, Any]:
    """Every figure of one window (or one group of a breakdown) from its raw counts: `received` (the counts of
    the received sets, or just their number), `closed` and `pending` (counts `n_<set>` and sums of measures),
    the percentiles of its net trial days and its number of days. With `extras`: the undocumented figures too."""
    raw = {**(closed or {}), **(pending or {})}
    raw.update(received if isinstance(received, dict) else {"n_received": received})
    pct = {k: v for k, v in (percentiles or {}).items() if v is not None}
    return {m.key: _value(m, raw, pct, days) for m in METRICS if m.documented or extras}


def _interpolate(histogram: dict[int, int], p: Fraction) -> float | None:
    """The p-th percentile of the values a histogram counts, by linear interpolation at p·(n-1) (numpy's
    default): the walk is over the few hundred distinct values, not the cases."""
    n = sum(histogram.values())
    if not n:
        return None
    position = p * (n - 1)
    lo = int(position)
    items, seen, value, picked = iter(sorted(histogram.items())), 0, 0, []
    for rank in (lo, min(lo + 1, n - 1)):  # the values ranked lo and lo + 1 (0-based) in sorted order
        while seen <= rank:
            value, count = next(items)
            seen += count
        picked.append(value)
    v_lo, v_hi = picked
    return float(v_lo + (v_hi - v_lo) * (position - lo))


def _percentiles_of(histograms: dict[Any, dict[int, int]]) -> dict[Any, dict[str, float | None]]:
    return {key: {name: _interpolate(histogram, p) for name, p in PERCENTILES.items()}
            for key, histogram in histograms.items()}


@dataclass
class Row:
    """One row of a breakdown: the group's key (for drill-down links), its label and its figures."""

    key: Any
    label: str
    figures: dict[str, Any]
    window: Window | None = None  # months carry their own window
    params: dict[str, str] = field(default_factory=dict)  # query parameters narrowing to this group


@dataclass
class Report:
    """Everything the dashboard shows for one window."""

    filters: Filters
    window: Window
    totals: dict[str, Any]
    monthly: list[Row]
    breakdowns: dict[str, list[Row]]
    pending: dict[str, int]


def _labels(by: str, keys: Iterable[Any]) -> dict[Any, str]:
    ids = [k for k in keys if k is not None]
    unassigned = str(_("(unassigned)"))
    if by == "team":
        names = {t.pk: t.name for t in Team.objects.filter(pk__in=ids)}
    elif by == "judge":
        names = {u.pk: str(u) for u in User.objects.filter(pk__in=ids)}
    elif by == "cause":
        names = dict(Cause.objects.filter(pk__in=ids).values_list("pk", "name"))
    else:
        names = {k: str(Procedure(k).label) for k in ids if k in Procedure.values}
    return {k: names.get(k, str(k)) if k is not None else unassigned for k in keys}


def _compute(filters: Filters, window: Window, dims: Iterable[str], *, extras: bool = False) -> Report:
    """Totals and the breakdowns `dims`, from one `tally` (at most five queries, whatever the number of cases
    or months) and the labels of the groups."""
    dims = tuple(dims)
    for by in dims:
        if by not in BREAKDOWNS:
            raise ValueError(str(UNKNOWN_BREAKDOWN) % {"name": by, "choices": ", ".join(BREAKDOWNS)})
    counts = tally(filters, window, dims)
    pct = {name: _percentiles_of(h) for name, h in counts.histograms.items()}

    def figures_of(dim: str, key: Any, pending: dict[str, Any] | None, days: int) -> dict[str, Any]:
        return assemble(received=counts.received[dim].get(key, {}), closed=counts.closed[dim].get(key),
                        pending=pending, percentiles=pct[dim].get(0 if dim == "total" else key), days=days,
                        extras=extras)

    pending_total = counts.pending["total"].get(None, {})
    totals = figures_of("total", None, pending_total, window.days)
    breakdowns: dict[str, list[Row]] = {}
    for by in dims:
        if by == "month":
            continue
        keys = set(counts.received[by]) | set(counts.closed[by]) | set(counts.pending[by])
        labels = _labels(by, keys)
        rows = [Row(key=k, label=labels[k], params={by: "none" if k is None else str(k)},
                    figures=figures_of(by, k, counts.pending[by].get(k), window.days)) for k in keys]
        rows.sort(key=lambda r: (r.key is None, r.label))
        breakdowns[by] = rows
    monthly = [Row(key=m.start.replace(day=1), label=f"{m.start:%Y-%m}", window=m,
                   figures=figures_of("month", month_key(m.start), counts.month_end[i], m.days))
               for i, m in enumerate(window.months())] if "month" in dims else []
    return Report(filters=filters, window=window, totals=totals, monthly=monthly, breakdowns=breakdowns,
                  pending={name: pending_total.get(f"n_{name}", 0) for name in ("pending", *AGE_BUCKETS,
                                                                                  *DEADLINE_BUCKETS)})


# --- the API --------------------------------------------------------------------------------------------

def figures(filters: Filters, window: Window, *, extras: bool = False) -> dict[str, Any]:
    """Every figure of metrics.md for the population and window (with `extras`: the undocumented ones too)."""
    return _compute(filters, window, (), extras=extras).totals


def breakdown(filters: Filters, window: Window, by: str, *, extras: bool = False) -> list[Row]:
    """Every figure per team, judge, cause, procedure or month of the window (each month its own window)."""
    result = _compute(filters, window, (by,), extras=extras)
    return result.monthly if by == "month" else result.breakdowns[by]


def pending_buckets(filters: Filters, as_of: date) -> dict[str, int]:
    """Pending cases on `as_of` by age and by days left to the normal deadline (one query)."""
    raw = filters.queryset().filter(pending_q(as_of)).aggregate(**set_counts(pending_sets(as_of)))
    return {name: raw[f"n_{name}"] for name in ("pending", *AGE_BUCKETS, *DEADLINE_BUCKETS)}


def report(filters: Filters, window: Window, *, by: Iterable[str] = tuple(DIMENSIONS)) -> Report:
    """The dashboard's data: totals, the monthly trend, breakdowns and the pending buckets."""
    return _compute(filters, window, (*by, "month"), extras=True)
