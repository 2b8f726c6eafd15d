"""Suspension (中止诉讼, CPL 153): the term clock stops until the case resumes (TL2000 Art. 9(9); JI 246)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services
from court.cases.models import CaseEvent, CaseState, PeriodKind
from court.cases.services import CaseRuleError
from court.cases.term import court_calendar, term_for
from court.rules.terms import deadline

from .conftest import fresh, last_event

K = CaseEvent.Kind
SUSPENDED_ON = date(2024, 3, 25)


def _suspend(case, judge, on=SUSPENDED_ON):
    return services.case_suspend(case=case, actor=judge, ground="一方当事人死亡，需等待继承人表明是否参加诉讼", on=on)


def test_suspension_stops_the_clock_while_it_runs(make_case, judge):
    case = _suspend(make_case(state="heard"), judge)
    assert case.state == CaseState.SUSPENDED and case.state_before == CaseState.HEARD
    period = case.periods.get(kind=PeriodKind.SUSPENSION)
    assert period.start_on == SUSPENDED_ON and period.end_on is None
    early = term_for(case, case.periods.all(), as_of=SUSPENDED_ON + timedelta(days=10))
    late = term_for(case, case.periods.all(), as_of=SUSPENDED_ON + timedelta(days=40))
    assert late.excluded_days - early.excluded_days == 30
    assert late.net_trial_days == early.net_trial_days
    event = last_event(case)
    assert (event.kind, event.from_state, event.to_state, event.basis) == (K.SUSPENDED, "heard", "suspended",
                                                                           "CPL 153; TL2000 Art. 9(9)")


def test_resumption_ends_the_excluded_period_and_returns_the_case(make_case, judge):
    case = _suspend(make_case(state="heard"), judge)
    resumed = SUSPENDED_ON + timedelta(days=45)
    services.case_resume(case=case, actor=judge, on=resumed, reason="继承人表示参加诉讼")
    case = fresh(case)
    assert case.state == CaseState.HEARD
    assert case.periods.get(kind=PeriodKind.SUSPENSION).end_on == resumed
    assert case.excluded_days == 45
    assert (last_event(case).kind, last_event(case).basis) == (K.RESUMED, "JI 246")


def test_the_deadline_moves_by_the_suspended_days(make_case, judge):
    case = make_case(state="heard")
    _suspend(case, judge)
    services.case_resume(case=case, actor=judge, on=SUSPENDED_ON + timedelta(days=45))
    case = fresh(case)
    assert case.normal_deadline == deadline(case.filed_on, 3, 45, court_calendar())
    assert case.normal_deadline > deadline(case.filed_on, 3, 0, court_calendar()) + timedelta(days=40)


def test_a_suspension_names_its_ground(make_case, judge):
    with pytest.raises(CaseRuleError) as err:
        services.case_suspend(case=make_case(state="heard"), actor=judge, ground=" ", on=SUSPENDED_ON)
    assert err.value.text == services.SUSPENSION_NEEDS_GROUND and err.value.article == "CPL 153"


def test_a_suspended_case_cannot_be_suspended_again(make_case, judge):
    case = _suspend(make_case(state="heard"), judge)
    with pytest.raises(CaseRuleError) as err:
        _suspend(case, judge)
    assert err.value.code == "transition"


def test_a_case_cannot_resume_before_its_suspension(make_case, judge):
    case = _suspend(make_case(state="heard"), judge)
    with pytest.raises(CaseRuleError) as err:
        services.case_resume(case=case, actor=judge, on=SUSPENDED_ON - timedelta(days=1))
    assert err.value.text == services.RESUME_BEFORE_SUSPENSION


def test_a_case_that_is_not_suspended_cannot_resume(make_case, judge):
    with pytest.raises(CaseRuleError) as err:
        services.case_resume(case=make_case(state="heard"), actor=judge, on=SUSPENDED_ON)
    assert err.value.code == "transition"


def test_a_filed_complaint_cannot_be_suspended(make_case, judge):
    with pytest.raises(CaseRuleError):
        _suspend(make_case(state="filed"), None)
