"""Issue 14: a 14-digit claim amount broke every page listing the case (SQLite reads it back with 15
significant digits); every amount is now bounded below 10^12 yuan on the server, and a row stored before the
bound still reads."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from court.cases.bounds import AMOUNT_LIMIT, AMOUNT_MAX
from court.cases.models import Case
from tests.portal.filing_helpers import claims, file_online, filing_data

HUGE = "99999999999999.99"


@pytest.mark.parametrize("amount", [HUGE, "1000000000000", "12345678901234.56"])
def test_the_filing_form_refuses_an_amount_the_database_cannot_store(party, court, cause, as_user, amount):
    response = file_online(as_user(party), filing_data(court, cause) | claims(("归还借款", amount)))
    assert response.status_code == 200 and not Case.objects.exists()
    errors = response.steps["claims"].context["items"].forms[0].errors["amount"]
    assert "less than 1,000,000,000,000 yuan" in " ".join(errors)


def test_the_largest_amount_is_stored_and_read_back_exactly(party, court, cause, as_user, filing_officer):
    response = file_online(as_user(party), filing_data(court, cause) | claims(("归还借款", str(AMOUNT_MAX))))
    assert response.status_code == 302
    assert Case.objects.get().claim_amount == Decimal("999999999999.99") == AMOUNT_LIMIT - Decimal("0.01")
    for client, url in ((as_user(party), reverse("my_cases")), (as_user(filing_officer), reverse("filing_queue")),
                        (as_user(party), reverse("case_detail", args=[Case.objects.get().pk]))):
        assert client.get(url).status_code == 200


def test_a_row_stored_before_the_bound_still_reads(recent, judge, party, as_user):
    case = recent()
    with connection.cursor() as cursor:  # as an old form or import wrote it
        cursor.execute("UPDATE cases_case SET claim_amount = %s WHERE id = %s", [Decimal(HUGE), case.pk])
    case.refresh_from_db()
    assert case.claim_amount >= Decimal(99999999999999)
    for url in (reverse("docket"), reverse("case_detail", args=[case.pk])):
        assert as_user(judge).get(url).status_code == 200
    assert as_user(party).get(reverse("my_cases")).status_code == 200


def test_the_amend_and_counterclaim_actions_refuse_a_huge_amount(recent, judge, as_user, act):
    case = recent(state="service")
    client = as_user(judge)
    response = act(client, case, "amount", amount=HUGE, reason="x")
    assert response.status_code in (200, 400)
    case.refresh_from_db()
    assert case.claim_amount == Decimal(30000)
    response = act(client, case, "counterclaim", amount="1000000000000", on=str(case.filed_on), reason="x")
    case.refresh_from_db()
    assert case.counterclaim_amount is None
