"""Triage that holds when the court changes (issue 16): a later period with a cause unseen in training (信息网络
买卖合同纠纷, a 4th-level cause under 买卖合同纠纷), more e-service consent and larger claims. The router must reach
97% of the period's best achievable AUC (the true generating probabilities) and a Brier score within 1.1x of it;
calibration is checked on the most recent cases, and drift schedules a retraining that activates only if better."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import brier_score_loss, roc_auc_score

from django.urls import reverse
from django.utils.html import escape

from triage import monitor, registry, tasks
from triage.features import FEATURES, build_matrix, family, fit_spec, part
from triage.models import ModelVersion, TrainingRun
from triage.train import prepare, train_from_frame

from .drift_synth import NEW_CAUSE, drift_frame


@pytest.fixture(scope="module")
def periods() -> tuple[pd.DataFrame, pd.DataFrame]:
    past = drift_frame(6000, seed=5, start=date(2021, 1, 4), days=1400, shifted=False)
    later = prepare(drift_frame(2000, seed=105, start=date(2026, 1, 5), days=300, shifted=True))
    return past, later


@pytest.fixture(scope="module")
def router(periods):
    return train_from_frame(periods[0], with_duration=False).router


def test_an_unseen_cause_falls_back_to_its_parent_not_to_missing(periods):
    past, later = periods
    assert NEW_CAUSE not in set(past["cause"]) and (later["cause"] == NEW_CAUSE).mean() > 0.1
    spec = fit_spec(past)
    X = build_matrix(pd.DataFrame({"cause": [NEW_CAUSE, "买卖合同纠纷", "从未有过的案由"]}).assign(
        **{c: 0 for c in ("claim_amount", "plaintiffs", "defendants", "third_parties", "evidence_items",
                          "defendant_address_known", "e_service_consent", "appraisal_requested", "foreign_related",
                          "lawyer_represented")}, plaintiff_kind="person", defendant_kind="person",
        filed_on="2026-03-01"), spec)
    cause, fam, prt = (FEATURES.index(f) for f in ("cause", "cause_family", "cause_part"))
    assert X[0, cause] == X[1, cause] == spec.categories["cause"].index("买卖合同纠纷")
    assert X[0, fam] == X[1, fam] and X[0, prt] == X[1, prt]
    assert family(NEW_CAUSE) == "买卖合同纠纷" and part(NEW_CAUSE) == "合同、准合同纠纷"
    assert np.isnan(X[2, cause])  # a name no catalogue has: missing


def test_the_router_holds_on_a_later_period_with_an_unseen_cause_and_shifted_filings(periods, router):
    _, later = periods
    y = later["y"].to_numpy()
    p = router.proba(later)
    best_auc, best_brier = roc_auc_score(y, later["p_true"]), brier_score_loss(y, later["p_true"])
    auc, brier = roc_auc_score(y, p), brier_score_loss(y, p)
    assert auc >= 0.97 * best_auc, (auc, best_auc)
    assert brier <= 1.1 * best_brier, (brier, best_brier)
    new = (later["cause"] == NEW_CAUSE).to_numpy()
    assert abs(p[new].mean() - y[new].mean()) < 0.06  # the newcomer is priced like its family, not generically


def test_the_calibration_check_flags_a_court_whose_outcomes_moved(periods, router):
    _, later = periods
    p = router.proba(later)
    calm = monitor.recent_check(later["filed_on"], later["y"].to_numpy(), p)
    assert not calm["flagged"] and calm["rows"] == monitor.RECENT_ROWS
    rng = np.random.default_rng(3)
    logit = np.log(later["p_true"] / (1 - later["p_true"])) + 1.2  # the same filings, now far more complex
    moved = (rng.random(len(later)) < 1 / (1 + np.exp(-logit))).astype(int)
    check = monitor.recent_check(later["filed_on"], moved, p)
    assert check["flagged"] and check["ece"] > check["bound"] + check["noise_floor"]
    months = monitor.reliability_by_month(later["filed_on"], moved, p)
    assert [m["month"] for m in months][:2] == ["2026-01", "2026-02"] and all(m["gap"] < 0 for m in months if m["n"] > 50)


def test_recent_cases_weigh_more():
    w = monitor.recency_weights(pd.Series(pd.to_datetime(["2024-01-01", "2025-01-01", "2025-12-31"])), 365)
    assert w[-1] == 1.0 and w[0] == pytest.approx(0.25, abs=0.01) and w[1] == pytest.approx(0.5, abs=0.01)


def test_drift_schedules_a_retraining_run(monkeypatch):
    scheduled = []
    monkeypatch.setattr("django_q.tasks.async_task", lambda func, *args, **kw: scheduled.append((func, args)))
    verdict = monitor.drift_verdict([{"feature": "e_service_consent", "psi": 0.31, "level": "major"}], None)
    monkeypatch.setattr(tasks, "drift_status", lambda: verdict)
    assert tasks.drift_check().startswith("retraining scheduled")
    assert scheduled == [("triage.tasks.retrain_for_drift", ("feature drift: e_service_consent PSI 0.310 > 0.25",))]
    monkeypatch.setattr(tasks, "drift_status", lambda: monitor.drift_verdict(
        [{"feature": "claim_amount", "psi": 0.05, "level": "stable"}], {"flagged": False}))
    assert tasks.drift_check() == "stable" and len(scheduled) == 1


@pytest.mark.django_db
def test_a_drift_retraining_activates_the_challenger_only_if_better_and_says_why(periods, models_dir, monkeypatch,
                                                                                admin, client):
    past, later = periods
    champion = train_from_frame(past, with_duration=False, rounds=80)
    card = registry.write_version(champion.router, champion.report)
    registry.register(card, card_file=f"{registry.PREFIX}{card['version']}.json")
    registry.activate(card["version"])
    shifted = drift_frame(3000, seed=205, start=date(2025, 1, 6), days=600, shifted=True)
    shifted["cause"] = np.where(shifted["cause"] == NEW_CAUSE, NEW_CAUSE, shifted["cause"])
    recent = pd.concat([past, shifted.assign(p_true=0)], ignore_index=True).drop(columns=["p_true"])
    # the court changed: the newcomer is far more complex than its family, which only recent cases show
    rng = np.random.default_rng(9)
    is_new = (recent["cause"] == NEW_CAUSE).to_numpy()
    recent.loc[is_new, "final_procedure"] = np.where(rng.random(is_new.sum()) < 0.9, "ordinary", "simple")
    monkeypatch.setattr(tasks.selectors, "closed_cases_frame", lambda: recent)
    reason = "calibration: error 0.120 on the 500 most recent closed cases > bound 0.05 + chance 0.040"
    assert tasks.retrain_for_drift(reason) == TrainingRun.Outcome.PROMOTED
    run = TrainingRun.objects.get(trigger=tasks.DRIFT_TRIGGER)
    new = ModelVersion.objects.get(is_active=True)
    assert run.message.startswith(reason) and new.version != card["version"]
    assert new.card["trigger"] == {"kind": "drift", "reason": reason}
    assert new.card["recency_half_life_days"] == monitor.HALF_LIFE_DAYS
    # the same data again: the challenger is no better than the champion it would replace, which stays
    assert tasks.retrain_for_drift(reason) == TrainingRun.Outcome.KEPT
    assert ModelVersion.objects.get(is_active=True) == new
    # the administrator reads what changed and why on the model card, with the reliability by month
    client.force_login(admin)
    html = client.get(reverse("triage:active_card")).content.decode()
    assert escape(reason) in html and 'id="reliability-by-month"' in html
    first_month = new.card["reliability_by_month"][0]
    assert f'data-month="{first_month["month"]}"' in html
    assert f"{new.card['calibration']['rows']}" in html and "data-calibration-check=" in html
