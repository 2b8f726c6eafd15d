"""The model card page's figures, read from a version's stored training report (its JSON card) and from the
records: performance against the two baselines, calibration, per-group gaps, feature drift against recent
filings, the override rate by month, and who activated which version when."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import lightgbm as lgb
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import drift, registry, selectors
from .features import build_matrix
from .models import ModelActivation, ModelVersion, Recommendation

MONTHS = 6
#: The rows of the performance table: (key in the card, English label).
MODELS = (("model", gettext_noop("LightGBM, calibrated")),
          ("cause_amount_rule", gettext_noop("Cause × amount rule")),
          ("majority", gettext_noop("Majority class")))
FEATURE_LABELS = {
    "cause": gettext_noop("Cause of action"), "claim_amount": gettext_noop("Claim amount"),
    "plaintiffs": gettext_noop("Plaintiffs"), "defendants": gettext_noop("Defendants"),
    "third_parties": gettext_noop("Third parties"), "plaintiff_kind": gettext_noop("Plaintiff kind"),
    "defendant_kind": gettext_noop("Defendant kind"),
    "defendant_address_known": gettext_noop("Defendant's address known"),
    "e_service_consent": gettext_noop("Consent to electronic service"),
    "appraisal_requested": gettext_noop("Appraisal requested"), "foreign_related": gettext_noop("Foreign-related"),
    "lawyer_represented": gettext_noop("Lawyer represents the plaintiff"),
    "evidence_items": gettext_noop("Evidence items"), "filed_month": gettext_noop("Month of filing"),
}
GROUP_DIMENSIONS = {"cause": gettext_noop("Cause of action"), "plaintiff_kind": gettext_noop("Plaintiff kind"),
                    "defendant_kind": gettext_noop("Defendant kind"), "lawyer": gettext_noop("Lawyer")}
GROUP_LABELS = {"other": gettext_noop("other causes"), "person": gettext_noop("natural person"),
                "entity": gettext_noop("legal person or organisation"), "mixed": gettext_noop("mixed"),
                "lawyer": gettext_noop("with a lawyer"), "none": gettext_noop("without a lawyer")}


def label(table: dict[str, str], key: str) -> str:
    return _(table[key]) if key in table else key


def performance(card: dict[str, Any]) -> list[dict[str, Any]]:
    """AUC, Brier and accuracy of the model and each baseline on the held-out period."""
    sources = {"model": card.get("metrics", {}), **card.get("baselines", {})}
    return [{"key": key, "label": _(text), **{m: sources.get(key, {}).get(m) for m in ("auc", "brier", "accuracy")}}
            for key, text in MODELS if key in sources]


def calibration(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Each series' reliability points (mean predicted, observed share complex, cases) per probability bin."""
    sources = {"model": card.get("metrics", {}), **card.get("baselines", {})}
    out = []
    for key, text in MODELS:
        rows = sources.get(key, {}).get("calibration") or []
        out.append({"key": key, "label": _(text),
                    "points": [{"bin": r["bin"], "n": r["n"], "x": r["mean_predicted"], "y": r["observed"]}
                               for r in rows if r.get("n")]})
    return [s for s in out if s["points"]]


def group_gaps(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Per dimension the model's groups (n, observed, predicted, gap, accuracy) with the rule's gap beside."""
    model = card.get("metrics", {}).get("groups", {})
    rule = card.get("baselines", {}).get("cause_amount_rule", {}).get("groups", {})
    out = []
    for dim, body in model.items():
        if not isinstance(body, dict):
            continue
        rule_gaps = {g["group"]: g.get("gap") for g in rule.get(dim, {}).get("groups", [])}
        rows = [{**g, "label": label(GROUP_LABELS, g["group"]), "rule_gap": rule_gaps.get(g["group"]),
                 "worst": abs(g.get("gap") or 0) == body.get("max_abs_gap")} for g in body.get("groups", [])]
        out.append({"key": dim, "label": label(GROUP_DIMENSIONS, dim), "rows": rows,
                    "max_abs_gap": body.get("max_abs_gap"), "accuracy_spread": body.get("accuracy_spread"),
                    "rule_max_abs_gap": rule.get(dim, {}).get("max_abs_gap")})
    return out


def window(card: dict[str, Any]) -> dict[str, Any]:
    """Training window (fit, early stopping, calibration slices) and the held-out period, with row counts."""
    slices = card.get("data_window", {})
    training = [slices[k] for k in ("fit", "stop", "calibration") if k in slices]
    return {
        "train_from": training[0].get("filed_from") if training else None,
        "train_to": training[-1].get("filed_to") if training else None,
        "train_rows": sum(s.get("rows", 0) for s in training),
        "holdout": slices.get("holdout", {}),
        "closed_cases": card.get("rows", {}).get("closed_cases"),
        "slices": [{"name": k, **slices[k]} for k in ("fit", "stop", "calibration", "holdout") if k in slices],
    }


def feature_drift(mv: ModelVersion, days: int = 90) -> dict[str, Any]:
    """PSI of each feature between `mv`'s training data and the cases filed in the last `days` days."""
    recent = selectors.recent_filings_frame(days)
    out: dict[str, Any] = {"days": days, "recent_rows": len(recent), "rows": [], "error": ""}
    if not len(recent):
        return out
    try:
        spec = registry.load(mv).spec
    except (OSError, ValueError, lgb.basic.LightGBMError) as exc:
        out["error"] = str(exc)
        return out
    rows = drift.psi(mv.card.get("drift_reference", {}), build_matrix(recent, spec))
    out["rows"] = sorted(({**r, "label": label(FEATURE_LABELS, r["feature"]), "text": _(drift.LEVEL_TEXT[r["level"]])}
                          for r in rows), key=lambda r: -r["psi"])
    out["counts"] = {lvl: sum(r["level"] == lvl for r in rows) for lvl in ("stable", "moderate", "major")}
    return out


def _month_starts(today: date, months: int) -> list[date]:
    first = today.replace(day=1)
    out = [first]
    for _i in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
        out.append(first)
    return out[::-1]


def override_rate(*, months: int = MONTHS, today: date | None = None, version: str | None = None) -> dict[str, Any]:
    """Share of decided recommendations (accepted or overridden by the filing officer or the judge) that were
    overridden, per calendar month of the decision over the last `months` months (and in all), for one model
    version or all."""
    today = today or timezone.localdate()
    starts = _month_starts(today, months)
    decided = Q(status__in=[Recommendation.Status.ACCEPTED, Recommendation.Status.OVERRIDDEN])
    qs = Recommendation.objects.filter(decided, decided_at__isnull=False)
    if version is not None:
        qs = qs.filter(version_label=version)
    since = timezone.make_aware(datetime.combine(starts[0], time.min))
    buckets = {s: [0, 0] for s in starts}
    for at, status in qs.filter(decided_at__gte=since).values_list("decided_at", "status"):
        key = timezone.localtime(at).date().replace(day=1)
        if key in buckets:
            buckets[key][0] += 1
            buckets[key][1] += status == Recommendation.Status.OVERRIDDEN
    rows = [{"month": f"{s:%Y-%m}", "decided": d, "overridden": o, "rate": o / d if d else None,
             "percent": round(100 * o / d, 1) if d else None} for s, (d, o) in buckets.items()]
    decided_n = sum(r["decided"] for r in rows)
    overridden_n = sum(r["overridden"] for r in rows)
    rate = overridden_n / decided_n if decided_n else None
    return {"months": rows, "decided": decided_n, "overridden": overridden_n, "rate": rate,
            "percent": round(100 * rate, 1) if rate is not None else None}


def versions() -> list[dict[str, Any]]:
    """Every version with its held-out figures, override rate and the activation that last made it active."""
    rates = selectors.override_rates()
    last: dict[int, ModelActivation] = {}
    for act in ModelActivation.objects.select_related("actor").order_by("at", "id"):
        last[act.version_id] = act
    return [{"mv": mv, "override": rates.get(mv.version), "activation": last.get(mv.pk)}
            for mv in selectors.versions()]


def activations(limit: int = 30) -> list[ModelActivation]:
    return list(ModelActivation.objects.select_related("version", "previous", "actor")[:limit])


def rollback_target(active: ModelVersion | None) -> ModelVersion | None:
    """The version that was active before `active` (what "roll back" returns to), if it still exists."""
    if active is None:
        return None
    act = ModelActivation.objects.filter(version=active).select_related("previous").first()
    if act is not None and act.previous is not None:
        return act.previous
    return ModelVersion.objects.filter(created_at__lt=active.created_at).order_by("-created_at", "-id").first()


def chart_data(calib: list[dict[str, Any]], drift_rows: list[dict[str, Any]],
               overrides: dict[str, Any]) -> dict[str, Any]:
    """What static/js/triage.js draws (through json_script): every label already in the reader's language."""
    return {
        "calibration": {"series": calib, "diagonal": _("Perfect calibration"),
                        "x": _("Predicted probability of a complex case"), "y": _("Observed share complex")},
        "drift": {"labels": [r["label"] for r in drift_rows], "values": [r["psi"] for r in drift_rows],
                  "levels": [r["level"] for r in drift_rows], "moderate": drift.MODERATE, "major": drift.MAJOR,
                  "title": "PSI", "moderateLabel": _("moderate shift from 0.1"),
                  "majorLabel": _("major shift above 0.25")},
        "overrides": {"labels": [r["month"] for r in overrides["months"]],
                      "values": [r["rate"] for r in overrides["months"]],
                      "counts": [r["decided"] for r in overrides["months"]], "title": _("Override rate")},
    }
