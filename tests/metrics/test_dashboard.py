"""The dashboard (headline cards, trends, teams and judges, pending cases) and its details page (every figure,
breakdown tables), drill-down links, the window form."""

from __future__ import annotations

import re

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from court.metrics import engine, summary


@pytest.fixture
def cases(old_case, team_b, other_judge):
    old_case(date(2023, 1, 10), date(2023, 2, 9), mode="mediation")
    old_case(date(2023, 2, 1), date(2023, 3, 1), team=team_b, judge=other_judge)
    old_case(date(2023, 4, 1), date(2023, 12, 20), foreign=True, procedure="ordinary")
    old_case(date(2023, 4, 1), team=team_b, judge=other_judge)


@pytest.fixture
def dashboard(client, admin, cases):
    client.force_login(admin)
    return client.get("/metrics/?from=2023-01-01&to=2023-12-31")


@pytest.fixture
def page(client, admin, cases):
    """The details page: every figure and every breakdown."""
    client.force_login(admin)
    return client.get("/metrics/details/?from=2023-01-01&to=2023-12-31")


def test_it_shows_the_four_headline_figures_first(dashboard):
    assert [c["h"].key for c in dashboard.context["cards"]] == list(summary.HEADLINES)
    assert set(summary.HEADLINES) == set(engine.HEADLINE_KEYS)
    html = dashboard.content.decode()
    assert 'class="card tile' in html and "33.33%" in html  # mediation and withdrawal: 1 of 3 closed
    assert [c["key"] for c in dashboard.context["data"]["charts"]] == list(summary.HEADLINES)


def test_the_dashboard_shows_the_applied_period_in_the_date_inputs(client, admin, court):
    client.force_login(admin)
    html = client.get("/metrics/?preset=2023").content.decode()
    assert 'name="from" value="2023-01-01"' in html and 'name="to" value="2023-12-31"' in html
    today = timezone.localdate()
    html = client.get("/metrics/").content.decode()
    assert f'name="from" value="{today.year}-01-01"' in html and f'name="to" value="{today.isoformat()}"' in html


def test_every_figure_of_metrics_md_is_on_the_details_page_with_a_chart(page):
    keys = [row["key"] for row in page.context["figure_rows"]]
    assert set(engine.METRIC_KEYS) <= set(keys)
    html = page.content.decode()
    for key in engine.METRIC_KEYS:
        assert f'data-chart="{key}"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html), "every asset must be served from this site"
    assert "<script>" not in html and "<style>" not in html, "no inline script or style (CSP)"
    charts = {c["key"]: c for c in page.context["data"]["charts"]}
    assert len(charts["closed"]["months"]) == 12
    assert charts["within_180_days_rate"]["reference"]["value"] == 0.75
    assert charts["closed_to_received"]["reference"]["value"] == 1.0
    assert "Show as a table" in html  # every chart has its table view


def test_an_empty_rate_reads_as_a_dash(client, admin, court):
    client.force_login(admin)
    html = client.get("/metrics/?from=2019-01-01&to=2019-01-31").content.decode()
    assert re.search(r'<a class="value"[^>]*>—</a>', html)


def test_breakdown_numbers_link_to_the_cases_behind_them(client, page, team_b):
    team_table = next(t for t in page.context["breakdowns"] if t["name"] == "team")
    row = next(r for r in team_table["rows"] if r["label"] == team_b.name)
    closed = next(c for c in row["cells"] if c["key"] == "closed")
    params = parse_qs(urlparse(closed["url"]).query)
    assert params["team"] == [str(team_b.pk)] and params["set"] == ["closed"]
    listed = client.get(closed["url"]).context["rows"]
    assert len(listed) == closed["value"] == 1


def test_each_drill_down_list_has_as_many_cases_as_its_number(client, page):
    for row in page.context["figure_rows"]:
        if row["key"] in engine.COUNT_KEYS:
            response = client.get(row["url"])
            assert response.context["page"].paginator.count == row["value"], row["key"]

def test_each_pending_bucket_links_to_as_many_cases(client, dashboard):
    for key, _label, count, url in (*dashboard.context["pending_age"], *dashboard.context["pending_deadline"]):
        assert client.get(url).context["page"].paginator.count == count, key


def test_monthly_links_use_the_month_as_window(page):
    feb = next(r for r in page.context["monthly"] if r["label"] == "2023-02")
    params = parse_qs(urlparse(feb["cells"][0]["url"]).query)
    assert params["from"] == ["2023-02-01"] and params["to"] == ["2023-02-28"]


def test_case_numbers_link_to_the_case_detail(client, page):
    row = next(r for r in page.context["figure_rows"] if r["key"] == "closed")
    response = client.get(row["url"])
    first = response.context["rows"][0]
    assert first["url"].rstrip("/").endswith(f"/cases/{first['case'].pk}")
    assert first["url"] in response.content.decode()


def test_the_presets_set_the_window(client, admin, court):
    client.force_login(admin)
    assert client.get("/metrics/?preset=2023").context["window"] == engine.Window(date(2023, 1, 1), date(2023, 12, 31))
    year = timezone.localdate().year
    last = client.get("/metrics/?preset=last_year").context["window"]
    assert last == engine.Window(date(year - 1, 1, 1), date(year - 1, 12, 31))
    this = client.get("/metrics/").context["window"]
    assert this.start == date(year, 1, 1) and this.end == timezone.localdate()


def test_a_reversed_window_is_a_clear_error(client, admin, court):
    client.force_login(admin)
    response = client.get("/metrics/?from=2023-12-31&to=2023-01-01")
    assert response.status_code == 400
    assert "must not be after" in response.content.decode()
    assert client.get("/metrics/cases/?from=2023-99-01").status_code == 400


def test_filters_narrow_the_figures(client, admin, team_b, other_judge, cases):
    client.force_login(admin)
    response = client.get(f"/metrics/details/?from=2023-01-01&to=2023-12-31&judge={other_judge.pk}&procedure=simple")
    closed = next(r["value"] for r in response.context["figure_rows"] if r["key"] == "closed")
    assert closed == 1


def test_an_unknown_case_list_is_refused(client, admin, court):
    client.force_login(admin)
    assert client.get("/metrics/cases/?set=everything").status_code == 400
