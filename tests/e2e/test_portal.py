"""The parties' online court in the browser, in Chinese and in English: a party signs up (a wrong ID check digit
first), confirms by the e-mailed link, signs in and changes the password; a defendant joins with the code the
clerk issued on the case page and then sees the case."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail

from court.cases.models import Party
from court.cases.term import today
from court.org.models import Role, User

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GOOD_ID, BAD_ID = "610122199003071233", "610122199003071234"
LOCALES = [("zh-CN", "zh"), ("en-US", "en")]


@pytest.mark.parametrize(("locale", "lang"), LOCALES)
def test_a_party_signs_up_confirms_signs_in_and_changes_the_password(new_page, live_server, screenshots,
                                                                       locale, lang):
    page = new_page(locale=locale)
    page.goto(f"{live_server.url}/login/")
    page.click("a[href='/portal/signup/']")
    page.fill("input[name=real_name]", "赵六")
    page.fill("input[name=id_number]", BAD_ID)
    page.fill("input[name=phone]", "13912345678")
    page.fill("input[name=email]", f"zhaoliu-{lang}@example.cn")
    page.fill("input[name=password1]", "Qinling-shan 2024!")
    page.fill("input[name=password2]", "Qinling-shan 2024!")
    page.click("button[type=submit].btn-primary")
    page.wait_for_load_state("networkidle")
    error = page.inner_text("[data-field=id_number] .error")
    assert error and page.input_value("input[name=email]") == f"zhaoliu-{lang}@example.cn"
    assert page.input_value("input[name=real_name]") == "赵六"
    page.screenshot(path=str(screenshots / f"portal-signup-error-{lang}.png"), full_page=True)

    page.fill("input[name=id_number]", GOOD_ID)
    page.fill("input[name=password1]", "Qinling-shan 2024!")
    page.fill("input[name=password2]", "Qinling-shan 2024!")
    page.click("button[type=submit].btn-primary")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/portal/signup/sent/")
    link = re.search(r"https?://\S+/portal/activate/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert User.objects.get(email=f"zhaoliu-{lang}@example.cn").is_active
    page.click("main a.btn-primary")  # sign in
    page.fill("input[name=username]", f"zhaoliu-{lang}@example.cn")
    page.fill("input[name=password]", "Qinling-shan 2024!")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    page.click("nav.mainnav a[href='/portal/account/']")
    assert GOOD_ID in page.inner_text("main")
    page.screenshot(path=str(screenshots / f"portal-account-{lang}.png"), full_page=True)
    page.click("a[href='/portal/password/']")
    page.fill("input[name=old_password]", "Qinling-shan 2024!")
    page.fill("input[name=new_password1]", "Lantian-county 2025?")
    page.fill("input[name=new_password2]", "Lantian-county 2025?")
    page.click("button[type=submit].btn-primary")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/portal/password/done/")
    assert User.objects.get(email=f"zhaoliu-{lang}@example.cn").check_password("Lantian-county 2025?")
    if lang == "en":
        assert "Your password is changed" in page.inner_text("main")


@pytest.mark.parametrize(("locale", "lang"), LOCALES)
def test_a_defendant_joins_with_the_code_and_sees_the_case(new_page, live_server, screenshots, make_case, clerk,
                                                          locale, lang):
    case = make_case(state="service", filed_on=today() - timedelta(days=10))
    User.objects.create_user(username="lisi", password="pw-lisi", role=Role.PARTY, display_name="李四")

    staff = new_page(locale=locale)
    sign_in(staff, live_server, "clerk")
    staff.goto(f"{live_server.url}/cases/{case.pk}/")
    staff.click("#join-codes summary")
    staff.click("#join-codes tr[data-side=defendant] button[type=submit]")
    staff.wait_for_load_state("networkidle")
    staff.click("#join-codes summary")
    code = staff.inner_text("#join-codes tr[data-side=defendant] code.join-code")
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", code)
    staff.locator("#h-parties").scroll_into_view_if_needed()
    staff.screenshot(path=str(screenshots / f"portal-join-codes-{lang}.png"), full_page=True)

    page = new_page(locale=locale)
    sign_in(page, live_server, "lisi")
    page.click("nav.mainnav a[href='/portal/join/']")
    page.fill("input[name=code]", "WRONG-CODE-XXXX")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("[data-field=code] .error")
    page.fill("input[name=code]", code.lower())
    page.screenshot(path=str(screenshots / f"portal-join-{lang}.png"), full_page=True)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert str(case) in page.inner_text("h1")
    assert case.parties.get(side=Party.Side.DEFENDANT).user.username == "lisi"
    page.screenshot(path=str(screenshots / f"portal-joined-{lang}.png"), full_page=True)
