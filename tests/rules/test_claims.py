"""The nature of a case's claims, for small claims (CPL 165, CPL 166(1)).

CPL 165 (para 1): "基层人民法院和它派出的法庭审理事实清楚、权利义务关系明确、争议不大的简单金钱给付民事案件，
标的额为各省、自治区、直辖市上年度就业人员年平均工资百分之五十以下的，适用小额诉讼的程序审理，实行一审终审。"
CPL 166: "人民法院审理下列民事案件，不适用小额诉讼的程序：（一）人身关系、财产确权案件；…"
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from court.rules.claims import ClaimFacts, ClaimNature, asks_money_claim_only, claim_facts
from court.rules.procedure import FilingFacts, WageThreshold, small_claims_bars

CATALOGUE = Path(__file__).resolve().parents[2] / "court" / "cases" / "data" / "causes_2020.json"
ZHEJIANG = WageThreshold("浙", date(2022, 1, 11), Decimal(108_645))


def natures() -> dict[str, str]:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return {row["name"]: row["claim_nature"] for row in data["causes"]}


def facts_for(cause: str, amount: int, money_claim_only: bool | None = None) -> FilingFacts:
    status_or_title, money = claim_facts(natures()[cause], money_claim_only, Decimal(amount))
    return FilingFacts(
        cause_code=cause, claim_amount=Decimal(amount), plaintiffs=1, defendants=1, third_parties=0,
        defendant_address_known=True, foreign_related=False, appraisal_requested=False,
        personal_status_or_ownership=status_or_title, money_payment=money,
    )


def codes(facts: FilingFacts) -> list[str]:
    return [bar.code for bar in small_claims_bars(facts, threshold=ZHEJIANG)]


def test_every_catalogue_nature_is_known() -> None:
    assert set(natures().values()) <= set(ClaimNature)


@pytest.mark.parametrize("cause", ["离婚纠纷", "确认亲子关系纠纷"])
def test_personal_status_is_cpl_166_1_whatever_the_amount(cause: str) -> None:
    """CPL 166(1) "人身关系…案件": no small claims, even with a money figure attached."""
    assert claim_facts(natures()[cause], None, Decimal(8_000)) == ClaimFacts(True, False)
    assert "personal_status_or_ownership" in codes(facts_for(cause, 8_000))


@pytest.mark.parametrize("cause", ["返还原物纠纷", "法定继承纠纷", "共有纠纷", "物权确认纠纷", "离婚后财产纠纷"])
def test_property_title_is_cpl_166_1_and_not_a_money_payment(cause: str) -> None:
    """CPL 166(1) "财产确权案件"; 返还原物 is not "金钱给付" (CPL 165) either. Any amount (it is the
    value of the property) does not make it a money claim: the old `amount > 0` rule did."""
    facts = facts_for(cause, 8_000)
    assert (facts.personal_status_or_ownership, facts.money_payment) == (True, False)
    assert "personal_status_or_ownership" in codes(facts)


def test_a_money_cause_is_a_money_payment() -> None:
    """CPL 165 "简单金钱给付民事案件": 民间借贷 of 8,000 in 浙 2022 has no bar."""
    assert claim_facts("money", None, Decimal(8_000)) == ClaimFacts(False, True)
    assert codes(facts_for("民间借贷纠纷", 8_000)) == []


def test_a_mixed_cause_follows_the_cases_own_claims() -> None:
    """A sale (买卖合同纠纷) claiming delivery of goods is not "金钱给付" (CPL 165); claiming only the price is."""
    assert codes(facts_for("买卖合同纠纷", 8_000, money_claim_only=False)) == ["not_money_payment"]
    assert codes(facts_for("买卖合同纠纷", 8_000, money_claim_only=True)) == []


def test_an_unknown_mixed_case_falls_back_to_the_amount() -> None:
    """Legacy rows do not say whether every claim is for money: the amount decides, as before."""
    assert claim_facts("mixed", None, Decimal(8_000)) == ClaimFacts(False, True)
    assert claim_facts("mixed", None, Decimal(0)) == ClaimFacts(False, False)
    assert claim_facts(None, None, "30000") == ClaimFacts(False, True)
    assert claim_facts("", None, "not a number") == ClaimFacts(False, False)


def test_money_claim_only_does_not_override_the_cause() -> None:
    """A title case stays CPL 166(1) even if someone ticks "every claim is for money"; a money cause needs
    no answer."""
    assert claim_facts("title", True, Decimal(8_000)) == ClaimFacts(True, False)
    assert claim_facts("money", False, Decimal(8_000)) == ClaimFacts(False, True)


@pytest.mark.parametrize("nature", ["non_contentious", "special_suit"])
def test_special_procedures_and_suits_are_not_money_payments(nature: str) -> None:
    assert claim_facts(nature, True, Decimal(8_000)) == ClaimFacts(False, False)


def test_only_mixed_causes_ask_whether_every_claim_is_for_money() -> None:
    assert [n for n in ClaimNature if asks_money_claim_only(n)] == [ClaimNature.MIXED]

