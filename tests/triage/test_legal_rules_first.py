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
