"""A defendant joins the case with the code printed on the documents served on it (案件查询码)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from court.cases.models import CaseEvent, Party
from court.org.models import Role, User
from court.portal import codes
from court.portal.models import CODE_ALPHABET, CODE_LENGTH, PartyAccessCode
from tests.web.conftest import page_text


@pytest.fixture
def defendant_user(court) -> User:
    return User.objects.create_user(username="lisi", password="pw-lisi", role=Role.PARTY, display_name="李四")


def _issue(client, case) -> PartyAccessCode:
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    response = client.post(reverse("portal:issue_code", args=[case.pk, defendant.pk]))
    assert response.status_code == 302
    return PartyAccessCode.objects.get(party=defendant, used_at__isnull=True, revoked_at__isnull=True)


def test_codes_are_long_random_and_unambiguous():
    drawn = {codes.new_code() for _ in range(200)}
    assert len(drawn) == 200
    assert all(len(c) == CODE_LENGTH == 12 and set(c) <= set(CODE_ALPHABET) for c in drawn)
    assert not set("01OI") & set(CODE_ALPHABET)
    assert codes.normalise(" abcd-efgh jkmn ") == "ABCDEFGHJKMN"


def test_the_clerk_issues_a_code_shown_on_the_case_page_with_its_event(recent, clerk, as_user):
    case = recent(state="service")
    client = as_user(clerk)
    code = _issue(client, case)
    assert code.created_by == clerk
    page = page_text(client.get(reverse("case_detail", args=[case.pk])))
    assert code.display in page and "Join codes for the documents served" in page
    event = case.events.filter(kind=CaseEvent.Kind.NOTE).last()
    assert event.payload["entry"] == "join_code" and code.code not in event.reason and event.basis == "OLR 7"


def test_parties_and_other_teams_issue_no_code_and_see_none(recent, clerk, party, other_judge, as_user):
    case = recent(state="service")
    code = _issue(as_user(clerk), case)
    defendant = code.party
    assert as_user(party).post(reverse("portal:issue_code", args=[case.pk, defendant.pk])).status_code == 403
    assert as_user(other_judge).post(reverse("portal:issue_code", args=[case.pk, defendant.pk])).status_code == 404
    page = page_text(as_user(party).get(reverse("case_detail", args=[case.pk])))
    assert code.display not in page and "Join codes" not in page


def test_the_defendant_joins_with_the_code_and_sees_the_case(recent, clerk, defendant_user, stranger, as_user):
    case = recent(state="service")
    code = _issue(as_user(clerk), case)
    client = as_user(defendant_user)
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 404
    response = client.post(reverse("portal:join"), {"code": code.display.lower()})
    assert response.status_code == 302 and response["Location"] == reverse("case_detail", args=[case.pk])
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 200
    assert str(case) in page_text(client.get(reverse("my_cases")))
    code.refresh_from_db()
    assert code.used_by == defendant_user and code.party.user == defendant_user
    assert case.events.filter(kind=CaseEvent.Kind.NOTE, payload__entry="join_code_used").exists()
    # used once: nobody else gets in with it, and another party never sees the case
    again = as_user(stranger).post(reverse("portal:join"), {"code": code.code})
    assert again.status_code == 400 and codes.USED_CODE in page_text(again)
    assert as_user(stranger).get(reverse("case_detail", args=[case.pk])).status_code == 404


def test_a_wrong_code_is_refused_with_a_clear_message(recent, defendant_user, as_user):
    recent(state="service")
    response = as_user(defendant_user).post(reverse("portal:join"), {"code": "ABCD-EFGH-JKLM"})
    assert response.status_code == 400 and codes.WRONG_CODE in page_text(response)
    assert not Party.objects.filter(user=defendant_user).exists()


def test_a_new_code_replaces_the_unused_one(recent, clerk, defendant_user, as_user):
    case = recent(state="service")
    first = _issue(as_user(clerk), case)
    second = _issue(as_user(clerk), case)
    assert first.code != second.code
    response = as_user(defendant_user).post(reverse("portal:join"), {"code": first.code})
    assert response.status_code == 400 and codes.WRONG_CODE in page_text(response)
    assert as_user(defendant_user).post(reverse("portal:join"), {"code": second.code}).status_code == 302


def test_a_lawyer_joins_as_the_defendant_s_representative(recent, clerk, as_user, court):
    case = recent(state="service")
    code = _issue(as_user(clerk), case)
    counsel = User.objects.create_user(username="counsel", password="x", role=Role.LAWYER, display_name="钱律师",
                                       law_firm="蓝关律师事务所")
    assert as_user(counsel).post(reverse("portal:join"), {"code": code.code}).status_code == 302
    rep = code.party.representatives.get(user=counsel)
    assert rep.law_firm == "蓝关律师事务所" and code.party.user is None
    assert as_user(counsel).get(reverse("case_detail", args=[case.pk])).status_code == 200


def test_wrong_codes_are_throttled_per_user(recent, clerk, defendant_user, as_user, settings):
    settings.FANJIAN_JOIN_ATTEMPT_LIMIT = 10
    case = recent(state="service")
    code = _issue(as_user(clerk), case)
    client = as_user(defendant_user)
    for i in range(10):
        assert client.post(reverse("portal:join"), {"code": f"WRONG{i:07d}"}).status_code == 400
    response = client.post(reverse("portal:join"), {"code": code.code})  # even the right code waits now
    assert response.status_code == 429 and codes.TOO_MANY_ATTEMPTS in page_text(response)
    code.refresh_from_db()
    assert code.used_at is None


def test_court_staff_join_nothing(recent, clerk, as_user):
    response = as_user(clerk).post(reverse("portal:join"), {"code": "ABCD-EFGH-JKLM"})
    assert response.status_code == 400 and codes.ONLY_PARTIES_JOIN in page_text(response)
