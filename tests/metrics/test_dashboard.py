"""The dashboard page: headline tiles, every figure, breakdown tables, drill-down links, the window form."""

from __future__ import annotations

import re

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from court.metrics import engine


@pytest.fixture
def cases(old_case, team_b, other_judge):
    old_case(date(2023, 1, 10), date(2023, 2, 9), mode="mediation")
    old_case(date(2023, 2, 1), date(2023, 3, 1), team=team_b, judge=other_judge)
    old_case(date(2023, 4, 1), date(2023, 12, 20), foreign=True, procedure="ordinary")
    old_case(date(2023, 4, 1), team=team_b, judge=other_judge)


@pytest.fixture
def page(client, admin, cases):
    client.force_login(admin)
    return client.get("/metrics/?from=2023-01-01&to=2023-12-31")


def test_it_shows_the_four_headline_figures_as_tiles(page):
    assert [t["key"] for t in page.context["tiles"]] == list(engine.HEADLINE_KEYS)
    html = page.content.decode()
    assert 'class="tile"' in html and "33.33%" in html  # mediation and withdrawal: 1 of 3 closed


def test_every_figure_of_metrics_md_is_on_the_page_with_a_chart(page):
    keys = [row["key"] for row in page.context["figure_rows"]]
    assert set(engine.METRIC_KEYS) <= set(keys)
    html = page.content.decode()
    for key in engine.METRIC_KEYS:
        assert f'data-chart="{key}"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html), "every asset must be served from this site"
    chart = page.context["chart"]
    assert len(chart["labels"]) == 12 and chart["references"]["within_180_days_rate"]["value"] == 0.75
    assert chart["references"]["closed_to_received"]["value"] == 1.0


def test_an_empty_rate_reads_as_a_dash(client, admin, court):
    client.force_login(admin)
    html = client.get("/metrics/?from=2019-01-01&to=2019-01-31").content.decode()
    assert '<span class="value">—</span>' in html


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
    for table in page.context["pending_tables"]:
        for row in table["rows"]:
            assert client.get(row["url"]).context["page"].paginator.count == row["value"], row["key"]


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
    response = client.get(f"/metrics/?from=2023-01-01&to=2023-12-31&judge={other_judge.pk}&procedure=simple")
    closed = next(r["value"] for r in response.context["figure_rows"] if r["key"] == "closed")
    assert closed == 1


def test_an_unknown_case_list_is_refused(client, admin, court):
    client.force_login(admin)
    assert client.get("/metrics/cases/?set=everything").status_code == 400
