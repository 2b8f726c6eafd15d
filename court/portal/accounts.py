"""Accounts of parties and lawyers: sign-up (inactive until the e-mailed link is followed), confirmation, and a
change of e-mail address (the new address confirms it). Passwords: Django's auth views, Argon2 first."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from court.org.models import Role, User

from . import mail
from .tokens import activation_token, email_change_token, read_email_change_token


@transaction.atomic
def sign_up(data: dict[str, Any], request: HttpRequest) -> User:
    """Create the inactive account from a valid SignUpForm's data and send the confirmation link."""
    role = Role.LAWYER if data["kind"] == Role.LAWYER else Role.PARTY
    user = User(username=data["email"], email=data["email"], e_address=data["email"], role=role,
                display_name=data["real_name"].strip(), first_name=data["real_name"].strip()[:150],
                id_type=data["id_type"], id_number=data["id_number"], phone=data["phone"],
                licence_number=data.get("licence_number", ""), law_firm=(data.get("law_firm") or "").strip(),
                is_active=False)
    user.set_password(data["password1"])
    user.save()
    send_confirmation(user, request)
    return user


def send_confirmation(user: User, request: HttpRequest | None) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("portal:activate", args=[uid, activation_token.make_token(user)])
    mail.send("confirm", user.email, {"user": user, "url": mail.absolute_url(path, request)})


def activate(uidb64: str, token: str) -> User | None:
    """The account the link names, now active; None for a wrong, expired or spent link."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if user.is_active or not activation_token.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def request_email_change(user: User, new_email: str, request: HttpRequest) -> None:
    path = reverse("portal:email_confirm", args=[email_change_token(user, new_email)])
    mail.send("email_change", new_email, {"user": user, "url": mail.absolute_url(path, request)})


@transaction.atomic
def confirm_email_change(token: str) -> User | None:
    """Apply a new e-mail address (and sign-in name, where it was the old address); None for a bad link."""
    data = read_email_change_token(token)
    if not data:
        return None
    user = User.objects.select_for_update().filter(pk=data["u"]).first()
    if user is None or user.email != data["old"]:
        return None
    taken = User.objects.filter(email__iexact=data["new"]).exclude(pk=user.pk).exists() or \
        User.objects.filter(username__iexact=data["new"]).exclude(pk=user.pk).exists()
    if taken:
        return None
    if user.username.lower() == user.email.lower():
        user.username = data["new"]
    if user.e_address.lower() == user.email.lower() or not user.e_address:
        user.e_address = data["new"]
    user.email = data["new"]
    user.save(update_fields=["username", "email", "e_address"])
    return user
