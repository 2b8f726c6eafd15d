"""The facts that bar a procedure are entered in the first steps of the guided filing (JI 257, 292, 308;
CPL 165-166) with the case forms' own rules, and bad input is refused next to its field without losing what was
typed: each step's post is saved as typed, errors and all.

JI 257: "下列案件，不适用简易程序：…（二）发回重审的；…（四）适用审判监督程序的；（五）涉及国家利益、社会公共利益的；
（六）第三人起诉请求改变或者撤销生效判决、裁定、调解书的；…"
JI 308: "人民法院审理执行异议之诉案件，适用普通程序。"
CPL 165: "…审理事实清楚、权利义务关系明确、争议不大的简单金钱给付民事案件…"
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from court.cases import forms
from court.cases.models import Case, Cause, SuitKind
from court.cases.selectors import catalogue_for, cause_by_name
from court.cases.term import today
from court.portal.filing import steps
from tests.web.conftest import page_text

from .filing_helpers import claims, file_online, filing_data, post_step, start


def in_force(name: str) -> Cause:
    """The cause of this name in the catalogue in force today (the one the filing offers)."""
    cause = cause_by_name(name, today())
    assert cause is not None and cause.catalogue == catalogue_for(today()), name
    return cause


def _errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def _court_step(client, data):
    draft = start(client)
    return draft, post_step(client, draft, steps.COURT, data, goto=steps.PARTIES)


@pytest.fixture
def sale(db) -> Cause:
    return in_force("买卖合同纠纷")


def test_the_first_step_asks_for_each_fact(party, court, as_user):
    client = as_user(party)
    draft = start(client)
    page = page_text(client.get(reverse("portal:draft_step", args=[draft.pk, steps.COURT])))
    for name in ("court", "cause", "suit_kind", "remanded", "retrial", "public_interest", "original_case_number"):
        assert f'name="{name}"' in page, name
    assert "Third-party revocation suit" in page and "Execution-objection suit" in page
    claims_page = page_text(client.get(reverse("portal:draft_step", args=[draft.pk, steps.CLAIMS])))
    assert 'name="money_claim_only"' in claims_page and 'name="claims-0-amount"' in claims_page


@pytest.mark.parametrize("answer, stored", [("yes", True), ("no", False)])
def test_a_mixed_cause_records_whether_every_claim_is_for_money(party, court, sale, as_user, answer, stored):
    """CPL 165 "简单金钱给付": a sale may claim the price (money) or delivery (not money); the filer says which."""
    assert file_online(as_user(party), filing_data(court, sale, money_claim_only=answer)).status_code == 302
    case = Case.objects.get()
    assert case.money_claim_only is stored
    assert case.filing_facts().money_payment is stored


def test_a_mixed_cause_without_the_answer_is_refused_next_to_the_field(party, court, sale, as_user):
    client = as_user(party)
    data = filing_data(court, sale) | claims(("判令被告交付货物", ""), ("支付违约金", "5000"))
    draft = start(client)
    post_step(client, draft, steps.COURT, data, goto=steps.PARTIES)
    response = post_step(client, draft, steps.CLAIMS, data, goto=steps.FACTS)
    assert response.status_code == 200
    assert _errors(response, "money_claim_only") == [str(forms.MONEY_ONLY_NEEDED)]
    assert response.context["items"].forms[0]["text"].value() == "判令被告交付货物"  # nothing typed is lost
    draft.refresh_from_db()
    assert draft.data[steps.CLAIMS]["claims-1-amount"] == "5000"
    again = client.get(reverse("portal:draft_step", args=[draft.pk, steps.CLAIMS]))  # the next day, say
    assert _errors(again, "money_claim_only") == [str(forms.MONEY_ONLY_NEEDED)]
    assert again.context["items"].forms[1]["amount"].value() == "5000"


def test_a_money_cause_needs_no_answer_and_ignores_one(party, court, cause, as_user):
    assert file_online(as_user(party), filing_data(court, cause, money_claim_only="no")).status_code == 302
    case = Case.objects.get()
    assert case.money_claim_only is None and case.filing_facts().money_payment is True


def test_a_third_party_revocation_suit_is_stored_with_the_judgment_it_attacks(party, court, cause, as_user):
    """JI 257(6) "第三人起诉请求改变或者撤销生效判决、裁定、调解书的": the suit kind bars simple procedure."""
    data = filing_data(court, cause, suit_kind="third_party_revocation", original_case_number="（2023）陕0122民初88号")
    assert file_online(as_user(party), data).status_code == 302
    case = Case.objects.get()
    assert case.suit_kind == SuitKind.THIRD_PARTY_REVOCATION
    assert case.original_case_number == "（2023）陕0122民初88号"
    assert case.filing_facts().third_party_revocation


@pytest.mark.parametrize("fact", ["remanded", "retrial", "public_interest"])
def test_each_ji_257_fact_is_stored(party, court, cause, as_user, fact):
    data = filing_data(court, cause, **{fact: "on", "original_case_number": "（2015）蓝民初字第123号"})
    assert file_online(as_user(party), data).status_code == 302
    case = Case.objects.get()
    assert getattr(case, fact) is True and getattr(case.filing_facts(), fact) is True
    assert case.original_case_number == "（2015）蓝民初字第123号"  # a pre-2016 number, as printed


@pytest.mark.parametrize("fact", [{"suit_kind": "execution_objection"}, {"remanded": "on"}, {"retrial": "on"}])
def test_a_suit_about_an_earlier_decision_needs_its_case_number(party, court, cause, as_user, fact):
    draft, response = _court_step(as_user(party), filing_data(court, cause, **fact))
    assert response.status_code == 200 and not Case.objects.exists()
    assert _errors(response, "original_case_number") == [str(forms.ORIGINAL_NUMBER_NEEDED)]
    assert response.context["form"]["cause"].value() == str(cause.pk)


@pytest.mark.parametrize("number", ["2023陕0122民初88", "（2023）陕0122民初号", "（2017）蓝民初字第5号"])
def test_an_unreadable_case_number_is_refused_next_to_the_field(party, court, cause, as_user, number):
    draft, response = _court_step(as_user(party), filing_data(court, cause, retrial="on", original_case_number=number))
    (error,) = _errors(response, "original_case_number")
    assert number in error and "（2023）陕0122民初1234号" in error
    assert response.context["form"]["original_case_number"].value() == number
    draft.refresh_from_db()
    assert draft.data[steps.COURT]["original_case_number"] == number


def test_an_unknown_suit_kind_is_refused_next_to_the_field(party, court, cause, as_user):
    _draft, response = _court_step(as_user(party), filing_data(court, cause, suit_kind="class_action"))
    assert response.status_code == 200 and _errors(response, "suit_kind")


def test_a_special_suit_cause_sets_its_kind(party, court, as_user):
    """案外人执行异议之诉 is an execution-objection suit (JI 308: "适用普通程序"); the number it follows is the
    execution ruling's (执异), which is not a civil type code but is a case number."""
    data = filing_data(court, in_force("案外人执行异议之诉"), original_case_number="（2024）陕0122执异12号")
    assert file_online(as_user(party), data).status_code == 302
    case = Case.objects.get()
    assert case.suit_kind == SuitKind.EXECUTION_OBJECTION and case.filing_facts().execution_objection


def test_a_special_suit_cause_and_a_contradicting_kind_are_refused(party, court, as_user):
    data = filing_data(court, in_force("第三人撤销之诉"), suit_kind="execution_objection",
                       original_case_number="（2023）陕0122民初88号")
    _draft, response = _court_step(as_user(party), data)
    (error,) = _errors(response, "suit_kind")
    assert "第三人撤销之诉" in error


def test_the_group_of_special_suits_asks_which(party, court, as_user):
    data = filing_data(court, in_force("特殊诉讼程序案件案由"), original_case_number="（2023）陕0122民初88号")
    _draft, response = _court_step(as_user(party), data)
    assert _errors(response, "suit_kind") == [str(forms.SUIT_KIND_NEEDED)]


def test_a_refusal_of_the_service_is_shown_on_the_review_and_nothing_is_filed(party, court, as_user):
    """CPL 184: a non-contentious application is no first-instance suit; the refusal is shown, nothing is lost."""
    cause = in_force("申请司法确认调解协议")
    response = file_online(as_user(party), filing_data(court, cause) | claims(("确认调解协议有效", "")))
    assert response.status_code == 200 and not Case.objects.exists()
    assert "CPL 184" in page_text(response)
    draft = response.draft
    draft.refresh_from_db()
    assert draft.case is None and draft.data[steps.CLAIMS]["claims-0-text"] == "确认调解协议有效"
