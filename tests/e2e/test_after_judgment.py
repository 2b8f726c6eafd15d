"""After the judgment in the browser, in both languages: the clerk reads each party's appeal period and the
effective day on the case page, records an appeal, and finds the case in the work queue (issue 12)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from court.cases import services
from court.cases.models import Party
from court.cases.term import today
from tests.factories import serve_decision

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _walk(page, live_server, case, screenshots, name: str) -> str:
    sign_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    panel = page.inner_text("#after-judgment")
    status = services.decision_status(case)
    for window in status.windows:
        assert window.last_day.isoformat() in panel
    assert status.effective_on.isoformat() in panel
    page.screenshot(path=str(screenshots / f"after-judgment-{name}.png"), full_page=True)
    # Record the defendant's appeal from the action panel.
    page.click("#action-appeal summary")
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    page.select_option("#id_appeal-party", str(defendant.pk))
    with page.expect_navigation():
        page.click("#action-appeal button[type=submit]")
    page.wait_for_load_state("networkidle")
    after = page.inner_text("#after-judgment")
    assert status.effective_on.isoformat() not in page.inner_text("[data-effective]")  # appealed: no effect here
    page.goto(f"{live_server.url}/queue/")
    return after


def test_the_clerk_sees_the_appeal_periods_and_records_an_appeal_in_english(new_page, live_server, make_case,
                                                                            clerk, screenshots):
    case = serve_decision(make_case(state="closed", filed_on=today() - timedelta(days=60)), actor=clerk,
                          on=today() - timedelta(days=3))
    page = new_page()
    after = _walk(page, live_server, case, screenshots, "en")
    assert "Appealed: the file goes up to the higher court" in after
    assert "Work queue" in page.inner_text("h1")


def test_the_clerk_sees_the_appeal_periods_and_records_an_appeal_in_chinese(new_page, live_server, make_case,
                                                                            clerk, screenshots, chinese):
    case = serve_decision(make_case(state="closed", filed_on=today() - timedelta(days=60)), actor=clerk,
                          on=today() - timedelta(days=3))
    page = new_page()
    _walk(page, live_server, case, screenshots, "zh")
    assert page.get_attribute("html", "lang") == "zh-hans"
    assert case.events.filter(kind="appeal_filed").count() == 1
