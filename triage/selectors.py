"""Reads of the triage app."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pandas as pd
from django.db.models import Count, Q, QuerySet

from court.cases.interchange.columns import query_paths
from court.cases.models import Case, CaseType
from court.cases.term import today

from .features import WHITELIST
from .models import ModelVersion, Recommendation

#: Case fields read for training and drift (query path -> interchange column, from the column table):
#: the whitelist with the case's identity, and the labels and target.
CASE_FIELDS = query_paths(("case_number", "case_type", *WHITELIST))
LABEL_FIELDS = query_paths(("final_procedure", "closed_on", "net_trial_days"))

def _frame(qs: QuerySet, fields: dict[str, str]) -> pd.DataFrame:
    rows = list(qs.values_list(*fields.keys()))
    frame = pd.DataFrame(rows, columns=list(fields.values()))
    if "claim_amount" in frame:
        frame["claim_amount"] = frame["claim_amount"].astype(float)
    return frame


def closed_cases_frame(court_id: int | None = None) -> pd.DataFrame:
    """Closed 民初 cases as interchange columns, one query (a closed case's procedure is its final one)."""
    qs = Case.objects.filter(case_type=CaseType.FIRST_INSTANCE, closed_on__isnull=False, filed_on__isnull=False)
    if court_id is not None:
        qs = qs.filter(court_id=court_id)
    return _frame(qs.order_by("filed_on", "id"), {**CASE_FIELDS, **LABEL_FIELDS})


def recent_filings_frame(days: int = 90) -> pd.DataFrame:
    """First-instance cases filed in the last `days` days (for drift), whitelisted columns only."""
    since = today() - timedelta(days=days)
    qs = Case.objects.filter(case_type=CaseType.FIRST_INSTANCE, filed_on__gte=since)
    return _frame(qs, CASE_FIELDS)


def closed_fingerprint() -> dict[str, Any]:
    """What changes when a case closes: the count and the latest closing date of closed 民初 cases."""
    qs = Case.objects.filter(case_type=CaseType.FIRST_INSTANCE, closed_on__isnull=False)
    latest = qs.order_by("-closed_on").values_list("closed_on", flat=True).first()
    return {"closed": qs.count(), "latest_closed_on": latest.isoformat() if latest else None}


def latest_recommendation(case: Case) -> Recommendation | None:
    return case.triage_recommendations.select_related("decided_user").order_by("-created_at", "-id").first()


def recommendation_history(case: Case, limit: int = 20) -> QuerySet[Recommendation]:
    return case.triage_recommendations.select_related("decided_user").order_by("-created_at", "-id")[:limit]


def override_rates() -> dict[str, dict[str, Any]]:
    """Per model version: decided recommendations, overrides and the override rate."""
    rows = (Recommendation.objects.filter(status__in=[Recommendation.Status.ACCEPTED, Recommendation.Status.OVERRIDDEN])
            .values("version_label")
            .annotate(decided=Count("id"), overridden=Count("id", filter=Q(status=Recommendation.Status.OVERRIDDEN))))
    return {r["version_label"] or "—": {**r, "rate": r["overridden"] / r["decided"] if r["decided"] else None}
            for r in rows}


def versions() -> QuerySet[ModelVersion]:
    return ModelVersion.objects.order_by("-created_at", "-id")
