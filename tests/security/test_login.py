"""Issue 14: no login throttling (30 wrong passwords in 10 s, then the right one worked), no Argon2.
django-axes locks a username from one address after FANJIAN_LOGIN_FAILURE_LIMIT failures, on the site's and the
admin's sign-in, with a page that says so."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from court.org.models import Role, User


@pytest.fixture
def clerk_user(court):
    return User.objects.create_user(username="clerk9", password="right-password-9", role=Role.CLERK, court=court)


@pytest.fixture(autouse=True)
def fresh_axes(db):
    from axes.utils import reset

    reset()
    yield
    reset()


def _post(client: Client, url: str, password: str, ip: str = "10.0.0.1"):
    return client.post(url, {"username": "clerk9", "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_five_failures_lock_the_username_from_that_address(clerk_user, url, settings):
    clerk_user.is_staff = True
    clerk_user.save()
    client = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert _post(client, url, "wrong").status_code == 200  # the form again, with its error
    locked = _post(client, url, "wrong")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Too many failed sign-ins" in text and "15 minutes" in text
    right = _post(client, url, "right-password-9")  # the right password no longer helps
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    # Another address may still sign in as this user: the lock is per username and address.
    other = Client()
    assert _post(other, "/login/", "right-password-9", ip="10.0.0.2").status_code == 302


def test_a_success_resets_the_count(clerk_user):
    client = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        _post(client, "/login/", "wrong")
    assert _post(client, "/login/", "right-password-9").status_code == 302
    client.logout()
    assert _post(client, "/login/", "wrong").status_code == 200


def test_the_lockout_page_renders_in_the_sites_default_language(clerk_user, chinese):
    client = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        response = _post(client, "/login/", "wrong")
    assert response.status_code == 429 and 'lang="zh-hans"' in response.content.decode()


def test_passwords_are_hashed_with_argon2(court, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher",
                                 "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = User.objects.create_user(username="hashme", password="s3cret-pass", role=Role.CLERK, court=court)
    assert user.password.startswith("argon2$")
    assert Client().post(reverse("login"), {"username": "hashme", "password": "s3cret-pass"},
                         REMOTE_ADDR="10.0.0.9").status_code == 302


def test_the_site_settings_put_argon2_first():
    from court import settings as site

    assert site.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert site.AXES_FAILURE_LIMIT == 5 and site.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert site.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
