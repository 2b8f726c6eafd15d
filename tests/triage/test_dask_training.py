"""Training on a Dask cluster (lightgbm.dask, two local worker processes) writes the same registry entry as a
local run: the same card fields plus `distributed`, a model that loads and scores through the normal path, the
same LightGBM parameters, and a held-out AUC close to the local model's."""

from __future__ import annotations

import re
import sys
from functools import partial
from importlib.util import find_spec
from io import StringIO

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from triage import registry
from triage.distributed import BAD_SPEC, DASK_MISSING, NO_WORKERS, DaskFitter, dask_fitter, parse_spec
from triage.models import ModelVersion
from triage.predict import score_rows
from triage.train import DEFAULT_PARAMS, auc, prepare, time_split, train_from_frame

from .synth import synth_frame

needs_dask = pytest.mark.skipif(find_spec("distributed") is None or find_spec("pyarrow") is None,
                                reason="the optional dask extra (pip install 'fanjian[dask]') is not installed")

ROWS = 3000
#: Six synthetic seeds at this size gave dask − local AUC differences of −0.0044 … +0.0022 on the 600-row
#: holdout (the two differ only in bin boundaries, which each worker proposes from its own rows); 0.015 is
#: three times the largest of them and below the holdout AUC's own standard error (≈0.017 at AUC 0.84).
AUC_TOLERANCE = 0.015
#: Model-text parameters that name the cluster rather than the model.
NETWORK = {"tree_learner", "num_machines", "local_listen_port", "machines"}


@pytest.fixture(scope="module")
def frame():
    return synth_frame(ROWS, seed=11)


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, on loopback (started and stopped by `dask_fitter`)."""
    with dask_fitter("local:2") as fitter:
        yield fitter


@pytest.fixture(scope="module")
def both(frame, cluster, tmp_path_factory):
    """The same frame trained locally and on the cluster, each written by the registry code."""
    directory = tmp_path_factory.mktemp("models")
    local = train_from_frame(frame, rounds=300)
    dask = train_from_frame(frame, rounds=300, fitter=cluster)
    return {
        "directory": directory,
        "local": (local, registry.write_version(local.router, local.report, directory=directory)),
        "dask": (dask, registry.write_version(dask.router, dask.report, directory=directory)),
    }


def _parameters(booster) -> dict[str, str]:
    text = booster.model_to_string()
    block = text[text.index("parameters:"):text.index("end of parameters")]
    return dict(re.findall(r"^\[(\w+): (.*)\]$", block, flags=re.M))


@needs_dask
def test_the_card_has_the_local_fields_and_says_it_was_trained_on_two_dask_workers(both):
    local_card, dask_card = both["local"][1], both["dask"][1]
    assert set(dask_card) == set(local_card) | {"distributed"}
    assert dask_card["distributed"] == {"backend": "dask", "cluster": "local", "workers": 2, "threads": 2,
                                        "tree_learner": "data"}
    for key in ("metrics", "calibration", "rows", "data_window", "duration", "files", "categories", "features"):
        assert set(dask_card[key]) == set(local_card[key]), key
    assert dask_card["rows"] == local_card["rows"] and dask_card["data_window"] == local_card["data_window"]
    assert dask_card["features"] == local_card["features"]
    assert dask_card["categories"] == local_card["categories"]


@needs_dask
def test_the_boosters_were_fitted_by_both_workers_with_the_local_parameters(both):
    local, dask = both["local"][0], both["dask"][0]
    boosters = [(local.router.booster, dask.router.booster)]
    boosters += [(local.router.duration[q], dask.router.duration[q]) for q in ("q50", "q90")]
    for mine, theirs in boosters:
        p_local, p_dask = _parameters(mine), _parameters(theirs)
        assert p_dask["num_machines"] == "2" and p_dask["tree_learner"] == "data"
        assert len(p_dask["machines"].split(",")) == 2
        assert {k: v for k, v in p_dask.items() if k not in NETWORK} == \
               {k: v for k, v in p_local.items() if k not in NETWORK}
    # Early stopping happened on the cluster too (300 rounds allowed, patience 30).
    assert dask.router.booster.current_iteration() < 300


@needs_dask
def test_the_dask_model_loads_and_scores_through_the_normal_path(both, frame):
    _, card = both["dask"]
    registry.clear_cache()
    router = registry.load(card, directory=both["directory"])
    holdout = time_split(prepare(frame))["holdout"]
    p = router.proba(holdout)
    assert p.shape == (len(holdout),) and np.all((p > 0) & (p < 1))
    assert round(auc(holdout["y"].to_numpy(), p), 4) == card["metrics"]["auc"]
    p_one, contributions, _ = router.explain_one(holdout.head(1))
    assert p_one == pytest.approx(p[0]) and len(contributions) == len(card["features"]) + 1
    assert set(router.duration) == {"q50", "q90"}


@needs_dask
def test_the_dask_model_is_as_good_as_the_local_one_on_the_same_holdout(both):
    local, dask = both["local"][1], both["dask"][1]
    assert local["data_window"]["holdout"] == dask["data_window"]["holdout"]
    assert abs(dask["metrics"]["auc"] - local["metrics"]["auc"]) <= AUC_TOLERANCE
    assert dask["metrics"]["auc"] >= dask["baselines"]["cause_amount_rule"]["auc"]


@needs_dask
def test_the_weights_travel_with_their_rows(both, cluster):
    # A retraining after drift weights the fit rows by recency (monitor.recency_weights). Here the complex rows
    # weigh almost nothing: a fit that used the weights predicts far fewer complex cases than one that did not.
    local, _ = both["local"]
    spec = local.router.spec
    rng = np.random.default_rng(3)
    X = rng.normal(size=(2000, len(spec.features)))
    X[:, spec.categorical_indices] = rng.integers(0, 3, size=(2000, len(spec.categorical_indices)))
    y = (rng.random(2000) < 0.4).astype(int)
    weight = np.where(y == 1, 0.01, 1.0)
    params = {**DEFAULT_PARAMS, "seed": 1, "metric": "binary_logloss"}
    fit = partial(cluster.fit, params, X[:1500], y[:1500], X[1500:], y[1500:], rounds=20, patience=5,
                  categorical=spec.categorical_indices)
    plain, weighted = fit(), fit(weight=weight[:1500])
    assert plain.predict(X[1500:]).mean() > 0.3
    assert weighted.predict(X[1500:]).mean() < 0.05


@needs_dask
@pytest.mark.django_db
def test_triage_train_dask_registers_a_version_trained_on_the_cluster(frame, cluster, tmp_path):
    cases = tmp_path / "cases.csv"
    frame.head(1200).to_csv(cases, index=False)  # the command's path, not the model: fewer rows
    address = cluster.client.scheduler.address
    out = StringIO()
    call_command("triage_train", "--cases", str(cases), "--dask", address, "--models-dir", str(tmp_path),
                 "--rounds", "120", stdout=out)
    mv = ModelVersion.objects.get()
    assert mv.is_active  # the first version is promoted
    assert mv.card["distributed"]["cluster"] == "remote" and mv.card["distributed"]["workers"] == 2
    assert (tmp_path / mv.model_file).exists()
    assert "Training on 2 Dask workers" in out.getvalue()
    # The active model as the filing screen and triage_predict get it.
    router = registry.active_router()
    assert router is not None and router.version == mv.version
    rows = score_rows(router, frame.tail(50), wage_for=lambda _court, _filed: None, natures={}, threshold=0.5,
                      band=0.1)
    assert len(rows) == 50 and all(0 < r["p_complex"] < 1 and r["route"] for r in rows)


@needs_dask
@pytest.mark.django_db
def test_a_cluster_without_workers_is_refused_before_training(tmp_path):
    import distributed

    with distributed.LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address="127.0.0.1:0") as empty:
        with pytest.raises(CommandError) as exc:
            call_command("triage_train", "--dask", empty.scheduler_address, "--models-dir", str(tmp_path))
    assert str(exc.value) == NO_WORKERS % {"address": empty.scheduler_address}
    assert not ModelVersion.objects.exists()


@pytest.mark.parametrize("spec", ["local:0", "local:65", "local:two", "nonsense", ""])
def test_it_refuses_what_is_neither_local_n_nor_a_scheduler_address(spec):
    with pytest.raises(ValueError) as exc:
        parse_spec(spec)
    assert str(exc.value) == BAD_SPEC % {"max": 64, "spec": spec}


def test_it_accepts_local_n_and_a_scheduler_address():
    assert parse_spec("local:2") == 2
    assert parse_spec("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert parse_spec("scheduler:8786") == "scheduler:8786"


@pytest.mark.django_db
def test_the_command_reports_a_bad_spec_without_training(tmp_path):
    with pytest.raises(CommandError, match="--dask takes"):
        call_command("triage_train", "--dask", "local:0", "--models-dir", str(tmp_path))
    assert not ModelVersion.objects.exists()


@needs_dask
def test_the_fitter_names_its_cluster(cluster):
    assert isinstance(cluster, DaskFitter) and len(cluster.workers) == 2


@pytest.mark.django_db
def test_without_the_extra_the_command_says_what_to_install(monkeypatch, tmp_path):
    # As if the extra were missing: importing dask.dataframe raises ImportError (None in sys.modules). Not
    # `distributed` itself: this module's cluster may still be running in a background thread.
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(CommandError) as exc:
        call_command("triage_train", "--dask", "local:2", "--models-dir", str(tmp_path))
    assert str(exc.value) == DASK_MISSING
    assert not ModelVersion.objects.exists()
