"""Mediation after filing (CPL 125, 145; OMR 24): 15 days ordinary, 7 simple; an agreed extension is not counted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services
from court.cases.models import CaseEvent, CaseState, PeriodKind, Procedure
from court.cases.services import CaseRuleError

from .conftest import fresh, last_event

K = CaseEvent.Kind
START = date(2024, 3, 22)  # the day after the factory's hearing


@pytest.mark.parametrize(("procedure", "days"), [(Procedure.SIMPLE, 7), (Procedure.ORDINARY, 15)])
def test_mediation_starts_with_the_omr_24_period(make_case, clerk, mediator, procedure, days):
    case = make_case(state="heard", procedure=procedure)
    services.case_start_mediation(case=case, actor=clerk, mediator=mediator, on=START)
    case = fresh(case)
    assert case.state == CaseState.MEDIATION and case.mediator == mediator
    event = last_event(case)
    assert (event.kind, event.from_state, event.to_state) == (K.MEDIATION_STARTED, "heard", "mediation")
    assert event.payload["mediation_due"] == (START + timedelta(days=days)).isoformat() and "OMR 24" in event.basis


def test_a_case_in_mediation_cannot_start_it_again(make_case, clerk):
    case = make_case(state="heard")
    services.case_start_mediation(case=case, actor=clerk, on=START)
    with pytest.raises(CaseRuleError) as err:
        services.case_start_mediation(case=case, actor=clerk, on=START)
    assert err.value.text == services.ALREADY_IN_MEDIATION


def test_the_mediator_is_a_mediator_or_on_the_team(make_case, clerk, other_judge, assistant):
    case = make_case(state="heard")
    with pytest.raises(CaseRuleError) as err:
        services.case_start_mediation(case=case, actor=clerk, mediator=other_judge, on=START)
    assert err.value.text == services.MEDIATOR_NOT_ELIGIBLE
    services.case_start_mediation(case=case, actor=clerk, mediator=assistant, on=START)
    assert fresh(case).mediator == assistant


def test_failed_mediation_returns_the_case_to_where_it_stood(make_case, clerk, mediator):
    case = make_case(state="heard")
    services.case_start_mediation(case=case, actor=clerk, mediator=mediator, on=START)
    services.case_end_mediation(case=case, actor=mediator, reason="被告拒绝调解", on=START + timedelta(days=3))
    case = fresh(case)
    assert case.state == CaseState.HEARD
    event = last_event(case)
    assert (event.kind, event.from_state, event.to_state, event.actor) == (K.MEDIATION_FAILED, "mediation", "heard",
                                                                           mediator)
    assert "CPL 145" in event.basis


def test_mediation_from_service_returns_to_service(make_case, clerk):
    case = make_case(state="service")
    services.case_start_mediation(case=case, actor=clerk, on=START)
    services.case_end_mediation(case=case, actor=clerk, on=START)
    assert fresh(case).state == CaseState.SERVICE


def test_only_the_agreed_time_beyond_seven_days_is_not_counted(make_case, clerk):
    case = make_case(state="heard")
    services.case_start_mediation(case=case, actor=clerk, on=START)
    with pytest.raises(CaseRuleError) as err:
        services.period_start(case=case, actor=clerk, kind=PeriodKind.MEDIATION_EXTENSION,
                              start_on=START + timedelta(days=6), reason="双方同意延长调解")
    assert err.value.article == "OMR 24"
    period = services.period_start(case=case, actor=clerk, kind=PeriodKind.MEDIATION_EXTENSION,
                                   start_on=START + timedelta(days=7), reason="双方同意延长调解")
    services.case_end_mediation(case=case, actor=clerk, on=START + timedelta(days=17))
    period.refresh_from_db()
    assert period.end_on == START + timedelta(days=17)
    assert fresh(case).excluded_days == 10


def test_a_mediation_extension_needs_a_running_mediation(make_case, clerk):
    case = make_case(state="heard")
    with pytest.raises(CaseRuleError) as err:
        services.period_start(case=case, actor=clerk, kind=PeriodKind.MEDIATION_EXTENSION, start_on=START)
    assert err.value.article == "OMR 24"


def test_a_case_not_in_mediation_cannot_end_it(make_case, clerk):
    with pytest.raises(CaseRuleError) as err:
        services.case_end_mediation(case=make_case(state="heard"), actor=clerk, on=START)
    assert err.value.code == "transition"
