"""Who may see and do what: every role on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from court.cases.models import CaseState
from court.cases.term import today

from .conftest import page_text

LISTS = ["docket", "filing_queue", "file_case", "my_cases", "mediations"]
# What each persona gets on each list page: 200, 403, or a redirect (302).
EXPECTED = {
    "judge": {"docket": 200, "filing_queue": 403, "file_case": 403, "my_cases": 200, "mediations": 200},
    "assistant": {"docket": 200, "filing_queue": 403, "file_case": 403, "my_cases": 200, "mediations": 200},
    "clerk": {"docket": 200, "filing_queue": 403, "file_case": 403, "my_cases": 200, "mediations": 200},
    "other_judge": {"docket": 200, "filing_queue": 403, "file_case": 403, "my_cases": 200, "mediations": 200},
    "filing_officer": {"docket": 200, "filing_queue": 200, "file_case": 403, "my_cases": 200, "mediations": 200},
    "mediator": {"docket": 200, "filing_queue": 403, "file_case": 403, "my_cases": 200, "mediations": 200},
    "admin": {"docket": 200, "filing_queue": 200, "file_case": 403, "my_cases": 200, "mediations": 200},
    "party": {"docket": 302, "filing_queue": 403, "file_case": 200, "my_cases": 200, "mediations": 200},
    "lawyer": {"docket": 302, "filing_queue": 403, "file_case": 200, "my_cases": 200, "mediations": 200},
    "stranger": {"docket": 302, "filing_queue": 403, "file_case": 200, "my_cases": 200, "mediations": 200},
}
# Who may open a pending case of team A filed by `party` and represented by `lawyer`.
CASE_ACCESS = {"judge": 200, "assistant": 200, "clerk": 200, "other_judge": 404, "filing_officer": 200,
               "mediator": 404, "admin": 200, "party": 200, "lawyer": 200, "stranger": 404}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_gets_the_list_pages_it_may_use(request, as_user, persona):
    client = as_user(request.getfixturevalue(persona))
    got = {name: client.get(reverse(name)).status_code for name in LISTS}
    assert got == EXPECTED[persona]


@pytest.mark.parametrize("persona", sorted(CASE_ACCESS))
def test_each_role_may_or_may_not_open_a_case(request, recent, as_user, persona):
    case = recent(state="service")
    response = as_user(request.getfixturevalue(persona)).get(reverse("case_detail", args=[case.pk]))
    assert response.status_code == CASE_ACCESS[persona]


def test_a_judge_of_another_team_gets_404_on_actions_too(recent, other_judge, as_user, act):
    case = recent(state="heard", days_ago=30)
    response = act(as_user(other_judge), case, "close", mode="judgment", pronounced_on=today().isoformat())
    assert response.status_code == 404


def test_a_party_cannot_see_another_partys_case(recent, stranger, as_user):
    case = recent(state="service")
    assert as_user(stranger).get(reverse("case_detail", args=[case.pk])).status_code == 404
    assert as_user(stranger).get(reverse("my_cases")).context["rows"] == []


@pytest.mark.parametrize("persona", ["clerk", "assistant", "filing_officer", "admin", "party", "lawyer"])
def test_only_the_judge_closes(request, recent, as_user, act, persona):
    case = recent(state="heard", days_ago=30)
    response = act(as_user(request.getfixturevalue(persona)), case, "close", mode="judgment",
                   pronounced_on=today().isoformat())
    assert response.status_code == 403
    assert "You may not do this" in page_text(response)
    case.refresh_from_db()
    assert case.state == CaseState.HEARD


@pytest.mark.parametrize("persona", ["judge", "assistant", "clerk", "filing_officer", "party"])
def test_only_the_president_extends(request, recent, as_user, act, persona):
    case = recent(state="service", days_ago=40)
    response = act(as_user(request.getfixturevalue(persona)), case, "extend", months=1, reason="复杂",
                   applied_on=today().isoformat(), on=today().isoformat())
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.extension_months == 0


@pytest.mark.parametrize("persona", ["judge", "clerk", "admin", "party"])
def test_only_the_filing_officer_accepts(request, make_case, team, judge, as_user, act, persona):
    case = make_case(state="filed")
    response = act(as_user(request.getfixturevalue(persona)), case, "accept", procedure="simple", team=team.pk,
                   judge=judge.pk, on=today().isoformat())
    assert response.status_code in (403, 404)
    case.refresh_from_db()
    assert case.state == CaseState.FILED


@pytest.mark.parametrize("slug, fields", [
    ("note", {"text": "x", "on": "2024-01-01"}),
    ("service_send", {"document": "complaint", "channel": "post"}),
    ("suspend", {"ground": "x"}),
    ("amount", {"amount": "1"}),
])
def test_a_party_cannot_take_court_actions_on_their_own_case(recent, party, as_user, act, slug, fields):
    case = recent(state="service")
    assert act(as_user(party), case, slug, **fields).status_code == 403


def test_the_mediator_cannot_close_the_case_they_mediate(recent, judge, mediator, as_user, act):
    from court.cases import services

    case = recent(state="service")
    services.case_start_mediation(case=case, actor=judge, mediator=mediator)
    response = act(as_user(mediator), case, "close", mode="withdrawal", ruling_on=today().isoformat())
    assert response.status_code == 403
