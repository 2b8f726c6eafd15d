"""A new model becomes active only if it is no worse on the same recent holdout; --activate forces it."""

from __future__ import annotations

import numpy as np
import pytest

from triage import registry
from triage.models import ModelVersion, TrainingRun
from triage.tasks import run_training
from triage.train import promotion_decision

OLD = {"auc": 0.80, "brier": 0.150, "groups": {"max_abs_gap": 0.05}}


@pytest.mark.parametrize("new, promoted", [
    ({"auc": 0.80, "brier": 0.150, "groups": {"max_abs_gap": 0.05}}, True),
    ({"auc": 0.83, "brier": 0.140, "groups": {"max_abs_gap": 0.03}}, True),
    ({"auc": 0.78, "brier": 0.150, "groups": {"max_abs_gap": 0.05}}, False),
    ({"auc": 0.80, "brier": 0.160, "groups": {"max_abs_gap": 0.05}}, False),
    ({"auc": 0.80, "brier": 0.150, "groups": {"max_abs_gap": 0.12}}, False),
])
def test_promotion_needs_no_worse_auc_brier_and_group_gaps(new, promoted):
    ok, why = promotion_decision(new, OLD)
    assert ok is promoted and why


def test_the_first_model_is_always_promoted():
    assert promotion_decision(OLD, None)[0]


def _shuffled(frame, seed=0):
    """The same cases with the training period's labels shuffled; the recent holdout keeps its true labels."""
    rng = np.random.default_rng(seed)
    out = frame.copy()
    older = out["filed_on"] < sorted(out["filed_on"])[int(len(out) * 0.75)]  # ISO dates sort as text
    out.loc[older, "final_procedure"] = rng.permutation(out.loc[older, "final_procedure"].to_numpy())
    return out


@pytest.mark.django_db
def test_a_worse_model_is_kept_out_and_a_good_one_promoted(synth, models_dir):
    first = run_training(frame=synth, directory=models_dir, train_options={"rounds": 40, "with_duration": False})
    assert first.outcome == TrainingRun.Outcome.PROMOTED
    worse = run_training(frame=_shuffled(synth), directory=models_dir,
                         train_options={"rounds": 40, "with_duration": False})
    assert worse.outcome == TrainingRun.Outcome.KEPT, worse.message
    assert ModelVersion.objects.get(is_active=True) == first.version
    # The comparison used the same holdout for both models.
    assert worse.comparison["active"]["auc"] > worse.comparison["new"]["auc"]
    again = run_training(frame=synth, directory=models_dir, train_options={"rounds": 40, "with_duration": False})
    assert again.outcome == TrainingRun.Outcome.PROMOTED
    assert ModelVersion.objects.get(is_active=True) == again.version


@pytest.mark.django_db
def test_activate_forces_a_worse_model(synth, models_dir):
    run_training(frame=synth, directory=models_dir, train_options={"rounds": 40, "with_duration": False})
    forced = run_training(frame=_shuffled(synth), directory=models_dir, force_activate=True,
                          train_options={"rounds": 40, "with_duration": False})
    assert forced.outcome == TrainingRun.Outcome.PROMOTED
    assert "forced" in forced.message
    assert ModelVersion.objects.get(is_active=True) == forced.version
    assert registry.active_router().version == forced.version.version


@pytest.mark.django_db
def test_a_failed_training_is_recorded(models_dir, synth):
    run = run_training(frame=synth.head(10), directory=models_dir)
    assert run.outcome == TrainingRun.Outcome.FAILED and "at least" in run.message
    assert run.finished_at is not None
