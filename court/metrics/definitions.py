"""The figures of docs/metrics.md, each declared once, and the case sets they count.

A figure is a `Metric`: its key, its label, the case set it counts (`numerator`, also the drill-down list behind
the number), the case set it is divided by (`denominator`, for a rate) or the statistic it takes of a measure
over its cases (a mean or a percentile of trial days), whether it is a headline tile and its international
reference line. Its kind (count, rate or days), which fixes how it reads on screen and in Excel, follows from
the declaration.

**Adding a figure** is one `Metric` in METRICS (and, if it counts cases no set names yet, that set's `Q` in
RECEIVED_SETS, CLOSED_SETS or `pending_sets`). Everything else is derived from the declarations: the JSON keys
of `court_metrics` (the documented figures, in order), the aggregates of the one SQL function (`sql.tally`) and
the assembly of the figures (`engine.assemble`), the breakdowns and the monthly series, the dashboard's tiles,
table, charts and drill-down links, and the CSV/Excel/PDF exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from court.cases.models import ClosingMode, Procedure
from court.rules.terms import add_months

# --- the case sets --------------------------------------------------------------------------------------------

MEDIATION_WITHDRAWAL_MODES = (ClosingMode.MEDIATION, ClosingMode.WITHDRAWAL, ClosingMode.DEEMED_WITHDRAWAL)
WITH_TERM = Q(foreign_related=False)  # CPL 287: no statutory term for foreign-related cases

#: Subsets of the cases filed in the window.
RECEIVED_SETS: dict[str, Q] = {"received": Q()}

#: Subsets of the cases closed in the window (numerators and special denominators).
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


def over_12_months_cut(as_of: date) -> date:
    """A case pending on `as_of` is "filed more than 12 months before" it (metrics.md) when filed before this day."""
    return add_months(as_of, -12)


def pending_sets(as_of: date) -> dict[str, Q]:
    """Subsets of the cases pending on `as_of`: by age since filing and by days left to the normal deadline."""
    m3, m6, m12 = add_months(as_of, -3), add_months(as_of, -6), over_12_months_cut(as_of)
    term = WITH_TERM & Q(normal_deadline__isnull=False)
    return {
        "pending": Q(),
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


PENDING_SET_NAMES = tuple(pending_sets(date(2000, 1, 1)))
SET_NAMES = (*RECEIVED_SETS, *CLOSED_SETS, *PENDING_SET_NAMES)
#: The pending sets the month-end series follows (`sql.tally`): the pending cases and those over 12 months.
MONTHLY_PENDING_SETS = ("pending", "over_12_months")

AGE_BUCKETS = ("age_0_3", "age_3_6", "age_6_12", "age_12_plus")
DEADLINE_BUCKETS = ("overdue", "due_0_15", "due_16_30", "due_30_plus", "no_term")
BUCKET_LABELS: dict[str, Any] = {
    "age_0_3": _("0-3 months"), "age_3_6": _("3-6 months"), "age_6_12": _("6-12 months"),
    "age_12_plus": _("over 12 months"),
    "overdue": _("overdue"), "due_0_15": _("0-15 days left"), "due_16_30": _("16-30 days left"),
    "due_30_plus": _("over 30 days left"), "no_term": _("no term (foreign-related)"),
}


# --- the figures ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    """A number of days on each case whose mean or percentiles a figure takes; `name` names its raw sums
    (`sum_<name>`, `cnt_<name>`: the sum over the cases and the number of cases that have it)."""

    field: str
    name: str


NET_TRIAL_DAYS = Measure("net_trial_days", "trial")
ELAPSED_DAYS = Measure("elapsed_days", "elapsed")
#: The measure whose distribution `sql.tally` reads (as a histogram per group): the percentiles are of it.
HISTOGRAM_MEASURE = NET_TRIAL_DAYS


@dataclass(frozen=True)
class Metric:
    """One figure. Its value is, for the cases of a window (or of one group of a breakdown):

    - a count: the number of cases in `numerator`;
    - a rate: `numerator` / `denominator` (None when the denominator is empty), in days when `per_window_day`
      (× the days of the window: CEPEJ disposition time);
    - a statistic of the measure `of` over the `numerator` cases: its `percentile`, or else its mean.

    `numerator` is also the drill-down list behind the number on the dashboard. `documented`: one of
    metrics.md's keys (in `court_metrics`' JSON); the others show on the dashboard and in the exports only.
    """

    key: str
    label: Any
    numerator: str
    denominator: str | None = None
    of: Measure | None = None
    percentile: Fraction | None = None
    per_window_day: bool = False
    headline: bool = False
    reference: tuple[float, Any] | None = None
    documented: bool = True

    @property
    def kind(self) -> str:
        """How it reads: `count` (an integer), `rate` (a percentage with two decimals) or `days` (one decimal)."""
        if self.of is not None or self.per_window_day:
            return "days"
        return "count" if self.denominator is None else "rate"

    @property
    def drill(self) -> str:
        """The case set behind the number (its drill-down list)."""
        return self.numerator


def _rate(key: str, label: Any, numerator: str, denominator: str = "closed", **options: Any) -> Metric:
    return Metric(key, label, numerator, denominator, **options)


#: Every figure, in metrics.md's order (the JSON of `court_metrics` has exactly the documented ones, in this order).
METRICS: tuple[Metric, ...] = (
    Metric("received", _("Cases received (收案数)"), "received"),
    Metric("closed", _("Cases closed (结案数)"), "closed"),
    Metric("pending_at_end", _("Pending at end (未结案数)"), "pending"),
    _rate("mediation_withdrawal_rate", _("Mediation and withdrawal rate (调撤率)"), "mediation_withdrawal",
          headline=True),
    _rate("mediation_rate", _("Mediation rate (调解率)"), "mediation"),
    _rate("simple_procedure_rate", _("Simple procedure rate (简易程序适用率)"), "simple_procedure", headline=True),
    _rate("small_claims_rate", _("Small claims rate (小额诉讼程序适用率)"), "small_claims"),
    _rate("conversion_rate", _("Conversion to ordinary rate (简转普率)"), "converted", "initially_not_ordinary"),
    Metric("avg_trial_days", _("Average trial days (平均审理天数)"), "closed", of=NET_TRIAL_DAYS, headline=True),
    Metric("avg_elapsed_days", _("Average elapsed days, nothing excluded"), "closed", of=ELAPSED_DAYS),
    Metric("median_trial_days", _("Median trial days"), "closed", of=NET_TRIAL_DAYS, percentile=Fraction(1, 2)),
    Metric("p90_trial_days", _("90th percentile trial days"), "closed", of=NET_TRIAL_DAYS,
           percentile=Fraction(9, 10)),
    _rate("in_normal_term_rate", _("Closed within the normal term (法定正常审限内结案率)"), "in_normal_term",
          "with_term", headline=True),
    _rate("in_term_rate", _("Closed within the term (审限内结案率)"), "in_term", "with_term"),
    _rate("extension_rate", _("Extension rate (延长审限率)"), "extension", "with_term"),
    _rate("closed_to_received", _("Clearance rate (结收比)"), "closed", "received",
          reference=(1.0, _("CEPEJ clearance rate 100%: keeping up"))),
    _rate("disposition_time_days", _("Disposition time, days (CEPEJ)"), "pending", "closed", per_window_day=True),
    _rate("over_12_months_pending_rate", _("Pending over 12 months (超12个月未结案件比)"), "over_12_months",
          "pending"),
    _rate("within_90_days_rate", _("Closed within 90 days"), "within_90_days"),
    _rate("within_180_days_rate", _("Closed within 180 days"), "within_180_days",
          reference=(0.75, _("US model time standard: 75% within 180 days"))),
    _rate("within_365_days_rate", _("Closed within 365 days"), "within_365_days",
          reference=(0.90, _("US model time standard: 90% within 365 days"))),
    _rate("within_540_days_rate", _("Closed within 540 days"), "within_540_days",
          reference=(0.98, _("US model time standard: 98% within 540 days")), documented=False),
)


def _checked(metrics: tuple[Metric, ...]) -> dict[str, Metric]:
    """The declarations by key, refused at import if the engine could not compute one of them."""
    by_key: dict[str, Metric] = {}
    for m in metrics:
        problem = None
        if m.key in by_key:
            problem = "is declared twice"
        elif not {m.numerator, m.denominator} - {None} <= set(SET_NAMES):
            problem = "counts a case set that is not declared"
        elif m.of is not None and (m.numerator != "closed" or m.denominator is not None):
            problem = "takes a statistic of other cases than the closed ones"
        elif m.percentile is not None and (m.of != HISTOGRAM_MEASURE or not 0 <= m.percentile <= 1):
            problem = "takes a percentile of another measure than HISTOGRAM_MEASURE"
        elif m.per_window_day and m.denominator is None:
            problem = "is per window day but has no denominator"
        elif {m.numerator, m.denominator} & set(PENDING_SET_NAMES) - set(MONTHLY_PENDING_SETS):
            problem = "counts pending cases the month-end series does not follow"
        if problem:
            raise ValueError(f"Metric {m.key!r} {problem}.")  # a declaration error, for developers
        by_key[m.key] = m
    return by_key


BY_KEY: dict[str, Metric] = _checked(METRICS)
#: The keys of metrics.md, in its order (the JSON of `court_metrics` has exactly these).
METRIC_KEYS: tuple[str, ...] = tuple(m.key for m in METRICS if m.documented)
#: Every figure the dashboard and the exports show: metrics.md's and the others.
FIGURE_KEYS: tuple[str, ...] = tuple(m.key for m in METRICS)
COUNT_KEYS = tuple(m.key for m in METRICS if m.kind == "count")
DAY_KEYS = tuple(m.key for m in METRICS if m.kind == "days")
RATE_KEYS = tuple(m.key for m in METRICS if m.kind == "rate")
HEADLINE_KEYS = tuple(m.key for m in METRICS if m.headline)
LABELS: dict[str, Any] = {m.key: m.label for m in METRICS}
#: International anchors (metrics.md): US Model Time Standards and the CEPEJ clearance rate.
REFERENCE_LINES: dict[str, tuple[float, Any]] = {m.key: m.reference for m in METRICS if m.reference}
PERCENTILES: dict[str, Fraction] = {m.key: m.percentile for m in METRICS if m.percentile is not None}
MEASURES: tuple[Measure, ...] = tuple(dict.fromkeys(m.of for m in METRICS if m.of is not None))


def set_label(name: str) -> str:
    """The heading of a drill-down list: its bucket, or the first figure it lies behind, or its name."""
    if name in BUCKET_LABELS:
        return str(BUCKET_LABELS[name])
    return next((str(m.label) for m in METRICS if m.drill == name), name)
