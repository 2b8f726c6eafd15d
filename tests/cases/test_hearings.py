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


def test_consent_to_electronic_service_is_not_consent_to_an_online_hearing(make_case, clerk):
    # OLR 4(4): "当事人仅主动选择或者同意对部分诉讼环节适用在线诉讼的，人民法院不得推定其对其他诉讼环节均同意适用在线诉讼".
    # Before: e-service consent (or a bare "every party consents" tick) let an online hearing through.
    case = make_case(state="accepted", e_consent=True)
    assert fresh(case).e_service_consent
    for bare in (False, True):
        with pytest.raises(CaseRuleError) as err:
            _schedule(case, clerk, mode=Hearing.Mode.ONLINE, all_parties_consent=bare)
        assert err.value.code == "online_consent" and "OLR 4(4)" in err.value.article


def test_an_online_hearing_needs_every_partys_own_consent(make_case, clerk):
    # OLR 4(2): "各方当事人均同意适用在线诉讼的，相应诉讼环节可以在线进行"; OLR 21(1).
    case = make_case(state="accepted", e_consent=False)
    services.party_add(case=case, actor=clerk, on=NOTIFIED, data=services.PartyInput(
        side="third_party", name="王五", address="蓝田县", online_hearing_consent=True))
    parties = list(case.parties.order_by("id"))
    services.party_record_consents(party=parties[0], actor=clerk, online_hearing=True, on=NOTIFIED,
                                   note="原告在诉讼平台勾选同意在线庭审")
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, mode=Hearing.Mode.ONLINE)
    assert err.value.code == "online_consent" and "李四0" in err.value.text and "张三" not in err.value.text
    services.party_record_consents(party=parties[1], actor=clerk, online_hearing=True, on=NOTIFIED + timedelta(days=1))
    hearing = _schedule(case, clerk, mode=Hearing.Mode.ONLINE, notified=NOTIFIED + timedelta(days=1))
    assert hearing.mode == Hearing.Mode.ONLINE
    # Each party's consent is on the record: the day it was recorded, or "" when given with the complaint.
    assert last_event(case).payload["online_consents"] == {"张三": "2024-03-10", "李四0": "2024-03-11", "王五": ""}


def test_recording_a_partys_consents(make_case, clerk):
    case = make_case(state="accepted", e_consent=False)
    party = case.parties.get(name="李四0")
    with pytest.raises(CaseRuleError) as err:
        services.party_record_consents(party=party, actor=clerk, on=NOTIFIED)
    assert err.value.text == services.NO_CONSENT_GIVEN
    party.e_address = ""
    party.save()
    with pytest.raises(CaseRuleError) as err:
        services.party_record_consents(party=party, actor=clerk, e_service=True, on=NOTIFIED)
    assert (err.value.text, err.value.article) == (services.CONSENT_NEEDS_E_ADDRESS, "CPL 90")
    services.party_record_consents(party=party, actor=clerk, e_service=True, e_address="lisi@example.cn",
                                   online_mediation=True, on=NOTIFIED)
    party.refresh_from_db()
    assert (party.e_service_consent, party.e_address, party.online_mediation_consent) == (
        True, "lisi@example.cn", True)
    assert not party.online_hearing_consent  # OLR 4(4): not inferred from the other consents
    event = last_event(case)
    assert (event.kind, event.payload["party"]) == (K.CONSENTS_RECORDED, "李四0")
    assert event.payload["e_service_consent"] and "online_hearing_consent" not in event.payload


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
    assert _schedule(case, clerk, day=late, notified=DAY, parties_agree_to_gap=True,
                     gap_note="双方书面同意延后开庭").status == "scheduled"


# TL2019 Art. 5: "人民法院开庭审理民商事案件后，认为需要延期开庭审理的，应当依法告知当事人下次开庭的时间。两次开庭间隔时间
# 不得超过一个月，但因不可抗力或当事人同意的除外。" The month follows a hearing that opened, not only an adjourned one.

def test_the_next_hearing_comes_within_a_month_of_a_held_hearing(make_case, clerk):
    case = make_case(state="heard", procedure=Procedure.ORDINARY)  # held on 2024-03-21
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, day=date(2024, 4, 22), notified=DAY)
    assert (err.value.code, err.value.article) == ("hearing_gap_too_long", "TL2019 Art. 5")
    assert _schedule(case, clerk, day=date(2024, 4, 21), notified=DAY).status == Hearing.Status.SCHEDULED
    assert last_event(case).payload["previous_hearing"] == DAY.isoformat()


def test_a_later_hearing_needs_the_ground_on_the_record(make_case, clerk):
    case = make_case(state="heard", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, day=date(2024, 5, 6), notified=DAY, parties_agree_to_gap=True)
    assert (err.value.text, err.value.code) == (services.GAP_GROUND_NEEDS_NOTE, "gap_note")
    _schedule(case, clerk, day=date(2024, 5, 6), notified=DAY, parties_agree_to_gap=True,
              gap_note="双方当事人在笔录中同意五月六日再次开庭")
    event = last_event(case)
    assert (event.payload["gap_ground"], event.reason) == ("parties_agree", "双方当事人在笔录中同意五月六日再次开庭")


def test_force_majeure_is_recorded_as_the_ground(make_case, clerk):
    case = make_case(state="heard", procedure=Procedure.ORDINARY)
    _schedule(case, clerk, day=date(2024, 5, 6), notified=DAY, force_majeure=True, gap_note="法院所在地洪灾停电")
    assert last_event(case).payload["gap_ground"] == "force_majeure"


def test_after_a_suspension_the_month_runs_from_the_resumption(make_case, clerk, judge):
    # Product convention (TL2019 Art. 5 names only force majeure and agreement): no hearing can be held while
    # the case is suspended (CPL 153), so the month runs from the day it resumed.
    case = make_case(state="scheduled", procedure=Procedure.ORDINARY)
    _adjourn(case.hearings.get(), clerk)
    services.case_suspend(case=case, actor=judge, ground="CPL 153(1)", on=DAY + timedelta(days=1))
    services.case_resume(case=case, actor=judge, on=DAY + timedelta(days=60))
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, day=DAY + timedelta(days=95), notified=DAY + timedelta(days=60))
    assert err.value.code == "hearing_gap_too_long"
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
    hearing = _schedule(case, clerk, day=nxt, notified=DAY, parties_agree_to_gap=True, gap_note="双方同意")
    services.hearing_hold(hearing=hearing, actor=clerk)
    assert fresh(case).excluded_days == EVIDENCE_ADJOURNMENT_CAP_DAYS


def test_a_suspended_case_cannot_be_scheduled(make_case, clerk, judge):
    case = make_case(state="service")
    services.case_suspend(case=case, actor=judge, ground="等待另案结果", on=DAY)
    with pytest.raises(CaseRuleError) as err:
        _schedule(case, clerk, day=DAY + timedelta(days=5), notified=DAY)
    assert err.value.code == "transition"


def test_a_hearing_cannot_be_recorded_as_held_before_its_day(make_case, clerk, settings):
    """Issue 12: a hearing set for next week could be "held" today; it is held on or after its (local) day."""
    from court.cases.term import today

    case = make_case(state="service", filed_on=today() - timedelta(days=30))  # next week lies within its term
    day = today() + timedelta(days=7)
    hearing = _schedule(case, clerk, day=day, notified=today())
    with pytest.raises(CaseRuleError) as err:
        services.hearing_hold(hearing=hearing, actor=clerk, on=today())
    assert err.value.text == services.HEARING_HELD_BEFORE_ITS_DAY % {"date": day}
    assert err.value.code == "before_hearing_day" and str(day) in err.value.text
    with pytest.raises(CaseRuleError) as err:  # nor by default, on the hearing's day still ahead
        services.hearing_hold(hearing=hearing, actor=clerk)
    assert fresh(case).state == CaseState.SCHEDULED


def test_the_hearing_day_is_the_local_day(make_case, clerk):
    """01:30 in Shanghai is the evening before in UTC: the hearing's day is the local one."""
    case = make_case(state="service")
    hearing = _schedule(case, clerk)
    hearing.starts_at = at(DAY, hour=1)
    hearing.save()
    with pytest.raises(CaseRuleError) as err:
        services.hearing_hold(hearing=hearing, actor=clerk, on=DAY - timedelta(days=1))
    assert err.value.text == services.HEARING_HELD_BEFORE_ITS_DAY % {"date": DAY}
    assert services.hearing_hold(hearing=hearing, actor=clerk, on=DAY).status == Hearing.Status.HELD
