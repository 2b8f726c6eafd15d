"""The TRIAGED event names whoever's act triggered the re-triage; a failing triage never breaks the act."""

from __future__ import annotations

from datetime import date

import pytest

from court.cases import services
from triage import services as triage_services

pytestmark = pytest.mark.django_db


def test_a_retriage_event_names_the_actor_that_triggered_it(make_case, judge, active_model,
                                                            django_capture_on_commit_callbacks):
    case = make_case(state="service", filed_on=date(2024, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.case_record_counterclaim(case=case, actor=judge, reason="被告反诉")
    event = case.events.filter(kind="triaged").latest("id")
    assert event.actor == judge and event.payload["trigger"] == "counterclaim"


def test_a_failing_triage_is_logged_with_its_traceback(make_case, judge, monkeypatch, caplog):
    case = make_case(state="filed")

    def broken(**kwargs):
        raise RuntimeError("model exploded")

    monkeypatch.setattr(triage_services, "case_triage", broken)
    assert triage_services.triage_safely(case, "counterclaim", judge) is None
    (record,) = [r for r in caplog.records if r.name == "triage.services"]
    assert record.exc_info and "model exploded" in str(record.exc_info[1])
