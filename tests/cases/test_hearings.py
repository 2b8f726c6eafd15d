"""Hearings: notice, online and asynchronous trials, holding and adjourning (CPL 139-149; OLR 20-21; TL2019)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services
from court.cases.models import CaseEvent, CaseState, Hearing, PeriodKind, Procedure
from court.cases.services import CaseRuleError
from court.rules import periods as rules
from court.rules.terms import EVIDENCE_ADJOURNMENT_CAP_DAYS

from .conftest import at, fresh, last_event

K = CaseEvent.Kind
DAY = date(2024, 3, 21)  # the factory's hearing day
NOTIFIED = date(2024, 3, 10)


def _schedule(case, actor, day=DAY, notified=NOTIFIED, **kwargs):
    return services.hearing_schedule(case=case, actor=actor, starts_at=at(day), notified_on=notified, **kwargs)


def _adjourn(hearing, actor, cause=Hearing.Cause.PARTY, on=DAY, **kwargs):
    return services.hearing_adjourn(hearing=hearing, actor=actor, cause=cause, reason="原告申请", on=on, **kwargs)


def test_scheduling_puts_the_team_on_the_record(make_case, clerk, judge, assistant):
    case = make_case(state="service")
    hearing = _schedule(case, clerk, room="第一法庭")
    assert (hearing.judge, hearing.assistant, hearing.clerk) == (judge, assistant, clerk)
    assert fresh(case).state == CaseState.SCHEDULED
    event = last_event(case)
    assert (event.kind, event.from_state, event.to_state) == (K.HEARING_SCHEDULED, "service", "scheduled")


def test_ordinary_procedure_needs_three_days_notice(make_case, clerk):
    case = make_case(state="service", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, notified=DAY - timedelta(days=2))
    assert err.value.text == rules.HEARING_NOTICE_TOO_LATE and err.value.article == "CPL 139"
    assert _schedule(case, clerk, notified=DAY - timedelta(days=3)).status == Hearing.Status.SCHEDULED


def test_simple_procedure_is_exempt_from_the_three_days_notice(make_case, clerk):
    case = make_case(state="service", procedure=Procedure.SIMPLE)
    assert _schedule(case, clerk, notified=DAY - timedelta(days=1)).status == Hearing.Status.SCHEDULED


def test_a_hearing_cannot_start_before_the_parties_are_notified(make_case, clerk):
    with pytest.raises(CaseRuleError) as err:
        _schedule(make_case(state="service"), clerk, notified=DAY + timedelta(days=1))
    assert err.value.code == "before_notice"


def test_only_one_hearing_is_scheduled_at_a_time(make_case, clerk):
    case = make_case(state="scheduled")
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, day=DAY + timedelta(days=2))
    assert err.value.text == services.HEARING_ALREADY_SCHEDULED


def test_an_asynchronous_trial_is_only_for_simple_cases_with_everyones_consent(make_case, clerk):
    ordinary = make_case(state="service", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        _schedule(ordinary, clerk, mode=Hearing.Mode.ASYNC, all_parties_consent=True, respond_by=DAY)
    assert err.value.text == services.ASYNC_ONLY_SIMPLE and err.value.article == "OLR 20(2)"
    simple = make_case(state="service")
    with pytest.raises(CaseRuleError) as err:
        _schedule(simple, clerk, mode=Hearing.Mode.ASYNC, respond_by=DAY)
    assert err.value.text == services.ASYNC_NEEDS_CONSENT
    with pytest.raises(CaseRuleError) as err:
        _schedule(simple, clerk, mode=Hearing.Mode.ASYNC, all_parties_consent=True)
    assert err.value.article == "OLR 20"
    hearing = _schedule(simple, clerk, mode=Hearing.Mode.ASYNC, all_parties_consent=True, respond_by=DAY)
    assert hearing.mode == Hearing.Mode.ASYNC and hearing.respond_by == DAY


def test_an_online_hearing_needs_consent_to_online_litigation(make_case, clerk):
    case = make_case(state="accepted", e_consent=False)
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, mode=Hearing.Mode.ONLINE)
    assert err.value.article == "OLR 4"
    assert _schedule(case, clerk, mode=Hearing.Mode.ONLINE, all_parties_consent=True).mode == Hearing.Mode.ONLINE


def test_holding_the_hearing_marks_the_case_heard(make_case, clerk):
    case = make_case(state="scheduled")
    hearing = services.hearing_hold(hearing=case.hearings.get(), actor=clerk, note="庭审笔录")
    case = fresh(case)
    assert hearing.status == Hearing.Status.HELD and case.heard and case.state == CaseState.HEARD
    event = last_event(case)
    assert (event.kind, event.on, event.basis) == (K.HEARING_HELD, DAY, "CPL 140")
    assert event.payload["clerk"] == str(clerk)


def test_a_held_hearing_cannot_be_held_or_adjourned_again(make_case, clerk):
    case = make_case(state="heard")
    hearing = case.hearings.get()
    with pytest.raises(CaseRuleError) as err:
        services.hearing_hold(hearing=hearing, actor=clerk)
    assert err.value.code == "hearing_status"
    with pytest.raises(CaseRuleError):
        _adjourn(hearing, clerk)


def test_an_adjournment_needs_a_reason(make_case, clerk):
    case = make_case(state="scheduled")
    with pytest.raises(CaseRuleError) as err:
        services.hearing_adjourn(hearing=case.hearings.get(), actor=clerk, cause=Hearing.Cause.PARTY, reason="",
                                 on=DAY)
    assert err.value.text == services.ADJOURN_NEEDS_REASON


def test_a_simple_case_is_adjourned_at_most_once(make_case, clerk):
    case = make_case(state="scheduled")
    _adjourn(case.hearings.get(), clerk)
    assert fresh(case).state == CaseState.SERVICE
    second = _schedule(case, clerk, day=DAY + timedelta(days=10), notified=DAY)
    with pytest.raises(CaseRuleError) as err:
        _adjourn(second, clerk, on=DAY + timedelta(days=10))
    assert err.value.text == rules.TOO_MANY_ADJOURNMENTS_SIMPLE and err.value.article == "TL2019 Art. 3"


def test_an_ordinary_case_is_adjourned_at_most_twice(make_case, clerk):
    case = make_case(state="scheduled", procedure=Procedure.ORDINARY)
    hearing = case.hearings.get()
    for n in (1, 2):
        _adjourn(hearing, clerk, on=DAY + timedelta(days=10 * (n - 1)))
        hearing = _schedule(case, clerk, day=DAY + timedelta(days=10 * n), notified=DAY + timedelta(days=10 * (n - 1)))
    with pytest.raises(CaseRuleError) as err:
        _adjourn(hearing, clerk, on=DAY + timedelta(days=20))
    assert err.value.text == rules.TOO_MANY_ADJOURNMENTS_ORDINARY


def test_an_adjournment_for_force_majeure_needs_the_presidents_approval(make_case, clerk):
    case = make_case(state="scheduled")
    with pytest.raises(CaseRuleError) as err:
        _adjourn(case.hearings.get(), clerk, cause=Hearing.Cause.FORCE_MAJEURE)
    assert err.value.text == services.FORCE_MAJEURE_NEEDS_PRESIDENT and err.value.article == "TL2019 Art. 6"
    hearing = _adjourn(case.hearings.get(), clerk, cause=Hearing.Cause.FORCE_MAJEURE, president_approved=True)
    assert hearing.status == Hearing.Status.ADJOURNED and "TL2019 Art. 6" in last_event(case).basis


def test_the_next_hearing_comes_within_a_month_of_an_adjournment(make_case, clerk):
    case = make_case(state="scheduled", procedure=Procedure.ORDINARY)
    _adjourn(case.hearings.get(), clerk)
    late = DAY + timedelta(days=40)
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, day=late, notified=DAY)
    assert err.value.text == rules.HEARING_GAP_TOO_LONG and err.value.article == "TL2019 Art. 5"
    assert _schedule(case, clerk, day=late, notified=DAY, parties_agree_to_gap=True).status == "scheduled"


def test_a_suspension_after_an_adjournment_lifts_the_one_month_gap(make_case, clerk, judge):
    case = make_case(state="scheduled", procedure=Procedure.ORDINARY)
    _adjourn(case.hearings.get(), clerk)
    services.case_suspend(case=case, actor=judge, ground="CPL 153(1)", on=DAY + timedelta(days=1))
    services.case_resume(case=case, actor=judge, on=DAY + timedelta(days=60))
    hearing = _schedule(case, clerk, day=DAY + timedelta(days=70), notified=DAY + timedelta(days=60))
    assert hearing.status == Hearing.Status.SCHEDULED


def test_an_adjournment_for_new_evidence_is_excluded_until_the_next_hearing(make_case, clerk):
    case = make_case(state="scheduled")
    _adjourn(case.hearings.get(), clerk, cause=Hearing.Cause.NEW_EVIDENCE)
    period = case.periods.get(kind=PeriodKind.EVIDENCE_ADJOURNMENT)
    assert period.start_on == DAY and period.end_on is None
    nxt = DAY + timedelta(days=12)
    services.hearing_hold(hearing=_schedule(case, clerk, day=nxt, notified=DAY), actor=clerk)
    period.refresh_from_db()
    assert period.end_on == nxt and fresh(case).excluded_days == 12


def test_an_adjournment_for_new_evidence_counts_at_most_one_month(make_case, clerk):
    case = make_case(state="scheduled", procedure=Procedure.ORDINARY)
    _adjourn(case.hearings.get(), clerk, cause=Hearing.Cause.NEW_EVIDENCE)
    nxt = DAY + timedelta(days=EVIDENCE_ADJOURNMENT_CAP_DAYS + 10)
    hearing = _schedule(case, clerk, day=nxt, notified=DAY, parties_agree_to_gap=True)
    services.hearing_hold(hearing=hearing, actor=clerk)
    assert fresh(case).excluded_days == EVIDENCE_ADJOURNMENT_CAP_DAYS


def test_a_suspended_case_cannot_be_scheduled(make_case, clerk, judge):
    case = make_case(state="service")
    services.case_suspend(case=case, actor=judge, ground="等待另案结果", on=DAY)
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, day=DAY + timedelta(days=5), notified=DAY)
    assert err.value.code == "transition"
