"""The official working-day calendar used for the CPL 85 roll-over."""

from datetime import date

import chinese_calendar
import pytest

from court.rules.calendar import UnknownCalendarYear, WorkdayCalendar, default_calendar


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (date(2023, 10, 2), False),  # National Day holiday, a Monday
        (date(2023, 10, 7), True),  # Saturday make-up working day (调休)
        (date(2023, 10, 8), True),  # Sunday make-up working day
        (date(2024, 2, 18), True),  # Sunday make-up day after Spring Festival
        (date(2024, 4, 13), False),  # an ordinary Saturday
        (date(2024, 4, 10), True),  # an ordinary Wednesday
    ],
)
def test_it_follows_the_state_council_calendar_including_make_up_days(day: date, workday: bool) -> None:
    assert chinese_calendar.is_workday(day) is workday  # the fact itself, from the package
    assert WorkdayCalendar().is_workday(day) is workday


def test_an_override_wins_over_the_package() -> None:
    calendar = WorkdayCalendar({date(2023, 10, 7): False, date(2023, 10, 2): True})
    assert calendar.is_workday(date(2023, 10, 7)) is False
    assert calendar.is_workday(date(2023, 10, 2)) is True


def test_a_year_the_package_does_not_know_raises_unknown_calendar_year() -> None:
    with pytest.raises(UnknownCalendarYear) as excinfo:
        WorkdayCalendar().is_workday(date(2099, 3, 2))
    assert isinstance(excinfo.value, LookupError)
    assert excinfo.value.year == 2099
    assert "2099" in str(excinfo.value)


def test_a_year_with_overrides_uses_weekends_plus_overrides() -> None:
    calendar = WorkdayCalendar({date(2099, 1, 1): False, date(2099, 1, 3): True})
    assert calendar.is_workday(date(2099, 1, 1)) is False  # Thursday, overridden holiday
    assert calendar.is_workday(date(2099, 1, 2)) is True  # Friday
    assert calendar.is_workday(date(2099, 1, 3)) is True  # Saturday, overridden make-up day
    assert calendar.is_workday(date(2099, 1, 4)) is False  # Sunday


def test_known_years_are_the_package_years_and_the_overridden_ones() -> None:
    years = WorkdayCalendar({date(2099, 1, 1): False}).known_years()
    assert {2004, 2023, 2024, 2026, 2099} <= years
    assert 2098 not in years


def test_next_workday_is_the_day_itself_on_a_workday() -> None:
    assert WorkdayCalendar().next_workday(date(2024, 4, 10)) == date(2024, 4, 10)


def test_next_workday_skips_the_national_day_holiday_to_the_make_up_saturday() -> None:
    assert WorkdayCalendar().next_workday(date(2023, 10, 1)) == date(2023, 10, 7)


def test_add_workdays_counts_only_working_days_both_ways() -> None:
    calendar = WorkdayCalendar()
    assert calendar.add_workdays(date(2023, 9, 28), 1) == date(2023, 10, 7)
    assert calendar.add_workdays(date(2023, 10, 7), -1) == date(2023, 9, 28)
    assert calendar.add_workdays(date(2024, 4, 12), 1) == date(2024, 4, 15)
    assert calendar.add_workdays(date(2024, 4, 12), 0) == date(2024, 4, 12)


def test_the_default_calendar_is_shared() -> None:
    assert default_calendar() is default_calendar()
