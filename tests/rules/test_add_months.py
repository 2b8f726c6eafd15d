"""Month arithmetic: Civil Code art. 202 (the corresponding day, or the month's last day)."""

from datetime import date

import pytest

from court.rules.terms import add_months, base_term_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 10), 3, date(2024, 4, 10)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # leap year: no 30 Feb, last day
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2022, 11, 30), 3, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 11, 15), 2, date(2025, 1, 15)),  # across the year end
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 5, 31), -1, date(2024, 4, 30)),
    ],
)
def test_adding_months_lands_on_the_corresponding_day_or_the_month_end(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("procedure", "months"),
    [("small_claims", 2), ("simple", 3), ("ordinary", 6)],  # CPL 168, 164, 152
)
def test_base_terms_follow_the_cpl(procedure: str, months: int) -> None:
    assert base_term_months(procedure) == months
