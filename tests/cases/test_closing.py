"""Closing modes (law-digest §8.1) and closing dates (§1.3; TL2000 Art. 10; JI 149, 243), then the archive."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services, signals
from court.cases.models import CaseEvent, CaseState, ClosingMode, PeriodKind, ServiceAttempt
from court.cases.services import CaseRuleError
from court.cases.term import today
from court.rules import procedure as rules

from tests.factories import serve_decision

from .conftest import fresh, last_event

K = CaseEvent.Kind
HEARD = date(2024, 3, 21)
DAY = date(2024, 3, 28)
RULING_MODES = [ClosingMode.WITHDRAWAL, ClosingMode.DEEMED_WITHDRAWAL, ClosingMode.DISMISSAL, ClosingMode.TRANSFER,
                ClosingMode.TERMINATION, ClosingMode.OTHER]


def _close(case, judge, mode, **kwargs):
    return services.case_close(case=case, actor=judge, mode=mode, **kwargs)


def test_a_judgment_closes_on_its_pronouncement(make_case, judge):
    case = _close(make_case(state="heard"), judge, ClosingMode.JUDGMENT, pronounced_on=DAY)
    case = fresh(case)
    assert (case.state, case.closing_mode, case.closed_on) == (CaseState.CLOSED, "judgment", DAY)
    assert case.net_trial_days == (DAY - case.filed_on).days and case.within_normal_term is True
    event = last_event(case)
    assert (event.kind, event.on, event.from_state, event.to_state) == (K.CLOSED, DAY, "heard", "closed")
    assert "CPL 145" in event.basis and event.payload["mode"] == "judgment"


def test_a_judgment_is_refused_before_any_hearing(make_case, judge):
    with pytest.raises(CaseRuleError) as err:
        _close(make_case(state="scheduled"), judge, ClosingMode.JUDGMENT, pronounced_on=DAY)
    assert err.value.text == services.JUDGMENT_NEEDS_HEARING and err.value.article == "CPL 145"


def test_a_judgment_is_not_pronounced_before_the_hearing(make_case, judge):
    with pytest.raises(CaseRuleError) as err:
        _close(make_case(state="heard"), judge, ClosingMode.JUDGMENT, pronounced_on=HEARD - timedelta(days=1))
    assert err.value.code == "judgment_before_hearing"


def test_a_judgment_needs_its_pronouncement_date(make_case, judge):
    with pytest.raises(CaseRuleError) as err:
        _close(make_case(state="heard"), judge, ClosingMode.JUDGMENT, ruling_on=DAY)
    assert err.value.text == rules.CLOSING_NEEDS_PRONOUNCEMENT


def test_mediation_closes_when_the_last_party_is_served(make_case, judge):
    case = _close(make_case(state="heard"), judge, ClosingMode.MEDIATION,
                  mediation_served_on=[DAY + timedelta(days=4), DAY])
    assert fresh(case).closed_on == DAY + timedelta(days=4)
    assert "JI 149" in last_event(case).basis


def test_mediation_needs_every_partys_service_date(make_case, judge):
    case = make_case(state="heard")
    with pytest.raises(CaseRuleError) as err:
        _close(case, judge, ClosingMode.MEDIATION, mediation_served_on=[DAY])
    assert err.value.text == rules.CLOSING_NEEDS_MEDIATION_SERVICE
    with pytest.raises(CaseRuleError) as err:
        _close(case, judge, ClosingMode.MEDIATION)
    assert err.value.article == "TL2000 Art. 10"


def test_mediation_takes_the_recorded_service_of_the_mediation_document(make_case, judge, clerk):
    case = make_case(state="heard")
    for offset, party in enumerate(case.parties.all()):
        attempt = services.service_send(case=case, actor=clerk, document=ServiceAttempt.Document.MEDIATION,
                                        channel=ServiceAttempt.Channel.DIRECT, party=party, on=DAY)
        services.service_record(attempt=attempt, actor=clerk, served=True, on=DAY + timedelta(days=offset * 3))
    _close(case, judge, ClosingMode.MEDIATION)
    assert fresh(case).closed_on == DAY + timedelta(days=3)


@pytest.mark.parametrize("mode", RULING_MODES)
def test_ruling_modes_close_on_the_ruling_date(make_case, judge, mode):
    case = _close(make_case(state="service"), judge, mode, ruling_on=DAY)
    assert (fresh(case).closed_on, fresh(case).closing_mode) == (DAY, mode)


@pytest.mark.parametrize("mode", RULING_MODES)
def test_ruling_modes_need_the_ruling_date(make_case, judge, mode):
    with pytest.raises(CaseRuleError) as err:
        _close(make_case(state="service"), judge, mode, pronounced_on=DAY)
    assert err.value.text == rules.CLOSING_NEEDS_RULING


@pytest.mark.parametrize("mode", [ClosingMode.TERMINATION, ClosingMode.WITHDRAWAL, ClosingMode.OTHER])
def test_a_suspended_case_closes_by_termination_withdrawal_or_other(make_case, judge, mode):
    case = make_case(state="heard")
    services.case_suspend(case=case, actor=judge, ground="原告死亡", on=DAY)
    case = _close(case, judge, mode, ruling_on=DAY + timedelta(days=20))
    assert fresh(case).state == CaseState.CLOSED
    assert case.periods.get(kind=PeriodKind.SUSPENSION).end_on == DAY + timedelta(days=20)
    assert fresh(case).excluded_days == 20


@pytest.mark.parametrize("mode", [ClosingMode.JUDGMENT, ClosingMode.MEDIATION, ClosingMode.DISMISSAL,
                                  ClosingMode.TRANSFER, ClosingMode.DEEMED_WITHDRAWAL])
def test_a_suspended_case_is_not_judged_mediated_dismissed_or_transferred(make_case, judge, mode):
    case = make_case(state="heard")
    services.case_suspend(case=case, actor=judge, ground="等待另案", on=DAY)
    with pytest.raises(CaseRuleError) as err:
        _close(case, judge, mode, pronounced_on=DAY, ruling_on=DAY, mediation_served_on=[DAY, DAY])
    assert err.value.text == services.SUSPENDED_CLOSING and "CPL 154" in err.value.text


def test_closing_announces_itself_after_commit(make_case, judge, django_capture_on_commit_callbacks):
    case = make_case(state="heard")
    seen = []
    handler = lambda **kw: seen.append(kw["case"].pk)
    signals.case_closed.connect(handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _close(case, judge, ClosingMode.JUDGMENT, pronounced_on=DAY)
    finally:
        signals.case_closed.disconnect(handler)
    assert seen == [case.pk]


@pytest.mark.parametrize(("state", "code"), [("filed", "transition"), ("closed", "transition")])
def test_only_a_pending_case_closes(make_case, judge, state, code):
    with pytest.raises(CaseRuleError) as err:
        _close(make_case(state=state), None, ClosingMode.WITHDRAWAL, ruling_on=DAY)
    assert err.value.code == code


def test_the_closing_date_is_neither_future_nor_before_filing(make_case, judge):
    case = make_case(state="service")
    with pytest.raises(CaseRuleError) as err:
        _close(case, judge, ClosingMode.WITHDRAWAL, ruling_on=today() + timedelta(days=1))
    assert err.value.code == "future"
    with pytest.raises(CaseRuleError) as err:
        _close(case, judge, ClosingMode.WITHDRAWAL, ruling_on=case.filed_on - timedelta(days=1))
    assert err.value.code == "before_filing"


def test_an_unknown_mode_is_refused(make_case, judge):
    with pytest.raises(CaseRuleError) as err:
        _close(make_case(state="service"), judge, "settled", ruling_on=DAY)
    assert err.value.code == "mode"


def test_a_closed_case_is_archived(make_case, clerk):
    case = serve_decision(make_case(state="closed"), actor=clerk)
    services.case_archive(case=case, actor=clerk, on=case.closed_on + timedelta(days=30))
    assert fresh(case).state == CaseState.ARCHIVED
    event = last_event(case)
    assert (event.kind, event.from_state, event.to_state) == (K.ARCHIVED, "closed", "archived")


def test_a_pending_case_is_not_archived(make_case, clerk):
    with pytest.raises(CaseRuleError) as err:
        services.case_archive(case=make_case(state="heard"), actor=clerk, on=DAY)
    assert err.value.code == "transition"


def test_archiving_is_not_dated_before_closing(make_case, clerk):
    case = make_case(state="closed")
    with pytest.raises(CaseRuleError) as err:
        services.case_archive(case=case, actor=clerk, on=case.closed_on - timedelta(days=1))
    assert err.value.code == "before_closing"
