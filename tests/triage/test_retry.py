"""Issue 14, reliability: a triage that fails after the case service committed is retried by a task, and a
sweep triages what even the retry missed — never lost silently."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django_q.models import OrmQ, Schedule

from court.cases.term import today
from triage import services as triage_services
from triage import tasks
from triage.management.commands.triage_schedule import SWEEP_FUNC, SWEEP_SCHEDULE_NAME

pytestmark = pytest.mark.django_db


def test_a_failed_triage_queues_its_retry_and_the_retry_triages(make_case, active_model, monkeypatch,
                                                                  django_capture_on_commit_callbacks, settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}
    real = triage_services.case_triage
    monkeypatch.setattr(triage_services, "case_triage", lambda **kwargs: (_ for _ in ()).throw(
        RuntimeError("database is locked")))
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(state="filed")
    assert not case.triage_recommendations.exists()
    [queued] = OrmQ.objects.all()
    assert queued.task["func"] == "triage.tasks.triage_again" and queued.task["args"][0] == case.pk

    monkeypatch.setattr(triage_services, "case_triage", real)  # the lock is gone when the cluster runs it
    assert "case" in tasks.triage_again(*queued.task["args"])
    assert case.triage_recommendations.count() == 1
    assert "already has a recommendation" in tasks.triage_again(*queued.task["args"])


def test_the_sweep_triages_complaints_left_without_a_recommendation(make_case, active_model, monkeypatch,
                                                                     django_capture_on_commit_callbacks):
    monkeypatch.setattr(triage_services, "queue_retry", lambda *args: None)  # even the queue was down
    monkeypatch.setattr(triage_services, "case_triage", lambda **kwargs: (_ for _ in ()).throw(RuntimeError("x")))
    with django_capture_on_commit_callbacks(execute=True):
        lost = make_case(state="filed", filed_on=today())
        old = make_case(state="filed", filed_on=today() - timedelta(days=40))  # a month old: no longer swept
    accepted = make_case(state="accepted", filed_on=today())  # decided already: not the sweep's business
    monkeypatch.undo()
    assert tasks.triage_missing() == {"triaged": 1, "failed": 0}
    assert lost.triage_recommendations.get().trigger == "sweep"
    assert tasks.triage_missing() == {"triaged": 0, "failed": 0}
    assert not accepted.triage_recommendations.filter(trigger="sweep").exists()
    assert not old.triage_recommendations.exists()


def test_triage_schedule_creates_the_sweep_every_fifteen_minutes_once():
    call_command("triage_schedule")
    call_command("triage_schedule")
    [schedule] = Schedule.objects.filter(name=SWEEP_SCHEDULE_NAME)
    assert (schedule.func, schedule.schedule_type, schedule.minutes) == (SWEEP_FUNC, Schedule.MINUTES, 15)
