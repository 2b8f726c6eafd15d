from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

PAGES = ["home", "docket", "filing_queue", "file_case", "my_cases", "mediations"]


def test_the_login_page_offers_the_language_switch(db):
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="language"' in html and 'action="/i18n/setlang/"' in html
    assert 'name="username"' in html and 'name="password"' in html


def test_signing_in_lands_on_the_role_start_page(judge):
    client = Client()
    response = client.post(reverse("login"), {"username": "judge", "password": "pw-judge"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("docket")


def test_a_wrong_password_is_refused_on_the_page(judge):
    response = Client().post(reverse("login"), {"username": "judge", "password": "nope"})
    assert response.status_code == 200
    assert b"form-errors" in response.content


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_users_are_sent_to_the_login_page(db, name):
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_users_cannot_open_a_case_or_post_an_action(make_case):
    case = make_case(state="accepted")
    for response in (Client().get(reverse("case_detail", args=[case.pk])),
                     Client().post(reverse("case_note", args=[case.pk]), {"note-text": "x"})):
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona, target", [
    ("judge", "docket"), ("assistant", "docket"), ("clerk", "docket"), ("admin", "docket"),
    ("filing_officer", "filing_queue"), ("party", "my_cases"), ("lawyer", "my_cases"), ("mediator", "mediations"),
])
def test_home_redirects_each_role_to_its_own_list(request, as_user, persona, target):
    user = request.getfixturevalue(persona)
    response = as_user(user).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse(target)


def test_switching_to_english_renders_the_page_in_english(judge, as_user):
    client = as_user(judge)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("docket")})
    response = client.get(reverse("docket"))
    assert '<html lang="en">' in response.content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("docket")})
    assert '<html lang="zh-hans">' in client.get(reverse("docket")).content.decode()


@pytest.mark.parametrize("persona, shown, hidden", [
    ("judge", ["/docket/", "/metrics/"], ["/filing/", "/file/"]),
    ("admin", ["/docket/", "/filing/", "/metrics/"], ["/file/"]),
    ("filing_officer", ["/filing/"], ["/metrics/", "/file/"]),
    ("party", ["/my/", "/file/"], ["/docket/", "/metrics/"]),
    ("mediator", ["/mediations/"], ["/docket/", "/metrics/"]),
])
def test_the_navigation_shows_each_role_its_links(request, as_user, persona, shown, hidden):
    user = request.getfixturevalue(persona)
    response = as_user(user).get(reverse("home"), follow=True)
    nav = response.content.decode().split('class="mainnav"')[1].split("</nav>")[0]
    for href in shown:
        assert f'href="{href}"' in nav
    for href in hidden:
        assert f'href="{href}"' not in nav
