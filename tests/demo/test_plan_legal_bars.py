"""Every legal bar holds in a plan (JI 257, CPL 165-166, JI 258, JI 140, TL2000 Art. 10, CPL 145)."""

from datetime import date

import pytest

from court.demo.plan import CAUSE_BY_NAME, DemoPlan, plan_court
from court.rules.calendar import WorkdayCalendar
from court.rules.procedure import NUMEROUS_PARTIES
from court.rules.terms import deadline_reporting_unknown_year, excluded_days

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def plan() -> DemoPlan:
    return plan_court(1500, 11, today=TODAY)


def accepted(plan: DemoPlan):
    return [c for c in plan.cases if c.filed_on]


def test_barred_cases_never_start_simple_or_small_claims(plan: DemoPlan) -> None:
    barred = [c for c in accepted(plan) if not c.defendant_address_known or c.foreign_related
              or max(c.plaintiffs, c.defendants) >= NUMEROUS_PARTIES]
    assert barred, "the plan should contain barred cases"
    assert all(c.initial_procedure == "ordinary" for c in barred)


def test_small_claims_are_money_claims_at_or_under_half_the_wage(plan: DemoPlan) -> None:
    small = [c for c in accepted(plan) if c.initial_procedure == "small_claims"]
    assert small
    for case in small:
        assert 0 < case.claim_amount <= plan.wage / 2
        assert not case.appraisal_requested and not CAUSE_BY_NAME[case.cause].personal_status


def test_conversions_to_ordinary_come_before_the_simple_term_expires(plan: DemoPlan) -> None:
    calendar = WorkdayCalendar()
    converted = [c for c in accepted(plan) if c.converted_on]
    assert converted
    for case in converted:
        months = 2 if case.initial_procedure == "small_claims" else 3
        excluded = excluded_days(case.filed_on, case.converted_on, case.periods())
        assert case.converted_on <= deadline_reporting_unknown_year(case.filed_on, months, excluded, calendar)[0]


def test_publication_only_under_ordinary_procedure(plan: DemoPlan) -> None:
    published = 0
    for case in accepted(plan):
        procedure = case.initial_procedure
        for step in case.steps:
            if step.op == "convert":
                procedure = step.args["to"]
            if step.op == "service_send" and step.args["channel"] == "publication":
                published += 1
                assert procedure == "ordinary"
    assert published


def test_mediation_closes_on_the_last_partys_service(plan: DemoPlan) -> None:
    mediated = [c for c in accepted(plan) if c.closing_mode == "mediation"]
    assert mediated
    for case in mediated:
        served = [s.on for s in case.steps if s.op == "service_record" and s.args["ref"].startswith("m")]
        assert len(served) == len(case.parties)
        assert max(served) == case.closed_on


def test_a_judgment_needs_a_hearing_held_before_it(plan: DemoPlan) -> None:
    judged = [c for c in accepted(plan) if c.closing_mode == "judgment"]
    assert judged
    for case in judged:
        held = [s.on for s in case.steps if s.op == "hearing_hold"]
        assert held and max(held) <= case.closed_on


def test_every_closing_mode_occurs(plan: DemoPlan) -> None:
    modes = {c.closing_mode for c in plan.historical}
    assert modes == {"judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "transfer",
                     "termination", "other"}
