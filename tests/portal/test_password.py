"""Passwords: changed on the account page, reset by e-mail with a link that works once, resets bounded."""

from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse

from .conftest import link_in, signs_in

NEW = "Lantian-county 2025?"


def test_a_party_changes_the_password(party, as_user):
    client = as_user(party)
    assert client.get(reverse("portal:account")).status_code == 200
    response = client.post(reverse("portal:password_change"), {
        "old_password": "pw-party", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == reverse("portal:password_change_done")
    party.refresh_from_db()
    assert party.check_password(NEW)


def test_a_wrong_current_password_changes_nothing(party, as_user):
    response = as_user(party).post(reverse("portal:password_change"), {
        "old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200
    party.refresh_from_db()
    assert party.check_password("pw-party")


def test_a_reset_link_sets_a_new_password_once(party, client):
    party.email = "party@example.cn"
    party.save()
    response = client.post(reverse("portal:password_reset"), {"email": "party@example.cn"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["party@example.cn"]
    link = link_in(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == reverse("portal:password_reset_complete")
    party.refresh_from_db()
    assert party.check_password(NEW)
    assert signs_in("party", NEW)
    again = Client().get(link, follow=True)
    assert again.status_code == 200 and not again.context["validlink"]
    assert "This link is not valid" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    response = client.post(reverse("portal:password_reset"), {"email": "nobody@example.cn"})
    assert response.status_code == 302 and len(mail.outbox) == 0


def test_reset_requests_are_bounded_per_address(party, client, settings):
    settings.FANJIAN_RESET_LIMIT = 2
    party.email = "party@example.cn"
    party.save()
    for _ in range(2):
        assert client.post(reverse("portal:password_reset"), {"email": "party@example.cn"}).status_code == 302
    response = client.post(reverse("portal:password_reset"), {"email": "party@example.cn"})
    assert response.status_code == 429 and len(mail.outbox) == 2
    assert "Too many reset requests" in response.content.decode()


def test_a_new_e_mail_address_takes_effect_by_its_link(party, as_user):
    party.email = party.e_address = "party@example.cn"
    party.save()
    client = as_user(party)
    response = client.post(reverse("portal:account"), {
        "form": "email", "email-email": "New@Example.cn", "email-password": "pw-party"})
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.email == "party@example.cn"
    message = mail.outbox[-1]
    assert message.to == ["new@example.cn"]
    client.get(link_in(message))
    party.refresh_from_db()
    assert (party.email, party.e_address, party.username) == ("new@example.cn", "new@example.cn", "party")


def test_the_e_mail_change_needs_the_current_password(party, as_user):
    response = as_user(party).post(reverse("portal:account"), {
        "form": "email", "email-email": "new@example.cn", "email-password": "wrong"})
    assert response.status_code == 200 and len(mail.outbox) == 0
    assert "Your current password is not correct." in response.content.decode()


def test_contact_details_are_saved(party, as_user):
    response = as_user(party).post(reverse("portal:account"), {"form": "contact", "contact-phone": "139 1234 5678"})
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.phone == "13912345678"
