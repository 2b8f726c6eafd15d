"""The normal deadline: filing date + months + excluded days, rolled to a working day (CPL 85)."""

from datetime import date

import chinese_calendar

from court.rules.calendar import WorkdayCalendar
from court.rules.terms import deadline


def test_the_worked_example_expires_on_the_tenth_of_april() -> None:
    # Filed 2024-01-10, simple procedure (CPL 164): 3 months → Wednesday 2024-04-10.
    assert deadline(date(2024, 1, 10), 3, 0, None) == date(2024, 4, 10)


def test_a_deadline_on_national_day_rolls_to_the_first_working_day() -> None:
    # 2023-10-01 is in the holiday; 10-07 (Saturday) was a make-up working day.
    assert not chinese_calendar.is_workday(date(2023, 10, 1))
    assert chinese_calendar.is_workday(date(2023, 10, 7))
    assert deadline(date(2023, 7, 1), 3, 0, None) == date(2023, 10, 7)


def test_a_deadline_on_a_make_up_saturday_stays_put() -> None:
    assert deadline(date(2023, 7, 7), 3, 0, None) == date(2023, 10, 7)


def test_a_deadline_in_spring_festival_rolls_to_the_make_up_sunday() -> None:
    assert chinese_calendar.is_workday(date(2024, 2, 18))  # a Sunday
    assert deadline(date(2023, 11, 12), 3, 0, None) == date(2024, 2, 18)


def test_a_deadline_on_an_ordinary_weekend_rolls_to_monday() -> None:
    assert deadline(date(2024, 1, 13), 3, 0, None) == date(2024, 4, 15)


def test_without_roll_over_the_deadline_is_the_calendar_date() -> None:
    assert deadline(date(2023, 7, 1), 3, 0, None, roll_over=False) == date(2023, 10, 1)


def test_excluded_days_are_added_before_the_roll_over() -> None:
    # 2024-04-10 + 3 days = Saturday 2024-04-13 → Monday 2024-04-15.
    assert deadline(date(2024, 1, 10), 3, 3, None) == date(2024, 4, 15)


def test_the_given_calendar_is_used() -> None:
    calendar = WorkdayCalendar({date(2024, 4, 10): False})
    assert deadline(date(2024, 1, 10), 3, 0, calendar) == date(2024, 4, 11)
