from __future__ import annotations

from django.urls import reverse

from court.cases.models import Case, CaseEvent, CaseState, Party
from court.cases.term import court_calendar, today
from court.rules.periods import filing_decision_due

from .conftest import page_text


def _management(prefix: str, total: int) -> dict[str, str]:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def _party(prefix: str, i: int, name: str, **extra: str) -> dict[str, str]:
    data = {"kind": "person", "name": name, "address": "蓝田县蓝关街道1号", "address_known": "on"}
    data.update(extra)
    return {f"{prefix}-{i}-{k}": v for k, v in data.items()}


def filing_data(court, cause, **overrides) -> dict[str, str]:
    data = {"court": str(court.pk), "cause": str(cause.pk), "claim_amount": "30000.00", "claims": "判令被告归还借款3万元",
            "facts": "被告于2024年借款未还", "evidence_items": "3"}
    data |= _management("plaintiffs", 1) | _party("plaintiffs", 0, "张三", e_service_consent="on",
                                                   e_address="zhangsan@example.cn")
    data |= _management("defendants", 2) | _party("defendants", 0, "李四") | _party("defendants", 1, "王五")
    data |= _management("third", 0)
    data.update(overrides)
    return data


def test_the_filing_form_offers_the_causes_in_force(party, court, cause, as_user):
    response = as_user(party).get(reverse("file_case"))
    assert response.status_code == 200
    assert cause in response.context["form"].fields["cause"].queryset
    assert 'name="plaintiffs-TOTAL_FORMS"' in response.content.decode()


def test_a_party_files_online_and_sees_the_decision_date(party, court, cause, as_user):
    client = as_user(party)
    response = client.post(reverse("file_case"), filing_data(court, cause))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("case_detail", args=[case.pk])
    assert case.state == CaseState.FILED and case.filed_by == party and case.defendant_count == 2
    assert case.parties.get(side=Party.Side.PLAINTIFF).user == party
    due = filing_decision_due(today(), calendar=court_calendar())
    page = page_text(client.get(response["Location"]))
    assert due.isoformat() in page and "CPL 126" in page and "Filed, awaiting decision" in page


def test_a_lawyer_files_for_a_client_and_represents_the_plaintiff(lawyer, court, cause, as_user):
    response = as_user(lawyer).post(reverse("file_case"), filing_data(court, cause))
    assert response.status_code == 302
    plaintiff = Party.objects.get(side=Party.Side.PLAINTIFF)
    rep = plaintiff.representatives.get()
    assert rep.user == lawyer and rep.law_firm == "秦岭律师事务所" and plaintiff.user is None
    assert plaintiff.case.lawyer_represented is True


def test_a_complaint_without_a_defendant_is_refused(party, court, cause, as_user):
    data = filing_data(court, cause) | _management("defendants", 1) | {"defendants-0-name": ""}
    response = as_user(party).post(reverse("file_case"), data)
    assert response.status_code == 200 and not Case.objects.exists()
    assert "name" in response.context["formsets"][1][0].errors[0]


def test_e_service_consent_needs_an_address(party, court, cause, as_user):
    data = filing_data(court, cause) | {"plaintiffs-0-e_address": ""}
    response = as_user(party).post(reverse("file_case"), data)
    assert response.status_code == 200 and not Case.objects.exists()
    assert "Give the electronic address" in page_text(response)


def test_a_negative_amount_is_refused(party, court, cause, as_user):
    response = as_user(party).post(reverse("file_case"), filing_data(court, cause, claim_amount="-1"))
    assert response.status_code == 200 and "claim_amount" in response.context["form"].errors


def test_third_parties_are_added_through_their_formset(party, court, cause, as_user):
    data = filing_data(court, cause) | _management("third", 1) | _party("third", 0, "某银行", kind="entity")
    as_user(party).post(reverse("file_case"), data)
    case = Case.objects.get()
    assert case.third_party_count == 1
    assert case.events.filter(kind=CaseEvent.Kind.SUBMITTED).count() == 1


def test_court_staff_cannot_file_online(judge, court, cause, as_user):
    assert as_user(judge).post(reverse("file_case"), filing_data(court, cause)).status_code == 403
