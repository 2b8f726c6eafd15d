"""The metrics dashboard in the browser, in Chinese (the default) and in English, with drill-down to the cases."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _court_with_closed_cases(make_case):
    # Two judgments, one mediation, one withdrawal, all closed in 2024 under simple procedure; one ordinary.
    make_case(state="closed", filed_on=date(2024, 3, 1), mode="judgment")
    make_case(state="closed", filed_on=date(2024, 4, 1), mode="mediation")
    make_case(state="closed", filed_on=date(2024, 5, 6), mode="withdrawal")
    make_case(state="closed", filed_on=date(2024, 6, 3), mode="judgment", procedure="ordinary")


def test_the_administrator_reads_the_dashboard_in_chinese_and_drills_down(new_page, live_server, admin, make_case,
                                                                           screenshots, chinese):
    _court_with_closed_cases(make_case)
    page = new_page()
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/metrics/?from=2024-01-01&to=2024-12-31")
    tiles = page.locator("section.tiles")
    text = tiles.inner_text()
    for label in ("调撤率", "简易程序适用率", "平均审理天数", "法定正常审限内结案率"):
        assert label in text, text
    # 2 of 4 closed by mediation or withdrawal; 3 of 4 under simple procedure.
    assert page.locator('a.tile[data-figure="mediation_withdrawal_rate"] .value').inner_text().strip() == "50.00%"
    assert page.locator('a.tile[data-figure="simple_procedure_rate"] .value').inner_text().strip() == "75.00%"
    page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length > 0")
    assert page.evaluate("typeof Chart") == "function"  # the vendored Chart.js loaded, no CDN
    page.screenshot(path=str(screenshots / "dashboard-zh.png"), full_page=True)

    with page.expect_navigation():
        page.locator('a.tile[data-figure="mediation_withdrawal_rate"]').click()
    listed = page.locator("a[href^='/cases/']")
    assert listed.count() == 2


def test_the_dashboard_reads_in_english(new_page, live_server, admin, make_case, screenshots):
    _court_with_closed_cases(make_case)
    page = new_page()
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/metrics/?from=2024-01-01&to=2024-12-31")
    text = page.locator("section.tiles").inner_text()
    assert "Mediation and withdrawal rate" in text
    assert "Simple procedure" in text or "simple procedure" in text
    page.screenshot(path=str(screenshots / "dashboard-en.png"), full_page=True)


def test_a_party_cannot_open_the_dashboard(new_page, live_server, party):
    page = new_page()
    sign_in(page, live_server, "party")
    response = page.goto(f"{live_server.url}/metrics/")
    assert response.status == 403
