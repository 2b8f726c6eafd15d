"""Who sees which cases and may do what (court/cases/access.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from court.cases import services
from court.cases.access import Action, can, cases_for_user, get_case_for_user, require
from court.org.models import Court, Role, Team, User

A = Action


@pytest.fixture
def cases(make_case, team_b, other_judge):
    """A case of team A, a case of team B, and a complaint still at filing."""
    mine = make_case(state="heard")
    theirs = make_case(state="accepted", team=team_b, judge=other_judge, plaintiff_user=None, lawyer=None)
    filing = make_case(state="filed", plaintiff_user=None, lawyer=None)
    return mine, theirs, filing


def _visible(user) -> set[int]:
    return set(cases_for_user(user).values_list("pk", flat=True))


@pytest.mark.parametrize("who", ["judge", "assistant", "clerk"])
def test_the_team_sees_its_own_docket_only(cases, request, who):
    user = request.getfixturevalue(who)
    mine, theirs, _filing = cases
    assert _visible(user) == {mine.pk}
    assert get_case_for_user(user, mine.pk) == mine
    with pytest.raises(Http404):
        get_case_for_user(user, theirs.pk)
    assert can(user, A.DOCKET, mine) and not can(user, A.DOCKET, theirs)


def test_only_the_teams_judge_decides(cases, judge, assistant, clerk, other_judge):
    mine, theirs, _filing = cases
    assert can(judge, A.DECIDE, mine) and not can(judge, A.DECIDE, theirs)
    assert not can(assistant, A.DECIDE, mine) and not can(clerk, A.DECIDE, mine)
    assert can(other_judge, A.DECIDE, theirs) and not can(other_judge, A.DECIDE, mine)


def test_the_filing_officer_sees_the_courts_cases_and_decides_filings(cases, filing_officer):
    mine, theirs, filing = cases
    assert _visible(filing_officer) == {mine.pk, theirs.pk, filing.pk}
    assert can(filing_officer, A.DECIDE_FILING, filing)
    assert not can(filing_officer, A.DECIDE, mine) and not can(filing_officer, A.DOCKET, mine)
    assert can(filing_officer, A.TRIAGE, filing) and not can(filing_officer, A.TRIAGE, mine)


def test_a_filing_officer_of_another_court_sees_nothing(cases):
    other = Court.objects.create(code="陕0123", name="other", province="陕")
    officer = User.objects.create_user(username="o2", role=Role.FILING_OFFICER, court=other)
    assert _visible(officer) == set()
    assert not can(officer, A.DECIDE_FILING, cases[2])


def test_the_mediator_sees_only_the_cases_they_mediate(cases, mediator, clerk):
    mine, theirs, _filing = cases
    assert _visible(mediator) == set() and not can(mediator, A.MEDIATE, mine)
    services.case_start_mediation(case=mine, actor=clerk, mediator=mediator, on=date(2024, 3, 22))
    mine.refresh_from_db()
    assert _visible(mediator) == {mine.pk}
    assert can(mediator, A.MEDIATE, mine) and not can(mediator, A.DOCKET, mine) and not can(mediator, A.DECIDE, mine)
    with pytest.raises(Http404):
        get_case_for_user(mediator, theirs.pk)


def test_the_administrator_sees_the_whole_court_and_the_president_extends(cases, admin):
    mine, theirs, filing = cases
    assert _visible(admin) == {mine.pk, theirs.pk, filing.pk}
    assert can(admin, A.EXTEND, mine) and can(admin, A.VIEW, theirs)
    assert not can(admin, A.DECIDE, mine) and not can(admin, A.DECIDE_FILING, filing)
    admin.is_president = False
    assert not can(admin, A.EXTEND, mine)


def test_parties_and_lawyers_see_only_their_own_cases(cases, party, lawyer, stranger):
    mine = cases[0]
    assert _visible(party) == {mine.pk} and _visible(lawyer) == {mine.pk}
    assert can(party, A.AMEND, mine) and can(lawyer, A.AMEND, mine)
    assert not can(party, A.DOCKET, mine) and not can(lawyer, A.DECIDE, mine)
    assert _visible(stranger) == set()
    with pytest.raises(Http404):
        get_case_for_user(stranger, mine.pk)
    assert not can(stranger, A.VIEW, mine) and not can(stranger, A.AMEND, mine)


def test_a_party_cannot_amend_a_closed_case(make_case, party):
    case = make_case(state="closed")
    assert can(party, A.VIEW, case) and not can(party, A.AMEND, case)


def test_anonymous_and_inactive_users_see_nothing(cases, judge):
    assert not cases_for_user(AnonymousUser()).exists()
    judge.is_active = False
    assert not cases_for_user(judge).exists() and not can(judge, A.VIEW, cases[0])


def test_a_team_member_without_a_team_sees_nothing(cases, court):
    loose = User.objects.create_user(username="loose", role=Role.CLERK, court=court)
    assert _visible(loose) == set()


def test_a_superuser_may_do_everything(cases):
    root = User.objects.create_superuser(username="root", password="x")
    assert _visible(root) == {c.pk for c in cases} and can(root, A.DECIDE, cases[0])


def test_require_raises_permission_denied_and_lets_the_system_pass(cases, party):
    with pytest.raises(PermissionDenied):
        require(party, A.DOCKET, cases[0])
    require(None, A.DECIDE, cases[0])


def test_a_team_of_the_same_code_in_another_court_sees_nothing(cases):
    other = Court.objects.create(code="陕0124", name="other", province="陕")
    twin = Team.objects.create(court=other, code="A", name="A")
    judge2 = User.objects.create_user(username="j2", role=Role.JUDGE, court=other, team=twin)
    assert _visible(judge2) == set()
