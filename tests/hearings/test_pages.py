"""The hearing pages per role and URL: the 开庭公告 for anyone (CPL 139: "公开审理的，应当公告当事人姓名、案由和开庭的
时间、地点"), the calendars for court staff only with a constant number of queries, the online room for the case's
parties, lawyers and team only, submissions only by the case's parties; a booking refusal next to its field."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from court.cases.models import Hearing, Party
from court.cases.term import today
from court.org.models import MediatorOrg, Role, User

from .conftest import ahead, at, book, consent_online

pytestmark = pytest.mark.django_db
DAY = ahead(7)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def booked(recent, judge, rooms):
    """A public hearing in a room, a private one and an asynchronous one, all next week."""
    public = book(recent(), judge, DAY, 9, courtroom=rooms["one"])
    private = book(recent(), judge, DAY, 14, public=False, private_reason="涉及个人隐私")
    asynchronous = book(recent(), judge, DAY, mode=Hearing.Mode.ASYNC, all_parties_consent=True, respond_by=DAY)
    return public, private, asynchronous


def test_the_announcement_is_public_and_lists_only_public_hearings(booked):
    public, private, asynchronous = booked
    Party.objects.filter(case=public.case).update(id_number="610122199001011234", address="蓝田县某村")
    response = _client().get(reverse("hearing_announcements"))
    text = response.content.decode()
    assert response.status_code == 200
    assert public.case.case_number in text and "第一法庭" in text and "民间借贷纠纷" in text
    assert "张三" in text and "李四0" in text and f"{DAY} 09:00" in text  # names, cause, time and place
    assert private.case.case_number not in text and asynchronous.case.case_number not in text
    assert "610122199001011234" not in text and "蓝田县某村" not in text and "zhangsan@example.cn" not in text


def test_the_announcement_rejects_a_bad_page(db):
    assert _client().get(reverse("hearing_announcements") + "?page=x").status_code == 400


@pytest.mark.parametrize("persona", ["judge", "assistant", "clerk", "filing_officer", "admin", "other_judge"])
def test_court_staff_see_the_calendars(request, persona, team, rooms, booked):
    client = _client(request.getfixturevalue(persona))
    for url in (reverse("hearing_calendars"), reverse("calendar_team", args=[team.pk, "week"]) + f"?day={DAY}",
                reverse("calendar_team", args=[team.pk, "month"]) + f"?day={DAY}",
                reverse("calendar_room", args=[rooms["one"].pk, "week"]) + f"?day={DAY}"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert booked[0].case.case_number in client.get(
        reverse("calendar_room", args=[rooms["one"].pk, "week"]) + f"?day={DAY}").content.decode()


@pytest.mark.parametrize("persona", ["party", "lawyer", "mediator", "stranger"])
def test_outsiders_do_not_see_the_calendars(request, persona, team, rooms):
    client = _client(request.getfixturevalue(persona))
    for url in (reverse("hearing_calendars"), reverse("calendar_team", args=[team.pk, "week"]),
                reverse("calendar_room", args=[rooms["one"].pk, "month"])):
        assert client.get(url).status_code == 404, url


def test_anonymous_users_are_sent_to_sign_in_and_other_courts_are_hidden(judge, team, rooms):
    assert _client().get(reverse("calendar_team", args=[team.pk, "week"])).status_code == 302
    other_room = rooms["elsewhere"]
    assert _client(judge).get(reverse("calendar_room", args=[other_room.pk, "week"])).status_code == 404


@pytest.mark.parametrize("day", ["2024-13-01", "1800-01-01", (today() + timedelta(days=800)).isoformat(), "x"])
def test_a_calendar_day_out_of_bounds_is_a_bad_request(judge, team, day):
    response = _client(judge).get(reverse("calendar_team", args=[team.pk, "month"]) + f"?day={day}")
    assert response.status_code == 400


def test_the_calendar_pages_run_a_constant_number_of_queries(recent, judge, team, rooms,
                                                             django_assert_max_num_queries):
    client = _client(judge)
    urls = [reverse("calendar_team", args=[team.pk, view]) + f"?day={DAY}" for view in ("week", "month")]
    urls.append(reverse("hearing_announcements"))
    book(recent(), judge, DAY, 9, courtroom=rooms["one"])
    counts = []
    for url in urls:
        with django_assert_max_num_queries(12) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    for hour in (11, 13, 15, 17):  # four more hearings that week
        book(recent(), judge, DAY, hour, courtroom=rooms["two"])
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_online_link_is_shown_to_the_parties_lawyers_and_team_only(request, recent, judge, rooms):
    case = recent()
    consent_online(case)
    hearing = book(case, judge, DAY, mode=Hearing.Mode.ONLINE, courtroom=rooms["online"])
    room_url = reverse("hearing_room", args=[hearing.online_token])
    for persona in ("party", "lawyer", "judge", "assistant", "clerk"):
        client = _client(request.getfixturevalue(persona))
        assert client.get(room_url).status_code == 200, persona
        assert room_url in client.get(reverse("case_detail", args=[case.pk])).content.decode(), persona
    for persona in ("admin", "filing_officer", "other_judge", "stranger", "mediator"):
        client = _client(request.getfixturevalue(persona))
        assert client.get(room_url).status_code == 404, persona
    admin_page = _client(request.getfixturevalue("admin")).get(reverse("case_detail", args=[case.pk]))
    assert hearing.online_token not in admin_page.content.decode()
    assert _client(judge).get(reverse("hearing_room", args=["x" * 43])).status_code == 404
    assert _client().get(room_url).status_code == 302  # sign in first


def test_submissions_only_by_the_case_parties(recent, judge, clerk, party, stranger):
    from court.cases import services
    from court.cases.models import AsyncStage

    case = recent()
    hearing = book(case, judge, ahead(1), mode=Hearing.Mode.ASYNC, all_parties_consent=True, respond_by=ahead(3))
    services.async_windows_set(hearing=hearing, actor=judge, windows=[(AsyncStage.STATEMENTS, today(), ahead(2))])
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    url = reverse("case_async_submit", args=[case.pk])
    data = {"async_submit-party": plaintiff.pk, "async_submit-stage": "statements", "async_submit-text": "陈述"}
    assert _client(clerk).post(url, data).status_code == 403
    assert _client(stranger).post(url, data).status_code == 404
    assert _client(party).post(url, data).status_code == 302
    assert hearing.windows.get().submissions.count() == 1
    page = _client(judge).get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "陈述" in page and 'id="async-' in page


def test_a_clash_is_shown_next_to_the_room_field(recent, judge, other_judge, team_b, rooms):
    theirs = recent(team=team_b, judge=other_judge, lawyer=None)
    book(theirs, other_judge, DAY, 9, courtroom=rooms["one"])
    ours = recent()
    response = _client(judge).post(reverse("case_hearing_schedule", args=[ours.pk]), {
        "hearing_schedule-mode": "in_person", "hearing_schedule-starts_at": f"{DAY}T09:30",
        "hearing_schedule-courtroom": rooms["one"].pk, "hearing_schedule-notified_on": today().isoformat(),
        "hearing_schedule-duration_minutes": "60"})
    assert response.status_code == 200
    form = next(a["form"] for _label, items in response.context["action_groups"] for a in items
                if a["spec"].slug == "hearing_schedule")
    assert any("第一法庭" in e for e in form.errors["courtroom"])
    assert not ours.hearings.exists()


def test_administrators_manage_courtrooms_in_the_admin(admin):
    User.objects.filter(pk=admin.pk).update(is_staff=True)
    admin.refresh_from_db()
    assert admin.role == Role.ADMINISTRATOR
    assert admin.has_perm("org.add_courtroom") and admin.has_perm("org.change_courtroom")
    assert not admin.has_perm("org.delete_courtroom")
    client = _client(admin)
    assert client.get(reverse("admin:org_courtroom_changelist")).status_code == 200


def test_a_court_mediator_is_court_staff_but_an_outside_one_is_not(court, team):
    inside = User.objects.create_user("med_in", role=Role.MEDIATOR, court=court, mediator_org=MediatorOrg.COURT)
    assert _client(inside).get(reverse("calendar_team", args=[team.pk, "week"])).status_code == 200


def test_hearing_times_are_local(recent, judge, team):
    book(recent(), judge, DAY, 9, 30)
    text = _client(judge).get(reverse("calendar_team", args=[team.pk, "week"]) + f"?day={DAY}").content.decode()
    assert "09:30–11:30" in text and at(DAY, 9, 30).isoformat()[:10] in text
