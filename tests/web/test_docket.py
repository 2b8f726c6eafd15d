from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from court.cases import services
from court.cases.models import Case, CaseState
from court.cases.term import today
from court.cases.views import DOCKET_PAGE_SIZE


def _numbers(response) -> list[str]:
    return [row.case.case_number for row in response.context["rows"]]


def test_a_judge_sees_the_team_docket_with_the_term_columns(recent, judge, as_user):
    case = recent(state="scheduled")
    response = as_user(judge).get(reverse("docket"))
    assert response.status_code == 200
    html = response.content.decode()
    assert case.case_number in html and "民间借贷纠纷" in html and "张三" in html and "李四0" in html
    assert case.normal_deadline.isoformat() in html and case.filed_on.isoformat() in html
    row = response.context["rows"][0]
    assert row.days_left == (case.extended_deadline - today()).days


def test_a_judge_of_another_team_does_not_see_the_case(recent, other_judge, as_user):
    recent(state="accepted")
    response = as_user(other_judge).get(reverse("docket"))
    assert _numbers(response) == []


def test_the_administrator_sees_the_court_wide_docket_and_can_filter_by_team(recent, admin, team, team_b, as_user):
    case = recent(state="accepted")
    client = as_user(admin)
    assert _numbers(client.get(reverse("docket"))) == [case.case_number]
    assert _numbers(client.get(reverse("docket"), {"team": team_b.pk})) == []
    assert _numbers(client.get(reverse("docket"), {"team": team.pk})) == [case.case_number]


def test_pending_is_the_default_and_closed_cases_show_under_their_state(recent, judge, as_user):
    open_case = recent(state="accepted")
    closed = recent(state="closed", days_ago=40)
    client = as_user(judge)
    assert _numbers(client.get(reverse("docket"))) == [open_case.case_number]
    assert _numbers(client.get(reverse("docket"), {"state": "closed"})) == [closed.case_number]
    assert set(_numbers(client.get(reverse("docket"), {"state": "all"}))) == {open_case.case_number, closed.case_number}


def test_it_filters_by_procedure_and_cause(recent, judge, as_user, cause):
    simple = recent(state="accepted")
    ordinary = recent(state="accepted", procedure="ordinary")
    client = as_user(judge)
    assert _numbers(client.get(reverse("docket"), {"procedure": "ordinary"})) == [ordinary.case_number]
    assert set(_numbers(client.get(reverse("docket"), {"cause": cause.pk}))) == {simple.case_number, ordinary.case_number}


def test_the_overdue_filter_shows_cases_past_their_deadline(make_case, recent, judge, as_user):
    overdue = make_case(state="accepted", filed_on=today() - timedelta(days=200))
    recent(state="accepted")
    response = as_user(judge).get(reverse("docket"), {"alert": "overdue"})
    assert _numbers(response) == [overdue.case_number]
    assert response.context["rows"][0].alert == "overdue"
    assert "badge-danger" in response.content.decode()


def test_the_window_filter_shows_cases_within_15_days_of_the_deadline(make_case, recent, judge, as_user):
    # A simple-procedure term is three months: filed ~80 days ago, it ends within 15 days.
    near = make_case(state="accepted", filed_on=today() - timedelta(days=80))
    recent(state="accepted")
    near.refresh_from_db()
    assert 0 <= (near.extended_deadline - today()).days <= 15
    response = as_user(judge).get(reverse("docket"), {"alert": "window"})
    assert _numbers(response) == [near.case_number]
    assert response.context["rows"][0].alert == "window"


def test_the_suspended_filter_shows_suspended_cases(recent, judge, as_user):
    case = recent(state="accepted")
    recent(state="accepted")
    services.case_suspend(case=case, actor=judge, ground="等待另案审理结果", on=today())
    response = as_user(judge).get(reverse("docket"), {"alert": "suspended"})
    assert _numbers(response) == [case.case_number]


def test_it_sorts_by_days_left_both_ways(make_case, judge, as_user):
    older = make_case(state="accepted", filed_on=today() - timedelta(days=60))
    newer = make_case(state="accepted", filed_on=today() - timedelta(days=5))
    client = as_user(judge)
    assert _numbers(client.get(reverse("docket"))) == [older.case_number, newer.case_number]
    assert _numbers(client.get(reverse("docket"), {"sort": "-days_left"})) == [newer.case_number, older.case_number]


def test_it_searches_by_case_number(recent, judge, as_user):
    _first, second = recent(state="accepted"), recent(state="accepted")
    response = as_user(judge).get(reverse("docket"), {"q": second.case_number})
    assert _numbers(response) == [second.case_number]


def test_a_bad_filter_value_does_not_break_the_page(recent, judge, as_user):
    recent(state="accepted")
    response = as_user(judge).get(reverse("docket"), {"state": "nonsense", "sort": "x", "page": "abc"})
    assert response.status_code == 200


def test_the_docket_is_paginated_and_its_queries_do_not_grow_with_rows(
        recent, judge, as_user, django_assert_max_num_queries):
    case = recent(state="accepted")
    client = as_user(judge)
    # 9 for the list, + the next hearings (1) and the alerts (court.cases.alerts: at most 5), issue 12.
    with django_assert_max_num_queries(18) as few:
        client.get(reverse("docket"))
    # Copy the case DOCKET_PAGE_SIZE + 4 times via the ORM: the docket only reads, the services are not the point.
    parties = list(case.parties.all())
    for i in range(DOCKET_PAGE_SIZE + 4):
        clone = Case.objects.get(pk=case.pk)
        clone.pk, clone.case_number, clone.serial = None, f"{case.case_number}-{i}", 1000 + i
        clone.save()
        for party in parties:
            party.pk, party.case = None, clone
            party.save()
    with django_assert_max_num_queries(len(few.captured_queries)) :
        response = client.get(reverse("docket"))
    assert len(response.context["rows"]) == DOCKET_PAGE_SIZE
    assert response.context["page"].paginator.num_pages == 2
    assert len(client.get(reverse("docket"), {"page": 2}).context["rows"]) == 5


def test_parties_and_lawyers_are_sent_to_their_own_cases(party, as_user):
    response = as_user(party).get(reverse("docket"))
    assert response.status_code == 302 and response["Location"] == reverse("my_cases")


def test_filed_cases_are_not_on_a_team_docket(make_case, judge, as_user):
    make_case(state="filed")
    assert _numbers(as_user(judge).get(reverse("docket"), {"state": "all"})) == []
    assert CaseState.FILED in Case.objects.values_list("state", flat=True)
