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

from django.db import connections
from django.db.models import Case as SqlCase
from django.db.models import Count, DateField, F, Func, IntegerField, Q, QuerySet, Sum, When
from django.db.models.expressions import Expression, Value
from django.db.models.lookups import LessThanOrEqual
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


class NotIndexed(Func):
    """A column the SQLite planner must not pick an index for (unary `+`, SQLite's documented idiom); the
    column itself elsewhere (PostgreSQL already chooses by cost, with statistics of the value ranges)."""

    template = "%(expressions)s"
    output_field = DateField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


def pending_q(as_of: date) -> Q:
    # Written as an OR of two ANDs, not `filed <= as_of AND (open OR closed later)`: both branches then use the
    # closed_on indexes (SQLite MULTI-INDEX OR, PostgreSQL BitmapOr) instead of every case filed before as_of.
    # On SQLite `filed_on <= as_of` must not be indexable, or the planner walks every case filed before as_of.
    filed = LessThanOrEqual(NotIndexed("filed_on"), as_of)
    return Q(filed, closed_on__isnull=True) | Q(filed, closed_on__gt=as_of)


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


def _over_12_from(months: list[Window]) -> Expression:
    """The index of the first month at whose end a case is over 12 months old (filed strictly before that
    end minus 12 months; metrics.md), len(months) if none: `CASE WHEN filed_on < cut_0 THEN 0 ...`."""
    whens = [When(filed_on__lt=add_months(m.end, -12), then=Value(i)) for i, m in enumerate(months)]
    return SqlCase(*whens, default=Value(len(months)), output_field=IntegerField())


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


def _decode(dim: str, key: str | None) -> Any:
    """A group key read back from the text the marginal queries cast it to (ids and months are integers)."""
    if key is None or dim == "procedure":
        return key
    return int(key)


def _crossed(inner_sql: str, kinds: Iterable[str], key_of: dict[str, str], columns: str, group_by: str) -> str:
    """`SELECT kind, group key, columns FROM (inner) b CROSS JOIN (kinds) k GROUP BY kind, key[, ...]`: every
    row of `inner` is counted once per kind (dimension) under its key for that kind, so one query yields the
    groups of every dimension. CROSS JOIN keeps `inner` as the outer loop on SQLite (evaluated once)."""
    cases = " ".join(f"WHEN '{kind}' THEN CAST({expr} AS TEXT)" for kind, expr in key_of.items())
    key_sql = f"CASE k.kind {cases} END" if cases else "NULL"
    kinds_sql = " UNION ALL ".join(f"SELECT '{kind}' AS kind" for kind in kinds)
    return f"SELECT k.kind, {key_sql}, {columns} FROM ({inner_sql}) b CROSS JOIN ({kinds_sql}) k GROUP BY {group_by}"


def _marginals(qs: QuerySet, aggs: dict[str, Any], dims: dict[str, Expression]) -> dict[str, dict[Any, dict[str, Any]]]:
    """The aggregates `aggs` for the total (`"total"`, key None) and per group of every dimension, in one query:
    a GROUP BY over every dimension at once (a few thousand rows), added up per dimension in the database.
    Aggregates that are NULL (a sum over nothing) are left out, as the figures treat a missing sum."""
    if not dims:
        return {"total": {None: {k: v for k, v in qs.aggregate(**aggs).items() if v is not None}}}
    inner_sql, params = (qs.values(**{f"d_{name}": expr for name, expr in dims.items()}).annotate(**aggs)
                         .order_by().query.sql_with_params())
    sums = ", ".join(f'CAST(SUM(b."{name}") AS BIGINT)' for name in aggs)  # SUM of bigint is numeric on PostgreSQL
    sql = _crossed(inner_sql, ("total", *dims), {name: f'b."d_{name}"' for name in dims}, sums, "1, 2")
    out: dict[str, dict[Any, dict[str, Any]]] = {"total": {}, **{name: {} for name in dims}}
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        for kind, key, *values in cursor.fetchall():
            group = None if kind == "total" else _decode(kind, key)
            out[kind][group] = {name: v for name, v in zip(aggs, values) if v is not None}
    return out


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


def _percentiles_of(histograms: dict[Any, dict[int, int]]) -> dict[Any, dict[str, float]]:
    out: dict[Any, dict[str, float]] = {}
    for key, histogram in histograms.items():
        values = {name: _interpolate(histogram, p) for name, p in PERCENTILES.items()}
        if all(v is not None for v in values.values()):
            out[key] = values  # type: ignore[assignment]
    return out


def _closed_histograms(closed_qs: QuerySet, dims: tuple[str, ...], months: list[Window] | None
                       ) -> tuple[dict[str, dict[Any, dict[int, int]]], dict[tuple[int, int, int], int]]:
    """In one query over the closed cases: the histogram of net trial days of every group of every dimension
    (`total` when there are none) and, with `months`, the closed cases by (month of closing, month of filing,
    first month-end at which they are over 12 months old) for the month-end pending series.

    The case rows are read once into a materialised CTE, then grouped once per dimension by (group key, value):
    a few hundred rows per group leave the database. (Crossing the rows with the dimensions and grouping once
    sorts six times as many rows in one go, which SQLite does markedly slower.)
    """
    columns: dict[str, Any] = {"h_net": F("net_trial_days")}
    for dim in dims:
        columns[f"h_{dim}"] = _dimension(dim, "closed_on")
    if months is not None:
        columns.update(h_closed_month=MonthKey("closed_on"), h_filed_month=MonthKey("filed_on"),
                       h_over_12_from=_over_12_from(months))
    base_sql, params = closed_qs.values(**columns).order_by().query.sql_with_params()
    branches = [f"SELECT '{dim}', CAST(h_{dim} AS TEXT), h_net, COUNT(*) FROM b GROUP BY 2, 3" for dim in dims]
    branches = branches or ["SELECT 'total', NULL, h_net, COUNT(*) FROM b GROUP BY 3"]
    scale = 10 ** len(str(len(months))) if months is not None else 1  # room for j = 0..len(months)
    if months is not None:
        branches.append(f"SELECT 'month_end', CAST(h_closed_month AS TEXT), h_filed_month * {scale} + h_over_12_from, "
                        "COUNT(*) FROM b GROUP BY 2, 3")
    connection = connections[closed_qs.db]
    materialized = len(branches) > 1 and (connection.vendor != "sqlite" or connection.Database.sqlite_version_info
                                          >= (3, 35))  # the keyword is SQLite 3.35+ (and PostgreSQL 12+)
    sql = f"WITH b AS {'MATERIALIZED ' if materialized else ''}({base_sql}) " + " UNION ALL ".join(branches)
    histograms: dict[str, dict[Any, dict[int, int]]] = {kind: {} for kind in (*dims, "total")}
    month_end: dict[tuple[int, int, int], int] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, key, value, n in cursor.fetchall():
            if value is None:
                continue  # no net trial days (histograms), or no filing date (never pending)
            if kind == "month_end":
                month_end[(int(key), int(value) // scale, int(value) % scale)] = n
                continue
            group = _decode(kind, key) if kind != "total" else 0
            histograms[kind].setdefault(group, {})[int(value)] = n
    if dims:  # every dimension partitions the closed cases: its groups add up to the total
        total = histograms["total"].setdefault(0, {})
        for histogram in histograms[dims[0]].values():
            for value, n in histogram.items():
                total[value] = total.get(value, 0) + n
    return histograms, month_end


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
    """Totals and the breakdowns `dims` in at most five queries, whatever the number of cases or months: received,
    closed and pending each added up for the total and every dimension at once, the histograms of net trial
    days (and the closed cases behind the month-end pending series), and the cases still pending at the end."""
    dims = tuple(dims)
    for by in dims:
        if by not in BREAKDOWNS:
            raise ValueError(str(UNKNOWN_BREAKDOWN) % {"name": by, "choices": ", ".join(BREAKDOWNS)})
    qs = filters.queryset()
    months = window.months()
    received = _marginals(qs.filter(received_q(window)), {"n": Count("pk")},
                          {d: _dimension(d, "filed_on") for d in dims})
    closed_qs = qs.filter(closed_q(window))
    closed = _marginals(closed_qs, _closed_aggregates(), {d: _dimension(d, "closed_on") for d in dims})
    pending = _marginals(qs.filter(pending_q(window.end)), _pending_aggregates(window.end),
                         {d: _dimension(d, "") for d in dims if d != "month"})
    histograms, closed_by_month = _closed_histograms(closed_qs, dims, months if "month" in dims else None)
    pct = {name: _percentiles_of(h) for name, h in histograms.items()}

    def figures_of(dim: str, key: Any, pending_counts: dict[str, Any] | None, days: int) -> dict[str, Any]:
        closed_counts = closed[dim].get(key)
        out = assemble(received=received[dim].get(key, {}).get("n", 0), closed=closed_counts,
                       pending=pending_counts, percentiles=pct[dim].get(0 if dim == "total" else key), days=days)
        if extras:
            out.update(_extras(closed_counts))
        return out

    pending_total = pending["total"].get(None, {})
    totals = figures_of("total", None, pending_total, window.days)
    breakdowns: dict[str, list[Row]] = {}
    for by in dims:
        if by == "month":
            continue
        keys = set(received[by]) | set(closed[by]) | set(pending[by])
        labels = _labels(by, keys)
        rows = [Row(key=k, label=labels[k], params={by: "none" if k is None else str(k)},
                    figures=figures_of(by, k, pending[by].get(k), window.days)) for k in keys]
        rows.sort(key=lambda r: (r.key is None, r.label))
        breakdowns[by] = rows
    if "month" in dims:
        month_pending = _month_end_pending(qs, window, months, closed_by_month)
        breakdowns["month"] = [
            Row(key=m.start.replace(day=1), label=f"{m.start:%Y-%m}", window=m,
                figures=figures_of("month", month_key(m.start), month_pending[i], m.days))
            for i, m in enumerate(months)
        ]
    return Report(filters=filters, window=window, totals=totals, monthly=breakdowns.pop("month", []),
                  breakdowns=breakdowns,
                  pending={name: pending_total.get(f"n_{name}", 0)
                           for name in ("pending", *AGE_BUCKETS, *DEADLINE_BUCKETS)})


def _month_end_pending(qs: QuerySet, window: Window, months: list[Window],
                       closed_by_month: dict[tuple[int, int, int], int]) -> list[dict[str, int]]:
    """Pending cases (and those over 12 months) at each month's end, from grouped counts and a running sum.

    A case is pending at the end d_k of month k when filed_on <= d_k < closed_on (or never closed): with f the
    month of filing (0 for any filing before the window), i the month of closing (len(months) if closed after
    the window or not at all) and j the first month at whose end it is over 12 months old, it counts for the
    months f <= k < i, and as over 12 months for j <= k < i. The cases closed in the window come grouped by
    (i, f, j) with the histograms; those still pending at the window's end from one small grouped query.
    """
    keys = [month_key(m.start) for m in months]
    index = {key: k for k, key in enumerate(keys)}
    open_at_end = (qs.filter(pending_q(window.end))
                   .values(f=MonthKey("filed_on"), j=_over_12_from(months)).annotate(n=Count("pk")).order_by())
    groups = [(len(months), row["f"], row["j"], row["n"]) for row in open_at_end]
    groups += [(index[closed], filed, j, n) for (closed, filed, j), n in closed_by_month.items()]
    pending, over_12 = [0] * len(months), [0] * len(months)
    for i, filed, j, n in groups:
        f = 0 if filed < keys[0] else index.get(filed, len(months))
        for k in range(f, i):
            pending[k] += n
        for k in range(j, i):
            over_12[k] += n
    return [{"n_pending": pending[k], "n_over_12_months": over_12[k]} for k in range(len(months))]


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
