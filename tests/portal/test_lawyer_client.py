"""A lawyer files for a named client: the client's account is linked to the plaintiff, or the client is invited."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from court.cases.models import Case, Party
from court.org.models import IdType, Role, User
from tests.web.conftest import page_text
from tests.portal.filing_helpers import file_online, filing_data

from .conftest import GOOD_ID, last_mail_to, link_in


def _client_account(**extra) -> User:
    return User.objects.create_user(username="zhangsan@example.cn", email="zhangsan@example.cn", password="pw",
                                    role=Role.PARTY, display_name="张三", id_type=IdType.RESIDENT_ID,
                                    id_number=GOOD_ID, **extra)


def test_the_client_found_by_id_number_sees_the_case(lawyer, court, cause, as_user,
                                                      django_capture_on_commit_callbacks):
    client_user = _client_account()
    data = filing_data(court, cause) | {"plaintiffs-0-id_number": GOOD_ID.lower()}
    with django_capture_on_commit_callbacks(execute=True):
        assert file_online(as_user(lawyer), data).status_code == 302
    case = Case.objects.get()
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    assert plaintiff.user == client_user and plaintiff.representatives.get().user == lawyer
    browser = as_user(client_user)
    assert str(case) in page_text(browser.get(reverse("my_cases")))
    assert browser.get(reverse("case_detail", args=[case.pk])).status_code == 200
    assert len(mail.outbox) == 0


def test_an_account_with_another_e_address_is_not_linked_but_invited(lawyer, court, cause, as_user,
                                                                       django_capture_on_commit_callbacks):
    _client_account()
    User.objects.filter(username="zhangsan@example.cn").update(email="other@example.cn")
    data = filing_data(court, cause) | {"plaintiffs-0-id_number": GOOD_ID}
    with django_capture_on_commit_callbacks(execute=True):
        file_online(as_user(lawyer), data)
    assert Party.objects.get(side=Party.Side.PLAINTIFF).user is None
    assert last_mail_to("zhangsan@example.cn")


def test_a_client_without_an_account_is_invited_and_joins_with_the_code(lawyer, court, cause, as_user, client,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert file_online(as_user(lawyer), filing_data(court, cause)).status_code == 302
    case = Case.objects.get()
    invitation = last_mail_to("zhangsan@example.cn")
    assert str(lawyer) in invitation.body and reverse("portal:signup") in invitation.body
    join_url = next(word for word in invitation.body.split() if "/portal/join/" in word)
    join_path = "/" + join_url.split("://", 1)[1].split("/", 1)[1]
    code = join_path.split("code=")[1]
    newcomer = User.objects.create_user(username="zs", password="pw", role=Role.PARTY)
    browser = as_user(newcomer)
    assert f'value="{code}"' in browser.get(join_path).content.decode()  # the link fills the code in
    assert browser.post(reverse("portal:join"), {"code": code}).status_code == 302
    assert case.parties.get(side=Party.Side.PLAINTIFF).user == newcomer
    assert link_in(invitation).startswith("/portal/signup/")


def test_a_party_s_own_filing_sends_no_invitation(party, court, cause, as_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        file_online(as_user(party), filing_data(court, cause))
    assert len(mail.outbox) == 0


def test_a_complaint_received_on_an_earlier_day_sends_no_invitation(lawyer, court, cause,
                                                                   django_capture_on_commit_callbacks):
    """A complaint typed in with an earlier receipt date (a counter filing entered later, the demo's replay of past
    years) invites nobody now; the court issues a join code with the documents it serves."""
    from datetime import timedelta
    from decimal import Decimal

    from court.cases import services
    from court.cases.services import FilingInput, PartyInput
    from court.cases.term import today

    filing = FilingInput(cause=cause, claim_amount=Decimal(5000), claims="归还借款", facts="……", parties=[
        PartyInput(side=Party.Side.PLAINTIFF, name="张三", address="蓝田县", e_address="zhangsan@example.cn",
                   lawyer=lawyer),
        PartyInput(side=Party.Side.DEFENDANT, name="李四", address="蓝田县")])
    with django_capture_on_commit_callbacks(execute=True):
        services.case_submit(court=court, filing=filing, actor=lawyer, on=today() - timedelta(days=30))
    assert len(mail.outbox) == 0
