"""The metrics of docs/metrics.md, computed in the database from the materialised term fields on `Case`.

Every figure is an aggregate (Count/Avg with filters) over one of three case sets of a window
`[start, end]` (as-of = `end`): the cases *received* (filed in the window), *closed* (closed in the
window) and *pending* at the end. The same `Q` objects define the drill-down lists (`case_set`), so a
number on the dashboard and the cases behind it always agree. Percentiles use window functions
(ROW_NUMBER/COUNT OVER), which SQLite and PostgreSQL both run; nothing loops over rows in Python.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import Count, F, Func, IntegerField, Q, QuerySet, Sum, When
from django.db.models import Window as Over
from django.db.models.expressions import Expression, Value
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from court.cases.models import Case, CaseType, ClosingMode, Procedure
from court.rules.terms import add_months

#: The keys of metrics.md, in its order (the JSON of `court_metrics` has exactly these).
METRIC_KEYS: tuple[str, ...] = (
    "received", "closed", "pending_at_end",
    "mediation_withdrawal_rate", "mediation_rate", "simple_procedure_rate", "small_claims_rate", "conversion_rate",
    "avg_trial_days", "avg_elapsed_days", "median_trial_days", "p90_trial_days",
    "in_normal_term_rate", "in_term_rate", "extension_rate",
    "closed_to_received", "disposition_time_days", "over_12_months_pending_rate",
    "within_90_days_rate", "within_180_days_rate", "within_365_days_rate",
)
COUNT_KEYS = frozenset({"received", "closed", "pending_at_end"})
DAY_KEYS = frozenset({"avg_trial_days", "avg_elapsed_days", "median_trial_days", "p90_trial_days",
                      "disposition_time_days"})
RATE_KEYS = frozenset(METRIC_KEYS) - COUNT_KEYS - DAY_KEYS
HEADLINE_KEYS = ("mediation_withdrawal_rate", "simple_procedure_rate", "avg_trial_days", "in_normal_term_rate")

LABELS: dict[str, Any] = {
    "received": _("Cases received (收案数)"),
    "closed": _("Cases closed (结案数)"),
    "pending_at_end": _("Pending at end (未结案数)"),
    "mediation_withdrawal_rate": _("Mediation and withdrawal rate (调撤率)"),
    "mediation_rate": _("Mediation rate (调解率)"),
    "simple_procedure_rate": _("Simple procedure rate (简易程序适用率)"),
    "small_claims_rate": _("Small claims rate (小额诉讼程序适用率)"),
    "conversion_rate": _("Conversion to ordinary rate (简转普率)"),
    "avg_trial_days": _("Average trial days (平均审理天数)"),
    "avg_elapsed_days": _("Average elapsed days, nothing excluded"),
    "median_trial_days": _("Median trial days"),
    "p90_trial_days": _("90th percentile trial days"),
    "in_normal_term_rate": _("Closed within the normal term (法定正常审限内结案率)"),
    "in_term_rate": _("Closed within the term (审限内结案率)"),
    "extension_rate": _("Extension rate (延长审限率)"),
    "closed_to_received": _("Clearance rate (结收比)"),
    "disposition_time_days": _("Disposition time, days (CEPEJ)"),
    "over_12_months_pending_rate": _("Pending over 12 months (超12个月未结案件比)"),
    "within_90_days_rate": _("Closed within 90 days"),
    "within_180_days_rate": _("Closed within 180 days"),
    "within_365_days_rate": _("Closed within 365 days"),
    "within_540_days_rate": _("Closed within 540 days"),
}

#: International anchors (metrics.md): US Model Time Standards and the CEPEJ clearance rate.
REFERENCE_LINES: dict[str, tuple[float, Any]] = {
    "within_180_days_rate": (0.75, _("US model time standard: 75% within 180 days")),
    "within_365_days_rate": (0.90, _("US model time standard: 90% within 365 days")),
    "within_540_days_rate": (0.98, _("US model time standard: 98% within 540 days")),
    "closed_to_received": (1.0, _("CEPEJ clearance rate 100%: keeping up")),
}

BAD_WINDOW = _("The window must start on or before its end (from %(start)s is after to %(end)s).")
UNKNOWN_SET = _("Unknown case set %(name)s.")
UNKNOWN_BREAKDOWN = _("Unknown breakdown %(name)s; use one of %(choices)s.")

MEDIATION_WITHDRAWAL_MODES = (ClosingMode.MEDIATION, ClosingMode.WITHDRAWAL, ClosingMode.DEEMED_WITHDRAWAL)
WITH_TERM = Q(foreign_related=False)  # CPL 287: no statutory term for foreign-related cases

#: The subsets of the closed cases behind each figure (numerators and special denominators).
CLOSED_SETS: dict[str, Q] = {
    "closed": Q(),
    "mediation_withdrawal": Q(closing_mode__in=MEDIATION_WITHDRAWAL_MODES),
    "mediation": Q(closing_mode=ClosingMode.MEDIATION),
    "simple_procedure": Q(procedure__in=(Procedure.SIMPLE, Procedure.SMALL_CLAIMS)),
    "small_claims": Q(procedure=Procedure.SMALL_CLAIMS),
    "converted": Q(converted_on__isnull=False),
    "initially_not_ordinary": ~Q(initial_procedure=Procedure.ORDINARY),
    "with_term": WITH_TERM,
    "in_normal_term": WITH_TERM & Q(within_normal_term=True),
    "not_in_normal_term": WITH_TERM & ~Q(within_normal_term=True),
    "in_term": WITH_TERM & Q(within_term=True),
    "extension": WITH_TERM & Q(extension_months__gt=0),
    "within_90_days": Q(net_trial_days__lte=90),
    "within_180_days": Q(net_trial_days__lte=180),
    "within_365_days": Q(net_trial_days__lte=365),
    "within_540_days": Q(net_trial_days__lte=540),
}
AGE_BUCKETS = ("age_0_3", "age_3_6", "age_6_12", "age_12_plus")
DEADLINE_BUCKETS = ("overdue", "due_0_15", "due_16_30", "due_30_plus", "no_term")
BUCKET_LABELS: dict[str, Any] = {
    "age_0_3": _("0-3 months"), "age_3_6": _("3-6 months"), "age_6_12": _("6-12 months"),
    "age_12_plus": _("over 12 months"),
    "overdue": _("overdue"), "due_0_15": _("0-15 days left"), "due_16_30": _("16-30 days left"),
    "due_30_plus": _("over 30 days left"), "no_term": _("no term (foreign-related)"),
}
BREAKDOWNS = ("team", "judge", "cause", "procedure", "month")
PERCENTILES = {"median_trial_days": Fraction(1, 2), "p90_trial_days": Fraction(9, 10)}


@dataclass(frozen=True)
class Window:
    """An inclusive date window; the as-of date of its report is `end`."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(str(BAD_WINDOW) % {"start": self.start, "end": self.end})

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[Window]:
        """The calendar months of the window, clipped to it."""
        out, first = [], self.start.replace(day=1)
        while first <= self.end:
            last = first.replace(day=_calendar.monthrange(first.year, first.month)[1])
            out.append(Window(max(first, self.start), min(last, self.end)))
            first = last + timedelta(days=1)
        return out


@dataclass(frozen=True)
class Filters:
    """The population: case type (民初 by default), narrowed by court, team, judge, cause or procedure.

    `team_id`/`judge_id` may be the string "none" for the cases with no team or judge (drill-down of the
    "unassigned" row of a breakdown).
    """

    court_id: int | None = None
    team_id: int | str | None = None
    judge_id: int | str | None = None
    cause_id: int | None = None
    procedure: str | None = None
    case_type: str = CaseType.FIRST_INSTANCE

    def queryset(self) -> QuerySet[Case]:
        qs = Case.objects.filter(case_type=self.case_type)
        if self.court_id is not None:
            qs = qs.filter(court_id=self.court_id)
        for name in ("team_id", "judge_id", "cause_id"):
            value = getattr(self, name)
            if value == "none":
                qs = qs.filter(**{f"{name[:-3]}__isnull": True})
            elif value is not None:
                qs = qs.filter(**{name: value})
        if self.procedure:
            qs = qs.filter(procedure=self.procedure)
        return qs.order_by()


def received_q(window: Window) -> Q:
    return Q(filed_on__gte=window.start, filed_on__lte=window.end)


def closed_q(window: Window) -> Q:
    return Q(closed_on__gte=window.start, closed_on__lte=window.end)


def pending_q(as_of: date) -> Q:
    # Written as an OR of two ANDs, not `filed <= as_of AND (open OR closed later)`: both branches then use the
    # closed_on indexes (SQLite MULTI-INDEX OR, PostgreSQL BitmapOr) instead of every case filed before as_of.
    return Q(filed_on__lte=as_of, closed_on__isnull=True) | Q(filed_on__lte=as_of, closed_on__gt=as_of)


def pending_sets(as_of: date) -> dict[str, Q]:
    """Subsets of the cases pending on `as_of`: by age since filing and by days left to the normal deadline."""
    m3, m6, m12 = (add_months(as_of, -n) for n in (3, 6, 12))
    term = WITH_TERM & Q(normal_deadline__isnull=False)
    return {
        "pending": Q(),
        # "Filed more than 12 months before the as-of date" (metrics.md): strictly before as_of - 12 months.
        "over_12_months": Q(filed_on__lt=m12),
        "age_0_3": Q(filed_on__gte=m3),
        "age_3_6": Q(filed_on__gte=m6, filed_on__lt=m3),
        "age_6_12": Q(filed_on__gte=m12, filed_on__lt=m6),
        "age_12_plus": Q(filed_on__lt=m12),
        "overdue": term & Q(normal_deadline__lt=as_of),
        "due_0_15": term & Q(normal_deadline__gte=as_of, normal_deadline__lte=as_of + timedelta(days=15)),
        "due_16_30": term & Q(normal_deadline__gt=as_of + timedelta(days=15),
                              normal_deadline__lte=as_of + timedelta(days=30)),
        "due_30_plus": term & Q(normal_deadline__gt=as_of + timedelta(days=30)),
        "no_term": ~term,
    }


SET_NAMES = ("received", *CLOSED_SETS, *pending_sets(date(2000, 1, 1)))


def case_set(filters: Filters, window: Window, name: str) -> QuerySet[Case]:
    """The cases behind a figure: `received`, a closed subset (CLOSED_SETS) or a pending subset."""
    qs = filters.queryset()
    if name == "received":
        return qs.filter(received_q(window))
    if name in CLOSED_SETS:
        return qs.filter(closed_q(window) & CLOSED_SETS[name])
    pending = pending_sets(window.end)
    if name in pending:
        return qs.filter(pending_q(window.end) & pending[name])
    raise ValueError(str(UNKNOWN_SET) % {"name": name})


# --- raw aggregates -----------------------------------------------------------------------------------

class MonthKey(Func):
    """yyyymm of a date as an integer, in native SQL on each database (Django's Trunc/Extract call a Python
    function per row on SQLite, which makes month groupings slow on a million cases)."""

    output_field = IntegerField()
    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) * 100 + EXTRACT(MONTH FROM %(expressions)s) AS INTEGER)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="CAST(strftime('%%%%Y%%%%m', %(expressions)s) AS INTEGER)",
                           **extra)


def month_key(day: date) -> int:
    return day.year * 100 + day.month


DIMENSIONS = {"team": "team_id", "judge": "judge_id", "cause": "cause_id", "procedure": "procedure"}


def _dimension(name: str, date_field: str) -> Expression:
    return MonthKey(date_field) if name == "month" else F(DIMENSIONS[name])


def _closed_aggregates() -> dict[str, Any]:
    """Counts of every closed subset, and sums (not averages) so that groups can be added up."""
    aggs: dict[str, Any] = {f"n_{name}": Count("pk", filter=q) if q else Count("pk") for name, q in CLOSED_SETS.items()}
    aggs.update(sum_trial=Sum("net_trial_days"), cnt_trial=Count("net_trial_days"),
                sum_elapsed=Sum("elapsed_days"), cnt_elapsed=Count("elapsed_days"))
    return aggs


def _pending_aggregates(as_of: date) -> dict[str, Any]:
    return {f"n_{name}": Count("pk", filter=q) if q else Count("pk") for name, q in pending_sets(as_of).items()}


def _rollup(qs: QuerySet, aggs: dict[str, Any], dims: dict[str, Expression]) -> list[dict[str, Any]]:
    """One GROUP BY over every dimension at once: a few hundred grouped rows instead of one query per dimension."""
    if not dims:
        return [qs.aggregate(**aggs)]
    return list(qs.values(**{f"d_{name}": expr for name, expr in dims.items()}).annotate(**aggs).order_by())


def _add_up(rows: list[dict[str, Any]], dim: str | None) -> dict[Any, dict[str, Any]]:
    """Counts and sums of the grouped rows added up per value of `dim` (None: the total)."""
    out: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = row.get(f"d_{dim}") if dim else None
        target = out.setdefault(key, {})
        for name, value in row.items():
            if not name.startswith("d_") and value is not None:
                target[name] = target.get(name, 0) + value
    return out


def _percentiles(qs: QuerySet, dims: dict[str, Expression | None]) -> dict[str, dict[Any, dict[str, float]]]:
    """Percentiles of net trial days per group of each dimension, with linear interpolation at p·(n-1).

    One query for every dimension: ROW_NUMBER and COUNT over each dimension's partition (`None`: the whole
    set) keep only the rows ranked k+1 and k+2, k = floor(p·(n-1)), so a few rows per group leave the database.
    """
    annotations: dict[str, Any] = {}
    around = Q()
    for name, expr in dims.items():
        partition = [expr] if expr is not None else None
        annotations[f"g_{name}"] = expr if expr is not None else Value(0)
        annotations[f"rn_{name}"] = Over(RowNumber(), partition_by=partition, order_by=F("net_trial_days").asc())
        annotations[f"n_{name}"] = Over(Count("pk"), partition_by=partition)
        for p in PERCENTILES.values():
            k = (F(f"n_{name}") - 1) * p.numerator / p.denominator  # integer division in both databases
            around |= Q(**{f"rn_{name}": k + 1}) | Q(**{f"rn_{name}": k + 2})
    pick = SqlCase(When(around, then=Value(1)), default=Value(0), output_field=IntegerField())
    columns = [f"{part}_{name}" for name in dims for part in ("g", "rn", "n")]
    rows = (qs.filter(net_trial_days__isnull=False).order_by().annotate(**annotations).annotate(pick=pick)
            .filter(pick=1).values_list(*columns, "net_trial_days"))
    ranks: dict[str, dict[Any, dict[int, int]]] = {name: {} for name in dims}
    sizes: dict[str, dict[Any, int]] = {name: {} for name in dims}
    for row in rows:
        value = row[-1]
        for i, name in enumerate(dims):
            g, rn, n = row[3 * i: 3 * i + 3]
            ranks[name].setdefault(g, {})[rn] = value
            sizes[name][g] = n
    out: dict[str, dict[Any, dict[str, float]]] = {name: {} for name in dims}
    for name in dims:
        for g, values in ranks[name].items():
            for key, p in PERCENTILES.items():
                position = p * (sizes[name][g] - 1)
                lo = int(position)
                if lo + 1 not in values:
                    continue
                v_lo = values[lo + 1]
                v_hi = values.get(lo + 2, v_lo)
                out[name].setdefault(g, {})[key] = float(v_lo + (v_hi - v_lo) * (position - lo))
    return out


# --- assembling figures ---------------------------------------------------------------------------------

def _rate(numerator: int | None, denominator: int | None) -> float | None:
    if not denominator:
        return None
    return (numerator or 0) / denominator


def _mean(total: int | None, count: int | None) -> float | None:
    return (total or 0) / count if count else None


def assemble(*, received: int, closed: dict[str, Any] | None, pending: dict[str, Any] | None,
             percentiles: dict[str, float | None] | None, days: int) -> dict[str, Any]:
    """The figures of metrics.md from the raw counts of one window (or one group of a breakdown)."""
    c = closed or {}
    p = pending or {}
    n_closed = c.get("n_closed") or 0
    n_term = c.get("n_with_term") or 0
    n_pending = p.get("n_pending") or 0
    pct = percentiles or {}
    return {
        "received": received,
        "closed": n_closed,
        "pending_at_end": n_pending,
        "mediation_withdrawal_rate": _rate(c.get("n_mediation_withdrawal"), n_closed),
        "mediation_rate": _rate(c.get("n_mediation"), n_closed),
        "simple_procedure_rate": _rate(c.get("n_simple_procedure"), n_closed),
        "small_claims_rate": _rate(c.get("n_small_claims"), n_closed),
        "conversion_rate": _rate(c.get("n_converted"), c.get("n_initially_not_ordinary")),
        "avg_trial_days": _mean(c.get("sum_trial"), c.get("cnt_trial")) if n_closed else None,
        "avg_elapsed_days": _mean(c.get("sum_elapsed"), c.get("cnt_elapsed")) if n_closed else None,
        "median_trial_days": pct.get("median_trial_days"),
        "p90_trial_days": pct.get("p90_trial_days"),
        "in_normal_term_rate": _rate(c.get("n_in_normal_term"), n_term),
        "in_term_rate": _rate(c.get("n_in_term"), n_term),
        "extension_rate": _rate(c.get("n_extension"), n_term),
        "closed_to_received": _rate(n_closed, received),
        "disposition_time_days": (days * n_pending / n_closed) if n_closed else None,
        "over_12_months_pending_rate": _rate(p.get("n_over_12_months"), n_pending),
        "within_90_days_rate": _rate(c.get("n_within_90_days"), n_closed),
        "within_180_days_rate": _rate(c.get("n_within_180_days"), n_closed),
        "within_365_days_rate": _rate(c.get("n_within_365_days"), n_closed),
    }


def _extras(closed: dict[str, Any] | None) -> dict[str, Any]:
    c = closed or {}
    return {"within_540_days_rate": _rate(c.get("n_within_540_days"), c.get("n_closed") or 0)}


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
    from court.cases.models import Cause
    from court.org.models import Team, User

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
    """Totals and the breakdowns `dims` in a handful of queries, each one pass over an index range:
    received, closed and pending grouped by every dimension at once, pending at each month's end,
    and the percentiles of every dimension."""
    dims = tuple(dims)
    for by in dims:
        if by not in BREAKDOWNS:
            raise ValueError(str(UNKNOWN_BREAKDOWN) % {"name": by, "choices": ", ".join(BREAKDOWNS)})
    qs = filters.queryset()
    months = window.months()
    received_rows = _rollup(qs.filter(received_q(window)), {"n": Count("pk")},
                            {d: _dimension(d, "filed_on") for d in dims})
    closed_qs = qs.filter(closed_q(window))
    closed_rows = _rollup(closed_qs, _closed_aggregates(), {d: _dimension(d, "closed_on") for d in dims})
    pending_rows = _rollup(qs.filter(pending_q(window.end)), _pending_aggregates(window.end),
                           {d: _dimension(d, "") for d in dims if d != "month"})
    pct = _percentiles(closed_qs, {"total": None, **{d: _dimension(d, "closed_on") for d in dims}})

    def figures_of(dim: str | None, key: Any, pending: dict[str, Any] | None, days: int) -> dict[str, Any]:
        closed = _add_up(closed_rows, dim).get(key)
        out = assemble(received=_add_up(received_rows, dim).get(key, {}).get("n", 0), closed=closed,
                       pending=pending, percentiles=pct["total" if dim is None else dim].get(0 if dim is None else key),
                       days=days)
        if extras:
            out.update(_extras(closed))
        return out

    pending_total = _add_up(pending_rows, None).get(None, {})
    totals = figures_of(None, None, pending_total, window.days)
    breakdowns: dict[str, list[Row]] = {}
    for by in dims:
        if by == "month":
            continue
        received, closed, pending = (_add_up(rows, by) for rows in (received_rows, closed_rows, pending_rows))
        keys = set(received) | set(closed) | set(pending)
        labels = _labels(by, keys)
        rows = [Row(key=k, label=labels[k], params={by: "none" if k is None else str(k)},
                    figures=figures_of(by, k, pending.get(k), window.days)) for k in keys]
        rows.sort(key=lambda r: (r.key is None, r.label))
        breakdowns[by] = rows
    if "month" in dims:
        month_pending = _month_end_pending(qs, months)
        breakdowns["month"] = [
            Row(key=m.start.replace(day=1), label=f"{m.start:%Y-%m}", window=m,
                figures=figures_of("month", month_key(m.start), month_pending[i], m.days))
            for i, m in enumerate(months)
        ]
    return Report(filters=filters, window=window, totals=totals, monthly=breakdowns.pop("month", []),
                  breakdowns=breakdowns,
                  pending={name: pending_total.get(f"n_{name}", 0)
                           for name in ("pending", *AGE_BUCKETS, *DEADLINE_BUCKETS)})


def _month_end_pending(qs: QuerySet, months: list[Window]) -> list[dict[str, int]]:
    """Pending cases (and those over 12 months) at each month's end: one query over the cases pending at
    some point of the window."""
    aggs: dict[str, Any] = {}
    for i, m in enumerate(months):
        aggs[f"m{i}_pending"] = Count("pk", filter=pending_q(m.end))
        aggs[f"m{i}_over_12_months"] = Count("pk", filter=pending_q(m.end) & pending_sets(m.end)["over_12_months"])
    last = months[-1].end
    raw = qs.filter(Q(filed_on__lte=last, closed_on__isnull=True)
                    | Q(filed_on__lte=last, closed_on__gt=months[0].end)).aggregate(**aggs)
    return [{"n_pending": raw[f"m{i}_pending"], "n_over_12_months": raw[f"m{i}_over_12_months"]}
            for i in range(len(months))]


# --- the API --------------------------------------------------------------------------------------------

def figures(filters: Filters, window: Window, *, extras: bool = False) -> dict[str, Any]:
    """Every figure of metrics.md for the population and window (with `extras`: the 540-day rate too)."""
    return _compute(filters, window, (), extras=extras).totals


def breakdown(filters: Filters, window: Window, by: str, *, extras: bool = False) -> list[Row]:
    """Every figure per team, judge, cause, procedure or month of the window (each month its own window)."""
    result = _compute(filters, window, (by,), extras=extras)
    return result.monthly if by == "month" else result.breakdowns[by]


def monthly_with_extras(filters: Filters, window: Window) -> list[Row]:
    return breakdown(filters, window, "month", extras=True)


def pending_buckets(filters: Filters, as_of: date) -> dict[str, int]:
    """Pending cases on `as_of` by age and by days left to the normal deadline (one query)."""
    raw = filters.queryset().filter(pending_q(as_of)).aggregate(**_pending_aggregates(as_of))
    return {name: raw[f"n_{name}"] for name in ("pending", *AGE_BUCKETS, *DEADLINE_BUCKETS)}


def report(filters: Filters, window: Window, *, by: Iterable[str] = ("team", "judge", "cause", "procedure")) -> Report:
    """The dashboard's data: totals, the monthly trend, breakdowns and the pending buckets."""
    return _compute(filters, window, (*by, "month"), extras=True)
