"""Training beyond one machine: the router and the duration models fitted with `lightgbm.dask` on a Dask cluster.

`triage_train --dask tcp://scheduler:8786` trains on a running cluster, `--dask local:2` on a cluster of two
worker processes started on this machine. Only the boosting moves: `train.train_from_frame` still prepares the
rows, splits them by filing date, builds the features with the one feature builder, calibrates, evaluates and
hands the same report to the same registry code, with one more card field, `distributed` (backend, workers,
threads). The parameters are the local ones (`train.DEFAULT_PARAMS`, `duration.PARAMS`) less the thread count,
which each worker's threads decide.

How the rows reach the workers: the fit rows are dealt round-robin into one partition per worker, each
partition scattered to its worker and the partitions joined into one dask DataFrame; LightGBM's data-parallel
learner then sums the histograms across the workers, so the trees are those of one machine up to the bin
boundaries (each worker proposes the bins of some features from its own rows). LightGBM computes validation
metrics on each machine's own rows, so every worker receives the whole stop slice: all compute the same
early-stopping loss and stop at the same round as the local path would (`lgb.early_stopping`, same patience).
The workers need lightgbm, pandas and dask[distributed], not Fanjian. A cluster fit is not bit-reproducible:
lightgbm.dask ranks the workers in an arbitrary order (a set of Dask keys), and the rank decides which worker's
rows propose the bins of which feature; the held-out AUC stays within a few thousandths of the local model's.

Dask is imported here only, when asked for: the product runs without the optional `dask` extra.
"""

from __future__ import annotations

import inspect
import logging
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd

from .boosting import Progress
from .features import FEATURES

DASK_MISSING = "Training on a Dask cluster needs the optional extra: pip install 'fanjian[dask]'."
BAD_SPEC = ("--dask takes a scheduler address (tcp://host:8786) or local:N for N worker processes on this "
            "machine (1 to %(max)s); got %(spec)r.")
NO_WORKERS = "The Dask cluster at %(address)s has no workers."

#: A local cluster has at most this many worker processes.
MAX_LOCAL_WORKERS = 64
#: Seconds to wait for the scheduler and for the workers to join.
CONNECT_TIMEOUT = 60
#: Parameters a Dask worker decides (its threads; lightgbm.dask sets the machines).
CLUSTER_DECIDES = frozenset({"num_threads", "num_machines"})
LABEL, WEIGHT = "label", "weight"

_LOCAL = re.compile(r"local:(\d+)")
_ADDRESS = re.compile(r"(?:(?:tcp|tls|inproc|ucx)://)?[\w.\-\[\]:]+:\d+")


def parse_spec(spec: str) -> int | str:
    """`local:N` → N (worker processes to start here); a scheduler address → the address."""
    spec = spec.strip()
    if m := _LOCAL.fullmatch(spec):
        n = int(m.group(1))
        if 1 <= n <= MAX_LOCAL_WORKERS:
            return n
    elif _ADDRESS.fullmatch(spec) and len(spec) <= 300:
        return spec
    raise ValueError(BAD_SPEC % {"max": MAX_LOCAL_WORKERS, "spec": spec[:80]})


def _distributed() -> Any:
    try:
        import distributed  # noqa: PLC0415 (lazy: the optional extra)
        import dask.dataframe  # noqa: F401, PLC0415
        import lightgbm.dask  # noqa: F401, PLC0415
    except ImportError as exc:
        raise ImportError(DASK_MISSING) from exc
    return distributed


def _table(X: np.ndarray, y: np.ndarray, weight: np.ndarray | None) -> pd.DataFrame:
    table = pd.DataFrame(X, columns=list(FEATURES))
    table[LABEL] = y
    if weight is not None:
        table[WEIGHT] = weight
    return table


class DaskFitter:
    """Fits with `lightgbm.dask.DaskLGBMClassifier` (objective binary) or `DaskLGBMRegressor` (the rest)."""

    def __init__(self, client: Any, *, cluster: str = "remote") -> None:
        self.client = client
        self.cluster = cluster

    @property
    def workers(self) -> list[str]:
        return sorted(self.client.nthreads())

    def describe(self) -> dict[str, Any]:
        threads = self.client.nthreads()
        return {"backend": "dask", "cluster": self.cluster, "workers": len(threads),
                "threads": int(sum(threads.values())), "tree_learner": "data"}

    def _frame(self, pieces: Sequence[pd.DataFrame], workers: Sequence[str], futures: list[Any]) -> Any:
        import dask.dataframe as dd  # noqa: PLC0415

        # hash=False: the stop slice goes to every worker as its own copy, not one key moved around.
        placed = [self.client.scatter(piece, workers=[w], hash=False) for piece, w in zip(pieces, workers)]
        futures.extend(placed)
        return dd.from_delayed(placed, meta=pieces[0].iloc[:0], verify_meta=False)

    def fit(self, params: dict[str, Any], X_fit: np.ndarray, y_fit: np.ndarray, X_stop: np.ndarray,
            y_stop: np.ndarray, *, rounds: int, patience: int, categorical: Sequence[int],
            weight: np.ndarray | None = None, progress: Progress | None = None) -> lgb.Booster:
        from lightgbm.dask import DaskLGBMClassifier, DaskLGBMRegressor  # noqa: PLC0415

        workers = self.workers
        n = len(workers)
        rows = np.arange(len(X_fit))
        fit_pieces = [_table(X_fit[rows[k::n]], y_fit[rows[k::n]], None if weight is None else weight[rows[k::n]])
                      for k in range(n)]
        stop_piece = _table(X_stop, y_stop, None)
        futures: list[Any] = []
        try:
            train = self._frame(fit_pieces, workers, futures)
            stop = self._frame([stop_piece] * n, workers, futures)
            estimator = DaskLGBMClassifier if params.get("objective") == "binary" else DaskLGBMRegressor
            model = estimator(client=self.client, n_estimators=rounds,
                              **{k: v for k, v in params.items() if k not in CLUSTER_DECIDES})
            stop_x, stop_y = stop[list(FEATURES)], stop[LABEL]
            # lightgbm 4.7 renamed eval_set to eval_X/eval_y; the extra allows 4.3 on.
            evals = ({"eval_X": (stop_x,), "eval_y": (stop_y,)}
                     if "eval_X" in inspect.signature(model.fit).parameters else {"eval_set": [(stop_x, stop_y)]})
            with warnings.catch_warnings():
                # The sklearn wrapper's n_jobs: each worker's threads decide, as intended (CLUSTER_DECIDES).
                warnings.filterwarnings("ignore", message="Parameter n_jobs will be ignored")
                model.fit(train[list(FEATURES)], train[LABEL],
                          sample_weight=train[WEIGHT] if weight is not None else None, eval_names=["stop"],
                          feature_name=list(FEATURES), categorical_feature=list(categorical),
                          callbacks=[lgb.early_stopping(patience, verbose=False)], **evals)
        finally:
            self.client.cancel(futures)
        booster = model.booster_
        if progress is not None and model.best_score_.get("stop"):
            metric, value = next(iter(model.best_score_["stop"].items()))
            progress(f"  {n} Dask workers: early-stopping {metric} {value:.4f} at round {booster.best_iteration}")
        return booster


@contextmanager
def dask_fitter(spec: str, *, progress: Progress | None = None) -> Iterator[DaskFitter]:
    """A `DaskFitter` on the cluster `spec` names (`parse_spec`); a local cluster is started and stopped here."""
    target = parse_spec(spec)
    distributed = _distributed()
    say = progress or (lambda _m: None)
    cluster = client = None
    # distributed logs every worker start and stop at INFO; the command's own progress lines say enough.
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(max(level, logging.WARNING))
    try:
        if isinstance(target, int):
            say(f"Starting a local Dask cluster of {target} worker processes")
            # Worker processes, each with its own LightGBM, as on separate machines; a free dashboard port (8787
            # may be another cluster's).
            cluster = distributed.LocalCluster(n_workers=target, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address="127.0.0.1:0")
            client = distributed.Client(cluster, timeout=CONNECT_TIMEOUT)
            client.wait_for_workers(target, timeout=CONNECT_TIMEOUT)
        else:
            say(f"Connecting to the Dask scheduler at {target}")
            client = distributed.Client(target, timeout=CONNECT_TIMEOUT)
        if not client.nthreads():
            raise ValueError(NO_WORKERS % {"address": target})
        fitter = DaskFitter(client, cluster="local" if cluster is not None else "remote")
        say(f"Training on {len(fitter.workers)} Dask workers")
        yield fitter
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        quiet.setLevel(level)
