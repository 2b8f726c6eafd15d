"""A complaint from online filing to judgment, through the browser, in both languages."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.models import Case, CaseState, Cause
from court.cases.term import today

from .conftest import sign_in
from .filing_steps import file_online

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _file_online(page, live_server) -> Case:
    cause = Cause.objects.get(name="民间借贷纠纷", catalogue__version="2025")
    file_online(page, live_server, cause, defendants=("李四", "王五"))
    assert Case.objects.exists(), page.inner_text("main")[:2000]
    case = Case.objects.get()
    assert "CPL 126" in page.inner_text("main")  # the "received" page
    with page.expect_navigation():
        page.click(f"a[href='/cases/{case.pk}/']")
    assert page.url.endswith(f"/cases/{case.pk}/")
    return case


def test_a_complaint_goes_from_online_filing_to_judgment(new_page, live_server, party, filing_officer, judge,
                                                         team, cause, screenshots):
    # The party files online.
    page = new_page()
    sign_in(page, live_server, "party")
    assert page.url.endswith("/my/")
    case = _file_online(page, live_server)
    assert case.defendant_count == 2
    assert "Filed, awaiting decision" in page.inner_text("h1")

    # The filing officer accepts it from the queue.
    officer = new_page()
    sign_in(officer, live_server, "filing")
    assert officer.url.endswith("/filing/")
    officer.click(f"a[href='/cases/{case.pk}/#action-accept']")
    officer.locator("select[name=accept-team]").select_option(str(team.pk))
    officer.locator("select[name=accept-procedure]").select_option("simple")
    officer.locator("select[name=accept-panel]").select_option("sole")  # CPL 40(2): simple procedure, a sole judge
    officer.locator("#action-accept").screenshot(path=str(screenshots / "accept.png"))
    officer.click("#action-accept button[type=submit]")
    officer.wait_for_load_state("networkidle")
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED and case.case_number and case.panel == "sole"
    assert "The case was accepted." in officer.inner_text(".messages")

    # The judge schedules the hearing, holds it and gives judgment.
    bench = new_page()
    sign_in(bench, live_server, "judge")
    assert case.case_number in bench.inner_text("table.docket")
    bench.click(f"text={case.case_number}")
    bench.click("#action-hearing_schedule summary")
    bench.fill("input[name=hearing_schedule-starts_at]", f"{today().isoformat()}T09:00")
    bench.fill("input[name=hearing_schedule-room]", "第二法庭")
    bench.click("#action-hearing_schedule button[type=submit]")
    assert "The hearing was scheduled." in bench.inner_text(".messages")
    bench.click("#action-hearing_hold summary")
    bench.click("#action-hearing_hold button[type=submit]")
    assert "The hearing was recorded as held." in bench.inner_text(".messages")
    bench.click("#action-close summary")
    bench.locator("select[name=close-mode]").select_option("judgment")
    assert bench.is_hidden("input[name=close-ruling_on]")
    bench.fill("input[name=close-pronounced_on]", today().isoformat())
    bench.click("#action-close button[type=submit]")
    assert "The case was closed." in bench.inner_text(".messages")
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.closing_mode == "judgment" and case.closed_on == today()
    bench.screenshot(path=str(screenshots / "case-closed.png"), full_page=True)

    # The party sees the case closed.
    page.goto(f"{live_server.url}/my/")
    row = page.locator(f"tr:has-text('{case.case_number}')")
    assert "Closed" in row.inner_text()
    page.click(f"text={case.case_number}")
    assert "Closed" in page.inner_text("h1")
    assert page.locator("#actions details.action").count() == 0


def test_the_same_ui_in_english_after_switching_language(new_page, live_server, judge, make_case, screenshots,
                                                          chinese):
    make_case(state="scheduled", filed_on=today() - timedelta(days=20))
    page = new_page()
    page.goto(f"{live_server.url}/login/")
    assert page.get_attribute("html", "lang") == "zh-hans"
    assert "用户名" in page.inner_text("form[action=\"/login/\"]")  # Django's own catalogue translates the login form
    page.locator("#language-select").select_option("en")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == "en"
    assert "Username" in page.inner_text("form[action=\"/login/\"]")
    sign_in(page, live_server, "judge")
    assert page.get_attribute("html", "lang") == "en"
    assert "Docket of" in page.inner_text("h1")
    page.click("table.docket td.caseno a")
    assert page.get_attribute("html", "lang") == "en"
    assert "Term ledger" in page.inner_text("#h-term")


def test_screenshots_of_the_docket_and_a_case_page(new_page, live_server, judge, admin, make_case, screenshots):
    cases = [
        make_case(state="scheduled", filed_on=today() - timedelta(days=20)),
        make_case(state="heard", filed_on=today() - timedelta(days=84), amount=Decimal("126500.5")),
        make_case(state="service", filed_on=today() - timedelta(days=200), procedure="ordinary"),
        make_case(state="accepted", filed_on=today() - timedelta(days=3), amount=Decimal(8200)),
        make_case(state="service", filed_on=today() - timedelta(days=45)),
        make_case(state="scheduled", filed_on=today() - timedelta(days=60), procedure="ordinary",
                  amount=Decimal(560000)),
    ]
    services.case_suspend(case=cases[4], actor=judge, ground="一方当事人死亡，需等待继承人表明是否参加诉讼")
    services.period_start(case=cases[5], actor=judge, kind="appraisal", start_on=today() - timedelta(days=12),
                          reason="工程造价鉴定")
    services.case_note(case=cases[0], actor=judge, text="被告来电称将按时到庭")
    page = new_page()
    page.goto(f"{live_server.url}/login/")
    page.locator("#language-select").select_option("en")
    page.wait_for_load_state("networkidle")
    sign_in(page, live_server, "judge")
    assert page.locator("table.docket tbody tr").count() == len(cases)
    page.screenshot(path=str(screenshots / "docket.png"), full_page=True)
    page.goto(f"{live_server.url}/cases/{cases[5].pk}/")
    page.click("#action-close summary")
    page.screenshot(path=str(screenshots / "case.png"), full_page=True)
    assert (screenshots / "docket.png").stat().st_size > 10_000
