"""Benchmark triage against plain LightGBM: scoring a batch with reasons, one case with reasons, and training.

    .venv/bin/python bench/bench_triage.py [--score-rows 100000] [--train-rows 200000] [--repeats 500]

Uses the shipped model in models/ for scoring (no database) and the demo planner's interchange rows, resampled
with replacement, as the cases. Each figure against its floor, measured in the same run:

- score N cases with reasons (`predict.score_rows`: features from interchange columns, the legal rules first,
  calibration, LightGBM contributions, reasons) vs plain `Booster.predict` on the same, prebuilt matrix;
  `Booster.predict(pred_contrib=True)` on that matrix is printed as well (the floor of the reasons alone);
- one case with reasons (`predict.recommend`, as the filing screen does it) vs `Booster.predict` of its one row,
  both on one thread, median of --repeats;
- train on N closed cases (`train.train_from_frame`: time split, the router, calibration, evaluation, the
  duration models) vs a plain `lightgbm.train` of the same parameters and as many rounds on the matrix of
  all N cases.

Targets (issue 15): score 100,000 with reasons under 10 s; train on 1,000,000 closed cases under 2 minutes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

import common

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "court.settings")


def _median(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(score_rows_n: int, train_rows: int, repeats: int, plan: int) -> list[dict]:
    import lightgbm as lgb
    import numpy as np
    import pandas as pd

    from court.demo.plan import plan_court
    from triage import registry, rules
    from triage.features import build_matrix
    from triage.predict import recommend, score_rows
    from triage.train import DEFAULT_PARAMS, prepare, train_from_frame

    cards = registry.shipped_cards(str(common.ROOT / "models"))
    if not cards:
        raise SystemExit("No model card in models/; train one with manage.py triage_train.")
    router = registry.load(cards[-1][1], directory=str(common.ROOT / "models"))
    booster = router.booster
    started = time.perf_counter()
    cases, _periods = plan_court(plan, 2023).interchange_rows()
    base = pd.DataFrame(cases)
    common.note(f"planned {plan:,} demo cases in {time.perf_counter() - started:.1f} s; model {router.version}, "
                f"{booster.num_trees()} trees")
    limit = Decimal(45000)
    out = []

    # A batch with reasons.
    frame = base.sample(n=score_rows_n, replace=True, random_state=1).reset_index(drop=True)
    X = router.matrix(frame)
    floor_s, _ = common.best_of(3, lambda: booster.predict(X))
    contrib_s, _ = common.best_of(1, lambda: booster.predict(X, pred_contrib=True))
    ours_s, scored = common.best_of(1, lambda: score_rows(router, frame, wage_for=lambda c, d: limit, natures={},
                                                          threshold=0.5, band=0.1))
    assert len(scored) == score_rows_n and all(row["route"] for row in scored)
    common.note(f"Booster.predict(pred_contrib=True) on the same matrix: {contrib_s:.2f} s")
    out.append(common.figure("triage", "", "score with reasons", ours=ours_s, floor=floor_s,
                             size=f"{score_rows_n:,} cases", floor_name="Booster.predict on the prebuilt matrix",
                             target="issue 15: 100,000 with reasons under 10 s", pred_contrib_s=contrib_s))

    # One case with reasons, as the filing screen.
    row = frame.iloc[0]
    one = {k: [row[k]] for k in frame.columns}
    facts = rules.facts_from_row(row.to_dict())
    x_one = router.matrix(one)
    for _ in range(20):
        recommend(router, one, facts, limit, threshold=0.5, band=0.1)
    ours_one = _median(lambda: recommend(router, one, facts, limit, threshold=0.5, band=0.1), repeats)
    floor_one = _median(lambda: booster.predict(x_one, num_threads=1), repeats)
    out.append(common.figure("triage", "", "one case with reasons", ours=ours_one, floor=floor_one, size="1 case",
                             floor_name="Booster.predict of one row, one thread",
                             target="(no number in issue 15; the filing screen)"))

    # Training on N closed cases.
    closed = base[base["closed_on"].astype(str) != ""]
    train = closed.sample(n=train_rows, replace=True, random_state=2).reset_index(drop=True)
    started = time.perf_counter()
    result = train_from_frame(train)
    ours_train = time.perf_counter() - started
    rounds = result.router.booster.current_iteration()
    prepared = prepare(train)
    Xt = build_matrix(prepared, result.router.spec)
    params = {**DEFAULT_PARAMS, "seed": 2023, "verbose": -1}
    cats = result.router.spec.categorical_indices

    def plain_train() -> None:
        lgb.train(params, lgb.Dataset(Xt, label=prepared["y"].to_numpy(), categorical_feature=cats),
                  num_boost_round=rounds)

    floor_train, _ = common.best_of(1, plain_train)
    assert np.isfinite(ours_train)
    out.append(common.figure("triage", "", "train", ours=ours_train, floor=floor_train,
                             size=f"{len(prepared):,} closed cases",
                             floor_name=f"lightgbm.train, same parameters, {rounds} rounds",
                             target="issue 15: 1,000,000 closed cases under 2 minutes"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--score-rows", type=int, default=100_000)
    parser.add_argument("--train-rows", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=500)
    parser.add_argument("--plan", type=int, default=4000, help="Planner cases to resample from.")
    args = parser.parse_args()
    import django

    django.setup()
    measure(args.score_rows, args.train_rows, args.repeats, args.plan)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
