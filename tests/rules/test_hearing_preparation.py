"""The answer and evidence periods before a hearing (CPL 128, 285; JI 99, 266, 275), as pure rules.

CPL 128: "被告应当在收到之日起十五日内提出答辩状。"
CPL 285: "被告在中华人民共和国领域内没有住所的，……通知被告在收到起诉状副本后三十日内提出答辩状。"
JI 99: "人民法院应当在审理前的准备阶段确定当事人的举证期限。举证期限可以由当事人协商，并经人民法院准许。
        人民法院确定举证期限，第一审普通程序案件不得少于十五日……"
JI 266: "适用简易程序案件的举证期限由人民法院确定，也可以由当事人协商一致并经人民法院准许，但不得超过十五日。
         被告要求书面答辩的，人民法院可在征得其同意的基础上，合理确定答辩期间。……
         当事人双方均表示不需要举证期限、答辩期间的，人民法院可以立即开庭审理或者确定开庭日期。"
JI 275: "小额诉讼案件的举证期限由人民法院确定，也可以由当事人协商一致并经人民法院准许，但一般不超过七日。
         被告要求书面答辩的，人民法院可以在征得其同意的基础上合理确定答辩期间，但最长不得超过十五日。"
"""

from datetime import date

import pytest

from court.rules import periods
from court.rules.errors import RuleViolation
from court.rules.periods import (
    AnswerPeriod,
    answer_period,
    check_answer_period,
    check_evidence_period,
    check_hearing_after_periods,
    day_period_end,
    evidence_period_bounds,
)

SERVED = date(2024, 3, 1)  # the complaint copy served (a Friday)
EVIDENCE_FROM = date(2024, 3, 4)  # the evidence notice served


def _check(hearing_on: date, *, procedure="ordinary", answers=None, evidence_ends=date(2024, 3, 19), **waived):
    answers = answers if answers is not None else [answer_period(SERVED, procedure=procedure)]
    check_hearing_after_periods(procedure=procedure, hearing_on=hearing_on, answer_periods=answers,
                                evidence_ends=evidence_ends, **waived)


def test_the_ordinary_answer_period_is_fifteen_days_rolled_over_a_weekend() -> None:
    # CPL 128 with CPL 85: 03-16 is a Saturday.
    assert answer_period(SERVED, procedure="ordinary") == AnswerPeriod(date(2024, 3, 18), "CPL 128")


def test_a_defendant_with_no_domicile_in_china_has_thirty_days() -> None:
    # CPL 285: 03-31 is a Sunday.
    assert answer_period(SERVED, procedure="ordinary", no_domicile=True) == AnswerPeriod(date(2024, 4, 1), "CPL 285")


def test_simple_procedure_has_an_answer_period_only_when_the_court_sets_one() -> None:
    # JI 266: "被告要求书面答辩的，人民法院可在征得其同意的基础上，合理确定答辩期间".
    assert answer_period(SERVED, procedure="simple") is None
    assert answer_period(SERVED, procedure="simple", court_set_days=10) == AnswerPeriod(date(2024, 3, 11), "JI 266")
    assert answer_period(SERVED, procedure="small_claims", court_set_days=7).article == "JI 275"
    assert answer_period(None, procedure="ordinary") == AnswerPeriod(None, "CPL 128")


def test_a_hearing_inside_the_evidence_period_is_refused_and_the_day_after_is_allowed() -> None:
    evidence_ends = day_period_end(EVIDENCE_FROM, 15)
    assert evidence_ends == date(2024, 3, 19)
    with pytest.raises(RuleViolation) as err:
        _check(date(2024, 3, 19), evidence_ends=evidence_ends)
    assert (err.value.code, err.value.article) == ("hearing_in_evidence_period", "JI 99")
    _check(date(2024, 3, 20), evidence_ends=evidence_ends)


def test_a_hearing_inside_the_answer_period_is_refused() -> None:
    with pytest.raises(RuleViolation) as err:
        _check(date(2024, 3, 18), evidence_ends=date(2024, 3, 5))
    assert (err.value.code, err.value.article) == ("hearing_in_answer_period", "CPL 128")
    assert err.value.message == periods.HEARING_IN_ANSWER_PERIOD


def test_a_hearing_inside_the_thirty_day_answer_period_of_a_defendant_abroad_is_refused() -> None:
    answers = [answer_period(SERVED, procedure="ordinary"),
               answer_period(SERVED, procedure="ordinary", no_domicile=True)]
    with pytest.raises(RuleViolation) as err:
        _check(date(2024, 3, 25), answers=answers)
    assert (err.value.code, err.value.article) == ("hearing_in_answer_period", "CPL 285")
    _check(date(2024, 4, 2), answers=answers)


def test_under_ordinary_procedure_a_defendant_not_yet_served_holds_the_hearing_back() -> None:
    with pytest.raises(RuleViolation) as err:
        _check(date(2024, 5, 1), answers=[AnswerPeriod(None, "CPL 128")])
    assert (err.value.code, err.value.article) == ("complaint_not_served", "CPL 128")


def test_under_ordinary_procedure_the_evidence_period_must_be_set_before_a_hearing() -> None:
    # JI 99: "人民法院应当在审理前的准备阶段确定当事人的举证期限".
    with pytest.raises(RuleViolation) as err:
        _check(date(2024, 5, 1), evidence_ends=None)
    assert (err.value.code, err.value.article) == ("evidence_period_not_set", "JI 99")
    _check(date(2024, 5, 1), procedure="simple", answers=[], evidence_ends=None)


def test_waived_periods_do_not_hold_the_hearing_back() -> None:
    # JI 266 para 3 (simple) and, as a product convention, ordinary procedure.
    _check(date(2024, 3, 12), procedure="simple", answers=[answer_period(SERVED, procedure="simple",
                                                                          court_set_days=15)],
           answer_waived=True, evidence_waived=True)
    _check(date(2024, 3, 12), answer_waived=True, evidence_waived=True)
    with pytest.raises(RuleViolation) as err:
        _check(date(2024, 3, 12), answer_waived=True)
    assert err.value.code == "hearing_in_evidence_period"


def test_the_evidence_period_in_simple_and_small_claims_uses_their_own_articles() -> None:
    with pytest.raises(RuleViolation) as err:
        _check(date(2024, 3, 10), procedure="simple", answers=[], evidence_ends=date(2024, 3, 10))
    assert err.value.article == "JI 266"
    with pytest.raises(RuleViolation) as err:
        _check(date(2024, 3, 10), procedure="small_claims", answers=[], evidence_ends=date(2024, 3, 11))
    assert err.value.article == "JI 275"


def test_the_evidence_period_bounds_follow_the_procedure() -> None:
    assert evidence_period_bounds("ordinary") == (15, None, False)
    assert evidence_period_bounds("simple") == (None, 15, False)
    assert evidence_period_bounds("small_claims") == (None, 7, True)


def test_an_ordinary_evidence_period_the_court_sets_is_at_least_fifteen_days() -> None:
    # JI 99: "人民法院确定举证期限，第一审普通程序案件不得少于十五日".
    with pytest.raises(RuleViolation) as err:
        check_evidence_period(procedure="ordinary", days=14)
    assert (err.value.code, err.value.article) == ("evidence_period_too_short", "JI 99")
    check_evidence_period(procedure="ordinary", days=15)
    # "举证期限可以由当事人协商，并经人民法院准许": the floor is worded for the period the court sets.
    check_evidence_period(procedure="ordinary", days=10, agreed=True)


def test_a_simple_evidence_period_is_at_most_fifteen_days_even_if_agreed() -> None:
    # JI 266: "……也可以由当事人协商一致并经人民法院准许，但不得超过十五日".
    for agreed in (False, True):
        with pytest.raises(RuleViolation) as err:
            check_evidence_period(procedure="simple", days=20, agreed=agreed, reason="证据较多")
        assert (err.value.code, err.value.article) == ("evidence_period_too_long", "JI 266")
    check_evidence_period(procedure="simple", days=15)


def test_a_small_claims_evidence_period_beyond_seven_days_needs_a_reason() -> None:
    # JI 275: "一般不超过七日".
    check_evidence_period(procedure="small_claims", days=7)
    with pytest.raises(RuleViolation) as err:
        check_evidence_period(procedure="small_claims", days=10)
    assert (err.value.code, err.value.article) == ("evidence_period_too_long", "JI 275")
    check_evidence_period(procedure="small_claims", days=10, reason="被告在外地，需调取银行流水")


def test_an_evidence_period_is_at_least_one_day() -> None:
    with pytest.raises(RuleViolation) as err:
        check_evidence_period(procedure="simple", days=0)
    assert err.value.code == "evidence_period_days"


def test_the_court_sets_an_answer_period_only_under_simple_procedure_and_small_claims() -> None:
    with pytest.raises(RuleViolation) as err:
        check_answer_period(procedure="ordinary", days=15)
    assert err.value.code == "answer_period_by_law"
    check_answer_period(procedure="simple", days=20)  # JI 266: "合理确定", no maximum in the text
    check_answer_period(procedure="small_claims", days=15)
    with pytest.raises(RuleViolation) as err:
        check_answer_period(procedure="small_claims", days=16)  # JI 275: "最长不得超过十五日"
    assert (err.value.code, err.value.article) == ("answer_period_too_long", "JI 275")
    with pytest.raises(RuleViolation):
        check_answer_period(procedure="simple", days=0)
