"""实名注册 (OLR 7): sign-up with the identity, the e-mail confirmation that opens the account, the bounds."""

from __future__ import annotations

import html
import re

from django.core import mail
from django.urls import reverse

from court.org.models import IdType, Role, User
from court.portal import forms as portal_forms

from .conftest import BAD_ID, GOOD_ID, LICENCE, PASSWORD, last_mail_to, link_in, signs_in, signup_data


def _field_errors(response, name: str) -> list[str]:
    """The error messages shown in the field block of `name` (next to the field)."""
    page = response.content.decode()
    block = re.search(rf'<div class="field[^"]*" data-field="{name}">(.*?)</div>', page, re.DOTALL)
    assert block, name
    return [html.unescape(e) for e in re.findall(r'<small class="error" role="alert">(.*?)</small>', block.group(1))]


def test_a_party_signs_up_confirms_by_e_mail_and_signs_in(client, db):
    response = client.post(reverse("portal:signup"), signup_data())
    assert response.status_code == 302 and response["Location"] == reverse("portal:signup_sent")
    user = User.objects.get(email="zhaoliu@example.cn")
    assert not user.is_active and user.role == Role.PARTY and user.username == "zhaoliu@example.cn"
    assert (user.display_name, user.id_type, user.id_number, user.phone, user.e_address) == (
        "赵六", IdType.RESIDENT_ID, GOOD_ID, "13912345678", "zhaoliu@example.cn")
    assert user.check_password(PASSWORD)
    assert not signs_in("zhaoliu@example.cn", PASSWORD)  # inactive until confirmed

    link = link_in(last_mail_to("zhaoliu@example.cn"))
    opened = client.get(link)
    assert opened.status_code == 200 and "Your account is open" in opened.content.decode()
    user.refresh_from_db()
    assert user.is_active
    assert signs_in("zhaoliu@example.cn", PASSWORD)
    again = client.get(link)  # the link is spent
    assert again.status_code == 400 and "This link is not valid" in again.content.decode()


def test_a_lawyer_signs_up_with_the_licence_number_and_the_firm(client, db):
    data = signup_data(kind="lawyer", email="lawyer@qinling.cn", licence_number=LICENCE, law_firm="秦岭律师事务所")
    assert client.post(reverse("portal:signup"), data).status_code == 302
    user = User.objects.get(email="lawyer@qinling.cn")
    assert (user.role, user.licence_number, user.law_firm) == (Role.LAWYER, LICENCE, "秦岭律师事务所")


def test_a_wrong_check_digit_is_shown_next_to_the_id_number_and_nothing_typed_is_lost(client, db):
    response = client.post(reverse("portal:signup"), signup_data(id_number=BAD_ID))
    assert response.status_code == 200 and not User.objects.exists()
    assert _field_errors(response, "id_number") == [str(portal_forms.ID_CHECK_DIGIT)]
    page = response.content.decode()
    for typed in (BAD_ID, "赵六", "13912345678", "zhaoliu@example.cn"):
        assert f'value="{typed}"' in page, typed
    assert len(mail.outbox) == 0


def test_an_impossible_birth_date_and_a_short_number_are_refused(client, db):
    response = client.post(reverse("portal:signup"), signup_data(id_number="610122199002301238"))
    assert _field_errors(response, "id_number") == [str(portal_forms.ID_BIRTH_DATE)]
    response = client.post(reverse("portal:signup"), signup_data(id_number="61012219900307"))
    assert _field_errors(response, "id_number") == [str(portal_forms.ID_FORMAT)]


def test_a_passport_number_is_taken_as_written(client, db):
    data = signup_data(id_type="passport", id_number="e12345678")
    assert client.post(reverse("portal:signup"), data).status_code == 302
    assert User.objects.get().id_number == "E12345678"


def test_a_lawyer_needs_a_17_digit_licence_number_and_a_firm(client, db):
    data = signup_data(kind="lawyer", licence_number="1610120191012345", law_firm="")
    response = client.post(reverse("portal:signup"), data)
    assert response.status_code == 200 and not User.objects.exists()
    assert _field_errors(response, "licence_number") == [str(portal_forms.LICENCE_FORMAT)]
    assert _field_errors(response, "law_firm") == [str(portal_forms.FIRM_NEEDED)]
    assert 'value="1610120191012345"' in response.content.decode()


def test_an_e_mail_address_or_identity_signs_up_once(client, party):
    party.email = "Zhaoliu@Example.cn"
    party.save()
    response = client.post(reverse("portal:signup"), signup_data())
    assert _field_errors(response, "email") == [str(portal_forms.EMAIL_TAKEN)]
    User.objects.filter(pk=party.pk).update(email="other@example.cn", id_type=IdType.RESIDENT_ID, id_number=GOOD_ID)
    response = client.post(reverse("portal:signup"), signup_data())
    assert _field_errors(response, "id_number") == [str(portal_forms.ID_TAKEN)]


def test_a_bad_phone_and_differing_passwords_are_refused(client, db):
    response = client.post(reverse("portal:signup"), signup_data(phone="12345", password2="something else 1!"))
    assert _field_errors(response, "phone") == [str(portal_forms.PHONE_FORMAT)]
    assert _field_errors(response, "password2") == [str(portal_forms.PASSWORDS_DIFFER)]


def test_sign_ups_are_bounded_per_address(client, db, settings):
    settings.FANJIAN_SIGNUP_LIMIT = 2
    for i in range(2):
        data = signup_data(email=f"p{i}@example.cn", id_type="passport", id_number=f"E0000000{i}")
        assert client.post(reverse("portal:signup"), data).status_code == 302
    data = signup_data(email="p9@example.cn", id_type="passport", id_number="E00000009")
    response = client.post(reverse("portal:signup"), data)
    assert response.status_code == 429 and User.objects.count() == 2 and len(mail.outbox) == 2
    assert 'value="p9@example.cn"' in response.content.decode()


def test_the_sign_up_page_reads_in_chinese(client, db, chinese):
    page = client.get(reverse("portal:signup")).content.decode()
    assert 'lang="zh-hans"' in page
