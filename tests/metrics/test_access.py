"""Who sees the metrics: administrators the court, team members their team, everyone else 403."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from court.metrics.access import OTHER_TEAM, filters_for, metrics_scope_for

URL = "/metrics/?from=2023-01-01&to=2023-12-31"


@pytest.fixture
def cases(old_case, team_b, other_judge):
    old_case(date(2023, 1, 10), date(2023, 2, 9))  # team A
    old_case(date(2023, 2, 1), date(2023, 3, 1), team=team_b, judge=other_judge)
    old_case(date(2023, 4, 1), team=team_b, judge=other_judge)


def test_an_administrator_sees_the_whole_court(admin, court):
    scope = metrics_scope_for(admin)
    assert scope.court_id == court.pk and scope.team_id is None


@pytest.mark.parametrize("persona", ["judge", "assistant", "clerk"])
def test_team_members_see_their_team(request, persona, team):
    user = request.getfixturevalue(persona)
    assert metrics_scope_for(user).team_id == team.pk
    assert filters_for(user).team_id == team.pk


@pytest.mark.parametrize("persona", ["party", "lawyer", "filing_officer", "mediator", "stranger"])
def test_other_roles_are_refused(request, persona):
    with pytest.raises(PermissionDenied):
        metrics_scope_for(request.getfixturevalue(persona))


def test_a_team_member_cannot_ask_for_another_team(judge, team_b):
    with pytest.raises(PermissionDenied, match=OTHER_TEAM):
        filters_for(judge, team_id=team_b.pk)


def test_a_judge_without_a_team_is_refused(judge):
    judge.team = None
    judge.save()
    with pytest.raises(PermissionDenied):
        metrics_scope_for(judge)


@pytest.mark.parametrize("persona, status", [
    ("admin", 200), ("judge", 200), ("assistant", 200), ("clerk", 200), ("other_judge", 200),
    ("party", 403), ("lawyer", 403), ("filing_officer", 403), ("mediator", 403), ("stranger", 403),
])
def test_the_dashboard_answers_each_role(client, request, persona, status, cases):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.get("/metrics/cases/?from=2023-01-01&to=2023-12-31&set=closed").status_code == status
    assert client.get("/metrics/export/figures.csv?from=2023-01-01&to=2023-12-31").status_code == status
    assert client.get("/metrics/report.pdf?from=2023-01-01&to=2023-12-31").status_code == status


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_judge_sees_only_the_team_numbers(client, judge, admin, cases):
    client.force_login(judge)
    details = URL.replace("/metrics/", "/metrics/details/")
    mine = client.get(details).context["figure_rows"]
    client.force_login(admin)
    court_wide = client.get(details).context["figure_rows"]
    def value(rows: list[dict], key: str) -> int:
        return next(r["value"] for r in rows if r["key"] == key)

    assert (value(mine, "closed"), value(mine, "received")) == (1, 1)
    assert (value(court_wide, "closed"), value(court_wide, "received")) == (2, 3)


def test_a_judge_asking_for_another_team_gets_403(client, judge, team_b, cases):
    client.force_login(judge)
    assert client.get(f"{URL}&team={team_b.pk}").status_code == 403
    assert client.get(f"/metrics/cases/?set=closed&team={team_b.pk}").status_code == 403
    assert client.get(f"/metrics/export/team.xlsx?team={team_b.pk}").status_code == 403


def test_the_case_list_of_a_judge_holds_only_team_cases(client, judge, team, cases):
    client.force_login(judge)
    response = client.get("/metrics/cases/?from=2023-01-01&to=2023-12-31&set=closed")
    assert [row["case"].team_id for row in response.context["rows"]] == [team.pk]
