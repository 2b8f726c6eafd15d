"""Fitting one LightGBM booster with early stopping, on this machine or elsewhere.

The router and the duration models each call `fitter.fit(params, …)` with their own parameters, rounds and
patience; everything around the fit (the time split, the features, calibration, evaluation and the registry)
is the same whichever fitter runs. `LocalFitter` is `lgb.train` here; `triage.distributed.DaskFitter` fits the
same parameters with `lightgbm.dask` on a Dask cluster (the optional `dask` extra).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import lightgbm as lgb
import numpy as np

from .features import FEATURES

Progress = Callable[[str], None]


class Fitter(Protocol):
    def fit(self, params: dict[str, Any], X_fit: np.ndarray, y_fit: np.ndarray, X_stop: np.ndarray,
            y_stop: np.ndarray, *, rounds: int, patience: int, categorical: Sequence[int],
            weight: np.ndarray | None = None, progress: Progress | None = None) -> lgb.Booster:
        """A booster fitted on the fit rows, stopped early when the stop rows' loss (the `metric` in `params`)
        has not improved for `patience` rounds; its `best_iteration` is the round it stopped at."""

    def describe(self) -> dict[str, Any] | None:
        """What the model card says about where it was trained (None: on this machine)."""


def progress_callback(progress: Progress, every: int = 25) -> Callable[[Any], None]:
    def callback(env: Any) -> None:
        if (env.iteration + 1) % every == 0 and env.evaluation_result_list:
            _, metric, value, _ = env.evaluation_result_list[0]
            progress(f"  round {env.iteration + 1}: early-stopping {metric} {value:.4f}")

    return callback


class LocalFitter:
    """`lgb.train` in this process, with LightGBM's own early stopping on the stop rows."""

    def fit(self, params: dict[str, Any], X_fit: np.ndarray, y_fit: np.ndarray, X_stop: np.ndarray,
            y_stop: np.ndarray, *, rounds: int, patience: int, categorical: Sequence[int],
            weight: np.ndarray | None = None, progress: Progress | None = None) -> lgb.Booster:
        cats = list(categorical)
        train_set = lgb.Dataset(X_fit, label=y_fit, weight=weight, feature_name=list(FEATURES),
                                categorical_feature=cats, free_raw_data=False)
        stop_set = lgb.Dataset(X_stop, label=y_stop, reference=train_set, categorical_feature=cats)
        callbacks = [lgb.early_stopping(patience, verbose=False)]
        if progress is not None:
            callbacks.append(progress_callback(progress))
        return lgb.train(params, train_set, num_boost_round=rounds, valid_sets=[stop_set], valid_names=["stop"],
                         callbacks=callbacks)

    def describe(self) -> dict[str, Any] | None:
        return None


LOCAL = LocalFitter()
