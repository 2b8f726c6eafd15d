"""Reassigning a case to another trial team or judge (issue 12): the reason is required once the case has a
team, bounded, and the event keeps it with the team and judge before and after; the first assignment (a case
with no team yet) needs none."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from court.cases import services
from court.cases.bounds import NOTE_MAX_LENGTH
from court.cases.models import Case, CaseEvent
from court.cases.services import CaseRuleError

from .conftest import fresh, last_event


def test_a_reassignment_without_a_reason_is_refused_and_nothing_changes(make_case, filing_officer, team, team_b):
    case = make_case(state="accepted")
    events = case.events.count()
    for reason in ("", "   "):
        with pytest.raises(CaseRuleError) as err:
            services.case_assign(case=case, actor=filing_officer, team=team_b, reason=reason)
        assert err.value.code == "assign_reason"
        assert err.value.text == gettext(services.REASSIGN_NEEDS_REASON)
    assert fresh(case).team_id == team.pk and case.events.count() == events


def test_the_reassignment_event_keeps_the_reason_and_both_teams_and_judges(make_case, filing_officer, judge,
                                                                          other_judge, team, team_b):
    case = make_case(state="accepted")
    services.case_assign(case=case, actor=filing_officer, team=team_b, reason="  承办法官回避  ")
    case = fresh(case)
    assert (case.team_id, case.judge_id) == (team_b.pk, other_judge.pk)
    event = last_event(case)
    assert event.kind == CaseEvent.Kind.ASSIGNED and event.reason == "承办法官回避"
    assert event.payload == {"from_team": team.code, "team": team_b.code, "from_judge": judge.username,
                             "judge": other_judge.username}
    assert event.actor == filing_officer and event.basis == "TL2000 Art. 7"


def test_the_reason_is_bounded(make_case, filing_officer, team_b):
    case = make_case(state="accepted")
    with pytest.raises(CaseRuleError) as err:
        services.case_assign(case=case, actor=filing_officer, team=team_b, reason="由" * (NOTE_MAX_LENGTH + 1))
    assert err.value.code == "too_long"
    services.case_assign(case=case, actor=filing_officer, team=team_b, reason="由" * NOTE_MAX_LENGTH)


def test_the_first_assignment_of_a_case_without_a_team_needs_no_reason(make_case, filing_officer, team, judge):
    case = make_case(state="accepted")
    Case.objects.filter(pk=case.pk).update(team=None, judge=None)  # e.g. imported without a team
    services.case_assign(case=fresh(case), actor=filing_officer, team=team)
    assert fresh(case).judge_id == judge.pk
    event = last_event(case)
    assert event.reason == "" and event.payload["from_team"] == "" and event.payload["team"] == team.code


def test_the_assign_form_asks_for_the_reason_next_to_the_field(make_case, filing_officer, team, team_b):
    case = make_case(state="accepted")
    client = Client()
    client.force_login(filing_officer)
    url = reverse("case_assign", args=[case.pk])
    response = client.post(url, {"assign-team": team_b.pk, "assign-on": case.filed_on.isoformat()})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    form = page[page.index('id="action-assign"'):]
    field = form[form.index('data-field="reason"'):]
    field = field[:field.index("</div>")]
    assert 'class="error"' in field and gettext(services.REASSIGN_NEEDS_REASON) in field
    assert fresh(case).team_id == team.pk
    response = client.post(url, {"assign-team": team_b.pk, "assign-on": case.filed_on.isoformat(),
                                 "assign-reason": "案件量均衡"})
    assert response.status_code == 302
    assert fresh(case).team_id == team_b.pk and last_event(case).reason == "案件量均衡"
    assert "案件量均衡" in client.get(reverse("case_detail", args=[case.pk])).content.decode()
