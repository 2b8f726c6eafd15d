"""An import split into many small batches attaches every event and period to its own case."""

from __future__ import annotations

from court.cases.interchange import importer
from court.cases.models import Case, CaseEvent
from court.cases.term import term_for

from .conftest import DATA


def test_small_batches_attach_events_periods_and_ledgers_to_the_right_case(db, fixed_today):
    result = importer.cases_import(cases_path=DATA / "edge_cases.csv", periods_path=DATA / "edge_periods.csv",
                                   batch_size=3)
    assert (result.created, result.updated, result.periods) == (8, 0, 6)
    for case in Case.objects.select_related("court"):
        accepted = case.events.get(kind=CaseEvent.Kind.ACCEPTED)
        assert accepted.payload["case_number"] == case.case_number
        expected = term_for(case, case.periods.all(), as_of=fixed_today)
        assert (case.net_trial_days, case.normal_deadline) == (expected.net_trial_days, expected.normal_deadline)
    assert Case.objects.get(case_number="（2023）陕0122民初103号").periods.count() == 3
    assert CaseEvent.objects.count() == result.events


def test_a_reimport_in_small_batches_updates_every_case_once(db, fixed_today):
    importer.cases_import(cases_path=DATA / "edge_cases.csv", periods_path=DATA / "edge_periods.csv")
    result = importer.cases_import(cases_path=DATA / "edge_cases.csv", periods_path=DATA / "edge_periods.csv",
                                   batch_size=3)
    assert (result.created, result.updated) == (0, 8)
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.IMPORTED).count() == 8
    assert Case.objects.get(case_number="（2023）陕0122民初103号").periods.count() == 3
