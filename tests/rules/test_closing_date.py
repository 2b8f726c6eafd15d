"""The closing date: TL2000 Art. 10; JI 243; JI 149."""

from datetime import date

import pytest

from court.rules.errors import RuleViolation
from court.rules.procedure import closing_date


def test_a_judgment_closes_on_pronouncement() -> None:
    assert closing_date(mode="judgment", pronounced_on=date(2024, 3, 1), ruling_on=date(2024, 2, 1)) == date(2024, 3, 1)


def test_a_mediated_case_closes_when_the_last_party_is_served() -> None:
    served = [date(2024, 3, 5), date(2024, 3, 8), date(2024, 3, 6)]
    assert closing_date(mode="mediation", mediation_served_on=served) == date(2024, 3, 8)
    assert closing_date(mode="mediation", mediation_served_on=served, parties=3) == date(2024, 3, 8)


def test_a_mediated_case_needs_every_partys_service_date() -> None:
    with pytest.raises(RuleViolation):
        closing_date(mode="mediation")
    with pytest.raises(RuleViolation) as excinfo:
        closing_date(mode="mediation", mediation_served_on=[date(2024, 3, 5)], parties=2)
    assert excinfo.value.code == "closing_needs_mediation_service"


@pytest.mark.parametrize(
    "mode", ["withdrawal", "deemed_withdrawal", "dismissal", "transfer", "termination", "other"]
)
def test_other_modes_close_on_the_ruling_date(mode: str) -> None:
    assert closing_date(mode=mode, ruling_on=date(2024, 2, 1)) == date(2024, 2, 1)
    with pytest.raises(RuleViolation) as excinfo:
        closing_date(mode=mode, pronounced_on=date(2024, 2, 1))
    assert excinfo.value.code == "closing_needs_ruling"


def test_a_judgment_without_a_pronouncement_date_is_an_error() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        closing_date(mode="judgment", ruling_on=date(2024, 2, 1))
    assert excinfo.value.article == "TL2000 Art. 10"
