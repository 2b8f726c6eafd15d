"""A band around the court's threshold is flagged "needs a human look"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from court.rules.procedure import FilingFacts
from triage import rules

FACTS = FilingFacts(cause_code=None, claim_amount=Decimal("80000"), plaintiffs=1, defendants=1, third_parties=0,
                    defendant_address_known=True, foreign_related=False, appraisal_requested=False)


@pytest.mark.parametrize("p, flagged", [(0.41, True), (0.5, True), (0.59, True), (0.39, False), (0.61, False),
                                        (0.05, False), (0.95, False)])
def test_probabilities_near_the_threshold_are_flagged(p, flagged):
    picture = rules.legal_picture(FACTS, Decimal("45000"))
    assert rules.route_for(picture, p, threshold=0.5, band=0.1).needs_review is flagged


def test_the_band_follows_the_courts_threshold():
    picture = rules.legal_picture(FACTS, Decimal("45000"))
    assert rules.route_for(picture, 0.3, threshold=0.35, band=0.1).needs_review
    assert not rules.route_for(picture, 0.3, threshold=0.6, band=0.1).needs_review
    assert not rules.route_for(picture, 0.3, threshold=0.35, band=0.0).needs_review


def test_a_case_a_rule_decided_is_not_flagged():
    picture = rules.legal_picture(FilingFacts(**{**FACTS.__dict__, "remanded": True}), Decimal("45000"))
    assert not rules.route_for(picture, 0.5, threshold=0.5, band=0.1).needs_review


@pytest.mark.django_db
def test_the_recommendation_stores_the_flag_and_the_courts_setting(make_case, court, active_model):
    from triage.services import case_triage

    case = make_case(state="filed")
    court.triage_review_band = Decimal("0.500")
    court.triage_threshold = Decimal("0.500")
    court.save()
    rec = case_triage(case=case, trigger="manual")
    assert rec.review_band == Decimal("0.500")
    assert rec.needs_review is (rec.decided_by != "rule")
    court.triage_review_band = Decimal("0")
    court.save()
    assert case_triage(case=case, trigger="manual").needs_review is False
