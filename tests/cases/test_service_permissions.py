"""Each service refuses a role that may not take the step, with PermissionDenied."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from court.cases import services
from court.cases.models import CaseState, Hearing, Party, PeriodKind, ServiceAttempt
from court.cases.services import PartyInput

from .conftest import at, defendant, fresh

D = date(2024, 3, 22)
EVERYONE = ["judge", "assistant", "clerk", "other_judge", "filing_officer", "mediator", "admin", "party", "lawyer",
            "stranger"]


def _allowed(allowed: set[str]) -> list[str]:
    return [who for who in EVERYONE if who not in allowed]


def _refused(call, user) -> None:
    with pytest.raises(PermissionDenied):
        call(user)


FILING_STEPS = {
    "case_request_correction": lambda c, u: services.case_request_correction(case=c, actor=u, items="补正", on=D),
    "case_reject": lambda c, u: services.case_reject(case=c, actor=u, reason="不符合", on=D),
    "case_accept": lambda c, u: services.case_accept(case=c, actor=u, procedure="simple", on=D),
}


@pytest.mark.parametrize("step", FILING_STEPS)
@pytest.mark.parametrize("who", _allowed({"filing_officer"}))
def test_only_the_filing_officer_decides_a_filing(make_case, request, step, who):
    case = make_case(state="filed")
    _refused(lambda u: FILING_STEPS[step](case, u), request.getfixturevalue(who))
    assert fresh(case).state == CaseState.FILED


@pytest.mark.parametrize("who", _allowed({"filing_officer", "party", "lawyer"}))
def test_only_the_filer_or_the_filing_officer_resubmits(make_case, filing_officer, request, who):
    case = make_case(state="filed")
    services.case_request_correction(case=case, actor=filing_officer, items="补正", on=D)
    _refused(lambda u: services.case_resubmit(case=case, actor=u, on=D), request.getfixturevalue(who))


@pytest.mark.parametrize("who", ["party", "lawyer", "filing_officer"])
def test_the_filer_and_the_filing_officer_may_resubmit(make_case, filing_officer, request, who):
    case = make_case(state="filed")
    services.case_request_correction(case=case, actor=filing_officer, items="补正", on=D)
    assert services.case_resubmit(case=case, actor=request.getfixturevalue(who), on=D).state == CaseState.FILED


@pytest.mark.parametrize("who", _allowed({"filing_officer", "admin"}))
def test_only_the_filing_officer_or_administrator_assigns(make_case, team_b, request, who):
    case = make_case(state="accepted")
    _refused(lambda u: services.case_assign(case=case, actor=u, team=team_b, on=D), request.getfixturevalue(who))


def _docket_steps(case):
    return {
        "service_send": lambda u: services.service_send(case=case, actor=u, document=ServiceAttempt.Document.COMPLAINT,
                                                         channel=ServiceAttempt.Channel.POST, party=defendant(case),
                                                         on=D),
        "hearing_schedule": lambda u: services.hearing_schedule(case=case, actor=u, starts_at=at(D + timedelta(days=5)),
                                                                notified_on=D),
        "period_start": lambda u: services.period_start(case=case, actor=u, kind=PeriodKind.APPRAISAL, start_on=D),
        "party_add": lambda u: services.party_add(case=case, actor=u, data=PartyInput(side=Party.Side.THIRD_PARTY,
                                                                                      name="x"), on=D),
        "case_amend_amount": lambda u: services.case_amend_amount(case=case, actor=u, amount=Decimal(1), on=D),
        "case_record_counterclaim": lambda u: services.case_record_counterclaim(case=case, actor=u, on=D),
        "case_start_mediation": lambda u: services.case_start_mediation(case=case, actor=u, on=D),
        "case_note": lambda u: services.case_note(case=case, actor=u, text="x", on=D),
    }


@pytest.mark.parametrize("step", list(_docket_steps(None)))
@pytest.mark.parametrize("who", _allowed({"judge", "assistant", "clerk"}))
def test_only_the_team_keeps_the_docket(make_case, request, step, who):
    case = make_case(state="heard")
    _refused(_docket_steps(case)[step], request.getfixturevalue(who))


@pytest.mark.parametrize("who", ["judge", "assistant", "clerk"])
def test_every_team_member_keeps_the_docket(make_case, request, who):
    case = make_case(state="heard")
    assert services.case_note(case=case, actor=request.getfixturevalue(who), text="x", on=D).kind == "note"


def test_the_team_records_service_hearings_and_periods_others_cannot(make_case, clerk, stranger, other_judge):
    case = make_case(state="scheduled")
    hearing = case.hearings.get()
    attempt = case.service_attempts.first()
    for user in (stranger, other_judge):
        _refused(lambda u: services.hearing_hold(hearing=hearing, actor=u), user)
        _refused(lambda u: services.hearing_adjourn(hearing=hearing, actor=u, cause=Hearing.Cause.PARTY,
                                                    reason="x", on=D), user)
        _refused(lambda u: services.service_record(attempt=attempt, actor=u, served=True, on=D), user)
    period = services.period_start(case=case, actor=clerk, kind=PeriodKind.APPRAISAL, start_on=D)
    _refused(lambda u: services.period_end(period=period, actor=u, end_on=D), other_judge)


def _decide_steps(case):
    return {
        "case_suspend": lambda u: services.case_suspend(case=case, actor=u, ground="x", on=D),
        "case_convert_procedure": lambda u: services.case_convert_procedure(case=case, actor=u, to="ordinary",
                                                                             reason="x", on=D),
        "case_close": lambda u: services.case_close(case=case, actor=u, mode="withdrawal", ruling_on=D),
    }


@pytest.mark.parametrize("step", list(_decide_steps(None)))
@pytest.mark.parametrize("who", _allowed({"judge"}))
def test_only_the_teams_judge_suspends_converts_and_closes(make_case, request, step, who):
    case = make_case(state="heard")
    _refused(_decide_steps(case)[step], request.getfixturevalue(who))
    assert fresh(case).state == CaseState.HEARD


@pytest.mark.parametrize("who", _allowed({"judge"}))
def test_only_the_judge_resumes(make_case, judge, request, who):
    case = make_case(state="heard")
    services.case_suspend(case=case, actor=judge, ground="x", on=D)
    _refused(lambda u: services.case_resume(case=case, actor=u, on=D), request.getfixturevalue(who))


@pytest.mark.parametrize("who", _allowed({"judge", "assistant", "clerk", "mediator"}))
def test_only_the_mediator_or_the_team_ends_mediation(make_case, clerk, mediator, request, who):
    case = make_case(state="heard")
    services.case_start_mediation(case=case, actor=clerk, mediator=mediator, on=D)
    _refused(lambda u: services.case_end_mediation(case=case, actor=u, on=D), request.getfixturevalue(who))


@pytest.mark.parametrize("who", _allowed({"admin"}))
def test_only_the_president_extends(make_case, request, who):
    case = make_case(state="heard")
    _refused(lambda u: services.case_extend(case=case, actor=u, months=1, reason="x", on=D),
             request.getfixturevalue(who))


@pytest.mark.parametrize("who", _allowed({"judge", "assistant", "clerk"}))
def test_only_the_team_archives(make_case, request, who):
    case = make_case(state="closed")
    _refused(lambda u: services.case_archive(case=case, actor=u, on=D + timedelta(days=10)),
             request.getfixturevalue(who))


def test_a_filing_officer_of_another_court_cannot_resubmit_or_add_parties(make_case, filing_officer):
    from court.org.models import Court, Role, User

    other = Court.objects.create(code="陕0123", name="other", province="陕")
    officer = User.objects.create_user(username="o2", role=Role.FILING_OFFICER, court=other)
    case = make_case(state="filed")
    _refused(lambda u: services.party_add(case=case, actor=u, data=PartyInput(side="defendant", name="x")), officer)
    services.case_request_correction(case=case, actor=filing_officer, items="补正", on=D)
    _refused(lambda u: services.case_resubmit(case=case, actor=u, on=D), officer)
