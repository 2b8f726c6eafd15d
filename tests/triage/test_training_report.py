"""triage_train's report: the figures the issue asks for, and a model that beats the cause-plus-amount rule."""

from __future__ import annotations

import pytest

from triage.train import ONE_CLASS, TOO_FEW_ROWS, train_from_frame


@pytest.fixture(scope="module")
def plan_result(plan_frames):
    cases, periods = plan_frames
    return train_from_frame(cases, periods=periods, rounds=120)


def test_the_report_has_every_figure(trained):
    report = trained.report
    for key in ("data_window", "rows", "metrics", "baselines", "threshold_curve", "suggested_threshold",
                "calibration", "duration", "drift_reference"):
        assert key in report
    for figures in (report["metrics"], report["baselines"]["cause_amount_rule"], report["baselines"]["majority"]):
        assert {"auc", "brier", "accuracy", "calibration"} <= set(figures)
    assert {"cause", "plaintiff_kind", "lawyer", "max_abs_gap"} <= set(report["metrics"]["groups"])
    assert {g["group"] for g in report["metrics"]["groups"]["lawyer"]["groups"]} == {"lawyer", "none"}
    assert report["calibration"]["method"] == "platt"
    assert {"mae", "baseline_mae", "pinball", "baseline_pinball"} <= set(report["duration"]["quantiles"]["q50"])


def test_the_split_is_by_time_and_the_holdout_is_the_most_recent(trained):
    w = trained.report["data_window"]
    assert w["fit"]["filed_to"] <= w["stop"]["filed_from"] <= w["stop"]["filed_to"] <= w["calibration"]["filed_from"]
    assert w["calibration"]["filed_to"] <= w["holdout"]["filed_from"]
    rows = trained.report["rows"]
    assert rows["fit"] + rows["stop"] + rows["calibration"] + rows["holdout"] == rows["closed_cases"]


def test_the_threshold_curve_trades_simple_rate_against_conversions(trained):
    curve = trained.report["threshold_curve"]
    rates = [r["simple_rate"] for r in curve]
    conversions = [r["expected_conversions"] for r in curve]
    assert rates == sorted(rates) and conversions == sorted(conversions)
    assert rates[-1] > rates[0]


def test_it_refuses_too_little_or_one_sided_data(synth):
    with pytest.raises(ValueError, match="at least"):
        train_from_frame(synth.head(50))
    one_sided = synth.assign(final_procedure="simple")
    with pytest.raises(ValueError) as exc:
        train_from_frame(one_sided)
    assert str(exc.value) == ONE_CLASS
    assert "%(n)s" in TOO_FEW_ROWS


def test_on_planner_data_the_model_beats_the_rule_and_is_calibrated(plan_result):
    report = plan_result.report
    model, rule = report["metrics"], report["baselines"]["cause_amount_rule"]
    assert model["auc"] >= rule["auc"] + 0.05
    assert model["brier"] < rule["brier"]
    assert model["brier"] < report["baselines"]["majority"]["brier"]
    table = model["calibration"]
    n = sum(r["n"] for r in table)
    weighted_gap = sum(r["n"] * abs(r["mean_predicted"] - r["observed"]) for r in table) / n
    assert weighted_gap < 0.06


def test_on_planner_data_the_duration_model_beats_the_per_cause_median(plan_result):
    q = plan_result.report["duration"]["quantiles"]
    assert q["q50"]["mae"] < q["q50"]["baseline_mae"]
    assert q["q90"]["pinball"] <= q["q90"]["baseline_pinball"]
