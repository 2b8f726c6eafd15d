"""A year without an official calendar is reported as a warning, and admin-entered days close the gap."""

from datetime import date

from django.core import checks

from court.cases.calendar_status import calendar_gaps, check_calendar_years, check_calendar_years_in_database
from court.cases.term import forget_calendar
from court.org.models import CalendarDay
from court.rules.calendar import WorkdayCalendar


def test_a_year_the_package_does_not_know_is_reported(db):
    forget_calendar()
    unknown = max(WorkdayCalendar().known_years()) + 1
    assert calendar_gaps(date(unknown - 1, 6, 1)) == [unknown]
    warnings = check_calendar_years(None)
    assert all(w.id == "cases.W001" for w in warnings)


def test_admin_entered_days_close_the_gap(db):
    unknown = max(WorkdayCalendar().known_years()) + 1
    CalendarDay.objects.create(day=date(unknown, 1, 1), is_workday=False, note="元旦")
    forget_calendar()
    assert calendar_gaps(date(unknown - 1, 6, 1)) == []
    forget_calendar()


def test_saving_or_deleting_a_calendar_day_forgets_the_cached_calendar(db):
    """The admin (or any writer) needs no hook of its own: the cases app's receiver clears the cache."""
    unknown = max(WorkdayCalendar().known_years()) + 1
    forget_calendar()
    assert calendar_gaps(date(unknown - 1, 6, 1)) == [unknown]  # cached now
    day = CalendarDay.objects.create(day=date(unknown, 1, 1), is_workday=False, note="元旦")
    assert calendar_gaps(date(unknown - 1, 6, 1)) == []
    day.delete()
    assert calendar_gaps(date(unknown - 1, 6, 1)) == [unknown]


def test_the_calendar_check_reads_the_database_only_when_asked(db, django_assert_num_queries):
    """Plain `manage.py` runs (no --database) must not query: they may come before `migrate`."""
    registered = checks.registry.registry.get_checks()
    assert check_calendar_years_in_database in registered
    assert checks.Tags.database in check_calendar_years_in_database.tags
    forget_calendar()
    with django_assert_num_queries(0):
        assert check_calendar_years_in_database(None, databases=None) == []
    assert [w.id for w in check_calendar_years_in_database(None, databases=["default"])] == [
        w.id for w in check_calendar_years(None)
    ]
