"""Small-claims thresholds from the published provincial average wage (CPL 165; JI 272; TL2019 Art. 4)."""

from datetime import date
from decimal import Decimal

import pytest

from court.rules.procedure import (
    WAGE_THRESHOLDS,
    FilingFacts,
    WageThreshold,
    small_claims_bars,
    small_claims_regime,
    threshold_for,
    threshold_is_stale,
)


@pytest.mark.parametrize(
    ("province", "small_claims", "by_agreement"),
    [("浙", Decimal(54_323), Decimal(217_290)), ("苏", Decimal(51_811), Decimal(207_242))],
)
def test_the_shipped_thresholds_reproduce_the_published_limits(
    province: str, small_claims: Decimal, by_agreement: Decimal
) -> None:
    threshold = threshold_for(WAGE_THRESHOLDS, province, date(2022, 6, 1))
    assert threshold is not None
    assert threshold.small_claims_limit == small_claims
    assert threshold.simple_mandatory_limit == by_agreement


def test_the_latest_threshold_in_force_on_the_date_applies() -> None:
    table = [
        WageThreshold("浙", date(2022, 1, 11), Decimal(108_645)),
        WageThreshold("浙", date(2023, 2, 1), Decimal(120_000)),
        WageThreshold("苏", date(2023, 3, 1), Decimal(110_000)),
    ]
    assert threshold_for(table, "浙", date(2023, 1, 31)) == table[0]
    assert threshold_for(table, "浙", date(2023, 2, 1)) == table[1]
    assert threshold_for(table, "浙", date(2022, 1, 10)) is None
    assert threshold_for(table, "苏", date(2023, 2, 1)) is None
    assert threshold_for(table, "陕", date(2024, 1, 1)) is None


def _claim(amount: int) -> FilingFacts:
    return FilingFacts(cause_code="民间借贷纠纷", claim_amount=Decimal(amount), plaintiffs=1, defendants=1,
                       third_parties=0, defendant_address_known=True, foreign_related=False,
                       appraisal_requested=False)


def test_a_case_filed_before_2022_is_judged_by_the_30_percent_limit() -> None:
    """CPL 2017 art. 162: "标的额为各省、自治区、直辖市上年度就业人员年平均工资百分之三十以下的，实行一审终审"; the
    2021 amendment (in force 2022-01-01, CPL 165) raised it to "百分之五十". Wage 100,000, claim 35,000."""
    wage = WageThreshold("浙", date(2020, 1, 1), Decimal(100_000))
    before = small_claims_bars(_claim(35_000), threshold=wage, filed_on=date(2021, 6, 1))
    assert [(b.code, b.article) for b in before] == [("amount_above_limit", "CPL 2017 art. 162")]
    assert small_claims_bars(_claim(30_000), threshold=wage, filed_on=date(2021, 6, 1)) == []
    assert small_claims_bars(_claim(35_000), threshold=wage, filed_on=date(2022, 3, 1)) == []
    assert small_claims_bars(_claim(35_000), threshold=wage) == []  # no date: today's law


def test_before_2022_there_were_no_small_claims_by_agreement() -> None:
    """CPL 165 para 2 ("当事人双方也可以约定适用小额诉讼的程序") is new in the 2021 amendment."""
    wage = WageThreshold("浙", date(2020, 1, 1), Decimal(100_000))
    assert small_claims_regime(date(2021, 12, 31)).agreement_multiple is None
    barred = small_claims_bars(_claim(60_000), threshold=wage, parties_agree=True, filed_on=date(2021, 6, 1))
    assert [b.code for b in barred] == ["amount_above_limit"]
    assert small_claims_bars(_claim(60_000), threshold=wage, parties_agree=True, filed_on=date(2022, 1, 1)) == []


def test_a_bare_limit_follows_the_law_of_the_filing_date_too() -> None:
    """A 50% limit of 50,000 is a wage of 100,000, so 30% is 30,000."""
    assert small_claims_bars(_claim(30_000), threshold=Decimal(50_000), filed_on=date(2021, 6, 1)) == []
    assert [b.code for b in small_claims_bars(_claim(30_001), threshold=Decimal(50_000),
                                              filed_on=date(2021, 6, 1))] == ["amount_above_limit"]


def test_an_old_wage_figure_is_stale_but_still_applies() -> None:
    """JI 272: "…是指已经公布的…上一年度就业人员年平均工资。在上一年度就业人员年平均工资公布前，以已经公布的最近年度就业
    人员年平均工资为准。" — a warning, not a bar: 506 days after 2022-01-11 a newer figure is overdue."""
    zhejiang = WAGE_THRESHOLDS[0]
    assert threshold_is_stale(zhejiang, date(2023, 6, 1))
    assert not threshold_is_stale(zhejiang, date(2022, 12, 1))
    assert threshold_for(WAGE_THRESHOLDS, "浙", date(2023, 6, 1)) == zhejiang
