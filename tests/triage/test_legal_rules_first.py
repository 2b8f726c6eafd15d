"""Hard legal rules come first and the model cannot override them; the recommendation says which rule decided."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from court.rules.procedure import FilingFacts
from triage import rules

LIMIT = Decimal("45000")  # 50% of the conftest province's 90,000 average wage
CLEAN = FilingFacts(cause_code="9001", claim_amount=Decimal("20000"), plaintiffs=1, defendants=1, third_parties=0,
                    defendant_address_known=True, foreign_related=False, appraisal_requested=False)


def route(facts: FilingFacts, p: float | None, limit: Decimal | None = LIMIT) -> rules.Route:
    return rules.route_for(rules.legal_picture(facts, limit), p, threshold=0.5, band=0.1)


@pytest.mark.parametrize("change, code, article", [
    ({"defendant_address_known": False}, "defendant_whereabouts_unknown", "JI 257(1)"),
    ({"remanded": True}, "remanded", "JI 257(2)"),
    ({"defendants": 10}, "numerous_parties", "JI 257(3)"),
    ({"plaintiffs": 12}, "numerous_parties", "JI 257(3)"),
    ({"retrial": True}, "retrial", "JI 257(4)"),
    ({"public_interest": True}, "public_interest", "JI 257(5)"),
    ({"third_party_revocation": True}, "third_party_revocation", "JI 257(6)"),
])
def test_a_ji_257_bar_forces_ordinary_procedure_whatever_the_model_says(change, code, article):
    result = route(replace(CLEAN, **change), p=0.01)
    assert result.route == rules.ORDINARY
    assert result.decided_by == "rule"
    assert result.rule.code == code and result.rule.article.startswith(article)
    assert not result.needs_review


@pytest.mark.parametrize("change, code, article", [
    ({"claim_amount": Decimal("45001")}, "amount_above_limit", "CPL 165"),
    ({"claim_amount": Decimal("0"), "money_payment": False}, "not_money_payment", "CPL 165"),
    ({"personal_status_or_ownership": True}, "personal_status_or_ownership", "CPL 166(1)"),
    ({"foreign_related": True}, "foreign_related", "CPL 166(2)"),
    ({"appraisal_requested": True}, "appraisal", "CPL 166(3)"),
    ({"counterclaim": True}, "counterclaim", "CPL 166(5)"),
])
def test_a_cpl_166_bar_turns_a_simple_case_from_small_claims_to_simple_procedure(change, code, article):
    result = route(replace(CLEAN, **change), p=0.05)
    assert result.route == rules.SIMPLE
    assert result.rule.code == code and result.rule.article.startswith(article)


def test_without_a_published_wage_threshold_small_claims_are_barred():
    result = route(CLEAN, p=0.05, limit=None)
    assert result.route == rules.SIMPLE
    assert result.rule.code == "no_threshold"


def test_a_simple_money_claim_within_the_limit_must_use_small_claims():
    result = route(CLEAN, p=0.05)
    assert result.route == rules.SMALL_CLAIMS
    assert result.rule.code == "small_claims_mandatory" and result.rule.article == "CPL 165"


def test_the_limit_itself_is_still_small_claims():
    assert route(replace(CLEAN, claim_amount=LIMIT), p=0.05).route == rules.SMALL_CLAIMS


def test_the_model_decides_only_among_the_routes_the_law_allows():
    assert route(CLEAN, p=0.9).route == rules.ORDINARY
    assert route(CLEAN, p=0.9).decided_by == "model"
    picture = rules.legal_picture(replace(CLEAN, appraisal_requested=True), LIMIT)
    assert picture.allowed == (rules.SIMPLE, rules.ORDINARY)
    assert rules.legal_picture(replace(CLEAN, remanded=True), LIMIT).allowed == (rules.ORDINARY,)


def test_without_a_model_the_rules_still_route_and_a_person_must_look():
    result = route(CLEAN, p=None)
    assert result.decided_by == "none" and result.needs_review
    assert result.route == rules.SMALL_CLAIMS


@pytest.mark.django_db
def test_the_recommendation_for_a_missing_defendant_names_the_rule(make_case, active_model,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(state="filed", defendant_address_known=False, amount=Decimal("3000"))
    rec = case.triage_recommendations.get()
    assert rec.route == "ordinary" and rec.decided_by == "rule"
    assert rec.rule_code == "defendant_whereabouts_unknown" and rec.rule_article.startswith("JI 257(1)")
    assert rec.reasons[0]["kind"] == "rule"
    event = case.events.get(kind="triaged")
    assert event.basis == rec.rule_article and event.payload["route"] == "ordinary"


@pytest.mark.django_db
def test_the_courts_province_threshold_on_the_filing_date_applies(make_case, active_model,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        above = make_case(state="filed", amount=Decimal("45000.01"))
    rec = above.triage_recommendations.get()
    assert "small_claims" not in rec.allowed_routes
    assert rec.route == "ordinary" or rec.rule_code == "amount_above_limit"


ROW = {"cause": "法定继承纠纷", "claim_amount": "30000", "plaintiffs": "1", "defendants": "1", "third_parties": "0",
       "defendant_address_known": "true", "foreign_related": "false", "appraisal_requested": "false"}


def test_a_title_cause_is_no_small_claim_whatever_its_amount():
    """CPL 166 "（一）人身关系、财产确权案件" bars small claims: an inheritance case of 30,000 (its amount is the
    estate's value) may be simple or ordinary, never small claims. Before, `amount > 0` made it a money claim."""
    facts = rules.facts_from_row(ROW, nature="title")
    assert (facts.personal_status_or_ownership, facts.money_payment) == (True, False)
    assert rules.legal_picture(facts, LIMIT).allowed == (rules.SIMPLE, rules.ORDINARY)


@pytest.mark.parametrize("cell, allowed", [
    ("true", rules.ROUTES),  # every claim is for money: CPL 165 "简单金钱给付民事案件"
    ("false", (rules.SIMPLE, rules.ORDINARY)),  # a claim for delivery too: not a money-payment case
    ("", rules.ROUTES),  # unknown (legacy file): the amount decides, as the services do
])
def test_a_mixed_cause_reads_money_claim_only_where_the_file_has_it(cell, allowed):
    row = dict(ROW, cause="买卖合同纠纷", money_claim_only=cell)
    assert rules.legal_picture(rules.facts_from_row(row, nature="mixed"), LIMIT).allowed == allowed


@pytest.mark.parametrize("column, value, code", [
    ("remanded", "true", "remanded"), ("retrial", "true", "retrial"), ("public_interest", "true", "public_interest"),
    ("suit_kind", "third_party_revocation", "third_party_revocation"),
])
def test_the_ji_257_columns_force_ordinary_where_the_file_has_them(column, value, code):
    """JI 257 "（二）发回重审的；…（四）适用审判监督程序的；（五）涉及国家利益、社会公共利益的；（六）第三人起诉请求改变或者撤销
    生效判决、裁定、调解书的" bar simple procedure."""
    picture = rules.legal_picture(rules.facts_from_row(dict(ROW, **{column: value}), nature="money"), LIMIT)
    assert picture.allowed == (rules.ORDINARY,) and picture.forced.code == code
