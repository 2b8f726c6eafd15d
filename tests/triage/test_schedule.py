"""The weekly retraining schedule: created idempotently; a run skips when no case closed since the last one."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from triage import tasks
from triage.management.commands.triage_schedule import FUNC, SCHEDULE_NAME
from triage.models import TrainingRun

pytestmark = pytest.mark.django_db


def test_triage_schedule_creates_one_weekly_schedule_however_often_it_runs():
    call_command("triage_schedule")
    call_command("triage_schedule")
    (schedule,) = Schedule.objects.filter(name=SCHEDULE_NAME)
    assert schedule.func == FUNC and schedule.schedule_type == Schedule.WEEKLY


def test_a_run_with_no_closed_case_is_skipped_and_recorded():
    assert tasks.retrain() == TrainingRun.Outcome.SKIPPED
    run = TrainingRun.objects.get()
    assert run.outcome == TrainingRun.Outcome.SKIPPED and run.message == tasks.NOTHING_CLOSED and run.finished_at


def test_it_trains_when_cases_closed_and_skips_until_another_closes(make_case, models_dir, monkeypatch, synth):
    make_case(state="closed", filed_on=date(2024, 3, 1))
    trained_on = []

    def fake_train(frame, **kwargs):  # the DB has one closed case: train on the synthetic frame instead
        trained_on.append(len(frame))
        from triage.train import train_from_frame as real
        return real(synth, rounds=20, with_duration=False)

    monkeypatch.setattr(tasks, "train_from_frame", fake_train)
    assert tasks.retrain(directory=str(models_dir)) == TrainingRun.Outcome.PROMOTED
    assert trained_on == [1]
    assert tasks.retrain(directory=str(models_dir)) == TrainingRun.Outcome.SKIPPED
    make_case(state="closed", filed_on=date(2024, 4, 1))
    assert tasks.retrain(directory=str(models_dir)) in (TrainingRun.Outcome.PROMOTED, TrainingRun.Outcome.KEPT)
    assert trained_on == [1, 2]
    assert list(TrainingRun.objects.order_by("started_at", "id").values_list("outcome", flat=True))[1] == "skipped"
