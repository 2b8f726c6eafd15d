"""Helpers for the view tests: a client signed in as a persona, and a case at a given stage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from court.cases.term import today


@pytest.fixture
def as_user(db):
    """`as_user(persona)` → a test client signed in as that persona."""

    def sign_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def recent(make_case):
    """A case filed `days_ago` days ago (default 10), so that its term is still running today."""

    def make(days_ago: int = 10, **kwargs):
        kwargs.setdefault("filed_on", today() - timedelta(days=days_ago))
        return make_case(**kwargs)

    return make


def page_text(response) -> str:
    """The response body with HTML entities decoded, so messages compare as written."""
    import html

    return html.unescape(response.content.decode())


@pytest.fixture
def act(db):
    """`act(client, case, slug, **fields)` posts the action form `slug` (fields get the form prefix)."""
    from django.urls import reverse

    def post(client, case, slug: str, **fields):
        data = {f"{slug}-{name}": value for name, value in fields.items()}
        return client.post(reverse(f"case_{slug}", args=[case.pk]), data)

    return post
