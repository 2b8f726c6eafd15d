"""Expected net trial days (median and 90th percentile) from filing-time facts: LightGBM quantile models,
judged against the per-cause median (and per-cause 90th percentile) of the training slice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd

from court.rules.terms import Period, excluded_days

from .boosting import LOCAL, Fitter
from .features import FeatureSpec

QUANTILES = {"q50": 0.5, "q90": 0.9}
ROUNDS = 200
#: Boosting stops when the stop slice's quantile loss has not improved for this many rounds.
PATIENCE = 20
PARAMS: dict[str, Any] = {
    "learning_rate": 0.08, "num_leaves": 15, "min_data_in_leaf": 40, "max_bin": 63, "verbose": -1,
    "deterministic": True, "force_row_wise": True, "num_threads": 1, "max_cat_to_onehot": 4, "cat_smooth": 10,
}


@dataclass
class DurationResult:
    boosters: dict[str, lgb.Booster]
    report: dict[str, Any]


def net_trial_days(frame: pd.DataFrame, periods: pd.DataFrame | None) -> np.ndarray:
    """Net trial days per closed row: the `net_trial_days` column when present, else elapsed minus the
    excluded periods (interchange.md conventions, via court.rules.terms.excluded_days)."""
    if "net_trial_days" in frame.columns:
        given = pd.to_numeric(frame["net_trial_days"], errors="coerce")
        if given.notna().all():
            return given.to_numpy(dtype=float)
    elapsed = (frame["closed_on"] - frame["filed_on"]).dt.days.to_numpy(dtype=float)
    if "net_trial_days" in frame.columns and periods is None:
        return given.fillna(pd.Series(elapsed, index=given.index)).to_numpy(dtype=float)
    if periods is None or periods.empty or "case_number" not in frame.columns:
        return elapsed
    starts = pd.to_datetime(periods["start_on"], format="%Y-%m-%d", errors="coerce")
    ends = pd.to_datetime(periods["end_on"].replace("", None), format="%Y-%m-%d", errors="coerce")
    months = pd.to_numeric(periods["months"], errors="coerce") if "months" in periods else pd.Series(np.nan, periods.index)
    by_case: dict[str, list[Period]] = {}
    for number, kind, start, end, m in zip(periods["case_number"], periods["kind"], starts, ends, months):
        if pd.isna(start):
            continue
        by_case.setdefault(number, []).append(Period(kind=kind, start_on=start.date(),
                                                     end_on=None if pd.isna(end) else end.date(),
                                                     months=None if pd.isna(m) else int(m)))
    out = elapsed.copy()
    for i, (number, filed, closed) in enumerate(zip(frame["case_number"], frame["filed_on"], frame["closed_on"])):
        if number in by_case:
            out[i] -= excluded_days(filed.date(), closed.date(), by_case[number])
    return out


def pinball(y: np.ndarray, q: np.ndarray, alpha: float) -> float:
    d = y - q
    return float(np.mean(np.maximum(alpha * d, (alpha - 1) * d)))


def cause_quantile(train: pd.DataFrame, target: np.ndarray, alpha: float) -> Callable[[pd.DataFrame], np.ndarray]:
    """The baseline: the per-cause quantile of the training slice (the overall one for unseen causes)."""
    t = pd.DataFrame({"cause": train["cause"].astype(str).to_numpy(), "d": target})
    table = t.groupby("cause")["d"].quantile(alpha).to_dict()
    overall = float(np.quantile(target, alpha))
    return lambda frame: np.asarray([table.get(c, overall) for c in frame["cause"].astype(str).tolist()])


def train_duration(frame: pd.DataFrame, parts: dict[str, pd.DataFrame], X: dict[str, np.ndarray],
                   spec: FeatureSpec, *, periods: pd.DataFrame | None, seed: int,
                   progress: Callable[[str], None], fitter: Fitter = LOCAL) -> DurationResult | None:
    target = {name: net_trial_days(part, periods) for name, part in parts.items()}
    if len(target["fit"]) < 50:
        return None
    cats = spec.categorical_indices
    boosters, report = {}, {"target": "net trial days", "quantiles": {}}
    train_target = np.concatenate([target["fit"], target["stop"]])
    train_rows = pd.concat([parts["fit"], parts["stop"]])
    y_hold = target["holdout"]
    for name, alpha in QUANTILES.items():
        params = {**PARAMS, "objective": "quantile", "alpha": alpha, "metric": "quantile", "seed": seed}
        booster = fitter.fit(params, X["fit"], target["fit"], X["stop"], target["stop"], rounds=ROUNDS,
                             patience=PATIENCE, categorical=cats)
        boosters[name] = booster
        q_model = booster.predict(X["holdout"])
        q_base = cause_quantile(train_rows, train_target, alpha)(parts["holdout"])
        entry = {
            "alpha": alpha,
            "pinball": round(pinball(y_hold, q_model, alpha), 2),
            "baseline_pinball": round(pinball(y_hold, q_base, alpha), 2),
            "coverage": round(float((y_hold <= q_model).mean()), 4),
            "baseline_coverage": round(float((y_hold <= q_base).mean()), 4),
        }
        if alpha == 0.5:
            entry["mae"] = round(float(np.abs(y_hold - q_model).mean()), 2)
            entry["baseline_mae"] = round(float(np.abs(y_hold - q_base).mean()), 2)
        report["quantiles"][name] = entry
        progress(f"  duration {name}: pinball {entry['pinball']} vs per-cause baseline {entry['baseline_pinball']}")
    report["baseline"] = "per-cause median (and 90th percentile) of net trial days in the training slice"
    return DurationResult(boosters=boosters, report=report)
