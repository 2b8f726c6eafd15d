"""The court fee in the browser, in Chinese and in English: the plaintiff, whose case the court accepted today,
finds the fee notice in the inbox (the unread count in the navigation), sees on the case page what is owed and by
when (FEE 22), pays with the fake payment backend, and sees the fee paid and the payment's notice."""

from __future__ import annotations

import pytest

from court.cases.models import FeeNotice, FeePayment
from court.cases.term import today
from court.org.models import User

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LOCALES = [("zh-CN", "zh"), ("en-US", "en")]


@pytest.mark.parametrize(("locale", "lang"), LOCALES)
def test_a_party_sees_the_fee_notice_pays_online_and_finds_it_in_the_inbox(new_page, live_server, screenshots,
                                                                             make_case, party, settings, locale,
                                                                             lang):
    settings.FANJIAN_PAYMENT_BACKEND = "court.cases.payments.FakePaymentBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    User.objects.filter(pk=party.pk).update(email="party@example.cn")
    case = make_case(state="accepted", filed_on=today())
    fee = FeeNotice.objects.get(case=case)
    page = new_page(locale=locale)
    sign_in(page, live_server, "party")

    badge = page.inner_text("#nav-inbox .badge")
    assert int(badge) == 2  # accepted, fee notice
    page.click("#nav-inbox")
    page.wait_for_load_state("networkidle")
    inbox = page.inner_text("main")
    assert case.case_number in inbox
    page.screenshot(path=str(screenshots / f"fees-inbox-{lang}.png"), full_page=True)
    page.click(f"a[href='/portal/inbox/{case.notices.get(recipient=party, kind='fee_due').pk}/']")
    page.wait_for_load_state("networkidle")
    body = page.inner_text("main")
    assert "275.00" in body and fee.due_on.isoformat() in body
    assert page.locator("#nav-inbox .badge").inner_text() == "1"
    page.click("main a.btn-primary")  # open the case
    page.wait_for_load_state("networkidle")

    block = page.inner_text("#fees")
    assert "275.00" in block and fee.due_on.isoformat() in block
    page.locator("#fees").screenshot(path=str(screenshots / f"fees-owed-{lang}.png"))
    page.click(f"#pay-{fee.pk}")
    page.wait_for_load_state("networkidle")
    payment = FeePayment.objects.get(notice=fee)
    assert payment.backend == "fake" and payment.amount == fee.amount
    assert payment.reference in page.inner_text("main")  # the message names the reference
    assert page.locator(f"#pay-{fee.pk}").count() == 0
    page.screenshot(path=str(screenshots / f"fees-paid-{lang}.png"), full_page=True)

    page.click("nav.mainnav a[href='/my/']")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(screenshots / f"fees-my-cases-{lang}.png"), full_page=True)
