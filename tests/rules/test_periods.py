"""Statutory periods counted in days: start the next day (JI 125), roll over a holiday (CPL 85)."""

from datetime import date

import pytest

from court.rules.calendar import WorkdayCalendar
from court.rules.errors import RuleViolation
from court.rules.periods import (
    answer_due,
    appeal_due,
    check_adjournment,
    check_hearing_gap,
    check_hearing_notice,
    complaint_service_due,
    fee_payment_due,
    filing_decision_due,
    hearing_notice_latest,
    publication_effective,
)


def test_the_filing_decision_is_due_seven_days_after_receipt() -> None:
    # CPL 126; REG2015 Art. 8.
    assert filing_decision_due(date(2024, 4, 10)) == date(2024, 4, 17)


def test_the_filing_period_restarts_the_day_after_corrected_materials_arrive() -> None:
    # JI 126; OLR 9(2).
    assert filing_decision_due(date(2024, 4, 1), corrected_on=date(2024, 4, 12)) == date(2024, 4, 19)


def test_a_filing_decision_due_on_national_day_rolls_over() -> None:
    assert filing_decision_due(date(2023, 9, 26)) == date(2023, 10, 7)


@pytest.mark.parametrize(
    ("suit_kind", "due"),
    [
        ("", date(2024, 3, 8)),  # REG2015 Art. 8(1): "应当在收到起诉状之日起七日内决定是否立案"
        ("third_party_revocation", date(2024, 4, 1)),  # Art. 8(3) "三十日内": 03-31 is a Sunday
        ("execution_objection", date(2024, 3, 18)),  # Art. 8(4) "十五日内": 03-16 is a Saturday
    ],
)
def test_the_filing_decision_period_depends_on_the_kind_of_suit(suit_kind: str, due: date) -> None:
    # REG2015 Art. 8: "（三）对第三人撤销之诉，应当在收到起诉状之日起三十日内决定是否立案；（四）对执行异议之诉，
    # 应当在收到起诉状之日起十五日内决定是否立案"
    assert filing_decision_due(date(2024, 3, 1), suit_kind=suit_kind) == due


def test_an_unknown_kind_of_suit_has_no_filing_decision_period() -> None:
    with pytest.raises(ValueError):
        filing_decision_due(date(2024, 3, 1), suit_kind="retrial")


def test_a_filing_decision_uses_the_given_calendar() -> None:
    calendar = WorkdayCalendar({date(2024, 4, 17): False})
    assert filing_decision_due(date(2024, 4, 10), calendar=calendar) == date(2024, 4, 18)


def test_the_complaint_copy_is_sent_within_five_days_of_filing() -> None:
    # CPL 128: 2024-04-15 is a Monday.
    assert complaint_service_due(date(2024, 4, 10)) == date(2024, 4, 15)


def test_the_answer_is_due_fifteen_days_after_service() -> None:
    assert answer_due(date(2024, 4, 10)) == date(2024, 4, 25)  # CPL 128


def test_a_defendant_without_a_domicile_in_china_has_thirty_days_to_answer() -> None:
    # CPL 285: "被告在中华人民共和国领域内没有住所的，……通知被告在收到起诉状副本后三十日内提出答辩状"
    assert answer_due(date(2024, 4, 10), no_domicile=True) == date(2024, 5, 10)


def test_an_answer_due_on_labour_day_rolls_to_the_next_working_day() -> None:
    assert answer_due(date(2024, 4, 16)) == date(2024, 5, 6)


def test_the_hearing_notice_is_due_three_days_before_the_hearing() -> None:
    assert hearing_notice_latest(date(2024, 4, 15)) == date(2024, 4, 12)  # CPL 139


def test_a_late_hearing_notice_violates_ordinary_procedure() -> None:
    check_hearing_notice(date(2024, 4, 12), date(2024, 4, 15), "ordinary")
    with pytest.raises(RuleViolation) as excinfo:
        check_hearing_notice(date(2024, 4, 13), date(2024, 4, 15), "ordinary")
    assert excinfo.value.article == "CPL 139"


@pytest.mark.parametrize("procedure", ["simple", "small_claims"])
def test_simple_procedure_is_not_bound_by_the_three_day_notice(procedure: str) -> None:
    check_hearing_notice(date(2024, 4, 15), date(2024, 4, 15), procedure)  # CPL 163


def test_publication_takes_effect_thirty_days_after_it() -> None:
    # CPL 95: 2024-03-31 is a Sunday.
    assert publication_effective(date(2024, 3, 1)) == date(2024, 4, 1)
    assert publication_effective(date(2024, 3, 1), roll_over=False) == date(2024, 3, 31)


def test_publication_on_a_party_with_no_domicile_in_china_takes_effect_sixty_days_after_it() -> None:
    # CPL 283 (对在中华人民共和国领域内没有住所的当事人送达): "公告送达，自发出公告之日起，经过六十日，即视为送达"
    assert publication_effective(date(2024, 3, 1), no_domicile=True) == date(2024, 4, 30)


@pytest.mark.parametrize(
    ("against", "no_domicile", "due"),
    [
        ("judgment", False, date(2024, 4, 25)),  # CPL 171: 15 days
        ("ruling", False, date(2024, 4, 22)),  # CPL 171: 10 days → Saturday 04-20 → Monday
        ("judgment", True, date(2024, 5, 10)),  # CPL 286: 30 days
        ("ruling", True, date(2024, 5, 10)),
    ],
)
def test_the_appeal_period_depends_on_the_decision_and_the_domicile(
    against: str, no_domicile: bool, due: date
) -> None:
    assert appeal_due(date(2024, 4, 10), against=against, no_domicile=no_domicile) == due  # type: ignore[arg-type]


def test_an_appeal_lies_only_against_a_judgment_or_a_ruling() -> None:
    with pytest.raises(ValueError):
        appeal_due(date(2024, 4, 10), against="decision")  # type: ignore[arg-type]


def test_the_case_fee_is_due_seven_days_after_the_notice() -> None:
    assert fee_payment_due(date(2024, 4, 10)) == date(2024, 4, 17)  # FEE 22


@pytest.mark.parametrize(
    ("procedure", "allowed"), [("ordinary", 2), ("simple", 1), ("small_claims", 1)]  # TL2019 Art. 3
)
def test_adjournments_are_limited_by_procedure(procedure: str, allowed: int) -> None:
    for so_far in range(allowed):
        check_adjournment(procedure=procedure, adjournments_so_far=so_far)
    with pytest.raises(RuleViolation) as excinfo:
        check_adjournment(procedure=procedure, adjournments_so_far=allowed)
    assert excinfo.value.article == "TL2019 Art. 3"


def test_two_hearings_may_be_at_most_one_month_apart() -> None:
    # TL2019 Art. 5; one month from 01-31 ends on 02-29 (Civil Code art. 202).
    check_hearing_gap(date(2024, 1, 31), date(2024, 2, 29))
    with pytest.raises(RuleViolation) as excinfo:
        check_hearing_gap(date(2024, 1, 31), date(2024, 3, 1))
    assert excinfo.value.article == "TL2019 Art. 5"


def test_a_longer_gap_is_allowed_for_force_majeure_or_by_agreement() -> None:
    check_hearing_gap(date(2024, 1, 31), date(2024, 4, 1), force_majeure=True)
    check_hearing_gap(date(2024, 1, 31), date(2024, 4, 1), parties_agree=True)


def test_the_next_hearing_cannot_precede_the_previous_one() -> None:
    with pytest.raises(ValueError):
        check_hearing_gap(date(2024, 2, 1), date(2024, 1, 31))


def test_a_day_period_ending_in_a_year_without_a_calendar_is_not_rolled_over():
    from datetime import date

    from court.rules.calendar import WorkdayCalendar
    from court.rules.periods import day_period_end

    unknown = max(WorkdayCalendar().known_years()) + 1
    assert day_period_end(date(unknown, 1, 1), 5) == date(unknown, 1, 6)
