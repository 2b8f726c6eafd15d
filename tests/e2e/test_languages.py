"""The docket in the browser: Chinese by default, English after the language switch."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.term import today

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_docket_reads_in_chinese_by_default_and_in_english_after_switching(new_page, live_server, judge,
                                                                               make_case, screenshots, chinese):
    make_case(state="scheduled", filed_on=today() - timedelta(days=20))
    make_case(state="heard", filed_on=today() - timedelta(days=84), amount=Decimal("126500.5"))
    make_case(state="service", filed_on=today() - timedelta(days=200), procedure="ordinary")
    suspended = make_case(state="service", filed_on=today() - timedelta(days=45))
    services.case_suspend(case=suspended, actor=judge, ground="一方当事人死亡，需等待继承人表明是否参加诉讼")

    page = new_page()
    sign_in(page, live_server, "judge")
    assert page.get_attribute("html", "lang") == "zh-hans"
    heading = page.inner_text("h1")
    assert heading.endswith("案件台账"), heading
    header = page.inner_text("table.docket thead")
    for label in ("案号", "案由", "当事人", "审理程序", "法定审限届满日", "剩余天数"):
        assert label in header
    body = page.inner_text("table.docket tbody")
    assert "简易程序" in body and "普通程序" in body and "中止诉讼" in body
    assert "Case number" not in header
    page.screenshot(path=str(screenshots / "docket-zh.png"), full_page=True)

    with page.expect_navigation():
        page.locator("#language-select").select_option("en")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == "en"
    assert "Docket of" in page.inner_text("h1")
    header = page.inner_text("table.docket thead")
    assert "Case number" in header and "Normal deadline" in header
    assert "Simple procedure" in page.inner_text("table.docket tbody")
    page.screenshot(path=str(screenshots / "docket-en.png"), full_page=True)
    assert (screenshots / "docket-zh.png").stat().st_size > 10_000
