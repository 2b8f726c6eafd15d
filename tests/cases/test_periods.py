"""Periods not counted in the term (扣除审限, JI 243; TL2000 Art. 9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services, signals
from court.cases.models import CaseEvent, CasePeriod, PeriodKind, Procedure
from court.cases.services import CaseRuleError
from court.cases.term import today

from .conftest import fresh, last_event

K = CaseEvent.Kind
START = date(2024, 3, 10)


def _start(case, actor, kind=PeriodKind.APPRAISAL, start_on=START, **kwargs) -> CasePeriod:
    return services.period_start(case=case, actor=actor, kind=kind, start_on=start_on, reason="申请鉴定", **kwargs)


def test_an_appraisal_is_excluded_from_the_term(make_case, clerk):
    case = make_case(state="service")
    period = _start(case, clerk)
    event = last_event(case)
    assert (event.kind, event.on, event.basis) == (K.PERIOD_STARTED, START, "JI 243; TL2000 Art. 9(6)")
    services.period_end(period=period, actor=clerk, end_on=START + timedelta(days=20))
    assert fresh(case).excluded_days == 20
    assert last_event(case).kind == K.PERIOD_ENDED


def test_overlapping_periods_count_once(make_case, clerk):
    case = make_case(state="service")
    _start(case, clerk, end_on=START + timedelta(days=20))
    _start(case, clerk, kind=PeriodKind.JURISDICTION_OBJECTION, start_on=START + timedelta(days=10),
           end_on=START + timedelta(days=30))
    assert fresh(case).excluded_days == 30


def test_an_appraisal_asks_triage_to_look_again(make_case, clerk, django_capture_on_commit_callbacks):
    case = make_case(state="service")
    seen = []
    handler = lambda **kw: seen.append(kw["trigger"])
    signals.case_retriage_needed.connect(handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _start(case, clerk)
    finally:
        signals.case_retriage_needed.disconnect(handler)
    assert seen == [K.PERIOD_STARTED]


@pytest.mark.parametrize(("kind", "code"), [(PeriodKind.EXTENSION, "extension_kind"),
                                            (PeriodKind.SUSPENSION, "suspension_kind"), ("holiday", "choice")])
def test_extensions_suspensions_and_unknown_kinds_are_not_recorded_here(make_case, clerk, kind, code):
    with pytest.raises(CaseRuleError) as err:
        _start(make_case(state="service"), clerk, kind=kind)
    assert err.value.code == code


def test_a_publication_period_is_refused_under_simple_procedure(make_case, clerk):
    with pytest.raises(CaseRuleError) as err:
        _start(make_case(state="service", procedure=Procedure.SIMPLE), clerk, kind=PeriodKind.PUBLICATION)
    assert err.value.article == "JI 140"


def test_a_period_of_a_kind_already_running_is_refused(make_case, clerk):
    case = make_case(state="service")
    _start(case, clerk)
    with pytest.raises(CaseRuleError) as err:
        _start(case, clerk, start_on=START + timedelta(days=1))
    assert err.value.text == services.PERIOD_ALREADY_RUNNING


@pytest.mark.parametrize(("start_on", "end_on", "code"), [
    (date(2024, 2, 1), None, "before_filing"),
    (None, None, "future"),
    (START, START - timedelta(days=1), "end_before_start"),
])
def test_period_dates_must_make_sense(make_case, clerk, start_on, end_on, code):
    start_on = start_on or today() + timedelta(days=1)
    with pytest.raises(CaseRuleError) as err:
        _start(make_case(state="service"), clerk, start_on=start_on, end_on=end_on)
    assert err.value.code == code


def test_a_closed_case_takes_no_new_period(make_case, clerk):
    with pytest.raises(CaseRuleError) as err:
        _start(make_case(state="closed"), clerk, start_on=date(2024, 3, 20))
    assert err.value.code == "not_pending"


def test_only_a_running_period_can_end(make_case, clerk, judge):
    case = make_case(state="service")
    period = _start(case, clerk, end_on=START + timedelta(days=3))
    with pytest.raises(CaseRuleError) as err:
        services.period_end(period=period, actor=clerk, end_on=START + timedelta(days=5))
    assert err.value.text == services.NO_RUNNING_PERIOD
    services.case_suspend(case=case, actor=judge, ground="等待另案", on=START)
    suspension = case.periods.get(kind=PeriodKind.SUSPENSION)
    with pytest.raises(CaseRuleError):
        services.period_end(period=suspension, actor=clerk, end_on=START + timedelta(days=5))


def test_a_period_cannot_end_before_it_starts(make_case, clerk):
    case = make_case(state="service")
    period = _start(case, clerk)
    with pytest.raises(CaseRuleError) as err:
        services.period_end(period=period, actor=clerk, end_on=START - timedelta(days=1))
    assert err.value.code == "end_before_start"


def test_a_running_period_ends_with_the_case(make_case, clerk, judge):
    case = make_case(state="heard")
    period = _start(case, clerk, kind=PeriodKind.SETTLEMENT, start_on=date(2024, 3, 22))
    services.case_close(case=case, actor=judge, mode="withdrawal", ruling_on=date(2024, 3, 30))
    period.refresh_from_db()
    assert period.end_on == date(2024, 3, 30) and fresh(case).excluded_days == 8
