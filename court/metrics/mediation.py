"""The measures of the mediation chain (诉源治理), each figure declared once in `FIGURES` and computed by one
aggregation over the pre-filing mediations received in a period (court.mediation.models.Mediation):

received, resolved by agreement, confirmed by the court (民特 closed confirming, CPL 206), failed, failed and then
filed as 民初; the success rate (agreements of the mediations that ended) and the average days (from the mediator's
acceptance to the end, OMR 24); the same by chain member and by town or village; the share of disputes resolved
before filing (agreements ÷ (agreements + 民初 cases filed in the period)); and each village's 民初 filings per
1,000 residents by year, where the court entered its population ("no-litigation villages": none filed).

The 民初 figures of `definitions.py` never read these: a 民诉前调 or 民特 case is not a 民初 case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from court.cases.models import Case, CaseType, ClosingMode
from court.mediation.models import CaseArea, Mediation
from court.org.models import Area

O = Mediation.Outcome


@dataclass(frozen=True)
class Figure:
    key: str
    label: Promise
    aggregate: Any  # a Django aggregate over the period's pre-filing mediations
    kind: str = "count"  # count, rate (a percentage), days


FIGURES: tuple[Figure, ...] = (
    Figure("received", _("Pre-filing mediations received"), Count("id")),
    Figure("agreed", _("Resolved by agreement"), Count("id", filter=Q(outcome=O.AGREEMENT))),
    Figure("confirmed", _("Agreements confirmed by the court (CPL 206)"),
           Count("id", filter=Q(confirmation_case__closing_mode=ClosingMode.OTHER,
                                confirmation_case__closed_on__isnull=False))),
    Figure("failed", _("Failed"), Count("id", filter=Q(outcome=O.FAILED))),
    Figure("filed", _("Failed and filed as first-instance cases"),
           Count("id", filter=Q(outcome=O.FAILED, filed_case__filed_on__isnull=False))),
    Figure("ended", _("Ended"), Count("id", filter=~Q(outcome=O.OPEN))),
    Figure("average_days", _("Average days to the end"),
           Avg(ExpressionWrapper(F("ended_on") - F("started_on"), output_field=DurationField()),
               filter=~Q(outcome=O.OPEN) & Q(started_on__isnull=False)), kind="days"),
)
#: The rate derived from the counts: agreements of the mediations that ended.
SUCCESS_RATE = _("Success rate")
SHARE_BEFORE_FILING = _("Share of disputes resolved before filing")


def _days(value: Any) -> Decimal | None:
    if value is None:
        return None
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else float(value) / 1_000_000
    return (Decimal(seconds) / Decimal(86400)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), ROUND_HALF_UP) if whole else None


def pre_filing(court_id: int | None, start: date, end: date) -> QuerySet[Mediation]:
    qs = Mediation.objects.filter(stage=Mediation.Stage.PRE_FILING, received_on__gte=start, received_on__lte=end)
    return qs.filter(case__court_id=court_id) if court_id is not None else qs


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    row["average_days"] = _days(row.get("average_days"))
    row["success_rate"] = rate(row["agreed"], row["ended"])
    return row


def figures(court_id: int | None, start: date, end: date) -> dict[str, Any]:
    """The period's figures (`FIGURES`, the success rate and the share resolved before filing)."""
    row = _finish(pre_filing(court_id, start, end).aggregate(**{f.key: f.aggregate for f in FIGURES}))
    filed = Case.objects.filter(case_type=CaseType.FIRST_INSTANCE, filed_on__gte=start, filed_on__lte=end)
    if court_id is not None:
        filed = filed.filter(court_id=court_id)
    row["first_instance_filed"] = filed.count()
    row["share_before_filing"] = rate(row["agreed"], row["agreed"] + row["first_instance_filed"])
    return row


def breakdown(court_id: int | None, start: date, end: date, by: str) -> list[dict[str, Any]]:
    """The figures by chain member (`organisation`) or by the parties' town or village (`area`)."""
    fields: dict[str, tuple[str, ...]] = {"organisation": ("organisation__name", "organisation__kind"),
                                          "area": ("area__town", "area__village")}
    rows = (pre_filing(court_id, start, end).values(*fields[by])
            .annotate(**{f.key: f.aggregate for f in FIGURES}).order_by(*fields[by]))
    return [_finish(dict(r)) for r in rows]


def filings_per_thousand(court_id: int | None, years: list[int]) -> list[dict[str, Any]]:
    """Each village with a population: its 民初 filings per 1,000 residents in each year (none: a
    "no-litigation village" that year)."""
    areas = Area.objects.filter(population__gt=0).exclude(village="")
    if court_id is not None:
        areas = areas.filter(court_id=court_id)
    counts: dict[tuple[int, int], int] = {}
    links = (CaseArea.objects.filter(area__in=areas, case__case_type=CaseType.FIRST_INSTANCE,
                                     case__filed_on__isnull=False)
             .annotate(year=ExtractYear("case__filed_on")).filter(year__in=years)
             .values("area_id", "year").annotate(n=Count("id")))
    for link in links:
        counts[(link["area_id"], link["year"])] = link["n"]
    out = []
    for area in areas.order_by("town", "village"):
        cells = []
        for year in years:
            n = counts.get((area.pk, year), 0)
            cells.append({"year": year, "filed": n,
                          "per_thousand": (Decimal(1000) * n / area.population).quantize(Decimal("0.01"))})
        out.append({"area": area, "cells": cells, "no_litigation": [c["year"] for c in cells if c["filed"] == 0]})
    return out


FORMAT: dict[str, Callable[[Any], str]] = {
    "count": lambda v: "—" if v is None else f"{v:,}",
    "rate": lambda v: "—" if v is None else f"{v}%",
    "days": lambda v: "—" if v is None else f"{v}",
}
