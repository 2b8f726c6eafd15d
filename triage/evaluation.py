"""A court's own evaluation of the router (`triage_evaluate`): train on the court's history before a date, score
the cases filed on or after it, and compare with the baselines per cause family and per procedure.

Only what was known on the split date trains: cases filed before it and closed before it. The model is
then recalibrated (Platt) on the most recent of those closed cases (`RECALIBRATION_ROWS`, or all when fewer),
as a court would before trusting it on the next period.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from . import monitor
from .features import family
from .train import cause_amount_rule, figures, platt, prepare, train_from_frame

RECALIBRATION_ROWS = 500
MIN_GROUP = 30
NO_CASES_AFTER = "No closed case was filed on or after %(date)s: nothing to score."


def default_split(frame: pd.DataFrame) -> date:
    """The filing date that leaves the most recent fifth of the closed cases to score."""
    return frame["filed_on"].iloc[int(len(frame) * 0.8)].date()


def _group_rows(labels: pd.Series, y: np.ndarray, scores: dict[str, np.ndarray], threshold: float) -> list[dict]:
    out = []
    for group in sorted(set(labels.tolist())):
        m = (labels == group).to_numpy()
        if m.sum() < MIN_GROUP:
            continue
        row: dict[str, Any] = {"group": group, "n": int(m.sum()), "complex_rate": round(float(y[m].mean()), 4)}
        for name, p in scores.items():
            f = figures(y[m], p[m], threshold)
            row[name] = {"auc": f["auc"], "brier": f["brier"]}
        out.append(row)
    return out


def evaluate_split(df: pd.DataFrame, *, split: date | None = None, periods: pd.DataFrame | None = None,
                   threshold: float = 0.5, rounds: int = 300, seed: int = 2023) -> dict[str, Any]:
    """Train before `split`, score from `split` on; AUC, Brier, calibration, baselines, per family and procedure."""
    frame = prepare(df)
    split = split or default_split(frame)
    cut = pd.Timestamp(split)
    history = frame[(frame["filed_on"] < cut) & (frame["closed_on"] < cut)]
    later = frame[frame["filed_on"] >= cut]
    if not len(later):
        raise ValueError(NO_CASES_AFTER % {"date": split.isoformat()})
    result = train_from_frame(history, threshold=threshold, rounds=rounds, seed=seed, periods=periods,
                              with_duration=False)
    router = result.router
    recent = history.sort_values("closed_on", kind="mergesort").iloc[-RECALIBRATION_ROWS:]
    router.calibration = {**platt(np.asarray(router.booster.predict(router.matrix(recent), raw_score=True)),
                                  recent["y"].to_numpy()),
                          "rows": len(recent), "closed_to": recent["closed_on"].max().date().isoformat()}
    y = later["y"].to_numpy()
    p = router.proba(later)
    rule = cause_amount_rule(history)(later)
    major = np.full(len(later), float(history["y"].mean()))
    scores = {"model": p, "rule": rule, "majority": major}
    procedure = (later["initial_procedure"].astype(str).replace("", "—") if "initial_procedure" in later
                 else pd.Series("—", index=later.index))
    return {
        "split": split.isoformat(),
        "train_rows": len(history), "scored_rows": len(later),
        "recalibration": router.calibration,
        "model": figures(y, p, threshold),
        "baselines": {"cause_amount_rule": figures(y, rule, threshold), "majority": figures(y, major, threshold)},
        "calibration_check": monitor.recent_check(later["filed_on"], y, p),
        "reliability_by_month": monitor.reliability_by_month(later["filed_on"], y, p),
        "by_family": _group_rows(later["cause"].astype(str).map(family), y, scores, threshold),
        "by_procedure": _group_rows(procedure, y, scores, threshold),
    }
