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


def test_small_claims_may_continue_under_simple_procedure_within_the_term() -> None:
    """CPL 169 "应当适用简易程序的其他规定审理"; within the small-claims term (CPL 168: "应当在立案之日起两个月内审结"),
    filed 2024-01-10: it ends 2024-03-11 (03-10 is a Sunday)."""
    check_conversion(
        from_procedure="small_claims", to_procedure="simple", on=date(2024, 3, 11), filed_on=FILED, heard=True
    )


def test_small_claims_cannot_become_simple_after_the_term_expired() -> None:
    """JI 281 "人民法院审理小额诉讼案件，本解释没有规定的，适用简易程序的其他规定" with JI 258(2) "应当在审理期限届满前作出
    裁定": the move after 2024-03-11 is refused (it used to be allowed on any date)."""
    with pytest.raises(RuleViolation) as excinfo:
        check_conversion(
            from_procedure="small_claims", to_procedure="simple", on=date(2024, 3, 12), filed_on=FILED, heard=True
        )
    assert excinfo.value.code == "small_claims_term_expired"
    assert excinfo.value.article == "JI 281; JI 258(2); CPL 168"


def test_an_extension_of_the_small_claims_term_lengthens_the_window_to_simple() -> None:
    """CPL 168: "有特殊情况需要延长的，经本院院长批准，可以延长一个月": +1 month ends 2024-04-10."""
    check_conversion(
        from_procedure="small_claims", to_procedure="simple", on=date(2024, 4, 10), filed_on=FILED, heard=True,
        extension_months=1,
    )
    with pytest.raises(RuleViolation):
        check_conversion(
            from_procedure="small_claims", to_procedure="simple", on=date(2024, 4, 11), filed_on=FILED,
            heard=True, extension_months=1,
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
