"""Small-claims thresholds from the published provincial average wage (CPL 165; JI 272; TL2019 Art. 4)."""

from datetime import date
from decimal import Decimal

import pytest

from court.rules.procedure import WAGE_THRESHOLDS, WageThreshold, threshold_for


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
