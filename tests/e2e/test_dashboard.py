"""The metrics dashboard in the browser, as the president and as an analyst, in Chinese (the default) and in
English: the headline cards, the charts, a drill-down to the cases, each export; and the administrator's change of
a holiday in the admin that moves a deadline once `refresh_terms` runs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from court.org.models import Role, User

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
URL = "/metrics/?from=2024-01-01&to=2024-12-31"


def _court_with_closed_cases(make_case):
    # Two judgments, one mediation, one withdrawal, all closed in 2024 under simple procedure; one ordinary.
    make_case(state="closed", filed_on=date(2024, 3, 1), mode="judgment")
    make_case(state="closed", filed_on=date(2024, 4, 1), mode="mediation")
    make_case(state="closed", filed_on=date(2024, 5, 6), mode="withdrawal")
    make_case(state="closed", filed_on=date(2024, 6, 3), mode="judgment", procedure="ordinary")


@pytest.fixture
def analyst(court):
    return User.objects.create_user(username="analyst", password="pw-analyst", role=Role.ADMINISTRATOR, court=court,
                                    display_name="Analyst")


PERSONAS = [("admin", "zh-CN"), ("admin", "en-US"), ("analyst", "zh-CN"), ("analyst", "en-US")]
LABELS = {"zh-CN": ("调撤率", "简易程序适用率", "平均审理天数", "法定正常审限内结案率"),
          "en-US": ("Mediation and withdrawal rate", "Simple procedure rate", "Average trial days",
                    "Closed within the normal term")}


@pytest.mark.parametrize("username,locale", PERSONAS)
def test_the_dashboard_drill_down_and_exports(new_page, live_server, admin, analyst, make_case, screenshots,
                                              username, locale):
    _court_with_closed_cases(make_case)
    page = new_page(locale=locale)
    sign_in(page, live_server, username)
    page.goto(f"{live_server.url}{URL}")
    cards = page.locator("section.cards")
    text = cards.inner_text()
    for label in LABELS[locale]:
        assert label in text, text
    # 2 of 4 closed by mediation or withdrawal; 3 of 4 under simple procedure.
    assert page.locator('a.value[data-figure="mediation_withdrawal_rate"]').inner_text().strip() == "50.00%"
    assert page.locator('a.value[data-figure="simple_procedure_rate"]').inner_text().strip() == "75.00%"
    assert page.input_value("input[name=from]") == "2024-01-01" and page.input_value("input[name=to]") == "2024-12-31"
    page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length === 4")
    assert page.evaluate("typeof Chart") == "function"  # the vendored Chart.js loaded, no CDN
    assert page.evaluate("Object.keys(Chart.instances).length") >= 4 + 4  # trends and sparklines (no pending cases)
    lang = "zh" if locale == "zh-CN" else "en"
    page.screenshot(path=str(screenshots / f"dashboard-{lang}{'' if username == 'admin' else '-analyst'}.png"),
                    full_page=True)

    for fmt in ("csv", "xlsx"):
        link = page.locator(f'a[data-export="{fmt}"]').first
        with page.expect_download() as download:
            link.click()
        path = download.value.path()
        assert path and open(path, "rb").read(2) in (b"\xef\xbb", b"PK")
    pdf = page.request.get(live_server.url + page.locator('a[data-export="pdf"]').get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    page.locator("details.table-view summary").first.click()
    assert page.locator("details.table-view table").first.is_visible()

    with page.expect_navigation():
        page.locator('a.value[data-figure="mediation_withdrawal_rate"]').click()
    assert page.locator("a[href^='/cases/']").count() == 2
    if username == "admin":
        page.screenshot(path=str(screenshots / f"drilldown-{lang}.png"), full_page=True)


def test_the_details_page_shows_every_figure_with_readable_axes(new_page, live_server, admin, make_case, screenshots):
    _court_with_closed_cases(make_case)
    page = new_page(locale="zh-CN")
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}{URL}")
    with page.expect_navigation():
        page.locator("a#details-link").click()
    page.wait_for_function("Object.keys(Chart.instances).length >= 22")
    # The clearance rate's axis holds its reference line (100%) and does not collapse to one tick.
    ticks = page.evaluate("""() => Object.values(Chart.instances)
        .filter(c => c.canvas.getAttribute('data-chart') === 'closed_to_received')
        .map(c => c.scales.y.ticks.map(t => t.label))[0]""")
    assert len(set(ticks)) > 2 and "100%" in ticks, ticks
    page.screenshot(path=str(screenshots / "details-zh.png"), full_page=True)


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_administrator_enters_a_holiday_that_moves_a_deadline(new_page, live_server, admin, make_case,
                                                                   screenshots, locale):
    from court.cases.term import forget_calendar

    forget_calendar()  # a flush between transactional tests sends no signal: drop any cached holiday
    case = make_case(state="accepted", filed_on=date(2026, 8, 3))  # simple: the term ends on Tuesday 2026-11-03
    deadline = case.normal_deadline
    page = new_page(locale=locale)
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/admin/")
    assert page.locator("a[href='/admin/org/calendarday/']").count() >= 1
    page.goto(f"{live_server.url}/admin/org/calendarday/add/")
    page.fill("input[name=day]", deadline.isoformat())
    page.fill("input[name=note]", "测试假日")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.url.endswith("/admin/org/calendarday/")
    lang = "zh" if locale == "zh-CN" else "en"
    page.screenshot(path=str(screenshots / f"admin-calendar-{lang}.png"), full_page=True)
    forget_calendar()
    call_command("refresh_terms", stdout=open("/dev/null", "w"))
    case.refresh_from_db()
    assert case.normal_deadline == deadline + timedelta(days=1)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert (deadline + timedelta(days=1)).isoformat() in page.content()
    page.goto(f"{live_server.url}/admin/admin/logentry/")
    assert "测试假日" in page.content()
    forget_calendar()


def test_a_party_cannot_open_the_dashboard(new_page, live_server, party):
    page = new_page()
    sign_in(page, live_server, "party")
    response = page.goto(f"{live_server.url}/metrics/")
    assert response.status == 403
