"""The one hand-built SQL of the metrics, behind one function: `tally`.

`tally` counts every case set of `definitions` and sums every measure, for the total and for every group of the
breakdowns asked for, reads the histograms the percentiles come from and the pending cases at each month's end,
in one query whatever the breakdowns and the number of cases or months (without breakdowns on SQLite: one per
family of cases). Django's ORM cannot say "group by each of these dimensions and add up per dimension" or "one
CTE, several GROUP BYs" in one query, hence the SQL text; every `WHERE` in it is still the ORM's (the `Q` objects
of the case sets). tests/metrics/test_reference.py checks the figures built from it against plain ORM and Python
over the same cases, for every declared metric.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connections, transaction
from django.db.models import Case as SqlCase
from django.db.models import Count, F, Func, IntegerField, Q, QuerySet, Sum, When
from django.db.models.expressions import Expression, ExpressionWrapper, Value

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
    at each month's end, in ONE query that reads each case of the window once (received, closed or pending):

    - without dims (`court_metrics`): grouped by the net trial days of the closed cases, every count and sum per
      value, added up here; the histogram is the closed count per value (`_single_pass`; on SQLite one query
      per family);
    - with dims: the cases read into a CTE and grouped from there (`_grouped`).
    """
    qs = filters.queryset()
    families = _families(window)
    in_any = families["received"][0] | families["closed"][0] | families["pending"][0]
    with _query_settings(qs.db):
        if not dims and connections[qs.db].vendor == "sqlite":  # see _single_pass
            parts = [_single_pass(qs.filter(q), {family: (q, aggs)})
                     for family, (q, aggs) in _families(window, filtered=False).items()]
            return Tally(received=parts[0].received, closed=parts[1].closed, pending=parts[2].pending,
                         histograms=parts[1].histograms)
        if not dims:
            return _single_pass(qs.filter(in_any), families)
        months = window.months() if "month" in dims else None
        marginals, histograms, closed_by_month, open_at_end = _grouped(qs.filter(in_any), families, dims, months)
    month_end = _month_end_pending(months, closed_by_month, open_at_end) if months is not None else []
    return Tally(received=marginals["received"], closed=marginals["closed"], pending=marginals["pending"],
                 histograms=histograms, month_end=month_end)


#: PostgreSQL settings for the tally's query only (SET LOCAL): its groups and its CTE (about 40 MB for a year of
#: 1,000,000 cases) held in memory rather than sorted and spilled on disk, and no JIT compilation (the query costs
#: just above `jit_above_cost`; compiling its expressions took 140-230 ms at 1,000,000 cases, more than it saved).
POSTGRES_SETTINGS = {"work_mem": "64MB", "jit": "off"}


@contextmanager
def _query_settings(alias: str) -> Iterator[None]:
    """POSTGRES_SETTINGS for the queries run inside: `set_config(name, value, true)` (SET LOCAL, in one statement)
    in a transaction without savepoint, so they end with it."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=alias, savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join("set_config(%s, %s, true)" for _name in POSTGRES_SETTINGS),
                           [v for item in POSTGRES_SETTINGS.items() for v in item])
        yield


#: family -> (the Q of its cases in the window, its aggregates), built by `_families`.
Families = dict[str, tuple[Q, dict[str, Any]]]


def _families(window: Window, *, filtered: bool = True) -> Families:
    """The three families of a window with their aggregates (the counts of every set; for the closed cases the
    sums and counts of every measure, sums so that groups can be added up), each filtered on its family so that
    one query over the cases of any family counts them all (`filtered`; else for a query over one family)."""
    received_window, closed_window, pending_end = received_q(window), closed_q(window), pending_q(window.end)

    def counts(family: Q, sets: dict[str, Q]) -> dict[str, Any]:
        if not filtered:
            return set_counts(sets)
        return {name: Count("pk", filter=family & agg.filter if agg.filter else family)
                for name, agg in set_counts(sets).items()}

    closed = counts(closed_window, CLOSED_SETS)
    for measure in MEASURES:
        closed[f"sum_{measure.name}"] = Sum(measure.field, filter=closed_window if filtered else None)
        closed[f"cnt_{measure.name}"] = Count(measure.field, filter=closed_window if filtered else None)
    return {"received": (received_window, counts(received_window, RECEIVED_SETS)),
            "closed": (closed_window, closed),
            "pending": (pending_end, counts(pending_end, pending_sets(window.end)))}


def _single_pass(qs: QuerySet, families: Families) -> Tally:
    """Totals and the histogram in one query: every aggregate of `families` per value of the closed cases' net
    trial days (a few hundred groups; NULL for the cases not closed in the window), added up here.

    `tally` runs it once over the cases of the three families on PostgreSQL (a year's cases lie on most pages of
    the case table: reading them once is what counts), and once per family on SQLite, which reads rows through
    an index one at a time in one thread: there each family through its own index with only its own aggregates
    is quicker (a year of 1,000,000 cases: 0.57 s against 1.18 s), the received count from the index alone."""
    aggs = {name: agg for _q, family_aggs in families.values() for name, agg in family_aggs.items()}
    totals: dict[str, Any] = {}
    histogram: dict[int, int] = {}
    if "closed" in families:
        value = F(HISTOGRAM_MEASURE.field) if len(families) == 1 else SqlCase(
            When(families["closed"][0], then=F(HISTOGRAM_MEASURE.field)), default=None, output_field=IntegerField())
        rows = qs.values(h_value=value).annotate(**aggs).order_by()
    else:
        rows = [{"h_value": None, **qs.aggregate(**aggs)}]
    for row in rows:
        for name in aggs:
            if row[name] is not None:
                totals[name] = totals.get(name, 0) + row[name]
        if row["h_value"] is not None and row.get("n_closed"):
            histogram[int(row["h_value"])] = row["n_closed"]
    split = {family: {"total": {None: {k: totals[k] for k in family_aggs if k in totals}}}
             for family, (_q, family_aggs) in families.items()}
    return Tally(received=split.get("received", {}), closed=split.get("closed", {}), pending=split.get("pending", {}),
                 histograms={"total": {0: histogram}})


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


def _materialized(connection: Any) -> str:
    """The keyword that makes a CTE evaluated once (SQLite 3.35+ and PostgreSQL 12+; before, SQLite did anyway)."""
    return "MATERIALIZED " if connection.vendor != "sqlite" or connection.Database.sqlite_version_info >= (3, 35) \
        else ""


def _flags(families: Families) -> dict[str, Expression]:
    """Per case, what each aggregate of `_families` adds for it: 1 or 0 for a count, the measure (NULL outside the
    family) for a sum; their sums over a group are the aggregates over its cases."""
    closed_window = families["closed"][0]
    out: dict[str, Expression] = {}
    for _family, aggs in families.values():
        for name, agg in aggs.items():
            if isinstance(agg, Sum):
                out[name] = SqlCase(When(closed_window, then=agg.source_expressions[0]), default=None,
                                    output_field=IntegerField())
            else:  # Count(pk or measure, filter=...): counts the cases of the filter where the counted column is set
                counted = agg.source_expressions[0]
                condition = agg.filter if counted.name == "pk" else agg.filter & Q(**{f"{counted.name}__isnull": False})
                out[name] = SqlCase(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())
    return out


def _grouped(qs: QuerySet, families: Families, dims: tuple[str, ...], months: list[Window] | None) -> tuple[
        dict[str, Marginals], dict[str, dict[Any, dict[int, int]]], dict[tuple[int, int, int], int],
        dict[tuple[int, int], int]]:
    """Everything `tally` reads for the breakdowns `dims`, in ONE query: the case rows of any family are read
    once into a materialised CTE `b` (per case its group keys and what it adds to each aggregate, `_flags`), then

    - the marginals of each family: one GROUP BY of its cases over every dimension at once (`g_<family>`, some
      thousands of rows), added up per dimension with one small GROUP BY each. The month of a received case is
      its filing month, of a closed one its closing month; pending cases have no month;
    - the histogram of net trial days of the closed cases of every group of every dimension, grouped by (group
      key, value): a few hundred rows per group leave the database;
    - with `months`, the cases closed in the window by (month of closing, month of filing, first month-end at
      which they are over 12 months old) and those pending at the window's end by (month of filing, that
      month-end), for the month-end series.

    (Reading the cases once matters most: a year's cases lie on most pages of the case table. A CROSS JOIN of
    the groups with the dimensions, grouped once, made PostgreSQL sort them all on disk.) Every result row has
    the same columns: kind, group key, value and count (histograms, month ends), then the sums of one family
    (NULL-padded to the widest). Aggregates that are NULL (a sum over nothing) are left out, as the figures
    treat a missing sum.
    """
    received_window, closed_window = families["received"][0], families["closed"][0]
    keys: dict[str, Expression] = {f"d_{name}": F(DIMENSIONS[name]) for name in dims if name != "month"}
    if months is not None:
        keys["d_month_r"] = SqlCase(When(received_window, then=MonthKey("filed_on")), default=None,
                                    output_field=IntegerField())
        keys["d_month_c"] = SqlCase(When(closed_window, then=MonthKey("closed_on")), default=None,
                                    output_field=IntegerField())
    flags = _flags(families)
    columns: dict[str, Expression] = {**keys, **flags, "h_net": SqlCase(
        When(closed_window, then=F(HISTOGRAM_MEASURE.field)), default=None, output_field=IntegerField())}
    scale = 10 ** len(str(len(months))) if months is not None else 1  # room for j = 0..len(months)
    if months is not None:  # (month of filing, first month-end over 12 months) as one number
        columns["h_month_end"] = ExpressionWrapper(MonthKey("filed_on") * Value(scale) + _over_12_from(months),
                                                   output_field=IntegerField())
    base_sql, params = qs.values(**columns).order_by().query.sql_with_params()

    width = max(len(aggs) for _q, aggs in families.values())
    ctes, branches = [f"b AS {{m}}({base_sql})"], []
    no_value = "CAST(NULL AS INTEGER), CAST(NULL AS BIGINT)"
    for family, (_q, aggs) in families.items():
        month = {"received": "d_month_r", "closed": "d_month_c"}.get(family) if months is not None else None
        group_keys = {name: f"d_{name}" for name in dims if name != "month"} | ({"month": month} if month else {})
        key_list = ", ".join(group_keys.values())
        select_keys = f"{key_list}, " if key_list else ""
        ctes.append(f"g_{family} AS {{m}}(SELECT {select_keys}"
                    + ", ".join(f'SUM("{name}") AS "{name}"' for name in aggs)
                    + f' FROM b WHERE "n_{family}" = 1' + (f" GROUP BY {key_list})" if key_list else ")"))
        sums = ", ".join([f'CAST(SUM("{name}") AS BIGINT)' for name in aggs]  # SUM of bigint is numeric on PostgreSQL
                         + ["CAST(NULL AS BIGINT)"] * (width - len(aggs)))
        branches.append(f"SELECT '{family}:total', CAST(NULL AS TEXT), {no_value}, {sums} FROM g_{family}")
        branches += [f"SELECT '{family}:{name}', CAST({col} AS TEXT), {no_value}, {sums} FROM g_{family} GROUP BY {col}"
                     for name, col in group_keys.items()]
    histogram_keys = {name: "d_month_c" if name == "month" else f"d_{name}" for name in dims}
    sets = {f"histogram:{name}": (col, "h_net") for name, col in histogram_keys.items()}
    if months is not None:
        sets["month_end:"] = ("d_month_c", "h_month_end")
    connection = connections[qs.db]
    branches += _histogram_branches(sets, width, grouping_sets=connection.vendor == "postgresql",
                                    month_end='"n_pending" = 1 OR d_month_c IS NOT NULL' if months else "")
    sql = "WITH " + ", ".join(ctes).replace("{m}", _materialized(connection)) + " " + " UNION ALL ".join(branches)

    marginals: dict[str, Marginals] = {family: {"total": {}, **{name: {} for name in dims if family != "pending"
                                                                 or name != "month"}} for family in families}
    histograms: dict[str, dict[Any, dict[int, int]]] = {kind: {} for kind in (*dims, "total")}
    month_end: dict[tuple[int, int, int], int] = {}
    open_at_end: dict[tuple[int, int], int] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, key, value, n, *values in cursor.fetchall():
            part, by = kind.split(":")
            if value is None and part in ("histogram", "month_end"):
                continue  # histograms: no net trial days (or a pending case); month ends: no filing date
            if part == "month_end":
                filed, j = int(value) // scale, int(value) % scale
                if key is None:  # pending at the window's end
                    open_at_end[(filed, j)] = open_at_end.get((filed, j), 0) + n
                else:
                    month_end[(int(key), filed, j)] = n
            elif part == "histogram":
                histograms[by].setdefault(_decode(by, key), {})[int(value)] = n
            elif by != "month" or key is not None:  # a month of no case of the family
                group = None if by == "total" else _decode(by, key)
                marginals[part][by][group] = {name: v for name, v in zip(families[part][1], values) if v is not None}
    total = histograms["total"].setdefault(0, {})  # every dimension partitions the closed cases: its groups add up
    for histogram in histograms[dims[0]].values():
        for value, n in histogram.items():
            total[value] = total.get(value, 0) + n
    return marginals, histograms, month_end, open_at_end


def _histogram_branches(sets: dict[str, tuple[str, str]], width: int, *, grouping_sets: bool,
                        month_end: str) -> list[str]:
    """`SELECT kind, key, value, COUNT(*)` from `b` for each (kind: (key column, value column)) of `sets`, over
    the closed cases (`h_net IS NOT NULL`; for the value `h_month_end`: the `month_end` rows): one GROUP BY
    each, or on PostgreSQL one GROUP BY GROUPING SETS reading `b` once (`GROUPING(...)` tells the sets apart;
    there the other rows count in a set under a NULL value, which `_grouped` skips)."""
    where = f"h_net IS NOT NULL OR {month_end}" if month_end else "h_net IS NOT NULL"
    no_sums = ", ".join(["CAST(NULL AS BIGINT)"] * width)
    if not grouping_sets:
        return [f"SELECT '{kind}', CAST({key} AS TEXT), {value}, COUNT(*), {no_sums} FROM b "
                f"WHERE {'h_net IS NOT NULL' if value == 'h_net' else month_end} GROUP BY {key}, {value}"
                for kind, (key, value) in sets.items()]
    columns = list(dict.fromkeys(col for pair in sets.values() for col in pair))
    grouping = f"GROUPING({', '.join(columns)})"

    def mask(pair: tuple[str, str]) -> int:  # GROUPING's bits: 1 for each column not in the set, first one highest
        return sum(1 << (len(columns) - 1 - i) for i, col in enumerate(columns) if col not in pair)

    def case(part: Any) -> str:
        return f"CASE {grouping} " + " ".join(f"WHEN {mask(pair)} THEN {part(kind, pair)}"
                                              for kind, pair in sets.items()) + " END"

    return [f"SELECT {case(lambda kind, pair: repr(kind))}, {case(lambda kind, pair: f'CAST({pair[0]} AS TEXT)')}, "
            f"{case(lambda kind, pair: pair[1])}, COUNT(*), {no_sums} FROM b WHERE {where} GROUP BY GROUPING SETS ("
            + ", ".join(f"({key}, {value})" for key, value in sets.values()) + ")"]


def _month_end_pending(months: list[Window], closed_by_month: dict[tuple[int, int, int], int],
                       open_at_end: dict[tuple[int, int], int]) -> list[dict[str, int]]:
    """Pending cases (and those over 12 months) at each month's end, from grouped counts and a running sum.

    A case is pending at the end d_k of month k when filed_on <= d_k < closed_on (or never closed): with f the
    month of filing (0 for any filing before the window), i the month of closing (len(months) if closed after
    the window or not at all) and j the first month at whose end it is over 12 months old, it counts for the
    months f <= k < i, and as over 12 months for j <= k < i. The cases closed in the window come grouped by
    (i, f, j), those still pending at the window's end by (f, j), both with the histograms.
    """
    keys = [month_key(m.start) for m in months]
    index = {key: k for k, key in enumerate(keys)}
    groups = [(len(months), filed, j, n) for (filed, j), n in open_at_end.items()]
    groups += [(index[closed], filed, j, n) for (closed, filed, j), n in closed_by_month.items()]
    pending, over_12 = [0] * len(months), [0] * len(months)
    for i, filed, j, n in groups:
        f = 0 if filed < keys[0] else index.get(filed, len(months))
        for k in range(f, i):
            pending[k] += n
        for k in range(j, i):
            over_12[k] += n
    return [{"n_pending": pending[k], "n_over_12_months": over_12[k]} for k in range(len(months))]
