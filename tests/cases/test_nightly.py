"""The nightly jobs: publications served when their period ends (CPL 95, 283) starting the answer period
(CPL 128), the alerts, each job once per day, resumed after a crash, recorded in JobRun; the schedule."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from court.cases import jobs, services
from court.cases.alerts import alerts_for
from court.cases.models import Case, CaseEvent, FeeNotice, JobRun, ServiceAttempt
from court.cases.term import court_calendar
from court.rules.periods import answer_due, publication_effective

from .conftest import defendant


@pytest.fixture
def published(make_case, judge):
    """An ordinary case whose defendant's whereabouts are unknown, served by publication (CPL 95)."""
    case = make_case(state="accepted", procedure="ordinary", defendant_address_known=False)
    attempt = services.service_send(case=case, actor=judge, document=ServiceAttempt.Document.COMPLAINT,
                                    channel=ServiceAttempt.Channel.PUBLICATION, party=defendant(case),
                                    on=case.filed_on + timedelta(days=2))
    return case, attempt


def test_a_publication_is_recorded_served_when_its_thirty_days_have_run_and_the_answer_period_starts(published):
    case, attempt = published
    effective = publication_effective(attempt.sent_on, calendar=court_calendar())
    jobs.nightly(effective - timedelta(days=1))
    assert ServiceAttempt.objects.get(pk=attempt.pk).status == ServiceAttempt.Status.SENT
    [_terms, publications, _async, _alerts] = jobs.nightly(effective)
    attempt.refresh_from_db()
    assert (attempt.status, attempt.served_on) == (ServiceAttempt.Status.SERVED, effective)
    assert publications.counts["served"] == 1
    event = case.events.get(kind=CaseEvent.Kind.SERVICE_SERVED)
    assert event.actor is None and event.basis.startswith("CPL 95")
    assert event.payload["answer_due"] == answer_due(effective, calendar=court_calendar()).isoformat()


def test_each_job_runs_once_a_day_and_is_recorded(published):
    case, attempt = published
    day = attempt.sent_on + timedelta(days=45)
    first = jobs.nightly(day)
    assert [r.job for r in first] == ["terms", "publications", "async_hearings", "alerts"]
    assert all(r.finished_at and r.attempts == 1 for r in first)
    events = CaseEvent.objects.count()
    again = jobs.nightly(day)
    assert [r.pk for r in again] == [r.pk for r in first] and all(r.attempts == 1 for r in again)
    forced = jobs.nightly(day, force=True)
    assert CaseEvent.objects.count() == events  # the publication is not served twice
    assert forced[1].counts.get("served", 0) == 0 and forced[1].attempts == 2
    assert JobRun.objects.filter(day=day).count() == 4


def test_a_crashed_job_is_resumed_by_the_next_run(published, monkeypatch):
    case, attempt = published
    day = attempt.sent_on + timedelta(days=45)

    def crash(on):
        raise RuntimeError("power cut")

    monkeypatch.setattr(jobs, "JOBS", (("terms", jobs.job_terms), ("publications", crash)))
    with pytest.raises(RuntimeError):
        jobs.nightly(day)
    crashed = JobRun.objects.get(job="publications", day=day)
    assert crashed.finished_at is None and "power cut" in crashed.error
    monkeypatch.setattr(jobs, "JOBS", (("terms", jobs.job_terms), ("publications", jobs.job_publications)))
    runs = jobs.nightly(day)
    assert runs[0].attempts == 1  # the finished job is not repeated
    assert (runs[1].attempts, runs[1].error, runs[1].counts["served"]) == (2, "", 1)


def test_the_alerts_of_a_case_left_alone(make_case):
    case = make_case(state="accepted")  # filed 2024-03-01, complaint never sent
    kinds = lambda on: {a.kind for a in alerts_for([Case.objects.get(pk=case.pk)], on)[case.pk]}  # noqa: E731
    assert "late_service" not in kinds(case.filed_on + timedelta(days=3))
    assert "late_service" in kinds(case.filed_on + timedelta(days=10))
    assert "stuck" not in kinds(case.filed_on + timedelta(days=30))
    assert "stuck" in kinds(case.filed_on + timedelta(days=31))
    deadline = case.normal_deadline
    assert "term_warning" in kinds(deadline - timedelta(days=15))
    assert "term_warning" not in kinds(deadline - timedelta(days=16))
    assert "overdue" in kinds(deadline + timedelta(days=1))
    plaintiff = case.parties.get(side="plaintiff")
    FeeNotice.objects.create(case=case, party=plaintiff, amount=Decimal("275.00"), issued_on=case.filed_on,
                             due_on=case.filed_on + timedelta(days=8))
    assert "fees_unpaid" not in kinds(case.filed_on + timedelta(days=8))
    assert "fees_unpaid" in kinds(case.filed_on + timedelta(days=9))
    FeeNotice.objects.get(case=case).payments.create(amount=Decimal("275.00"), paid_on=case.filed_on,
                                                     reference="T-1")
    assert "fees_unpaid" not in kinds(case.filed_on + timedelta(days=9))


def test_the_answer_period_passed_with_no_hearing_is_an_alert(make_case):
    case = make_case(state="service")  # the complaint served on filed_on + 3
    due = answer_due(case.filed_on + timedelta(days=3), calendar=court_calendar())
    alerts = alerts_for([case], due + timedelta(days=1))[case.pk]
    assert any(a.kind == "answer_passed" and str(due) in a.text for a in alerts)
    assert not any(a.kind == "answer_passed" for a in alerts_for([case], due)[case.pk])


def test_alerts_take_the_same_queries_for_one_case_or_many(make_case, django_assert_num_queries,
                                                          django_assert_max_num_queries):
    cases = [make_case(state="accepted") for _ in range(4)]
    day = date(2024, 5, 1)
    court_calendar()  # cached, as on a warm server
    with django_assert_max_num_queries(5) as one:
        alerts_for(cases[:1], day)
    with django_assert_num_queries(len(one.captured_queries)):
        alerts_for(cases, day)


def test_the_nightly_command_and_its_schedule(db):
    out = StringIO()
    call_command("nightly", schedule=True, stdout=out)
    call_command("nightly", schedule=True, stdout=out)
    assert Schedule.objects.filter(name="cases-nightly", func="court.cases.jobs.nightly").count() == 1
    assert "Created" in out.getvalue() and "Kept" in out.getvalue()
    out = StringIO()
    call_command("nightly", date="2024-05-01", stdout=out)
    assert "terms 2024-05-01 (attempt 1)" in out.getvalue()
    assert JobRun.objects.filter(day=date(2024, 5, 1), finished_at__isnull=False).count() == 4


def _async_hearing(make_case, judge, *, ended_days_ago: int):
    """A case with an asynchronous hearing (OLR 20) whose last window closed `ended_days_ago` days ago (the
    windows are set from today, as the service requires, then moved into the past)."""
    from court.cases.models import AsyncStage, AsyncWindow, Hearing
    from court.cases.term import today
    from tests.hearings.conftest import ahead, book

    case = make_case(state="service", filed_on=today() - timedelta(days=30))
    hearing = book(case, judge, ahead(1), mode=Hearing.Mode.ASYNC, all_parties_consent=True, respond_by=ahead(9))
    services.async_windows_set(hearing=hearing, actor=judge, windows=[
        (AsyncStage.STATEMENTS, ahead(0), ahead(2)), (AsyncStage.RESPONSES, ahead(3), ahead(5))])
    shift = timedelta(days=5 + ended_days_ago)
    for window in AsyncWindow.objects.filter(hearing=hearing):
        AsyncWindow.objects.filter(pk=window.pk).update(opens_on=window.opens_on - shift,
                                                        closes_on=window.closes_on - shift)
    Hearing.objects.filter(pk=hearing.pk).update(starts_at=hearing.starts_at - shift)
    return case, Hearing.objects.get(pk=hearing.pk)


def test_the_nightly_job_closes_asynchronous_hearings_whose_last_window_ended_once(make_case, judge):
    from court.cases.models import CaseState, Hearing
    from court.cases.term import today

    ended, hearing = _async_hearing(make_case, judge, ended_days_ago=1)
    open_today, still_open = _async_hearing(make_case, judge, ended_days_ago=0)  # its last window closes today
    runs = {r.job: r for r in jobs.nightly(today())}
    assert runs["async_hearings"].counts == {"closed": 1} and runs["async_hearings"].finished_at
    hearing.refresh_from_db()
    assert hearing.status == Hearing.Status.HELD
    assert Case.objects.get(pk=ended.pk).state == CaseState.HEARD
    held = ended.events.get(kind=CaseEvent.Kind.HEARING_HELD)
    assert held.actor is None and held.on == today() - timedelta(days=1) and held.payload["hearing"] == hearing.pk
    assert Hearing.objects.get(pk=still_open.pk).status == Hearing.Status.SCHEDULED
    assert not open_today.events.filter(kind=CaseEvent.Kind.HEARING_HELD).exists()
    events = CaseEvent.objects.count()
    again = {r.job: r for r in jobs.nightly(today(), force=True)}
    assert again["async_hearings"].counts.get("closed", 0) == 0 and again["async_hearings"].attempts == 2
    assert CaseEvent.objects.count() == events  # nothing closed twice


def test_an_asynchronous_hearing_the_law_no_longer_lets_close_is_counted_and_left(make_case, judge):
    from court.cases.models import Hearing
    from court.cases.term import today

    case, hearing = _async_hearing(make_case, judge, ended_days_ago=2)
    services.case_suspend(case=case, actor=judge, ground="等待另案审理结果", on=today())
    run = jobs.run_job("async_hearings", jobs.job_async_hearings, today())
    assert run.counts == {"refused": 1}
    assert Hearing.objects.get(pk=hearing.pk).status == Hearing.Status.SCHEDULED
