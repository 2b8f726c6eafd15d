"""The demo court's first run: the accepted historical cases through the interchange's bulk import, the rest
(the current docket, complaints never accepted) through the services; the same cases and figures as a replay."""

import pytest
from django.utils import timezone

from court.cases.models import Case, CaseEvent
from court.demo.plan import plan_court
from court.demo.replay import ensure_court, load_historical, replay, split_for_bulk

pytestmark = pytest.mark.django_db


def test_the_bulk_loaded_demo_has_every_planned_case_with_its_planned_term() -> None:
    court, users = ensure_court()
    plan = plan_court(60, 9, today=timezone.localdate())
    historical, rest = split_for_bulk(plan)
    assert historical.cases and rest.cases and all(c.current or c.filed_on is None for c in rest.cases)
    result = load_historical(historical, court)
    assert result.created == len(historical.cases)
    replay(rest, court, users)  # refuses (ReplayError) if a service numbered a case other than the plan did
    cases = Case.objects.filter(court=court)
    assert cases.count() == len(plan.cases)
    by_number = {c.case_number: c for c in plan.cases if c.case_number}
    closed = cases.filter(closed_on__isnull=False)
    assert closed.count() == sum(1 for c in plan.cases if c.closed_on)
    for case in closed:
        planned = by_number[case.case_number]
        term = planned.term()
        assert (case.closed_on, case.closing_mode, case.procedure) == (
            planned.closed_on, planned.closing_mode, planned.procedure)
        assert (case.net_trial_days, case.within_normal_term) == (term.net_trial_days, term.within_normal_term)
    imported = cases.filter(case_number__in=[c.case_number for c in historical.cases])
    assert CaseEvent.objects.filter(case__in=imported, kind=CaseEvent.Kind.CLOSED).count() == imported.count()
    assert not cases.filter(events__isnull=True).exists()
