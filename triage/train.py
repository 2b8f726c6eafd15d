"""Training the router (and the duration model) on closed 民初 cases in interchange columns.

`train_from_frame(df)` is the core and needs no database: the management command builds the frame from
Case rows, tests and benchmarks pass the demo planner's rows. The split is by filing date: the oldest
rows fit the trees, the next slice stops them early, the next calibrates (Platt), and the most recent
slice is the held-out validation period that every reported figure and the promotion rule use.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from . import drift, monitor, rules
from .boosting import LOCAL, Fitter, Progress
from .duration import DurationResult, train_duration
from .features import FEATURES, FeatureSpec, build_matrix, fit_spec
from .predict import Router

LABEL = "final_procedure"
#: Fractions of the time-ordered rows: fit, early stopping, calibration; the rest is the holdout.
SPLIT = (0.60, 0.10, 0.10)
AMOUNT_BANDS = [0, 10_000, 50_000, 200_000, 1_000_000, float("inf")]
CURVE_THRESHOLDS = [round(t, 2) for t in np.arange(0.05, 0.96, 0.05)]
MIN_GROUP_ROWS = 30
TOP_CAUSE_GROUPS = 8

TOO_FEW_ROWS = "Training needs at least %(n)s closed first-instance cases; there are %(have)s."
ONE_CLASS = "The training data has only one outcome (all simple or all complex); nothing to learn."

DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.08,
    "num_leaves": 7,  # shallow trees: as good on the holdout, and contributions (reasons) twice as fast
    "max_depth": 4,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.9,
    "lambda_l2": 1.0,
    "max_cat_to_onehot": 4,
    "cat_smooth": 10,
    "min_data_per_group": 30,
    "max_bin": 63,
    "verbose": -1,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
}
MIN_ROWS = 200
#: Boosting stops when the stop slice's log loss has not improved for this many rounds.
PATIENCE = 30


@dataclass
class TrainResult:
    router: Router
    report: dict[str, Any]
    holdout: pd.DataFrame
    duration: DurationResult | None = None
    card: dict[str, Any] = field(default_factory=dict)


def code_version() -> str:
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty", "--tags"], capture_output=True, text=True,
                             timeout=5, cwd=Path(__file__).resolve().parent)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _dates(values: pd.Series) -> pd.Series:
    if values.dtype == object and len(values) and isinstance(values.iloc[0], str):
        return pd.to_datetime(values, format="%Y-%m-%d")
    return pd.to_datetime(values)


def prepare(df: pd.DataFrame) -> pd.DataFrame:
    """Closed 民初 rows with a known final procedure, a datetime `filed_on` and the 0/1 label, oldest first."""
    frame = df
    if "case_type" in frame.columns:
        frame = frame[frame["case_type"].astype(str) == "民初"]
    closed = frame["closed_on"].notna() & (frame["closed_on"].astype(str) != "")
    known = frame[LABEL].notna() & frame[LABEL].astype(str).isin(rules.ROUTES)
    frame = frame[closed & known].copy()
    frame["filed_on"] = _dates(frame["filed_on"])
    frame["closed_on"] = _dates(frame["closed_on"])
    frame["y"] = (frame[LABEL].astype(str) == rules.ORDINARY).astype(int)
    return frame.sort_values(["filed_on", "case_number"] if "case_number" in frame else ["filed_on"],
                             kind="mergesort").reset_index(drop=True)


def time_split(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    n = len(frame)
    a = int(n * SPLIT[0])
    b = a + int(n * SPLIT[1])
    c = b + int(n * SPLIT[2])
    return {"fit": frame.iloc[:a], "stop": frame.iloc[a:b], "calibration": frame.iloc[b:c], "holdout": frame.iloc[c:]}


def _window(part: pd.DataFrame) -> dict[str, Any]:
    return {"rows": len(part), "filed_from": part["filed_on"].min().date().isoformat(),
            "filed_to": part["filed_on"].max().date().isoformat(), "complex_rate": round(float(part["y"].mean()), 4)}


# --- metrics -------------------------------------------------------------------------------------------------

def auc(y: np.ndarray, p: np.ndarray) -> float | None:
    return float(roc_auc_score(y, p)) if len(np.unique(y)) == 2 else None


def calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict[str, Any]]:
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    table = []
    for b in range(bins):
        mask = idx == b
        if mask.any():
            table.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": int(mask.sum()),
                          "mean_predicted": round(float(p[mask].mean()), 4),
                          "observed": round(float(y[mask].mean()), 4)})
    return table


def figures(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, Any]:
    a = auc(y, p)
    return {
        "auc": round(a, 4) if a is not None else None,
        "brier": round(float(brier_score_loss(y, p)), 4),
        "accuracy": round(float(((p >= threshold).astype(int) == y).mean()), 4),
        "calibration": calibration_table(y, p),
    }


def group_gaps(frame: pd.DataFrame, p: np.ndarray, threshold: float) -> dict[str, Any]:
    """Per-group calibration (mean predicted − observed) and accuracy, and each dimension's worst gap."""
    y = frame["y"].to_numpy()
    top = frame["cause"].value_counts()
    dims = {
        "cause": frame["cause"].astype(str).where(frame["cause"].isin(top.index[:TOP_CAUSE_GROUPS]), "other"),
        "plaintiff_kind": frame["plaintiff_kind"].astype(str),
        "lawyer": np.where(build_matrix(frame, _BOOL_SPEC)[:, FEATURES.index("lawyer_represented")] == 1,
                           "lawyer", "none"),
    }
    out: dict[str, Any] = {}
    for dim, labels in dims.items():
        labels = np.asarray(labels)
        groups = []
        for g in sorted(set(labels.tolist())):
            m = labels == g
            if m.sum() < MIN_GROUP_ROWS:
                continue
            groups.append({"group": g, "n": int(m.sum()), "observed": round(float(y[m].mean()), 4),
                           "mean_predicted": round(float(p[m].mean()), 4),
                           "gap": round(float(p[m].mean() - y[m].mean()), 4),
                           "accuracy": round(float(((p[m] >= threshold).astype(int) == y[m]).mean()), 4)})
        worst = max((abs(g["gap"]) for g in groups), default=0.0)
        accs = [g["accuracy"] for g in groups]
        out[dim] = {"groups": groups, "max_abs_gap": round(worst, 4),
                    "accuracy_spread": round(max(accs) - min(accs), 4) if accs else 0.0}
    out["max_abs_gap"] = max(v["max_abs_gap"] for v in out.values())
    return out


_BOOL_SPEC = FeatureSpec(categories={"cause": [], "cause_family": [], "cause_part": [], "plaintiff_kind": [],
                                     "defendant_kind": []})


def forced_ordinary(frame: pd.DataFrame) -> np.ndarray:
    """Rows JI 257 bars from simple procedure, by `rules.barred_from_simple` (court.rules.procedure's bars)."""
    X = build_matrix(frame, _BOOL_SPEC)
    return rules.barred_from_simple(X[:, FEATURES.index("defendant_address_known")],
                                    X[:, FEATURES.index("plaintiffs")], X[:, FEATURES.index("defendants")])


def threshold_curve(frame: pd.DataFrame, p: np.ndarray) -> list[dict[str, Any]]:
    """For each threshold: the simple-procedure rate and the conversions to expect (validation period)."""
    y = frame["y"].to_numpy()
    forced = forced_ordinary(frame)
    n = len(y)
    curve = []
    for t in CURVE_THRESHOLDS:
        simple = (p < t) & ~forced
        k = int(simple.sum())
        curve.append({
            "threshold": t,
            "simple_rate": round(k / n, 4) if n else 0.0,
            "expected_conversions": round(float(p[simple].sum()), 1),
            "expected_conversion_rate": round(float(p[simple].mean()), 4) if k else 0.0,
            "observed_conversions": int(y[simple].sum()),
            "complex_to_ordinary": round(float(((~simple) & (y == 1)).sum() / max(1, (y == 1).sum())), 4),
            "accuracy": round(float(((~simple).astype(int) == y).mean()), 4) if n else 0.0,
        })
    return curve


def suggest_threshold(frame: pd.DataFrame, p: np.ndarray) -> float:
    """The curve threshold with the best accuracy on the calibration slice (not the holdout)."""
    curve = threshold_curve(frame, p)
    return max(curve, key=lambda r: (r["accuracy"], -abs(r["threshold"] - 0.5)))["threshold"]


# --- baselines ---------------------------------------------------------------------------------------------

def _band(amounts: np.ndarray) -> np.ndarray:
    return np.digitize(amounts, AMOUNT_BANDS[1:-1])


def cause_amount_rule(train: pd.DataFrame, *, prior_weight: float = 10.0) -> Callable[[pd.DataFrame], np.ndarray]:
    """The baseline: the complex rate per cause × amount band in the training slice (smoothed to the cause rate)."""
    amounts = pd.to_numeric(train["claim_amount"], errors="coerce").fillna(0).to_numpy()
    t = pd.DataFrame({"cause": train["cause"].astype(str).to_numpy(), "band": _band(amounts), "y": train["y"].to_numpy()})
    overall = float(t["y"].mean())
    by_cause = t.groupby("cause")["y"].agg(["sum", "count"])
    cause_rate = ((by_cause["sum"] + prior_weight * overall) / (by_cause["count"] + prior_weight)).to_dict()
    cell = t.groupby(["cause", "band"])["y"].agg(["sum", "count"])

    table: dict[tuple[str, int], float] = {}
    for (c, b), row in cell.iterrows():
        prior = cause_rate.get(c, overall)
        table[(c, int(b))] = (row["sum"] + prior_weight * prior) / (row["count"] + prior_weight)

    def predict(frame: pd.DataFrame) -> np.ndarray:
        a = pd.to_numeric(frame["claim_amount"], errors="coerce").fillna(0).to_numpy()
        return np.asarray([table.get((c, int(b)), cause_rate.get(c, overall))
                           for c, b in zip(frame["cause"].astype(str).tolist(), _band(a).tolist())])

    return predict


# --- training ----------------------------------------------------------------------------------------------

def fit_booster(Xf: np.ndarray, yf: np.ndarray, Xs: np.ndarray, ys: np.ndarray, spec: FeatureSpec, *,
                params: dict[str, Any], rounds: int, seed: int, progress: Progress | None = None,
                weight: np.ndarray | None = None, fitter: Fitter = LOCAL) -> lgb.Booster:
    params = {**params, "seed": seed, "metric": params.get("metric", "binary_logloss")}
    return fitter.fit(params, Xf, yf, Xs, ys, rounds=rounds, patience=PATIENCE, categorical=spec.categorical_indices,
                      weight=weight, progress=progress)


def platt(margin: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Platt scaling of the raw score, fitted on the calibration slice."""
    if len(np.unique(y)) < 2:
        return {"method": "platt", "a": 1.0, "b": 0.0}
    lr = LogisticRegression(C=1e6, max_iter=1000)
    lr.fit(margin.reshape(-1, 1), y)
    return {"method": "platt", "a": float(lr.coef_[0][0]), "b": float(lr.intercept_[0])}


def evaluate(router: Router, holdout: pd.DataFrame, threshold: float) -> dict[str, Any]:
    """AUC, Brier, calibration, accuracy and per-group gaps of `router` on `holdout` (the promotion yardstick)."""
    p = router.proba(holdout)
    out = figures(holdout["y"].to_numpy(), p, threshold)
    out["groups"] = group_gaps(holdout, p, threshold)
    return out


def train_from_frame(df: pd.DataFrame, *, threshold: float = 0.5, seed: int = 2023, rounds: int = 300,
                     params: dict[str, Any] | None = None, periods: pd.DataFrame | None = None,
                     with_duration: bool = True, progress: Progress | None = None,
                     min_rows: int = MIN_ROWS, half_life_days: float | None = None, fitter: Fitter = LOCAL
                     ) -> TrainResult:
    """Train, calibrate and evaluate a router on interchange rows; returns the router and its report.

    `half_life_days` weights the fitting rows by recency (`monitor.recency_weights`; a retraining after drift
    uses `monitor.HALF_LIFE_DAYS`). The Platt calibration is fitted on the most recent closed cases before the
    held-out period (the calibration slice, its size in the report's `calibration.rows`). `fitter` fits the
    boosters (`boosting.LOCAL`, or `distributed.DaskFitter` on a Dask cluster; the card then says so)."""
    say = progress or (lambda _m: None)
    frame = prepare(df)
    if len(frame) < min_rows:
        raise ValueError(TOO_FEW_ROWS % {"n": min_rows, "have": len(frame)})
    if frame["y"].nunique() < 2:
        raise ValueError(ONE_CLASS)
    parts = time_split(frame)
    fit, stop, cal, hold = parts["fit"], parts["stop"], parts["calibration"], parts["holdout"]
    say(f"Training on {len(fit)} cases filed {_window(fit)['filed_from']}…{_window(fit)['filed_to']}, "
        f"holding out {len(hold)} filed {_window(hold)['filed_from']}…{_window(hold)['filed_to']}")
    spec = fit_spec(fit)
    X = {name: build_matrix(part, spec) for name, part in parts.items()}
    y = {name: part["y"].to_numpy() for name, part in parts.items()}
    weight = monitor.recency_weights(fit["filed_on"], half_life_days)
    booster = fit_booster(X["fit"], y["fit"], X["stop"], y["stop"], spec, params={**DEFAULT_PARAMS, **(params or {})},
                          rounds=rounds, seed=seed, progress=say, weight=weight, fitter=fitter)
    say(f"  stopped at round {booster.best_iteration or booster.current_iteration()}")
    calibration = platt(np.asarray(booster.predict(X["calibration"], raw_score=True)), y["calibration"])
    calibration.update({"rows": len(cal), "filed_from": _window(cal)["filed_from"],
                        "filed_to": _window(cal)["filed_to"]})
    router = Router(version="", booster=booster, spec=spec, calibration=calibration)
    say("Calibrated (Platt) on the calibration slice; evaluating on the held-out period")

    p_hold = router.proba_matrix(X["holdout"])
    model = figures(y["holdout"], p_hold, threshold)
    groups = group_gaps(hold, p_hold, threshold)
    rule_predict = cause_amount_rule(pd.concat([fit, stop]))
    p_rule = rule_predict(hold)
    majority_rate = float(np.concatenate([y["fit"], y["stop"]]).mean())
    p_major = np.full(len(hold), majority_rate)
    baselines = {
        "cause_amount_rule": {**figures(y["holdout"], p_rule, threshold), "groups": group_gaps(hold, p_rule, threshold)},
        "majority": figures(y["holdout"], p_major, threshold),
    }
    baselines["majority"]["predicts"] = rules.ORDINARY if majority_rate >= 0.5 else "simple or small claims"
    curve = threshold_curve(hold, p_hold)
    suggested = suggest_threshold(cal, router.proba_matrix(X["calibration"]))

    report: dict[str, Any] = {
        "data_window": {name: _window(part) for name, part in parts.items()},
        "rows": {"closed_cases": len(frame), **{name: len(part) for name, part in parts.items()}},
        "label": "complex = final_procedure is ordinary (interchange.md)",
        "threshold": threshold,
        "suggested_threshold": suggested,
        "metrics": {**model, "groups": groups, "best_iteration": int(booster.best_iteration or booster.current_iteration())},
        "baselines": baselines,
        "threshold_curve": curve,
        "calibration": calibration,
        "reliability_by_month": monitor.reliability_by_month(hold["filed_on"], y["holdout"], p_hold),
        "calibration_check": monitor.recent_check(hold["filed_on"], y["holdout"], p_hold),
        "recency_half_life_days": half_life_days,
    }
    if model["auc"] is not None and baselines["cause_amount_rule"]["auc"] is not None:
        report["auc_gain_over_rule"] = round(model["auc"] - baselines["cause_amount_rule"]["auc"], 4)
    duration = None
    if with_duration:
        say("Training the duration model (quantiles 0.5 and 0.9)")
        duration = train_duration(frame, parts, X, spec, periods=periods, seed=seed, progress=say, fitter=fitter)
        if duration is not None:
            router.duration = duration.boosters
            report["duration"] = duration.report
    report["drift_reference"] = drift.reference(X["fit"], spec)
    if (where := fitter.describe()) is not None:
        report["distributed"] = where
    return TrainResult(router=router, report=report, holdout=hold, duration=duration)


def promotion_decision(new: dict[str, Any], old: dict[str, Any] | None, *, tolerance: dict[str, float] | None = None
                       ) -> tuple[bool, str]:
    """Promote only if the new model is no worse than the active one on the same holdout in AUC, Brier and
    the worst per-group calibration gap (each within a small tolerance for noise)."""
    if old is None:
        return True, "no active model"
    tol = {"auc": 0.005, "brier": 0.002, "gap": 0.02, **(tolerance or {})}
    problems = []
    if new["auc"] is not None and old["auc"] is not None and new["auc"] < old["auc"] - tol["auc"]:
        problems.append(f"AUC {new['auc']:.4f} < active {old['auc']:.4f}")
    if new["brier"] > old["brier"] + tol["brier"]:
        problems.append(f"Brier {new['brier']:.4f} > active {old['brier']:.4f}")
    if new["groups"]["max_abs_gap"] > old["groups"]["max_abs_gap"] + tol["gap"]:
        problems.append(f"worst group gap {new['groups']['max_abs_gap']:.4f} > active {old['groups']['max_abs_gap']:.4f}")
    if problems:
        return False, "; ".join(problems)
    return True, (f"AUC {new['auc']} vs {old['auc']}, Brier {new['brier']} vs {old['brier']}, "
                  f"worst group gap {new['groups']['max_abs_gap']} vs {old['groups']['max_abs_gap']}")
