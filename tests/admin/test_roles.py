"""Django admin permissions by role (court.org.roles): administrators manage what the court owns, every change
is logged with who and when, and a holiday entered in the admin moves a deadline once `refresh_terms` runs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from court.cases.calendar_status import calendar_admin_url, check_calendar_years
from court.cases.term import forget_calendar, today
from court.org.models import CalendarDay, Role, User
from court.org.roles import GROUP_NAMES, PRESIDENT_GROUP

ADMIN_PAGES = ["org_calendarday", "org_wagethreshold", "org_court", "org_division", "org_team", "org_user",
               "metrics_target", "metrics_provincefigure", "triage_modelversion", "admin_logentry", "cases_case"]


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_administrators_are_staff_in_their_role_group(admin, judge):
    assert admin.is_staff and not admin.is_superuser
    assert set(admin.groups.values_list("name", flat=True)) == {GROUP_NAMES[Role.ADMINISTRATOR], PRESIDENT_GROUP}
    assert not judge.is_staff
    assert list(judge.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.JUDGE]]
    assert admin.has_perm("org.add_calendarday") and admin.has_perm("metrics.change_target")
    assert not judge.has_perm("org.add_calendarday")


def test_a_role_change_moves_the_user_to_the_new_group_and_out_of_the_admin(judge):
    judge.role = Role.ADMINISTRATOR
    judge.save()
    judge = User.objects.get(pk=judge.pk)
    assert judge.is_staff
    assert list(judge.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.ADMINISTRATOR]]
    judge.role = Role.JUDGE
    judge.save()
    judge = User.objects.get(pk=judge.pk)
    assert not judge.is_staff
    assert list(judge.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.JUDGE]]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_the_administrator_opens_what_the_court_owns(admin, page):
    client = _signed_in(admin)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert b"have permission to view or edit anything" not in index.content
    assert client.get(reverse(f"admin:{page}_changelist")).status_code == 200


def test_an_administrator_cannot_grant_rights_by_hand(admin, judge):
    client = _signed_in(admin)
    page = client.get(reverse("admin:org_user_change", args=[judge.pk]))
    assert page.status_code == 200
    assert b'name="is_superuser"' not in page.content and b'name="groups"' not in page.content


def test_a_judge_is_sent_to_the_admin_login(judge):
    response = _signed_in(judge).get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_holiday_entered_in_the_admin_moves_the_deadline_after_refresh_terms(admin, make_case):
    # Simple procedure, filed on Monday 2026-08-03: three months (CPL 164) end on Tuesday 2026-11-03.
    case = make_case(state="accepted", filed_on=date(2026, 8, 3))
    deadline = case.normal_deadline
    assert deadline is not None and deadline.weekday() < 5
    client = _signed_in(admin)
    response = client.post(reverse("admin:org_calendarday_add"),
                           {"day": deadline.isoformat(), "is_workday": "", "note": "测试假日"})
    assert response.status_code == 302, response.content.decode()[:2000]
    forget_calendar()
    call_command("refresh_terms", stdout=open("/dev/null", "w"))
    case.refresh_from_db()
    assert case.normal_deadline == deadline + timedelta(days=1)  # CPL 85: the next working day

    day = CalendarDay.objects.get(day=deadline)
    entry = LogEntry.objects.get(object_id=str(day.pk), content_type__model="calendarday")
    assert entry.user == admin and entry.is_addition()
    history = client.get(reverse("admin:org_calendarday_history", args=[day.pk]))
    assert history.status_code == 200 and "Admin" in history.content.decode()
    log = client.get(reverse("admin:admin_logentry_changelist"))
    assert log.status_code == 200 and str(day) in log.content.decode()


def test_the_calendar_check_points_to_the_admin_page(admin, settings):
    forget_calendar()
    warnings = check_calendar_years(None)
    if not warnings:
        pytest.skip("the calendar knows every year of the horizon")
    assert calendar_admin_url() in warnings[0].hint
    assert _signed_in(admin).get(calendar_admin_url()).status_code == 200


@pytest.fixture
def unknown_year_case(make_case):
    """An ordinary case filed now: its six months end in a year no calendar knows (if there is one)."""
    forget_calendar()
    case = make_case(state="accepted", procedure="ordinary", filed_on=today() - timedelta(days=5))
    if case.normal_deadline is None or not check_calendar_years(None):
        pytest.skip("the calendar knows the deadline's year")
    return case


def test_the_case_page_banner_links_the_administrator_to_the_calendar(admin, unknown_year_case):
    page = _signed_in(admin).get(reverse("case_detail", args=[unknown_year_case.pk])).content.decode()
    if "No official working-day calendar" not in page:
        pytest.skip("the deadline's year is known")
    assert f'href="{calendar_admin_url()}"' in page


def test_the_case_page_banner_gives_a_judge_no_link(judge, unknown_year_case):
    page = _signed_in(judge).get(reverse("case_detail", args=[unknown_year_case.pk])).content.decode()
    if "No official working-day calendar" not in page:
        pytest.skip("the deadline's year is known")
    assert calendar_admin_url() not in page
    assert "A court administrator enters" in page
