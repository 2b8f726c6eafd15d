"""The service arguments the law needs are on the page: the bench and the small-claims agreement on acceptance
(CPL 40, 165(2)), the bench on conversion (JI 258(2)), the exceptions to the one-month gap between hearings
(TL2019 Art. 5), and the assignment to a trial team (TL2000 Art. 7)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import reverse

from court.cases import services
from court.cases.models import CaseEvent, CaseState, Hearing, Panel, Procedure
from court.cases.term import today
from court.rules import periods as rule_periods
from court.rules import procedure as rule_procedure

from .conftest import page_text


def _reloaded(case):
    return type(case).objects.get(pk=case.pk)


def _done(response, case):
    assert response.status_code == 302, page_text(response)[:3000]
    assert response["Location"] == reverse("case_detail", args=[case.pk])


def test_the_accept_form_offers_the_bench_and_the_small_claims_agreement(make_case, filing_officer, as_user):
    case = make_case(state="filed")
    text = page_text(as_user(filing_officer).get(reverse("case_detail", args=[case.pk])))
    assert 'name="accept-panel"' in text and 'name="accept-parties_agree"' in text
    assert "Collegial panel" in text and "CPL 40" in text


def test_the_filing_officer_accepts_for_a_collegial_panel(make_case, filing_officer, team, as_user, act):
    case = make_case(state="filed")
    _done(act(as_user(filing_officer), case, "accept", procedure="ordinary", panel="collegial", team=team.pk,
              on=today().isoformat()), case)
    case = _reloaded(case)
    assert case.state == CaseState.ACCEPTED and case.panel == Panel.COLLEGIAL


def test_an_ordinary_case_accepted_without_a_bench_keeps_the_sole_judge(make_case, filing_officer, team, as_user,
                                                                       act):
    case = make_case(state="filed")
    _done(act(as_user(filing_officer), case, "accept", procedure="ordinary", team=team.pk,
              on=today().isoformat()), case)
    assert _reloaded(case).panel == Panel.SOLE


def test_small_claims_above_half_the_wage_are_accepted_when_the_parties_agree(make_case, filing_officer, team,
                                                                             as_user, act):
    case = make_case(state="filed", amount=Decimal("50000"))  # the court's wage is 90,000: above half, below twice
    client = as_user(filing_officer)
    fields = {"procedure": "small_claims", "team": team.pk, "on": today().isoformat()}
    response = act(client, case, "accept", **fields)
    assert response.status_code == 200 and rule_procedure.BAR_AMOUNT_ABOVE_LIMIT in page_text(response)
    assert _reloaded(case).state == CaseState.FILED
    _done(act(client, case, "accept", parties_agree="on", **fields), case)
    case = _reloaded(case)
    assert case.state == CaseState.ACCEPTED and case.procedure == Procedure.SMALL_CLAIMS


def test_the_judge_converts_with_a_collegial_panel(recent, judge, as_user, act):
    case = recent(state="service")
    _done(act(as_user(judge), case, "convert", to="ordinary", panel="collegial", reason="案情复杂",
              on=today().isoformat()), case)
    case = _reloaded(case)
    assert case.procedure == Procedure.ORDINARY and case.panel == Panel.COLLEGIAL
    assert case.events.get(kind=CaseEvent.Kind.CONVERTED).payload["panel"] == Panel.COLLEGIAL


def test_a_conversion_without_a_bench_leaves_it_unchanged(recent, judge, as_user, act):
    case = recent(state="service")
    _done(act(as_user(judge), case, "convert", to="ordinary", reason="案情复杂", on=today().isoformat()), case)
    assert _reloaded(case).panel == Panel.SOLE


def _adjourned_yesterday(recent, judge):
    case = recent(state="service", days_ago=30)
    hearing = services.hearing_schedule(
        case=case, actor=judge, notified_on=today() - timedelta(days=10),
        starts_at=datetime.combine(today() - timedelta(days=1), time(9), ZoneInfo("Asia/Shanghai")))
    services.hearing_adjourn(hearing=hearing, actor=judge, cause=Hearing.Cause.PARTY, reason="当事人申请",
                             on=today())
    return _reloaded(case)


def _schedule_in_40_days(client, case, act, **flags):
    starts = today() + timedelta(days=40)
    return act(client, case, "hearing_schedule", mode="in_person", starts_at=f"{starts.isoformat()}T09:00",
               notified_on=today().isoformat(), **flags)


def test_a_hearing_more_than_a_month_after_the_adjourned_one_shows_the_rule(recent, judge, as_user, act):
    case = _adjourned_yesterday(recent, judge)
    response = _schedule_in_40_days(as_user(judge), case, act)
    assert response.status_code == 200 and rule_periods.HEARING_GAP_TOO_LONG in page_text(response)
    assert not case.hearings.filter(status=Hearing.Status.SCHEDULED).exists()


def test_the_parties_agreement_allows_a_longer_gap(recent, judge, as_user, act):
    case = _adjourned_yesterday(recent, judge)
    client = as_user(judge)
    # TL2019 Art. 5: the agreement is recorded, not just ticked.
    response = _schedule_in_40_days(client, case, act, parties_agree_to_gap="on")
    assert response.status_code == 200 and services.GAP_GROUND_NEEDS_NOTE in page_text(response)
    _done(_schedule_in_40_days(client, case, act, parties_agree_to_gap="on", gap_note="双方书面同意"), case)
    assert case.hearings.filter(status=Hearing.Status.SCHEDULED).count() == 1


def test_force_majeure_allows_a_longer_gap(recent, judge, as_user, act):
    case = _adjourned_yesterday(recent, judge)
    _done(_schedule_in_40_days(as_user(judge), case, act, force_majeure="on", gap_note="台风停航，法院停止开庭"), case)
    assert _reloaded(case).state == CaseState.SCHEDULED


def test_the_gap_exceptions_are_asked_once_a_hearing_was_held_or_adjourned(recent, judge, as_user):
    # TL2019 Art. 5 "两次开庭间隔时间不得超过一个月": after any hearing, not only an adjourned one.
    client = as_user(judge)
    first = recent(state="service")
    assert 'name="hearing_schedule-parties_agree_to_gap"' not in page_text(
        client.get(reverse("case_detail", args=[first.pk])))
    for case in (_adjourned_yesterday(recent, judge), recent(state="heard", days_ago=30)):
        text = page_text(client.get(reverse("case_detail", args=[case.pk])))
        assert 'name="hearing_schedule-parties_agree_to_gap"' in text
        assert 'name="hearing_schedule-force_majeure"' in text and 'name="hearing_schedule-gap_note"' in text
        assert "TL2019 Art. 5" in text


def test_the_filing_officer_reassigns_a_pending_case(recent, filing_officer, team_b, other_judge, as_user, act):
    case = recent(state="service")
    _done(act(as_user(filing_officer), case, "assign", team=team_b.pk, judge=other_judge.pk, on=today().isoformat(),
              reason="回避"), case)
    case = _reloaded(case)
    assert (case.team, case.judge) == (team_b, other_judge)
    event = case.events.get(kind=CaseEvent.Kind.ASSIGNED)
    assert event.basis == "TL2000 Art. 7" and event.payload["team"] == team_b.code and event.reason == "回避"


def test_a_judge_of_another_team_shows_the_rule_on_the_assign_form(recent, filing_officer, team_b, judge, as_user,
                                                                   act):
    case = recent(state="service")
    response = act(as_user(filing_officer), case, "assign", team=team_b.pk, judge=judge.pk, on=today().isoformat(),
                   reason="回避")
    assert response.status_code == 200 and services.NOT_ON_TEAM in page_text(response)


def test_only_the_filing_officer_and_the_administrator_are_offered_the_assignment(recent, filing_officer, admin,
                                                                                  judge, as_user, act):
    case = recent(state="service")

    def offered(user):
        response = as_user(user).get(reverse("case_detail", args=[case.pk]))
        return {a["spec"].slug for _label, items in response.context["action_groups"] for a in items}

    assert "assign" in offered(filing_officer) and "assign" in offered(admin) and "assign" not in offered(judge)
    assert act(as_user(judge), case, "assign", team=case.team_id, on=today().isoformat()).status_code == 403
