"""The event log: every service writes exactly one CaseEvent, and CaseEvent is append-only."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.models import CaseEvent, Hearing, Party, PeriodKind, ServiceAttempt
from court.cases.services import PartyInput

from .conftest import at, defendant, last_event

D = date(2024, 3, 1)


def _steps(case, p):
    """(service name, call) in an order the workflow allows, starting from an accepted case."""
    judge, clerk, admin = p["judge"], p["clerk"], p["admin"]
    state: dict = {}
    return [
        ("case_assign", lambda: services.case_assign(case=case, actor=p["filing_officer"], team=p["team"], on=D,
                                                           reason="重新分案")),
        ("party_add", lambda: services.party_add(case=case, actor=clerk, on=D,
                                                 data=PartyInput(side=Party.Side.THIRD_PARTY, name="第三人"))),
        ("case_amend_amount", lambda: services.case_amend_amount(case=case, actor=clerk, amount=Decimal(40000), on=D)),
        ("service_send", lambda: state.setdefault("attempt", services.service_send(
            case=case, actor=clerk, document=ServiceAttempt.Document.COMPLAINT, channel=ServiceAttempt.Channel.POST,
            party=defendant(case), on=D + timedelta(days=1)))),
        ("service_record", lambda: services.service_record(attempt=state["attempt"], actor=clerk, served=True,
                                                           on=D + timedelta(days=3))),
        ("case_record_counterclaim", lambda: services.case_record_counterclaim(case=case, actor=clerk, on=D)),
        ("period_start", lambda: state.setdefault("period", services.period_start(
            case=case, actor=clerk, kind=PeriodKind.APPRAISAL, start_on=D + timedelta(days=4)))),
        ("period_end", lambda: services.period_end(period=state["period"], actor=clerk, end_on=D + timedelta(days=9))),
        ("hearing_schedule", lambda: state.setdefault("h1", services.hearing_schedule(
            case=case, actor=clerk, starts_at=at(D + timedelta(days=15)), notified_on=D + timedelta(days=5)))),
        ("hearing_adjourn", lambda: services.hearing_adjourn(hearing=state["h1"], actor=clerk,
                                                             cause=Hearing.Cause.NEW_EVIDENCE, reason="新证据",
                                                             on=D + timedelta(days=15))),
        ("hearing_schedule", lambda: state.setdefault("h2", services.hearing_schedule(
            case=case, actor=clerk, starts_at=at(D + timedelta(days=25)), notified_on=D + timedelta(days=16)))),
        ("hearing_hold", lambda: services.hearing_hold(hearing=state["h2"], actor=clerk)),
        ("case_start_mediation", lambda: services.case_start_mediation(case=case, actor=clerk,
                                                                       on=D + timedelta(days=26))),
        ("case_end_mediation", lambda: services.case_end_mediation(case=case, actor=clerk, on=D + timedelta(days=27))),
        ("case_extend", lambda: services.case_extend(case=case, actor=admin, months=1, reason="鉴定",
                                                     on=D + timedelta(days=28))),
        ("case_convert_procedure", lambda: services.case_convert_procedure(
            case=case, actor=judge, to="ordinary", reason="反诉", on=D + timedelta(days=29))),
        ("case_suspend", lambda: services.case_suspend(case=case, actor=judge, ground="等待另案",
                                                       on=D + timedelta(days=30))),
        ("case_resume", lambda: services.case_resume(case=case, actor=judge, on=D + timedelta(days=40))),
        ("case_note", lambda: services.case_note(case=case, actor=clerk, text="电话联系被告", on=D + timedelta(days=40))),
        ("case_close", lambda: services.case_close(case=case, actor=judge, mode="judgment",
                                                   pronounced_on=D + timedelta(days=45))),
        *[step for i in range(3) for step in (
            ("service_send", lambda i=i: state.__setitem__("judgment", services.service_send(
                case=case, actor=clerk, document=ServiceAttempt.Document.JUDGMENT,
                channel=ServiceAttempt.Channel.DIRECT, party=case.parties.order_by("id")[i], on=D + timedelta(days=46)))),
            ("service_record", lambda: services.service_record(attempt=state["judgment"], actor=clerk, served=True,
                                                               on=D + timedelta(days=46))))],
        ("case_archive", lambda: services.case_archive(case=case, actor=clerk, on=D + timedelta(days=70))),
    ]


def test_every_service_writes_one_event_with_states_actor_and_basis(make_case, judge, clerk, admin, team,
                                                                    filing_officer):
    case = make_case(state="accepted")
    personas = {"judge": judge, "clerk": clerk, "admin": admin, "team": team, "filing_officer": filing_officer}
    for name, step in _steps(case, personas):
        before = CaseEvent.objects.filter(case=case).count()
        state_before = type(case).objects.get(pk=case.pk).state
        step()
        assert CaseEvent.objects.filter(case=case).count() == before + 1, name
        event = last_event(case)
        state_after = type(case).objects.get(pk=case.pk).state
        assert (event.from_state, event.to_state) == (state_before, state_after), name
        assert event.actor is not None and event.basis, name
    assert type(case).objects.get(pk=case.pk).state == "archived"


def test_filing_services_write_one_event_each(make_case, filing_officer, party):
    case = make_case(state="filed")
    assert CaseEvent.objects.filter(case=case).count() == 1
    for call in (lambda: services.case_request_correction(case=case, actor=filing_officer, items="补正", on=D),
                 lambda: services.case_resubmit(case=case, actor=party, on=D),
                 lambda: services.case_reject(case=case, actor=filing_officer, reason="不符合起诉条件", on=D)):
        before = CaseEvent.objects.filter(case=case).count()
        call()
        assert CaseEvent.objects.filter(case=case).count() == before + 1
        assert last_event(case).basis and last_event(case).from_state != last_event(case).to_state


def test_a_refused_step_writes_no_event(make_case, judge):
    case = make_case(state="scheduled")
    before = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(services.CaseRuleError):
        services.case_close(case=case, actor=judge, mode="judgment", pronounced_on=D + timedelta(days=30))
    assert CaseEvent.objects.filter(case=case).count() == before


def test_an_event_cannot_be_changed(make_case):
    event = last_event(make_case(state="accepted"))
    event.reason = "rewritten"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        CaseEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    assert CaseEvent.objects.get(pk=event.pk).reason != "rewritten"


def test_an_event_cannot_be_deleted(make_case):
    case = make_case(state="accepted")
    event = last_event(case)
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        CaseEvent.objects.filter(case=case).delete()
    assert CaseEvent.objects.filter(pk=event.pk).exists()


def test_other_apps_append_through_log_event(make_case, judge):
    case = make_case(state="accepted")
    event = services.log_event(case, CaseEvent.Kind.TRIAGED, actor=judge, on=D, basis="triage", score=Decimal("0.7"),
                               when=D)
    assert event.payload == {"score": "0.7", "when": "2024-03-01"}


@pytest.mark.django_db
def test_the_database_itself_refuses_to_update_an_event(make_case):
    """Beyond the ORM: raw SQL cannot rewrite the log either (migration 0005's trigger)."""
    from django.db import DatabaseError, connection, transaction

    case = make_case(state="accepted")
    event = case.events.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE cases_caseevent SET reason = 'rewritten' WHERE id = %s", [event.pk])
    assert type(event).objects.get(pk=event.pk).reason != "rewritten"


@pytest.mark.django_db
def test_on_postgresql_the_database_refuses_to_delete_an_event_unless_purging_demo_data(make_case):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the DELETE trigger is PostgreSQL-only")
    case = make_case(state="accepted")
    event = case.events.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM cases_caseevent WHERE id = %s", [event.pk])
    assert type(event).objects.filter(case=case).purge() >= 1
    assert not type(event).objects.filter(case=case).exists()
