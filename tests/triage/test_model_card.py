"""The model card page: its figures come from the stored training report and the records, computed here from
data the tests make (a changed card, decided recommendations, shifted filings)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from django.urls import reverse

from court.cases.term import today
from triage import card as card_figures
from triage import drift
from triage.features import FEATURES
from triage.models import Recommendation
from triage.services import case_triage, recommendation_decide

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")

CARD = {
    "data_window": {
        "fit": {"rows": 600, "filed_from": "2022-01-04", "filed_to": "2022-12-30", "complex_rate": 0.3},
        "stop": {"rows": 100, "filed_from": "2022-12-30", "filed_to": "2023-02-10", "complex_rate": 0.28},
        "calibration": {"rows": 100, "filed_from": "2023-02-10", "filed_to": "2023-03-31", "complex_rate": 0.27},
        "holdout": {"rows": 200, "filed_from": "2023-04-01", "filed_to": "2023-09-30", "complex_rate": 0.25},
    },
    "rows": {"closed_cases": 1000},
    "metrics": {"auc": 0.8123, "brier": 0.1047, "accuracy": 0.861,
                "calibration": [{"bin": "0.0-0.1", "n": 120, "mean_predicted": 0.05, "observed": 0.04},
                                {"bin": "0.9-1.0", "n": 0, "mean_predicted": 0.0, "observed": 0.0},
                                {"bin": "0.6-0.7", "n": 80, "mean_predicted": 0.65, "observed": 0.7}],
                "groups": {"lawyer": {"groups": [
                    {"group": "lawyer", "n": 90, "observed": 0.3, "mean_predicted": 0.33, "gap": 0.03, "accuracy": 0.85},
                    {"group": "none", "n": 110, "observed": 0.2, "mean_predicted": 0.16, "gap": -0.04, "accuracy": 0.9}],
                    "max_abs_gap": 0.04, "accuracy_spread": 0.05}, "max_abs_gap": 0.04}},
    "baselines": {
        "cause_amount_rule": {"auc": 0.7011, "brier": 0.1622, "accuracy": 0.78,
                              "calibration": [{"bin": "0.2-0.3", "n": 200, "mean_predicted": 0.24, "observed": 0.25}],
                              "groups": {"lawyer": {"groups": [{"group": "lawyer", "gap": -0.07},
                                                               {"group": "none", "gap": 0.02}], "max_abs_gap": 0.07}}},
        "majority": {"auc": 0.5, "brier": 0.1875, "accuracy": 0.75,
                     "calibration": [{"bin": "0.2-0.3", "n": 200, "mean_predicted": 0.25, "observed": 0.25}]},
    },
}


def test_the_window_performance_calibration_and_group_gaps_come_from_the_report():
    w = card_figures.window(CARD)
    assert (w["train_from"], w["train_to"], w["train_rows"]) == ("2022-01-04", "2023-03-31", 800)
    assert w["holdout"]["rows"] == 200 and w["closed_cases"] == 1000
    perf = {r["key"]: r for r in card_figures.performance(CARD)}
    assert (perf["model"]["auc"], perf["cause_amount_rule"]["auc"], perf["majority"]["brier"]) == (0.8123, 0.7011, 0.1875)
    calib = {s["key"]: s["points"] for s in card_figures.calibration(CARD)}
    assert [(p["x"], p["y"], p["n"]) for p in calib["model"]] == [(0.05, 0.04, 120), (0.65, 0.7, 80)]  # empty bin gone
    assert set(calib) == {"model", "cause_amount_rule", "majority"}
    (lawyer,) = card_figures.group_gaps(CARD)
    rows = {r["group"]: r for r in lawyer["rows"]}
    assert rows["none"]["worst"] and not rows["lawyer"]["worst"]
    assert (rows["lawyer"]["rule_gap"], lawyer["rule_max_abs_gap"]) == (-0.07, 0.07)
    assert rows["none"]["label"] == "without a lawyer"


def test_the_page_shows_the_figures_of_the_version_asked_for(admin, client, active_model):
    active_model.card = {**active_model.card, **CARD}
    active_model.save(update_fields=["card"])
    client.force_login(admin)
    for url in (reverse("triage:card", args=[active_model.version]), reverse("triage:active_card")):
        page = client.get(url)
        assert page.status_code == 200 and page.context["mv"] == active_model
        html = page.content.decode()
        assert 'data-metric="auc">0.812<' in html and 'data-metric="auc">0.701<' in html
        assert 'data-figure="train-window">2022-01-04 … 2023-03-31<' in html
        assert 'data-figure="train-rows">800<' in html and 'data-gap="none">-0.040<' in html
        assert 'id="triage-card-data"' in html and "js/triage.js" in html and "vendor/chartjs/chart.umd.min.js" in html
        assert "<script>" not in html.replace('<script id="triage-card-data" type="application/json">', "")
        series = page.context["chart"]["calibration"]["series"]
        assert [s["key"] for s in series] == ["model", "cause_amount_rule", "majority"]
    assert "pprint" not in html and "{&#x27;" not in html  # no more dict dump


def _decided(make_case, filing_officer, *, override: bool, at: datetime, version: str | None = None):
    case = make_case(state="filed")
    rec = case_triage(case=case, trigger="submitted")
    other = "ordinary" if rec.route != "ordinary" else "simple"
    recommendation_decide(recommendation=rec, actor=filing_officer, accept=not override,
                          route=other if override else "", reason="证据复杂" if override else "")
    Recommendation.objects.filter(pk=rec.pk).update(decided_at=at, **({"version_label": version} if version else {}))
    return rec


def test_the_override_rate_by_month(make_case, filing_officer, active_model):
    def at(y, m, d):
        return datetime(y, m, d, 10, tzinfo=SHANGHAI)

    _decided(make_case, filing_officer, override=True, at=at(2026, 5, 3))
    _decided(make_case, filing_officer, override=False, at=at(2026, 5, 20))
    _decided(make_case, filing_officer, override=False, at=at(2026, 5, 31))
    _decided(make_case, filing_officer, override=True, at=at(2026, 6, 1), version="old")
    _decided(make_case, filing_officer, override=True, at=at(2025, 12, 31))  # before the six months
    case = make_case(state="filed")
    case_triage(case=case, trigger="submitted")  # open: not counted

    rates = card_figures.override_rate(today=date(2026, 6, 15))
    months = {r["month"]: r for r in rates["months"]}
    assert list(months) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert (months["2026-05"]["decided"], months["2026-05"]["overridden"]) == (3, 1)
    assert months["2026-05"]["percent"] == 33.3 and months["2026-06"]["rate"] == 1.0
    assert months["2026-01"]["rate"] is None
    assert (rates["decided"], rates["overridden"], rates["percent"]) == (4, 2, 50.0)
    mine = card_figures.override_rate(today=date(2026, 6, 15), version=active_model.version)
    assert (mine["decided"], mine["overridden"]) == (3, 1)


def test_the_page_shows_this_months_override_rate(admin, client, make_case, filing_officer, active_model):
    now = datetime.now(SHANGHAI)
    _decided(make_case, filing_officer, override=True, at=now)
    _decided(make_case, filing_officer, override=False, at=now)
    client.force_login(admin)
    html = client.get(reverse("triage:active_card")).content.decode()
    assert 'data-figure="override-rate">50.0%<' in html and 'data-figure="version-override-rate">50.0%<' in html
    assert f'data-month="{now:%Y-%m}"><th scope="row">{now:%Y-%m}</th><td>2</td><td>1</td><td>50.0%' in html


@pytest.mark.parametrize("value, level", [(0.0, "stable"), (0.0999, "stable"), (0.1, "moderate"), (0.25, "moderate"),
                                          (0.2501, "major"), (3.0, "major")])
def test_drift_levels(value, level):
    assert drift.level(value) == level


def test_psi_flags_a_shifted_feature_and_says_so_in_plain_words():
    rng = np.random.default_rng(5)
    n = 10_000
    X = rng.normal(size=(n, len(FEATURES)))
    for name in ("plaintiffs", "defendants", "third_parties"):
        X[:, FEATURES.index(name)] = np.arange(n) % 2  # 50/50
    ref = drift.reference(X, None)
    recent = X.copy()
    for name, share_one in (("plaintiffs", 0.4), ("defendants", 0.3), ("third_parties", 0.1)):
        recent[:, FEATURES.index(name)] = (np.arange(n) < share_one * n).astype(float)
    rows = {r["feature"]: r for r in drift.psi(ref, recent)}
    assert rows["plaintiffs"]["level"] == "stable"  # 0.5 → 0.6: PSI 0.04
    assert rows["defendants"]["level"] == "moderate" and rows["defendants"]["psi"] == pytest.approx(0.1695, abs=1e-3)
    assert rows["third_parties"]["level"] == "major"
    assert rows["claim_amount"]["psi"] == 0 and rows["claim_amount"]["level"] == "stable"
    assert "Major shift" in drift.LEVEL_TEXT["major"]


def test_the_month_of_filing_is_not_reported_as_drift():
    """A 90-day window of filings holds three months of the year: the month always differs from a year of
    training data, so flagging it would be an alarm that always rings."""
    n = 1_200
    X = np.zeros((n, len(FEATURES)))
    X[:, FEATURES.index("filed_month")] = np.arange(n) % 12 + 1
    recent = X[:300].copy()
    recent[:, FEATURES.index("filed_month")] = 11
    features = {r["feature"] for r in drift.psi(drift.reference(X, None), recent)}
    assert "filed_month" not in features and "claim_amount" in features


def test_the_page_shows_drift_against_recent_filings(admin, client, make_case, active_model):
    make_case(state="accepted", filed_on=today() - timedelta(days=5))
    client.force_login(admin)
    page = client.get(reverse("triage:active_card"))
    info = page.context["drift"]
    assert info["recent_rows"] == 1 and info["rows"]
    assert {"feature", "psi", "level", "label", "text"} <= set(info["rows"][0])
    assert sum(info["counts"].values()) == len(info["rows"])
    assert [r["psi"] for r in info["rows"]] == sorted((r["psi"] for r in info["rows"]), reverse=True)
    html = page.content.decode()
    first = info["rows"][0]
    assert f'data-feature="{first["feature"]}" data-level="{first["level"]}"' in html and first["text"] in html


@pytest.mark.parametrize("name, status", [("admin", 200), ("judge", 403), ("filing_officer", 403), ("clerk", 403),
                                          ("mediator", 403), ("party", 403), ("lawyer", 403), ("stranger", 403)])
def test_who_sees_the_card(name, status, request, client, active_model):
    client.force_login(request.getfixturevalue(name))
    assert client.get(reverse("triage:active_card")).status_code == status
    assert client.get(reverse("triage:card", args=[active_model.version])).status_code == status


def test_a_superuser_sees_the_card_and_a_visitor_is_sent_to_sign_in(client, django_user_model, active_model):
    assert client.get(reverse("triage:active_card")).status_code == 302
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.cn", "pw-root"))
    assert client.get(reverse("triage:active_card")).status_code == 200
    assert client.get(reverse("triage:card", args=["nope"])).status_code == 404
