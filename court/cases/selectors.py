"""Reads that are more than a one-liner."""

from __future__ import annotations

from datetime import date

from court.org.models import WageThreshold

from .models import Cause, CauseCatalogue


def wage_threshold_for(province: str, on: date) -> WageThreshold | None:
    """The latest published wage figure for `province` in force on `on` (JI 272)."""
    return WageThreshold.objects.filter(province=province, effective_from__lte=on).order_by("-effective_from").first()


def catalogue_for(on: date) -> CauseCatalogue | None:
    """The cause catalogue in force on `on`; a case keeps the version that applied at filing."""
    return (
        CauseCatalogue.objects.filter(effective_from__lte=on)
        .exclude(effective_to__lt=on)
        .order_by("-effective_from")
        .first()
    )


def cause_by_name(name: str, on: date) -> Cause | None:
    """The cause called `name` in the catalogue in force on `on`, else in the newest catalogue that has it."""
    catalogue = catalogue_for(on)
    if catalogue is not None:
        cause = Cause.objects.filter(catalogue=catalogue, name=name).first()
        if cause is not None:
            return cause
    return Cause.objects.filter(name=name).order_by("-catalogue__effective_from").first()
