"""Every path into the services is bounded, not only the forms (issue 14): amounts the database keeps exactly,
bounded free text, a hearing at most a year ahead, no notes in a closed file."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from court.cases import services
from court.cases.bounds import AMOUNT_LIMIT, CLAIMS_MAX_LENGTH, NOTE_MAX_LENGTH
from court.cases.services import CaseRuleError, FilingInput, PartyInput
from court.cases.services.base import AMOUNT_TOO_LARGE, TEXT_TOO_LONG
from court.cases.services.closing import NOTE_ON_CLOSED_FILE
from court.cases.services.hearings import HEARING_TOO_FAR
from court.cases.term import today

pytestmark = pytest.mark.django_db


def _filing(cause, amount=Decimal(1000), claims="归还借款"):
    return FilingInput(cause=cause, claim_amount=amount, claims=claims, facts="……",
                       parties=[PartyInput(side="plaintiff", name="张三", address="蓝田县"),
                                PartyInput(side="defendant", name="李四", address="蓝田县")])


def test_a_filing_with_an_amount_of_ten_to_the_twelve_is_refused(court, party, cause):
    with pytest.raises(CaseRuleError) as exc:
        services.case_submit(court=court, filing=_filing(cause, AMOUNT_LIMIT), actor=party)
    assert exc.value.code == "amount_too_large" and exc.value.text == AMOUNT_TOO_LARGE
    case = services.case_submit(court=court, filing=_filing(cause, AMOUNT_LIMIT - Decimal("0.01")), actor=party)
    case.refresh_from_db()
    assert case.claim_amount == Decimal("999999999999.99")


def test_overlong_claims_are_refused(court, party, cause):
    with pytest.raises(CaseRuleError) as exc:
        services.case_submit(court=court, filing=_filing(cause, claims="请" * (CLAIMS_MAX_LENGTH + 1)), actor=party)
    assert exc.value.code == "too_long"
    assert exc.value.text == TEXT_TOO_LONG % {"what": "claims", "limit": CLAIMS_MAX_LENGTH}


def test_amended_and_counterclaimed_amounts_are_bounded(make_case, judge):
    case = make_case(state="heard")
    with pytest.raises(CaseRuleError, match="10\\^12"):
        services.case_amend_amount(case=case, actor=judge, amount=AMOUNT_LIMIT, reason="增加诉讼请求")
    with pytest.raises(CaseRuleError, match="10\\^12"):
        services.case_record_counterclaim(case=case, actor=judge, amount=AMOUNT_LIMIT * 2, reason="反诉")


def test_a_hearing_more_than_a_year_ahead_is_refused(make_case, judge):
    case = make_case(state="service", filed_on=today() - timedelta(days=3))
    starts = timezone.make_aware(datetime(9999, 12, 31, 9, 0))
    with pytest.raises(CaseRuleError) as exc:
        services.hearing_schedule(case=case, actor=judge, starts_at=starts, notified_on=today())
    assert exc.value.code == "too_far" and HEARING_TOO_FAR.split(",")[0] in exc.value.text


def test_an_archived_file_takes_no_note_and_a_note_is_bounded(make_case, judge, clerk):
    case = make_case(state="heard")
    with pytest.raises(CaseRuleError) as exc:
        services.case_note(case=case, actor=judge, text="记" * (NOTE_MAX_LENGTH + 1))
    assert exc.value.code == "too_long"
    from tests.factories import serve_decision

    archived = serve_decision(make_case(state="closed"), actor=clerk)
    services.case_archive(case=archived, actor=clerk, on=archived.closed_on + timedelta(days=30))
    with pytest.raises(CaseRuleError) as exc:
        services.case_note(case=archived, actor=judge, text="被告来电", on=archived.closed_on + timedelta(days=31))
    assert exc.value.code == "file_closed" and exc.value.text == NOTE_ON_CLOSED_FILE
