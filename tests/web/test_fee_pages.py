"""Court fees on the pages, per role: the party sees what is owed, paid and by when (case page and case list) and
pays its own fee only; the court records a payment; the party applies for relief and the court decides; the judge
alone is offered the ruling for non-payment (JI 213), and only once the fee is past due."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from court.cases.models import CaseState, ClosingMode, FeeNotice, FeePayment, Party
from court.org.models import Role, User

from .conftest import page_text

pytestmark = pytest.mark.django_db
DAY = date(2024, 3, 1)


class Clock:
    day = DAY


@pytest.fixture(autouse=True)
def clock(monkeypatch, settings):
    settings.FANJIAN_PAYMENT_BACKEND = "court.cases.payments.FakePaymentBackend"
    clock = Clock()
    monkeypatch.setattr("court.cases.services.base.today", lambda: clock.day)
    monkeypatch.setattr("court.cases.views.fees.today", lambda: clock.day)
    monkeypatch.setattr("court.portal.notices.today", lambda: clock.day)
    return clock


@pytest.fixture
def case(make_case):
    return make_case(state="accepted", filed_on=DAY)


def notice(case) -> FeeNotice:
    return FeeNotice.objects.get(case=case)


def test_the_party_sees_what_is_owed_and_by_when_and_pays_it(case, party, as_user):
    client = as_user(party)
    html = page_text(client.get(f"/cases/{case.pk}/"))
    block = html[html.index("Court fees"):]
    assert "275.00" in block and "2024-03-08" in block and "Pay 275.00 yuan online" in block
    listing = page_text(client.get(reverse("my_cases")))
    assert "275.00" in listing and "by 2024-03-08" in listing
    response = client.post(reverse("fee_pay", args=[case.pk, notice(case).pk]))
    assert response.status_code == 302 and response["Location"].endswith("#fees")
    assert FeePayment.objects.get(notice__case=case).amount == Decimal("275.00")
    html = page_text(client.get(f"/cases/{case.pk}/"))
    assert "Paid: 275.00 yuan" in html and "Pay 275.00" not in html
    assert "—" in page_text(client.get(reverse("my_cases"))).split("Court fee owed")[1]


def test_a_stranger_cannot_see_or_pay_the_fee(case, stranger, as_user):
    client = as_user(stranger)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.post(reverse("fee_pay", args=[case.pk, notice(case).pk])).status_code == 404
    assert not FeePayment.objects.exists()


def test_a_defendant_is_not_offered_the_plaintiffs_fee_and_cannot_pay_it(case, as_user):
    user = User.objects.create_user(username="defendant_user", password="x", role=Role.PARTY)
    Party.objects.filter(case=case, side=Party.Side.DEFENDANT).update(user=user)
    client = as_user(user)
    assert "online" not in page_text(client.get(f"/cases/{case.pk}/")).split("Court fees")[1].split("Parties")[0]
    client.post(reverse("fee_pay", args=[case.pk, notice(case).pk]))
    assert not FeePayment.objects.exists()


def test_a_notice_of_another_case_is_a_404(case, make_case, party, as_user):
    other = make_case(state="accepted", filed_on=DAY)
    client = as_user(party)
    assert client.post(reverse("fee_pay", args=[case.pk, notice(other).pk])).status_code == 404


def test_the_clerk_records_a_payment_and_the_party_may_not(case, clerk, party, as_user, act):
    assert act(as_user(party), case, "fee_record", notice=notice(case).pk, amount="100", reference="B-1",
               paid_on="2024-03-01").status_code == 403
    response = act(as_user(clerk), case, "fee_record", notice=notice(case).pk, amount="100", reference="B-1",
                   paid_on="2024-03-01")
    assert response.status_code == 302
    assert FeePayment.objects.get().recorded_by == clerk
    response = act(as_user(clerk), case, "fee_record", notice=notice(case).pk, amount="500", reference="B-2",
                   paid_on="2024-03-01")
    assert response.status_code == 200 and "more than what is still owed" in page_text(response)


def test_relief_is_applied_for_by_the_party_and_decided_by_the_filing_officer(case, party, filing_officer, as_user,
                                                                              act):
    assert act(as_user(party), case, "fee_relief_apply", notice=notice(case).pk, relief="defer",
               reasons="正在接受法律援助").status_code == 302
    page = page_text(as_user(party).get(f"/cases/{case.pk}/"))
    assert "applied for, awaiting the court" in page
    response = act(as_user(filing_officer), case, "fee_relief_decide", notice=notice(case).pk, decision="defer",
                   deferred_to="2024-04-30")
    assert response.status_code == 302
    assert notice(case).deferred_to == date(2024, 4, 30)
    assert "2024-04-30" in page_text(as_user(party).get(f"/cases/{case.pk}/")).split("Court fees")[1]


def test_the_judge_is_offered_the_ruling_only_once_the_fee_is_past_due(case, judge, clerk, as_user, act, clock):
    client = as_user(judge)
    assert 'name="fee_deem_withdrawn-notice"' not in client.get(f"/cases/{case.pk}/").content.decode()
    clock.day = date(2024, 3, 11)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'name="fee_deem_withdrawn-notice"' in html and "JI 213" in html
    assert 'name="fee_deem_withdrawn-notice"' not in as_user(clerk).get(f"/cases/{case.pk}/").content.decode()
    assert act(as_user(clerk), case, "fee_deem_withdrawn", notice=notice(case).pk,
               ruling_on="2024-03-11").status_code == 403
    response = act(client, case, "fee_deem_withdrawn", notice=notice(case).pk, ruling_on="2024-03-11")
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.closing_mode) == (CaseState.CLOSED, ClosingMode.DEEMED_WITHDRAWAL)
