"""Feature drift between the training data and recent filings: the population stability index (PSI).

The card stores, per feature, the training slice's bins and shares; recent filings are binned the same
way. PSI < 0.1 is stable, 0.1-0.25 a moderate shift, above 0.25 a major one (the usual reading); `LEVEL_TEXT`
says so in plain words for the model card page.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.utils.translation import gettext_noop

from .features import CATEGORICAL, FEATURES, FeatureSpec

EPS = 1e-4
MODERATE, MAJOR = 0.10, 0.25
#: Features that differ between any recent window and a year of training data by construction: a 90-day window
#: holds three months of the year, so the month of filing always "drifts". The model still uses it.
SEASONAL = frozenset({"filed_month"})

#: Plain-language reading of each level (English source; translated where shown).
LEVEL_TEXT = {
    "stable": gettext_noop("Stable (PSI below 0.1): recent filings look like the training data."),
    "moderate": gettext_noop("Moderate shift (PSI 0.1 to 0.25): keep an eye on it; the next retraining will "
                             "take it in."),
    "major": gettext_noop("Major shift (PSI above 0.25): recent filings differ from the training data; check "
                          "the filings and retrain."),
}


def level(value: float) -> str:
    """stable below 0.1, moderate from 0.1 up to 0.25, major above 0.25."""
    return "major" if value > MAJOR else "moderate" if value >= MODERATE else "stable"


def _discrete_key(values: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(values), -1, values).astype(np.int64)


def reference(X: np.ndarray, spec: FeatureSpec) -> dict[str, Any]:
    """Bins and shares of each feature in the training matrix `X`."""
    out: dict[str, Any] = {}
    for j, name in enumerate(FEATURES):
        col = X[:, j]
        uniques = np.unique(col[~np.isnan(col)])
        if name in CATEGORICAL or len(uniques) <= 12:
            keys, counts = np.unique(_discrete_key(col), return_counts=True)
            out[name] = {"kind": "discrete", "keys": keys.tolist(), "shares": (counts / counts.sum()).round(6).tolist()}
        else:
            edges = np.unique(np.nanquantile(col, np.linspace(0.1, 0.9, 9)))
            idx = np.digitize(np.nan_to_num(col, nan=-np.inf), edges)
            counts = np.bincount(idx, minlength=len(edges) + 1)
            out[name] = {"kind": "binned", "edges": edges.tolist(), "shares": (counts / counts.sum()).round(6).tolist()}
    return out


def _psi(expected: np.ndarray, actual: np.ndarray) -> float:
    e = np.clip(expected, EPS, None)
    a = np.clip(actual, EPS, None)
    return float(np.sum((a - e) * np.log(a / e)))


def psi(ref: dict[str, Any], X: np.ndarray) -> list[dict[str, Any]]:
    """PSI of every feature of `X` (recent filings) against the reference; empty when `X` has no rows."""
    if len(X) == 0 or not ref:
        return []
    rows = []
    for j, name in enumerate(FEATURES):
        r = ref.get(name)
        if r is None or name in SEASONAL:
            continue
        col = X[:, j]
        if r["kind"] == "discrete":
            keys = list(r["keys"])
            got = _discrete_key(col)
            actual = np.array([(got == k).mean() for k in keys] + [float((~np.isin(got, keys)).mean())])
            expected = np.array(list(r["shares"]) + [0.0])
        else:
            edges = np.asarray(r["edges"])
            idx = np.digitize(np.nan_to_num(col, nan=-np.inf), edges)
            actual = np.bincount(idx, minlength=len(edges) + 1) / len(col)
            expected = np.asarray(r["shares"])
        value = _psi(expected, actual)
        rows.append({"feature": name, "psi": round(value, 4), "level": level(value)})
    return rows
