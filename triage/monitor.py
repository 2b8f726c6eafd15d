"""Calibration that survives shift, and drift that acts (pure: numpy and pandas, no database).

- `reliability_by_month`: mean predicted against observed per filing month of a scored window (the model card's
  reliability by month).
- `calibration_error`: the expected calibration error (ECE, 10 equal-width bins, weighted by rows) of the most
  recent `RECENT_ROWS` closed cases. A perfectly calibrated model shows some ECE by chance alone (`noise_floor`,
  about 0.04 on 500 cases); the check flags an ECE above `CALIBRATION_BOUND` plus that floor.
- `recency_weights`: training weights that halve every `HALF_LIFE_DAYS` of age, so a retraining after drift
  leans on the court as it is now.
- `drift_verdict`: whether feature drift (PSI) or recent calibration error passed its threshold, and why, in
  words the administrator reads on the training run.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .drift import MAJOR

#: How many of the most recent closed cases the calibration check reads (fewer when fewer closed).
RECENT_ROWS = 500
#: ECE above this (5 percentage points on average between predicted and observed) is flagged.
CALIBRATION_BOUND = 0.05
#: A feature whose PSI passes this (a major shift) triggers retraining.
PSI_TRIGGER = MAJOR
#: Training weight halves for every this many days between a case's filing and the newest filing.
HALF_LIFE_DAYS = 365.0
#: The fewest recent closed cases a calibration check trusts.
MIN_CHECK_ROWS = 50


def calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float | None:
    """Expected calibration error: Σ_bins (n_b / n) · |mean predicted − observed|; None without rows."""
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    if len(y) == 0:
        return None
    idx = np.clip((p * bins).astype(int), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() / len(y) * abs(p[m].mean() - y[m].mean())
    return round(float(total), 4)


def noise_floor(p: np.ndarray, bins: int = 10) -> float:
    """The ECE a perfectly calibrated model shows by chance on these predictions: per bin, the mean absolute
    deviation of a binomial mean, sqrt(2/π)·sqrt(Σp(1−p))/n_b, weighted by the bin's share."""
    p = np.asarray(p, dtype=float)
    if len(p) == 0:
        return 0.0
    idx = np.clip((p * bins).astype(int), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() / len(p) * np.sqrt(2 / np.pi) * np.sqrt((p[m] * (1 - p[m])).sum()) / m.sum()
    return round(float(total), 4)


def recent_check(filed_on: pd.Series, y: np.ndarray, p: np.ndarray, *, rows: int = RECENT_ROWS,
                 bound: float = CALIBRATION_BOUND) -> dict[str, Any]:
    """The calibration error of the `rows` most recently filed of the scored cases, and whether it passes
    `bound` beyond what chance explains (flagged)."""
    order = np.argsort(pd.to_datetime(filed_on).to_numpy(), kind="mergesort")[-rows:]
    ece = calibration_error(np.asarray(y)[order], np.asarray(p)[order])
    floor = noise_floor(np.asarray(p)[order])
    enough = len(order) >= MIN_CHECK_ROWS
    return {"rows": int(len(order)), "ece": ece, "noise_floor": floor, "bound": bound,
            "flagged": bool(enough and ece is not None and ece > bound + floor)}


def reliability_by_month(filed_on: pd.Series, y: np.ndarray, p: np.ndarray) -> list[dict[str, Any]]:
    """Per filing month: cases, mean predicted, observed complex rate, their gap and the month's ECE."""
    months = pd.to_datetime(filed_on).dt.strftime("%Y-%m").to_numpy()
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    out = []
    for month in sorted(set(months.tolist())):
        m = months == month
        out.append({"month": month, "n": int(m.sum()), "mean_predicted": round(float(p[m].mean()), 4),
                    "observed": round(float(y[m].mean()), 4), "gap": round(float(p[m].mean() - y[m].mean()), 4),
                    "ece": calibration_error(y[m], p[m])})
    return out


def recency_weights(filed_on: pd.Series, half_life_days: float | None = HALF_LIFE_DAYS) -> np.ndarray | None:
    """0.5 ** (age / half-life), age in days before the newest filing; None (equal weights) without a half-life."""
    if not half_life_days:
        return None
    dates = pd.to_datetime(filed_on)
    age = (dates.max() - dates).dt.days.to_numpy(dtype=float)
    return np.power(0.5, age / float(half_life_days))


def drift_verdict(psi_rows: list[dict[str, Any]], check: dict[str, Any] | None, *,
                  psi_trigger: float = PSI_TRIGGER) -> dict[str, Any]:
    """Whether to retrain: any feature's PSI above `psi_trigger`, or the recent calibration check flagged."""
    drifted = [r for r in psi_rows if r["psi"] > psi_trigger]
    reasons = [f"feature drift: {r['feature']} PSI {r['psi']:.3f} > {psi_trigger}" for r in drifted]
    if check and check.get("flagged"):
        reasons.append(f"calibration: error {check['ece']:.3f} on the {check['rows']} most recent closed cases "
                       f"> bound {check['bound']} + chance {check['noise_floor']:.3f}")
    return {"retrain": bool(reasons), "reasons": reasons, "psi": psi_rows, "calibration": check}
