"""Booking a hearing: the judge, the team, the room and the parties' lawyers are free for its whole time
window; the hearing lies within the term and a year; rooms of the right kind; the online link per session."""

from __future__ import annotations

from datetime import timedelta

import pytest

from court.cases import services
from court.cases.models import Hearing
from court.cases.services import CaseRuleError
from court.cases.term import today

from .conftest import ahead, at, book, consent_online

pytestmark = pytest.mark.django_db
DAY = ahead(14)


def _refused(code, fn, *args, **kwargs) -> CaseRuleError:
    with pytest.raises(CaseRuleError) as err:
        fn(*args, **kwargs)
    assert err.value.code == code, err.value.text
    return err.value


def test_the_judge_hears_one_case_at_a_time(recent, judge):
    first, second = recent(), recent()
    held = book(first, judge, DAY, 9, duration_minutes=120)
    err = _refused("judge_busy", book, second, judge, DAY, 10, 30)
    assert err.text == services.HEARING_JUDGE_BUSY % {
        "name": str(judge), "case": str(first), "start": f"{DAY} 09:00", "end": "11:00"}
    assert held.ends_at == at(DAY, 11)
    # Back to back is no clash: the first hearing ends at 11:00.
    assert book(second, judge, DAY, 11).starts_at == at(DAY, 11)


def test_the_assistant_and_clerk_who_sit_are_not_in_two_hearings(recent, judge, assistant, clerk, other_judge,
                                                                 team_b):
    ours = recent()
    theirs = recent(team=team_b, judge=other_judge, lawyer=None)
    hearing = book(theirs, other_judge, DAY, 9)
    Hearing.objects.filter(pk=hearing.pk).update(clerk=clerk)  # team A's clerk records for team B that morning
    err = _refused("team_busy", book, ours, judge, DAY, 10)
    assert str(clerk) in err.text and "CPL 140" in err.text
    assert book(ours, judge, DAY, 14).status == Hearing.Status.SCHEDULED


def test_a_room_holds_one_hearing_at_a_time(recent, judge, assistant, other_judge, team_b, rooms):
    ours = recent()
    theirs = recent(team=team_b, judge=other_judge, lawyer=None)
    book(theirs, other_judge, DAY, 9, courtroom=rooms["one"])
    err = _refused("room_busy", book, ours, judge, DAY, 9, 30, courtroom=rooms["one"])
    assert err.text.startswith("第一法庭")
    assert book(ours, judge, DAY, 9, 30, courtroom=rooms["two"]).courtroom == rooms["two"]


def test_the_parties_lawyer_is_not_in_two_hearings(recent, judge, other_judge, team_b, lawyer):
    ours = recent()
    theirs = recent(team=team_b, judge=other_judge)  # the same lawyer represents the plaintiff there too
    book(theirs, other_judge, DAY, 9)
    err = _refused("lawyer_busy", book, ours, judge, DAY, 10)
    assert str(lawyer) in err.text
    unrepresented = recent(team=team_b, judge=other_judge, lawyer=None)
    assert book(unrepresented, other_judge, DAY, 14).status == Hearing.Status.SCHEDULED


def test_a_hearing_entered_after_its_time_is_a_record_not_a_booking(make_case, judge):
    """The conflict checks protect bookings; two past hearings entered afterwards are both recorded."""
    first, second = make_case(state="service"), make_case(state="service")
    day = first.filed_on + timedelta(days=25)
    book(first, judge, day, notified_on=day - timedelta(days=3))
    assert book(second, judge, day, notified_on=day - timedelta(days=3)).status == Hearing.Status.SCHEDULED


def test_a_hearing_lies_within_the_term(recent, judge):
    case = recent()
    deadline = case.extended_deadline or case.normal_deadline
    err = _refused("after_term", book, case, judge, deadline + timedelta(days=1))
    assert err.text == services.HEARING_AFTER_TERM % {"date": deadline} and err.article == "CPL 152; CPL 164"
    assert book(case, judge, deadline).status == Hearing.Status.SCHEDULED


def test_a_hearing_is_at_most_a_year_ahead(recent, judge, monkeypatch):
    case = recent(procedure="ordinary")
    from court.cases.models import Case
    Case.objects.filter(pk=case.pk).update(extended_deadline=today() + timedelta(days=800))
    case.refresh_from_db()
    err = _refused("too_far", book, case, judge, today() + timedelta(days=400))
    assert "a year ahead" in err.text


@pytest.mark.parametrize("minutes", [10, 481])
def test_a_hearing_lasts_between_a_quarter_hour_and_eight_hours(recent, judge, minutes):
    _refused("duration", book, recent(), judge, DAY, duration_minutes=minutes)


def test_rooms_of_the_right_kind_and_of_this_court(recent, judge, rooms):
    case = recent()
    consent_online(case)
    _refused("room_kind", book, case, judge, DAY, mode=Hearing.Mode.ONLINE, courtroom=rooms["one"])
    _refused("room_kind", book, case, judge, DAY, courtroom=rooms["online"])
    _refused("room_unknown", book, case, judge, DAY, courtroom=rooms["closed"])
    _refused("room_unknown", book, case, judge, DAY, courtroom=rooms["elsewhere"])
    _refused("async_room", book, case, judge, DAY, mode=Hearing.Mode.ASYNC, courtroom=rooms["one"],
             all_parties_consent=True, respond_by=DAY)


def test_a_private_hearing_says_why(recent, judge):
    """CPL 137: "人民法院审理民事案件，除涉及国家秘密、个人隐私或者法律另有规定的以外，应当公开进行。\""""
    case = recent()
    err = _refused("private_reason", book, case, judge, DAY, public=False)
    assert err.article == "CPL 137"
    hearing = book(case, judge, DAY, public=False, private_reason="涉及个人隐私")
    assert not hearing.public and hearing.private_reason == "涉及个人隐私"


def test_each_online_session_has_its_own_unguessable_link(recent, judge, other_judge, team_b, rooms):
    """OLR 21 (online hearing with each party's consent, OLR 4): a random token of 256 bits per session."""
    first, second = recent(), recent(team=team_b, judge=other_judge, lawyer=None)
    consent_online(first)
    consent_online(second)
    one = book(first, judge, DAY, 9, mode=Hearing.Mode.ONLINE, courtroom=rooms["online"])
    two = book(second, other_judge, DAY, 14, mode=Hearing.Mode.ONLINE, courtroom=rooms["online"])
    assert len(one.online_token) >= 43 and one.online_token != two.online_token
    assert book(recent(), judge, DAY, 14).online_token == ""  # in person: no link
