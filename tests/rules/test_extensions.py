"""Term extensions: CPL 152, 164, 168; JI 258(1); TL2000 Art. 2; TL2019 Art. 1."""

from datetime import date

import pytest

from court.rules.enums import ApproverLevel
from court.rules.errors import RuleViolation
from court.rules.terms import check_extension, check_extension_timing

PRESIDENT = ApproverLevel.PRESIDENT
HIGHER = ApproverLevel.HIGHER_COURT


@pytest.mark.parametrize("procedure", ["simple", "small_claims"])
def test_the_president_may_extend_a_simple_or_small_claims_term_by_one_month(procedure: str) -> None:
    check_extension(procedure=procedure, granted=[], months=1, approver=PRESIDENT)


@pytest.mark.parametrize("procedure", ["simple", "small_claims"])
def test_a_simple_or_small_claims_term_cannot_grow_beyond_one_extra_month(procedure: str) -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_extension(procedure=procedure, granted=[], months=2, approver=PRESIDENT)
    assert excinfo.value.code == "extension_cap"
    with pytest.raises(RuleViolation):
        check_extension(procedure=procedure, granted=[(1, PRESIDENT)], months=1, approver=PRESIDENT)


def test_a_simple_term_extension_is_not_for_the_higher_court() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_extension(procedure="simple", granted=[], months=1, approver=HIGHER)
    assert excinfo.value.code == "extension_by_president"
    assert "CPL 164" in excinfo.value.article


def test_the_president_may_extend_an_ordinary_term_by_up_to_six_months() -> None:
    check_extension(procedure="ordinary", granted=[], months=6, approver=PRESIDENT)
    check_extension(procedure="ordinary", granted=[], months=2, approver=PRESIDENT)
    with pytest.raises(RuleViolation) as excinfo:
        check_extension(procedure="ordinary", granted=[], months=7, approver=PRESIDENT)
    assert excinfo.value.article == "CPL 152"


def test_a_further_ordinary_extension_goes_to_the_higher_court() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_extension(procedure="ordinary", granted=[(3, PRESIDENT)], months=3, approver=PRESIDENT)
    assert excinfo.value.code == "extension_by_higher_court"
    check_extension(procedure="ordinary", granted=[(6, PRESIDENT)], months=3, approver=HIGHER)


def test_the_higher_court_cannot_act_before_the_president() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_extension(procedure="ordinary", granted=[], months=3, approver=HIGHER)
    assert excinfo.value.code == "extension_by_president"


def test_the_higher_court_adds_at_most_three_months_so_fifteen_in_all() -> None:
    # TL2000 Art. 2: "可以再延长三个月".
    with pytest.raises(RuleViolation) as excinfo:
        check_extension(procedure="ordinary", granted=[(6, PRESIDENT)], months=4, approver=HIGHER)
    assert excinfo.value.article == "TL2000 Art. 2"
    check_extension(procedure="ordinary", granted=[(6, PRESIDENT), (2, HIGHER)], months=1, approver=HIGHER)
    with pytest.raises(RuleViolation):
        check_extension(procedure="ordinary", granted=[(6, PRESIDENT), (2, HIGHER)], months=2, approver=HIGHER)


@pytest.mark.parametrize("months", [0, -1])
def test_an_extension_is_for_at_least_one_month(months: int) -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_extension(procedure="ordinary", granted=[], months=months, approver=PRESIDENT)
    assert excinfo.value.code == "extension_months_positive"


def test_an_extension_is_applied_for_at_least_fifteen_days_before_expiry() -> None:
    check_extension_timing(applied_on=date(2024, 3, 26), normal_or_current_deadline=date(2024, 4, 10))
    with pytest.raises(RuleViolation) as excinfo:
        check_extension_timing(applied_on=date(2024, 3, 27), normal_or_current_deadline=date(2024, 4, 10))
    assert excinfo.value.article == "TL2019 Art. 1"
