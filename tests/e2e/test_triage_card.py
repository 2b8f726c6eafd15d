"""The triage model card in the browser, as the court administrator in Chinese and in English: the figures, the
calibration chart (vendored Chart.js) and its table view, drift and override rate, then a rollback with a reason."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from court.cases.term import today
from triage import registry
from triage.models import ModelActivation, ModelVersion, Recommendation
from triage.services import case_triage, recommendation_decide

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def trained():
    from tests.triage.synth import synth_frame
    from triage.train import train_from_frame

    return train_from_frame(synth_frame(2000, seed=11), rounds=40)


@pytest.fixture
def two_versions(trained, tmp_path, settings):
    """v1 (older, its card says AUC 0.7777) and v2 (active), promoted in turn by training."""
    settings.FANJIAN_MODELS_DIR = tmp_path
    registry.clear_cache()
    for name in ("20250101-000000-v1", "20250601-000000-v2"):
        registry.register(registry.write_version(trained.router, trained.report, directory=tmp_path, version=name))
        registry.activate(name)
    v1 = ModelVersion.objects.get(version="20250101-000000-v1")
    v1.card = {**v1.card, "metrics": {**v1.card["metrics"], "auc": 0.7777}}
    v1.save(update_fields=["card"])
    yield
    registry.clear_cache()


def _recent_decisions(make_case, filing_officer):
    """Four recent filings decided by the filing officer, one overridden; three cases accepted this month, whose
    acceptance decides their own recommendations (accepted or overridden at filing)."""
    for i in range(4):
        case = make_case(state="filed", amount=Decimal(20000 + 40000 * i))
        rec = case_triage(case=case, trigger="submitted")
        other = "ordinary" if rec.route != "ordinary" else "simple"
        recommendation_decide(recommendation=rec, actor=filing_officer, accept=i != 0, route=other if i == 0 else "",
                              reason="被告人数较多" if i == 0 else "")
    for i in range(3):
        make_case(state="accepted", filed_on=today() - timedelta(days=3 + i), amount=Decimal(5000 * (i + 1)))


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_model_card_and_a_rollback(new_page, live_server, admin, filing_officer, make_case, two_versions,
                                       screenshots, locale):
    _recent_decisions(make_case, filing_officer)
    assert Recommendation.objects.filter(status="overridden", decided_at_filing=False).count() == 1
    decided = Recommendation.objects.filter(status__in=["accepted", "overridden"])
    rate = 100 * decided.filter(status="overridden").count() / decided.count()
    lang = "zh" if locale == "zh-CN" else "en"
    page = new_page(locale=locale)
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/triage/models/active/")
    assert page.locator("html").get_attribute("lang") == ("zh-hans" if lang == "zh" else "en")
    assert ("繁简分流模型" if lang == "zh" else "Triage models") in page.locator("main > div > p").first.inner_text()
    assert "20250601-000000-v2" in page.locator("h1").inner_text()
    assert page.locator("h1 [data-state=active]").is_visible()

    # The figures, from the stored report and the records.
    auc = registry.active_version().metrics["auc"]
    assert page.locator('#performance-table tr[data-row="model"] [data-metric="auc"]').inner_text() == f"{auc:.3f}"
    assert page.locator("#performance-table tbody tr").count() == 3  # the model and both baselines
    assert page.locator('[data-figure="train-rows"]').inner_text().strip().isdigit()
    assert page.locator('[data-figure="override-rate"]').inner_text() == f"{rate:.1f}%"
    assert page.locator("#drift-table tbody tr").count() > 5
    assert page.locator("#drift-table [data-level]").first.is_visible()
    assert page.locator("#groups table").count() >= 2

    # The charts: the vendored Chart.js drew the calibration plot, PSI bars and override rate; no CDN.
    page.wait_for_function("window.Chart && Object.keys(Chart.instances).length === 3")
    calibration = page.evaluate("""Object.values(Chart.instances)
        .filter(c => c.canvas.dataset.triageChart === 'calibration')
        .map(c => c.data.datasets.map(d => d.data.length))[0]""")
    assert len(calibration) == 4 and calibration[0] == 2 and calibration[1] > 2  # diagonal, model, rule, majority
    box = page.locator('canvas[data-triage-chart="calibration"]').bounding_box()
    assert box["width"] > 300 and box["height"] > 250
    page.locator('figure[data-figure="calibration"] details.table-view summary').click()
    assert page.locator('figure[data-figure="calibration"] details.table-view table').is_visible()
    page.evaluate("window.scrollTo(0, 0)")  # sticky table headers would land mid-table in a scrolled full-page shot
    page.screenshot(path=str(screenshots / f"triage-card-{lang}.png"), full_page=True)

    # Roll back: the reason is required (the browser does not submit without one), then one click.
    button = page.locator('#rollback button[data-action="activate"]')
    assert "20250101-000000-v1" in button.inner_text()
    button.click()
    assert ModelVersion.objects.get(is_active=True).version == "20250601-000000-v2"
    reason = "v2 高估了借款案件 / over-predicts loan cases"
    page.fill("#id_reason", reason)
    with page.expect_navigation():
        button.click()
    assert ModelVersion.objects.get(is_active=True).version == "20250101-000000-v1"
    assert "20250101-000000-v1" in page.locator("h1").inner_text()
    assert page.locator('#performance-table tr[data-row="model"] [data-metric="auc"]').inner_text() == "0.778"
    log_row = page.locator("#activations tbody tr").first
    assert reason in log_row.inner_text() and "Admin" in log_row.inner_text()
    act = ModelActivation.objects.first()
    assert (act.actor, act.reason, act.previous.version, act.kind) == (admin, reason, "20250601-000000-v2", "rollback")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / f"triage-rollback-{lang}.png"), full_page=True)
