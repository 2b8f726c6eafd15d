"""Procedure eligibility: JI 257, JI 140, JI 75 (simple); CPL 165-166 (small claims)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from court.rules.procedure import Bar, FilingFacts, WageThreshold, simple_procedure_bars, small_claims_bars

ZHEJIANG_LIMIT = Decimal(54_323)


def plain_facts(**changes: object) -> FilingFacts:
    facts = FilingFacts(
        cause_code="民间借贷纠纷",
        claim_amount=Decimal(20_000),
        plaintiffs=1,
        defendants=1,
        third_parties=0,
        defendant_address_known=True,
        foreign_related=False,
        appraisal_requested=False,
    )
    return replace(facts, **changes)  # type: ignore[arg-type]


def codes(bars: list[Bar]) -> list[str]:
    return [bar.code for bar in bars]


def test_a_plain_loan_case_has_no_bars() -> None:
    assert simple_procedure_bars(plain_facts()) == []
    assert small_claims_bars(plain_facts(), threshold=ZHEJIANG_LIMIT) == []


@pytest.mark.parametrize(
    ("change", "code", "article"),
    [
        ({"defendant_address_known": False}, "defendant_whereabouts_unknown", "JI 257(1); JI 140"),
        ({"remanded": True}, "remanded", "JI 257(2)"),
        ({"defendants": 10}, "numerous_parties", "JI 257(3); JI 75"),
        ({"plaintiffs": 12}, "numerous_parties", "JI 257(3); JI 75"),
        ({"retrial": True}, "retrial", "JI 257(4)"),
        ({"public_interest": True}, "public_interest", "JI 257(5)"),
        ({"third_party_revocation": True}, "third_party_revocation", "JI 257(6)"),
    ],
)
def test_each_ji_257_item_bars_simple_procedure(change: dict, code: str, article: str) -> None:
    bars = simple_procedure_bars(plain_facts(**change))
    assert [(bar.code, bar.article) for bar in bars] == [(code, article)]
    assert bars[0].message.startswith("JI 257")


def test_nine_parties_on_a_side_are_not_numerous() -> None:
    # JI 75: "人数众多" means ten or more.
    assert simple_procedure_bars(plain_facts(plaintiffs=9, defendants=9, third_parties=15)) == []


def test_foreign_related_cases_may_use_simple_procedure() -> None:
    assert simple_procedure_bars(plain_facts(foreign_related=True)) == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"personal_status_or_ownership": True}, "personal_status_or_ownership"),  # CPL 166(1)
        ({"foreign_related": True}, "foreign_related"),  # CPL 166(2)
        ({"appraisal_requested": True}, "appraisal"),  # CPL 166(3)
        ({"defendant_address_known": False}, "defendant_whereabouts_unknown"),  # CPL 166(4)
        ({"counterclaim": True}, "counterclaim"),  # CPL 166(5)
        ({"money_payment": False}, "not_money_payment"),  # CPL 165
        ({"remanded": True}, "remanded"),  # a simple-procedure bar
    ],
)
def test_each_exclusion_bars_small_claims(change: dict, code: str) -> None:
    assert codes(small_claims_bars(plain_facts(**change), threshold=ZHEJIANG_LIMIT)) == [code]


def test_the_small_claims_limit_is_inclusive() -> None:
    assert small_claims_bars(plain_facts(claim_amount=ZHEJIANG_LIMIT), threshold=ZHEJIANG_LIMIT) == []
    bars = small_claims_bars(plain_facts(claim_amount=Decimal("54323.01")), threshold=ZHEJIANG_LIMIT)
    assert codes(bars) == ["amount_above_limit"]
    assert bars[0].article == "CPL 165"


def test_a_wage_threshold_can_be_passed_directly() -> None:
    zhejiang = WageThreshold("浙", date(2022, 1, 11), Decimal(108_645))
    assert small_claims_bars(plain_facts(claim_amount=Decimal(54_323)), threshold=zhejiang) == []
    assert codes(small_claims_bars(plain_facts(claim_amount=Decimal(54_324)), threshold=zhejiang)) == [
        "amount_above_limit"
    ]


def test_by_agreement_small_claims_reach_twice_the_average_wage() -> None:
    # CPL 165 para 2.
    zhejiang = WageThreshold("浙", date(2022, 1, 11), Decimal(108_645))
    facts = plain_facts(claim_amount=Decimal(217_290))
    assert small_claims_bars(facts, threshold=zhejiang, parties_agree=True) == []
    assert codes(small_claims_bars(facts, threshold=zhejiang)) == ["amount_above_limit"]
    over = plain_facts(claim_amount=Decimal(217_291))
    assert codes(small_claims_bars(over, threshold=zhejiang, parties_agree=True)) == ["amount_above_limit"]


def test_without_a_known_threshold_small_claims_are_barred() -> None:
    bars = small_claims_bars(plain_facts(), threshold=None)
    assert codes(bars) == ["no_threshold"]
    assert "JI 272" in bars[0].article


def test_the_missing_defendant_is_reported_once_for_small_claims() -> None:
    bars = small_claims_bars(plain_facts(defendant_address_known=False), threshold=ZHEJIANG_LIMIT)
    assert codes(bars) == ["defendant_whereabouts_unknown"]
    assert bars[0].article.startswith("CPL 166(4)")
