"""Hearings in the browser, in Chinese and in English: the judge books a courtroom and sees the clash refused
next to the room; a simple case through an asynchronous hearing (OLR 20) where both parties submit in their
windows and the record closes; a party finds the online hearing's own link (OLR 21) and enters the room."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from court.cases import services
from court.cases.models import AsyncWindow, Hearing, Party
from court.cases.term import today
from court.org.models import Courtroom, Role, User

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LOCALES = [("zh-CN", "zh"), ("en-US", "en")]
TZ = ZoneInfo("Asia/Shanghai")


def _at(day, hour):
    return datetime.combine(day, time(hour), TZ)


def _recent(make_case, **kwargs):
    kwargs.setdefault("filed_on", today() - timedelta(days=30))
    return make_case(state="service", **kwargs)


@pytest.mark.parametrize(("locale", "lang"), LOCALES)
def test_the_judge_books_a_room_and_sees_the_clash_refused(new_page, live_server, screenshots, make_case, court,
                                                           team_b, other_judge, judge, locale, lang):
    one = Courtroom.objects.create(court=court, name="第一法庭", capacity=40)
    Courtroom.objects.create(court=court, name="第二法庭", capacity=20)
    day = today() + timedelta(days=7)
    theirs = _recent(make_case, team=team_b, judge=other_judge, lawyer=None)
    services.hearing_schedule(case=theirs, actor=other_judge, starts_at=_at(day, 9), notified_on=today(),
                              courtroom=one)
    ours = _recent(make_case)
    page = new_page(locale=locale)
    sign_in(page, live_server, "judge")
    page.goto(f"{live_server.url}/cases/{ours.pk}/")
    page.click("#action-hearing_schedule summary")
    page.fill("input[name=hearing_schedule-starts_at]", f"{day.isoformat()}T10:00")
    page.select_option("select[name=hearing_schedule-courtroom]", label="第一法庭")
    page.click("#action-hearing_schedule button[type=submit]")
    field = page.locator("#action-hearing_schedule .field", has=page.locator("select[name=hearing_schedule-courtroom]"))
    error = field.inner_text()
    assert "第一法庭" in error and (theirs.case_number in error)
    assert ("is booked then" in error) if lang == "en" else True
    assert page.input_value("input[name=hearing_schedule-starts_at]") == f"{day.isoformat()}T10:00"  # kept
    page.locator("#action-hearing_schedule").screenshot(path=str(screenshots / f"hearing-clash-{lang}.png"))
    page.select_option("select[name=hearing_schedule-courtroom]", label="第二法庭")
    page.click("#action-hearing_schedule button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert ours.hearings.get().courtroom.name == "第二法庭"
    # The team's week calendar shows both rooms' hearings of our team, printable.
    page.goto(f"{live_server.url}/hearings/calendar/team/{judge.team_id}/week/?day={day.isoformat()}")
    assert ours.case_number in page.inner_text("table.calendar")
    page.screenshot(path=str(screenshots / f"hearing-calendar-week-{lang}.png"), full_page=True)
    page.goto(f"{live_server.url}/hearings/calendar/room/{one.pk}/month/?day={day.isoformat()}")
    assert theirs.case_number in page.inner_text("table.calendar")
    page.screenshot(path=str(screenshots / f"hearing-calendar-month-{lang}.png"), full_page=True)


@pytest.mark.parametrize(("locale", "lang"), LOCALES)
def test_a_simple_case_through_an_asynchronous_hearing(new_page, live_server, screenshots, make_case, judge, party,
                                                       locale, lang):
    case = _recent(make_case)
    defendant_user = User.objects.create_user("defendant", password="pw-defendant", role=Role.PARTY,
                                              display_name="李四0")
    Party.objects.filter(case=case, side=Party.Side.DEFENDANT).update(user=defendant_user)
    services.hearing_schedule(case=case, actor=judge, starts_at=_at(today() + timedelta(days=1), 9),
                              mode=Hearing.Mode.ASYNC, all_parties_consent=True, respond_by=today() + timedelta(days=3),
                              notified_on=today())
    # The judge sets the windows: statements and evidence from today, responses until the day after tomorrow.
    bench = new_page(locale=locale)
    sign_in(bench, live_server, "judge")
    bench.goto(f"{live_server.url}/cases/{case.pk}/")
    bench.click("#action-async_windows summary")
    for stage, opens, closes in (("statements", 0, 1), ("evidence", 0, 1), ("responses", 0, 2)):
        bench.fill(f"input[name=async_windows-{stage}_opens]", (today() + timedelta(days=opens)).isoformat())
        bench.fill(f"input[name=async_windows-{stage}_closes]", (today() + timedelta(days=closes)).isoformat())
    bench.click("#action-async_windows button[type=submit]")
    bench.wait_for_load_state("networkidle")
    assert AsyncWindow.objects.filter(hearing__case=case).count() == 3

    # Each party submits its statement in the window; each sees the other's.
    for username, text in (("party", "原告陈述：被告借款三万元到期未还。"), ("defendant", "被告答辩：已归还一万元。")):
        page = new_page(locale=locale)
        sign_in(page, live_server, username)
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        page.click("#action-async_submit summary")
        page.select_option("select[name=async_submit-stage]", "statements")
        page.fill("textarea[name=async_submit-text]", text)
        page.click("#action-async_submit button[type=submit]")
        page.wait_for_load_state("networkidle")
        assert text in page.inner_text(".async-hearing")
    assert "原告陈述" in page.inner_text(".async-hearing")  # the defendant sees the plaintiff's statement
    page.screenshot(path=str(screenshots / f"hearing-async-submissions-{lang}.png"), full_page=True)

    # Three days pass: the last window has ended, and the clerk's side closes the record.
    hearing = case.hearings.get()
    for w in AsyncWindow.objects.filter(hearing=hearing):
        AsyncWindow.objects.filter(pk=w.pk).update(opens_on=w.opens_on - timedelta(days=3),
                                                   closes_on=w.closes_on - timedelta(days=3))
    Hearing.objects.filter(pk=hearing.pk).update(starts_at=hearing.starts_at - timedelta(days=3))
    bench.goto(f"{live_server.url}/cases/{case.pk}/")
    bench.click("#action-async_close summary")
    bench.click("#action-async_close button[type=submit]")
    bench.wait_for_load_state("networkidle")
    hearing.refresh_from_db()
    assert hearing.status == Hearing.Status.HELD
    assert bench.locator(".async-hearing .status-held").count() == 1
    bench.screenshot(path=str(screenshots / f"hearing-async-closed-{lang}.png"), full_page=True)


@pytest.mark.parametrize(("locale", "lang"), LOCALES)
def test_a_party_sees_the_online_hearing_link_and_enters_the_room(new_page, live_server, screenshots, make_case,
                                                                  court, judge, locale, lang):
    room = Courtroom.objects.create(court=court, name="在线庭审室一", kind=Courtroom.Kind.ONLINE)
    case = _recent(make_case)
    Party.objects.filter(case=case).update(online_hearing_consent=True)
    hearing = services.hearing_schedule(case=case, actor=judge, starts_at=_at(today() + timedelta(days=5), 10),
                                        mode=Hearing.Mode.ONLINE, courtroom=room, notified_on=today())
    page = new_page(locale=locale)
    sign_in(page, live_server, "party")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    link = page.locator("a.hearing-link")
    assert link.get_attribute("href") == f"/hearings/room/{hearing.online_token}/"
    page.locator("#h-hearings").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"hearing-online-link-{lang}.png"), full_page=True)
    link.click()
    page.wait_for_load_state("networkidle")
    assert case.case_number in page.inner_text("main") and "在线庭审室一" in page.inner_text("main")
    page.screenshot(path=str(screenshots / f"hearing-online-room-{lang}.png"), full_page=True)
    # The public announcement lists it, with no sign-in.
    anonymous = new_page(locale=locale)
    anonymous.goto(f"{live_server.url}/hearings/announcements/")
    assert case.case_number in anonymous.inner_text("main")
    assert hearing.online_token not in anonymous.content()
    anonymous.screenshot(path=str(screenshots / f"hearing-announcements-{lang}.png"), full_page=True)
