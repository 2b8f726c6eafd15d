"""After the decision: each party's appeal period from its own service, the effective day, an appeal, the
hand-off to enforcement and archiving only a complete file (CPL 158, 165, 171, 250; JI 244, 263)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from court.cases import services
from court.cases.models import CaseEvent, CaseState, Party, ServiceAttempt
from court.cases.services import CaseRuleError
from court.rules.periods import appeal_due
from court.cases.term import court_calendar
from tests.factories import serve_decision

from .conftest import defendant, fresh, last_event

Doc, Channel = ServiceAttempt.Document, ServiceAttempt.Channel


def _serve(case, actor, party, on, document=Doc.JUDGMENT):
    attempt = services.service_send(case=case, actor=actor, document=document, channel=Channel.DIRECT, party=party,
                                    on=on)
    return services.service_record(attempt=attempt, actor=actor, served=True, on=on)


def _plaintiff(case) -> Party:
    return case.parties.get(side=Party.Side.PLAINTIFF)


def test_each_party_counts_its_appeal_period_from_its_own_service_and_the_judgment_then_takes_effect(make_case, clerk):
    case = make_case(state="closed")
    first, second = case.closed_on + timedelta(days=1), case.closed_on + timedelta(days=4)
    _serve(case, clerk, _plaintiff(case), first)
    status = services.decision_status(case)
    assert status.decision == "judgment" and not status.final
    assert [p.name for p in status.unserved] == [defendant(case).name]
    assert status.effective_on is None and status.appeal_ends is None
    _serve(case, clerk, defendant(case), second)
    status = services.decision_status(fresh(case))
    calendar = court_calendar()
    assert [w.last_day for w in status.windows] == [appeal_due(first, calendar=calendar),
                                                   appeal_due(second, calendar=calendar)]
    assert status.effective_on == appeal_due(second, calendar=calendar) + timedelta(days=1)
    assert status.enforcement_deadline == date(status.effective_on.year + 2, status.effective_on.month,
                                               status.effective_on.day)


def test_a_small_claims_judgment_is_effective_on_the_last_service_and_cannot_be_appealed(make_case, clerk):
    case = make_case(state="closed", procedure="small_claims", amount=5000)
    serve_decision(case, actor=clerk, on=case.closed_on + timedelta(days=2))
    status = services.decision_status(fresh(case))
    assert status.final and status.effective_on == case.closed_on + timedelta(days=2)
    with pytest.raises(CaseRuleError) as err:
        services.appeal_file(case=case, actor=clerk, party=defendant(case), on=case.closed_on + timedelta(days=3))
    assert err.value.args[0] and err.value.code == "appeal_final"


def test_an_appeal_is_recorded_once_within_the_period_and_the_judgment_then_has_no_effect_date(make_case, clerk):
    case = serve_decision(make_case(state="closed"), actor=clerk)
    event = services.appeal_file(case=case, actor=clerk, party=defendant(case), on=case.closed_on + timedelta(days=10),
                                 reason="不服判决")
    assert (event.kind, event.payload["party"], event.basis.startswith("CPL 171")) == (
        CaseEvent.Kind.APPEAL_FILED, defendant(case).name, True)
    status = services.decision_status(fresh(case))
    assert status.appealed and status.effective_on is None
    assert [w.appealed_on for w in status.windows if w.party == defendant(case)] == [case.closed_on + timedelta(days=10)]
    with pytest.raises(CaseRuleError) as err:
        services.appeal_file(case=case, actor=clerk, party=defendant(case), on=case.closed_on + timedelta(days=11))
    assert err.value.code == "appeal_twice"
    # The file goes up (CPL 174): nothing here keeps it from being archived.
    services.case_archive(case=case, actor=clerk, on=case.closed_on + timedelta(days=12))
    assert fresh(case).state == CaseState.ARCHIVED


def test_an_appeal_after_the_party_s_period_is_refused(make_case, clerk):
    case = serve_decision(make_case(state="closed"), actor=clerk)
    last = appeal_due(case.closed_on, calendar=court_calendar())
    with pytest.raises(CaseRuleError) as err:
        services.appeal_file(case=case, actor=clerk, party=_plaintiff(case), on=last + timedelta(days=1))
    assert (err.value.code, err.value.article) == ("appeal_late", "CPL 171")
    assert not case.events.filter(kind=CaseEvent.Kind.APPEAL_FILED).exists()


def test_an_open_case_has_no_decision_to_appeal(make_case, clerk):
    case = make_case(state="heard")
    assert services.decision_status(case) is None
    with pytest.raises(CaseRuleError) as err:
        services.appeal_file(case=case, actor=clerk, party=defendant(case))
    assert err.value.code == "appeal_not_closed"


def test_enforcement_only_after_effect_once_with_its_two_year_deadline(make_case, clerk):
    case = serve_decision(make_case(state="closed"), actor=clerk)
    effective = services.decision_status(case).effective_on
    with pytest.raises(CaseRuleError) as err:
        services.enforcement_handoff(case=case, actor=clerk, on=effective - timedelta(days=1))
    assert err.value.code == "not_effective"
    event = services.enforcement_handoff(case=case, actor=clerk, on=effective + timedelta(days=3),
                                         performance_due=effective + timedelta(days=10))
    due = effective + timedelta(days=10)
    assert event.payload["deadline"] == date(due.year + 2, due.month, due.day).isoformat()
    assert event.basis == "CPL 250" and event.payload["within_time"] is True
    with pytest.raises(CaseRuleError) as err:
        services.enforcement_handoff(case=case, actor=clerk, on=effective + timedelta(days=4))
    assert err.value.code == "enforcement_twice"


def test_an_appealed_judgment_is_not_handed_to_enforcement(make_case, clerk):
    case = serve_decision(make_case(state="closed"), actor=clerk)
    services.appeal_file(case=case, actor=clerk, party=defendant(case), on=case.closed_on + timedelta(days=1))
    with pytest.raises(CaseRuleError) as err:
        services.enforcement_handoff(case=case, actor=clerk, on=case.closed_on + timedelta(days=40))
    assert err.value.code == "not_effective"


def test_archiving_needs_the_decision_served_on_everyone_and_effective(make_case, clerk):
    case = make_case(state="closed")
    _serve(case, clerk, _plaintiff(case), case.closed_on)
    with pytest.raises(CaseRuleError) as err:
        services.case_archive(case=case, actor=clerk, on=case.closed_on + timedelta(days=30))
    assert (err.value.code, err.value.article) == ("file_incomplete", "JI 263")
    assert defendant(case).name in err.value.text
    _serve(case, clerk, defendant(case), case.closed_on)
    with pytest.raises(CaseRuleError) as err:  # still inside the appeal periods
        services.case_archive(case=case, actor=clerk, on=case.closed_on + timedelta(days=5))
    assert err.value.code == "file_incomplete"
    assert last_event(case).kind == CaseEvent.Kind.SERVICE_SERVED
    services.case_archive(case=case, actor=clerk, on=services.decision_status(case).effective_on)
    assert fresh(case).state == CaseState.ARCHIVED


def test_a_withdrawal_ruling_is_effective_on_service_and_archived_then(make_case, clerk):
    case = make_case(state="closed", mode="withdrawal")
    serve_decision(case, actor=clerk)
    assert services.decision_status(fresh(case)).effective_on == case.closed_on
    services.case_archive(case=case, actor=clerk, on=case.closed_on)
    assert fresh(case).state == CaseState.ARCHIVED


@pytest.mark.parametrize("who", ["other_judge", "filing_officer", "mediator", "party", "lawyer", "stranger"])
def test_only_the_team_records_appeals_and_enforcement(make_case, clerk, request, who):
    case = serve_decision(make_case(state="closed"), actor=clerk)
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.appeal_file(case=case, actor=user, party=defendant(case), on=case.closed_on + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.enforcement_handoff(case=case, actor=user, on=case.closed_on + timedelta(days=60))
