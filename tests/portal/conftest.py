"""The portal tests: the web tests' helpers, an empty cache (the throttling counters) and identities."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache

from tests.web.conftest import act, as_user, recent  # noqa: F401

#: A resident ID with a correct check character (GB 11643), one with a wrong one, a lawyer's licence number.
GOOD_ID = "610122199003071233"
BAD_ID = "610122199003071234"
OTHER_ID = "11010519491231002X"
LICENCE = "16101201910123456"
PASSWORD = "Qinling-shan 2024!"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def signup_data(**overrides: str) -> dict[str, str]:
    data = {"kind": "party", "real_name": "赵六", "id_type": "resident_id", "id_number": GOOD_ID,
            "phone": "13912345678", "email": "zhaoliu@example.cn", "licence_number": "", "law_firm": "",
            "password1": PASSWORD, "password2": PASSWORD}
    data.update(overrides)
    return data


def link_in(message) -> str:  # type: ignore[no-untyped-def]
    """The path of the first link of an e-mail."""
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def last_mail_to(address: str):  # type: ignore[no-untyped-def]
    found = [m for m in mail.outbox if address in m.to]
    assert found, [m.to for m in mail.outbox]
    return found[-1]


def signs_in(username: str, password: str) -> bool:
    """Whether the sign-in page lets this user in (through django-axes, as in the browser)."""
    from django.test import Client
    from django.urls import reverse

    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302
