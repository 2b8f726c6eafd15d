"""A small plan replayed through the case services yields cases in every state, with events, as planned."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from court.cases.models import Case, CaseEvent
from court.demo.people import COURT_CODE
from court.demo.plan import plan_court
from court.demo.replay import demo_court, ensure_court, replay

pytestmark = pytest.mark.django_db


def test_a_small_replay_builds_cases_in_every_state_with_events() -> None:
    court, users = ensure_court()
    plan = plan_court(60, 9, today=timezone.localdate())
    replay(plan, court, users)
    cases = Case.objects.filter(court=court)
    assert cases.count() == len(plan.cases)
    assert set(cases.values_list("state", flat=True)) == {
        "filed", "correction", "rejected", "accepted", "service", "scheduled", "heard", "mediation", "suspended",
        "closed", "archived"}
    assert not cases.filter(events__isnull=True).exists()
    by_number = {c.case_number: c for c in plan.cases if c.case_number}
    for case in cases.exclude(case_number=None).filter(closed_on__isnull=False):
        planned = by_number[case.case_number]
        term = planned.term()
        assert (case.closed_on, case.closing_mode, case.procedure) == (
            planned.closed_on, planned.closing_mode, planned.procedure)
        assert (case.net_trial_days, case.within_normal_term) == (term.net_trial_days, term.within_normal_term)


def test_generate_demo_if_empty_leaves_a_populated_court_alone() -> None:
    out = StringIO()
    call_command("generate_demo", cases=20, seed=3, no_progress=True, stdout=out)
    count = Case.objects.filter(court__code=COURT_CODE).count()
    assert "president" in out.getvalue()
    again = StringIO()
    call_command("generate_demo", cases=40, seed=4, if_empty=True, no_progress=True, stdout=again)
    assert Case.objects.filter(court__code=COURT_CODE).count() == count
    assert "nothing generated" in again.getvalue() and "judge01" in again.getvalue()


def test_generate_demo_refuses_to_add_to_a_populated_court_without_replace() -> None:
    call_command("generate_demo", cases=10, seed=3, no_progress=True, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("generate_demo", cases=10, seed=3, no_progress=True, stdout=StringIO())


def test_replace_rebuilds_only_the_demo_court(make_case, court) -> None:
    # conftest's court is 陕0122 too; give the other court another code so the two can coexist.
    from court.org.models import Court

    Court.objects.filter(pk=court.pk).update(code="陕0199")
    other = make_case(state="accepted", filed_on=date(2024, 3, 1))
    call_command("generate_demo", cases=10, seed=3, no_progress=True, stdout=StringIO())
    first = set(Case.objects.filter(court=demo_court()).values_list("pk", flat=True))
    call_command("generate_demo", cases=12, seed=6, replace=True, no_progress=True, stdout=StringIO())
    second = set(Case.objects.filter(court=demo_court()).values_list("pk", flat=True))
    assert first and second and not first & second
    assert Case.objects.filter(pk=other.pk).exists()
    assert CaseEvent.objects.filter(case=other).exists()
