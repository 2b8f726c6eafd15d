"""The demo plan is pure and reproducible from its seed."""

from datetime import date

from court.demo.plan import CASES_COLUMNS, PERIODS_COLUMNS, plan_court

TODAY = date(2026, 11, 27)


def test_the_same_seed_gives_the_same_rows() -> None:
    first = plan_court(120, 7, today=TODAY).interchange_rows()
    second = plan_court(120, 7, today=TODAY).interchange_rows()
    assert first == second


def test_another_seed_gives_other_cases() -> None:
    first, _ = plan_court(120, 7, today=TODAY).interchange_rows()
    other, _ = plan_court(120, 8, today=TODAY).interchange_rows()
    assert [r["cause"] for r in first] != [r["cause"] for r in other]


def test_rows_have_exactly_the_interchange_columns() -> None:
    cases, periods = plan_court(200, 3, today=TODAY).interchange_rows()
    assert cases and periods
    assert all(list(row) == CASES_COLUMNS for row in cases)
    assert all(list(row) == PERIODS_COLUMNS for row in periods)
    numbers = [row["case_number"] for row in cases]
    assert len(set(numbers)) == len(numbers)
    assert {row["case_number"] for row in periods} <= set(numbers)


def test_historical_cases_are_filed_2022_to_2024_and_closed() -> None:
    plan = plan_court(150, 5, today=TODAY)
    for case in plan.historical:
        assert date(2022, 1, 1) <= case.filed_on <= date(2024, 12, 31)
        assert case.closed_on is not None and case.closed_on <= TODAY


def test_current_cases_cover_every_state() -> None:
    plan = plan_court(60, 5, today=TODAY)
    states = {case.state for case in plan.cases if case.current}
    assert states == {"filed", "correction", "rejected", "accepted", "service", "scheduled", "heard", "mediation",
                      "suspended", "closed", "archived"}
    assert all(step.on <= TODAY for case in plan.cases for step in case.steps)
