"""The one hand-built SQL of the metrics, behind one function: `tally`.

`tally` counts every case set of `definitions` and sums every measure, for the total and for every group of the
breakdowns asked for, reads the histograms the percentiles come from and the pending cases at each month's end,
in at most five queries whatever the number of cases or months. Django's ORM cannot say "group by each of these
dimensions and add up per dimension" or "one CTE, several GROUP BYs" in one query, hence the SQL text; every
`WHERE` in it is still the ORM's (the `Q` objects of the case sets). tests/metrics/test_reference.py checks the
figures built from it against plain ORM and Python over the same cases, for every declared metric.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connections
from django.db.models import Case as SqlCase
from django.db.models import Count, F, Func, IntegerField, QuerySet, Sum, When
from django.db.models.expressions import Expression, Value

from .definitions import CLOSED_SETS, HISTOGRAM_MEASURE, MEASURES, RECEIVED_SETS, over_12_months_cut, pending_sets
from .population import Filters, Window, closed_q, pending_q, received_q, set_counts

#: Group key -> aggregate name -> value, for "total" (key None) and each dimension asked for.
Marginals = dict[str, dict[Any, dict[str, Any]]]
DIMENSIONS = {"team": "team_id", "judge": "judge_id", "cause": "cause_id", "procedure": "procedure"}


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


@dataclass
class Tally:
    """The raw numbers every figure is assembled from (names: `n_<set>`, `sum_<measure>`, `cnt_<measure>`)."""

    received: Marginals
    closed: Marginals
    pending: Marginals  # the month dimension has none: see `month_end`
    histograms: dict[str, dict[Any, dict[int, int]]]  # of HISTOGRAM_MEASURE over the closed cases, per group
    month_end: list[dict[str, int]] = field(default_factory=list)  # per month: n_pending, n_over_12_months


def tally(filters: Filters, window: Window, dims: tuple[str, ...]) -> Tally:
    """The counts of every case set and the sums of every measure for the total and every group of `dims`
    (team, judge, cause, procedure, month), the histograms of net trial days, and with `month` the pending cases
    at each month's end: received, closed and pending one query each, the histograms one, the month ends one."""
    qs = filters.queryset()
    received = _marginals(qs.filter(received_q(window)), set_counts(RECEIVED_SETS),
                          {d: _dimension(d, "filed_on") for d in dims})
    closed_qs = qs.filter(closed_q(window))
    closed = _marginals(closed_qs, _closed_aggregates(), {d: _dimension(d, "closed_on") for d in dims})
    pending = _marginals(qs.filter(pending_q(window.end)), set_counts(pending_sets(window.end)),
                         {d: _dimension(d, "") for d in dims if d != "month"})
    months = window.months() if "month" in dims else None
    histograms, closed_by_month = _closed_histograms(closed_qs, dims, months)
    month_end = _month_end_pending(qs, window, months, closed_by_month) if months is not None else []
    return Tally(received=received, closed=closed, pending=pending, histograms=histograms, month_end=month_end)


def _dimension(name: str, date_field: str) -> Expression:
    return MonthKey(date_field) if name == "month" else F(DIMENSIONS[name])


def _closed_aggregates() -> dict[str, Any]:
    """Counts of every closed subset, and sums (not averages) so that groups can be added up."""
    aggs: dict[str, Any] = set_counts(CLOSED_SETS)
    for measure in MEASURES:
        aggs[f"sum_{measure.name}"] = Sum(measure.field)
        aggs[f"cnt_{measure.name}"] = Count(measure.field)
    return aggs


def _over_12_from(months: list[Window]) -> Expression:
    """The index of the first month at whose end a case is over 12 months old, len(months) if none:
    `CASE WHEN filed_on < cut_0 THEN 0 ...`."""
    whens = [When(filed_on__lt=over_12_months_cut(m.end), then=Value(i)) for i, m in enumerate(months)]
    return SqlCase(*whens, default=Value(len(months)), output_field=IntegerField())


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


def _marginals(qs: QuerySet, aggs: dict[str, Any], dims: dict[str, Expression]) -> Marginals:
    """The aggregates `aggs` for the total (`"total"`, key None) and per group of every dimension, in one query:
    a GROUP BY over every dimension at once (a few thousand rows), added up per dimension in the database.
    Aggregates that are NULL (a sum over nothing) are left out, as the figures treat a missing sum."""
    if not dims:
        return {"total": {None: {k: v for k, v in qs.aggregate(**aggs).items() if v is not None}}}
    inner_sql, params = (qs.values(**{f"d_{name}": expr for name, expr in dims.items()}).annotate(**aggs)
                         .order_by().query.sql_with_params())
    sums = ", ".join(f'CAST(SUM(b."{name}") AS BIGINT)' for name in aggs)  # SUM of bigint is numeric on PostgreSQL
    sql = _crossed(inner_sql, ("total", *dims), {name: f'b."d_{name}"' for name in dims}, sums, "1, 2")
    out: Marginals = {"total": {}, **{name: {} for name in dims}}
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        for kind, key, *values in cursor.fetchall():
            group = None if kind == "total" else _decode(kind, key)
            out[kind][group] = {name: v for name, v in zip(aggs, values) if v is not None}
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
    columns: dict[str, Any] = {"h_net": F(HISTOGRAM_MEASURE.field)}
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
