"""The president's summary: the headline figures against the court's targets, the same period last year and the
province's figures, with their monthly trend; the teams and judges behind; the pending cases. The dashboard, the
printable report (PDF) and the workbook (Excel) are all drawn from one `Summary`, so they show the same numbers.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from court.rules.terms import add_months

from . import engine
from .definitions import AGE_BUCKETS, BUCKET_LABELS, DEADLINE_BUCKETS, HEADLINE_KEYS, LABELS
from .models import LOWER_IS_BETTER, ProvinceFigure, Target
from .population import Filters, Window

#: The headline figures in the order a president reads them (the county report's order).
HEADLINES = ("simple_procedure_rate", "avg_trial_days", "in_normal_term_rate", "mediation_withdrawal_rate")
assert set(HEADLINES) == set(HEADLINE_KEYS), "HEADLINES must name the headline figures of definitions.METRICS"
#: The columns of the team and judge comparisons: workload, the four figures and the ageing of the pending cases.
COMPARISON_KEYS = ("received", "closed", "pending_at_end", *HEADLINES, "over_12_months_pending_rate")


def last_year(window: Window) -> Window:
    """The same period a year earlier (29 February falls back to the 28th)."""
    return Window(add_months(window.start, -12), add_months(window.end, -12))


def _whole_months(window: Window) -> int | None:
    if window.start.day != 1:
        return None
    if window.end.day != calendar.monthrange(window.end.year, window.end.month)[1]:
        return None
    return (window.end.year - window.start.year) * 12 + window.end.month - window.start.month + 1


def previous_period(window: Window) -> Window:
    """The period just before: the months before for a window of whole months, else as many days before."""
    months = _whole_months(window)
    if months:
        start = add_months(window.start, -months)
        return Window(start, window.start - timedelta(days=1))
    return Window(window.start - timedelta(days=window.days), window.start - timedelta(days=1))


COMPARISONS = {"last_year": last_year, "previous": previous_period}


def better(key: str, value: float | None, reference: float | None) -> bool | None:
    """Whether `value` is at least as good as `reference` (None when either is missing)."""
    if value is None or reference is None:
        return None
    return value <= reference if key in LOWER_IS_BETTER else value >= reference


@dataclass
class Headline:
    key: str
    label: str
    value: float | None
    target: float | None
    before: float | None  # the comparison period (the same period last year, or the previous period)
    province: float | None
    trend: list[float | None]
    lower_is_better: bool

    @property
    def meets_target(self) -> bool | None:
        return better(self.key, self.value, self.target)

    @property
    def change(self) -> float | None:
        return None if self.value is None or self.before is None else self.value - self.before

    @property
    def improved(self) -> bool | None:
        """Better than the comparison period (None when unchanged or unknown)."""
        if self.change is None or self.change == 0:
            return None
        return better(self.key, self.value, self.before)

    @property
    def versus_province(self) -> bool | None:
        return better(self.key, self.value, self.province)


@dataclass
class Summary:
    filters: Filters
    window: Window
    compare: str
    before_window: Window
    report: engine.Report
    before: dict[str, Any]
    targets: dict[str, float]
    province: dict[str, float]
    province_name: str
    headlines: list[Headline] = field(default_factory=list)
    monthly: list[engine.Row] = field(default_factory=list)  # the trend: the window's months, or the 12 to it
    before_monthly: list[engine.Row] = field(default_factory=list)

    @property
    def months(self) -> list[str]:
        return [row.label for row in self.monthly]

    def series(self, key: str) -> list[float | None]:
        return [row.figures.get(key) for row in self.monthly]

    def before_series(self, key: str) -> list[float | None]:
        """The comparison period's months, aligned with the trend's (None where it has fewer)."""
        values = [row.figures.get(key) for row in self.before_monthly]
        return (values + [None] * len(self.monthly))[:len(self.monthly)]

    def rows(self, by: str) -> list[engine.Row]:
        return self.report.breakdowns.get(by, [])

    def behind(self, row: engine.Row, key: str) -> bool:
        """A team's or judge's figure worse than the court's target (or, with no target, the court's own figure)."""
        reference = self.targets.get(key, self.report.totals.get(key))
        return better(key, row.figures.get(key), reference) is False

    def pending_rows(self, keys: tuple[str, ...]) -> list[tuple[str, str, int]]:
        return [(key, str(BUCKET_LABELS[key]), self.report.pending[key]) for key in keys]

    @property
    def pending_age(self) -> list[tuple[str, str, int]]:
        return self.pending_rows(AGE_BUCKETS)

    @property
    def pending_deadline(self) -> list[tuple[str, str, int]]:
        return self.pending_rows(DEADLINE_BUCKETS)


def court_settings(court_id: int | None, year: int) -> tuple[dict[str, float], dict[str, float], str]:
    """The court's targets, and the province's figures for `year` (or the latest year before it that has any)."""
    if court_id is None:
        return {}, {}, ""
    from court.org.models import Court

    targets = dict(Target.objects.filter(court_id=court_id).values_list("metric", "value"))
    province = Court.objects.filter(pk=court_id).values_list("province", flat=True).first() or ""
    latest = (ProvinceFigure.objects.filter(province=province, year__lte=year).order_by("-year")
              .values_list("year", flat=True).first())
    figures = dict(ProvinceFigure.objects.filter(province=province, year=latest).values_list("metric", "value"))
    return targets, figures, f"{province} {latest}" if latest else ""


def build(filters: Filters, window: Window, *, compare: str = "last_year", trend: Window | None = None,
          report: engine.Report | None = None) -> Summary:
    """The summary of `window`, compared with the same period last year (`compare="last_year"`) or the period
    just before (`"previous"`); its monthly trend over `trend` (default: the window's own months)."""
    report = report or engine.report(filters, window)
    before_window = COMPARISONS[compare](window)
    before_report = engine.report(filters, before_window, by=())
    monthly = report.monthly if trend is None or trend == window else engine.breakdown(filters, trend, "month",
                                                                                       extras=True)
    before_monthly = (before_report.monthly if trend is None or trend == window else
                      engine.breakdown(filters, COMPARISONS[compare](trend), "month", extras=True))
    targets, province, province_name = court_settings(filters.court_id, window.end.year)
    summary = Summary(filters=filters, window=window, compare=compare, before_window=before_window, report=report,
                      before=before_report.totals, targets=targets, province=province, province_name=province_name,
                      monthly=monthly, before_monthly=before_monthly)
    summary.headlines = [
        Headline(key=key, label=str(LABELS[key]), value=report.totals.get(key), target=targets.get(key),
                 before=summary.before.get(key), province=province.get(key), trend=summary.series(key),
                 lower_is_better=key in LOWER_IS_BETTER)
        for key in HEADLINES
    ]
    return summary


def month_window(month: date) -> Window:
    """The calendar month of `month`."""
    first = month.replace(day=1)
    return Window(first, first.replace(day=calendar.monthrange(first.year, first.month)[1]))
