"""Changing procedure: CPL 160, 169, 170; JI 258, 260, 264; SPR Art. 2."""

from datetime import date

import pytest

from court.rules.errors import RuleViolation
from court.rules.procedure import check_conversion

FILED = date(2024, 1, 10)  # simple term ends 2024-04-10, small-claims term 2024-03-11 (03-10 is a Sunday)


def test_simple_becomes_ordinary_up_to_the_last_day_of_the_term() -> None:
    check_conversion(
        from_procedure="simple", to_procedure="ordinary", on=date(2024, 4, 10), filed_on=FILED, heard=True
    )


def test_simple_cannot_become_ordinary_after_the_term_expires() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_conversion(
            from_procedure="simple", to_procedure="ordinary", on=date(2024, 4, 11), filed_on=FILED, heard=True
        )
    assert excinfo.value.code == "simple_term_expired"
    assert "JI 258(2)" in excinfo.value.article


def test_excluded_days_and_extensions_lengthen_the_conversion_window() -> None:
    check_conversion(
        from_procedure="simple", to_procedure="ordinary", on=date(2024, 5, 10), filed_on=FILED, heard=True,
        extension_months=1,
    )
    check_conversion(
        from_procedure="simple", to_procedure="ordinary", on=date(2024, 4, 15), filed_on=FILED, heard=True,
        excluded=3,
    )


def test_small_claims_become_ordinary_only_within_the_small_claims_term() -> None:
    check_conversion(
        from_procedure="small_claims", to_procedure="ordinary", on=date(2024, 3, 11), filed_on=FILED, heard=False
    )
    with pytest.raises(RuleViolation):
        check_conversion(
            from_procedure="small_claims", to_procedure="ordinary", on=date(2024, 3, 12), filed_on=FILED, heard=False
        )


def test_small_claims_may_continue_under_simple_procedure() -> None:
    # CPL 169.
    check_conversion(
        from_procedure="small_claims", to_procedure="simple", on=date(2024, 5, 1), filed_on=FILED, heard=True
    )


def test_ordinary_never_becomes_simple_after_a_hearing() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_conversion(
            from_procedure="ordinary", to_procedure="simple", on=date(2024, 2, 1), filed_on=FILED, heard=True,
            parties_agree=True,
        )
    assert excinfo.value.article == "JI 260"


def test_ordinary_becomes_simple_before_a_hearing_only_by_agreement() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_conversion(
            from_procedure="ordinary", to_procedure="simple", on=date(2024, 2, 1), filed_on=FILED, heard=False
        )
    assert excinfo.value.code == "ordinary_to_simple_needs_agreement"
    check_conversion(
        from_procedure="ordinary", to_procedure="simple", on=date(2024, 2, 1), filed_on=FILED, heard=False,
        parties_agree=True,
    )


@pytest.mark.parametrize("procedure", ["small_claims", "simple", "ordinary"])
def test_converting_to_the_same_procedure_is_an_error(procedure: str) -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_conversion(
            from_procedure=procedure, to_procedure=procedure, on=date(2024, 2, 1), filed_on=FILED, heard=False
        )
    assert excinfo.value.code == "same_procedure"


@pytest.mark.parametrize("source", ["simple", "ordinary"])
def test_no_case_is_converted_into_small_claims(source: str) -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_conversion(
            from_procedure=source, to_procedure="small_claims", on=date(2024, 2, 1), filed_on=FILED, heard=False,
            parties_agree=True,
        )
    assert excinfo.value.code == "no_conversion_into_small_claims"
