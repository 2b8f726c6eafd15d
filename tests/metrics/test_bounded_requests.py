"""Issue 14: one metrics request could hold a core for minutes (`from=0002-01-01&to=9999-11-30`) or return a
30 MB page; a year-0001/9999 period or a NaN gave HTTP 500. The period is bounded and a bad query is a 400."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from court.metrics.forms import FIRST_YEAR, MAX_YEARS
from court.org.models import Role, Team, User

URLS = ["/metrics/", "/metrics/details/", "/metrics/cases/", "/metrics/export/month.csv", "/metrics/export/team.xlsx",
        "/metrics/report.xlsx"]
BAD = ["from=0002-01-01&to=9999-11-30", "from=1000-01-01", "from=0001-01-01&to=0001-12-31",
       "from=9999-01-01&to=9999-12-31", "to=9999-12-31", "from=NaN", "from=2023-01-01&to=2023-12-31&month=0001-01",
       "from=2023-01-01&to=2023-12-31&month=9999-12", "from=2000-01-01&to=2023-12-31", "from=1989-12-31&to=1990-06-30",
       "from=2023-01-01&to=2023-12-31&cause=NaN", "from=2023-01-01&to=2023-12-31&team=NaN",
       "from=2023-01-01&to=2023-12-31&page=NaN"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("query", BAD)
def test_an_unbounded_or_bad_period_is_a_400(client, admin, url, query):
    client.force_login(admin)
    response = client.get(f"{url}?{query}")
    if "page=" in query:  # a bad page number is the first page, as Paginator.get_page reads it
        assert response.status_code in (200, 400)
        return
    if "month=" in query and "report" not in url:
        assert response.status_code == 200  # only the reports read `month`
        return
    assert response.status_code == 400, (url, query, response.status_code)


def test_the_dashboard_says_what_period_it_accepts(client, admin):
    client.force_login(admin)
    response = client.get("/metrics/?from=1000-01-01")
    assert response.status_code == 400
    text = response.content.decode()
    assert str(FIRST_YEAR) in text and len(response.content) < 500_000


def test_ten_years_are_allowed(client, admin):
    client.force_login(admin)
    start = date(date.today().year - MAX_YEARS + 1, 1, 1)
    assert client.get(f"/metrics/export/month.csv?from={start}&to={date.today()}").status_code == 200


def test_team_and_judge_names_are_escaped_in_the_exports(client, admin, old_case, court, team):
    team.name = "=HYPERLINK(\"http://evil\",\"x\")"
    team.save()
    judge = User.objects.create_user(username="evil", password="x", role=Role.JUDGE, court=court, team=team,
                                     display_name="@SUM(1+1)")
    old_case(date(2023, 1, 10), date(2023, 2, 9), team=team, judge=judge)
    client.force_login(admin)
    for table in ("team", "judge"):
        body = client.get(f"/metrics/export/{table}.csv?from=2023-01-01&to=2023-12-31").content.decode("utf-8-sig")
        labels = [row[0] for row in csv.reader(io.StringIO(body))][1:]
        assert labels and all(not label.startswith(("=", "+", "-", "@")) for label in labels), labels
        book = load_workbook(io.BytesIO(client.get(f"/metrics/export/{table}.xlsx?from=2023-01-01&to=2023-12-31")
                                        .content))
        cells = [c for row in book.active.iter_rows() for c in row]
        assert not any(c.data_type == "f" for c in cells)
        assert any(isinstance(c.value, str) and c.value.startswith("'=") or str(c.value).startswith("'@")
                   for c in cells)
    book = load_workbook(io.BytesIO(client.get("/metrics/report.xlsx?from=2023-01-01&to=2023-12-31").content))
    assert not any(c.data_type == "f" for sheet in book for row in sheet.iter_rows() for c in row)
    assert Team.objects.count() == 1
