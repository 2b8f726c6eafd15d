"""Benchmark triage inference: one case with its reasons, and 100,000 cases, against plain `Booster.predict`.

    .venv/bin/python bench/bench_triage.py [--rows 100000] [--repeats 2000] [--models-dir models] [--json FILE]

Uses the shipped model in the models directory (no database) and the demo planner's interchange rows,
resampled to `--rows`. The ratios compare our full path (feature building from interchange columns, the
legal rules, calibration, contributions and reasons) with `Booster.predict` on a prebuilt matrix, measured
in the same run, on one thread for the single case and the default threads for the batch.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "court.settings")


def _timeit(fn, repeats: int) -> float:
    """Median seconds per call."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _best(fn, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=2000)
    parser.add_argument("--plan", type=int, default=4000, help="Planner cases to resample from.")
    parser.add_argument("--models-dir", default=str(ROOT / "models"))
    parser.add_argument("--json", help="Also write the figures as JSON here.")
    args = parser.parse_args()

    import django

    django.setup()
    import numpy as np
    import pandas as pd

    from court.demo.plan import plan_court
    from triage import registry, rules
    from triage.predict import recommend, score_rows

    cards = registry.shipped_cards(args.models_dir)
    if not cards:
        sys.exit(f"No model card in {args.models_dir}; train one with manage.py triage_train.")
    router = registry.load(cards[-1][1], directory=args.models_dir)
    booster = router.booster

    cases, _periods = plan_court(args.plan, 2023).interchange_rows()
    base = pd.DataFrame(cases)
    frame = base.sample(n=args.rows, replace=True, random_state=1).reset_index(drop=True)
    limit = Decimal("45000")

    # One case with its reasons, as the filing screen does it (columns -> rules -> model -> reasons).
    row = frame.iloc[0]
    one = {k: [row[k]] for k in frame.columns}
    facts = rules.facts_from_row(row.to_dict())
    x_one = router.matrix(one)
    for _ in range(50):  # warm up
        recommend(router, one, facts, limit, threshold=0.5, band=0.1)
    ours_one = _timeit(lambda: recommend(router, one, facts, limit, threshold=0.5, band=0.1), args.repeats)
    plain_one = _timeit(lambda: booster.predict(x_one, num_threads=1), args.repeats)
    contrib_one = _timeit(lambda: booster.predict(x_one, pred_contrib=True, num_threads=1), args.repeats)

    # A batch: probabilities from interchange columns vs Booster.predict on a prebuilt matrix.
    X = router.matrix(frame)
    plain_batch = _best(lambda: booster.predict(X))
    ours_batch = _best(lambda: router.proba(frame))
    build_batch = _best(lambda: router.matrix(frame))
    contrib_batch = _best(lambda: booster.predict(X, pred_contrib=True), 1)
    routes_batch = _best(lambda: score_rows(router, frame, wage_for=lambda c, d: limit, natures={},
                                            threshold=0.5, band=0.1), 1)
    assert np.allclose(router.proba(frame), router.calibrate(booster.predict(X, raw_score=True)))

    figures = {
        "model": router.version, "trees": booster.num_trees(), "rows": args.rows,
        "one_case_with_reasons_ms": round(ours_one * 1e3, 3),
        "one_case_plain_predict_ms": round(plain_one * 1e3, 3),
        "one_case_pred_contrib_ms": round(contrib_one * 1e3, 3),
        "one_case_ratio": round(ours_one / plain_one, 2),
        "batch_proba_s": round(ours_batch, 3),
        "batch_plain_predict_s": round(plain_batch, 3),
        "batch_feature_build_s": round(build_batch, 3),
        "batch_ratio": round(ours_batch / plain_batch, 2),
        "batch_pred_contrib_s": round(contrib_batch, 3),
        "batch_routes_and_reasons_s": round(routes_batch, 3),
    }
    width = max(map(len, figures))
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
