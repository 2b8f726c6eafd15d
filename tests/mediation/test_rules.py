"""The pure mediation rules (court/rules/mediation.py) against the words of OMR 10, 24, 26 and CPL 205."""

from __future__ import annotations

from datetime import date

from court.rules import mediation as rule
from court.rules.calendar import WorkdayCalendar


def test_omr_10_the_mediator_is_named_within_three_working_days():
    # OMR 10: "人民法院应当在收到当事人在线调解申请后三个工作日内指定调解组织或者调解员"
    assert rule.assignment_due(date(2024, 3, 1), calendar=WorkdayCalendar()) == date(2024, 3, 6)  # Fri → Wed


def test_omr_24_thirty_days_from_acceptance_unless_all_agree_longer():
    # OMR 24: "立案前在线调解期限为三十日。各方当事人同意延长的，不受此限。"
    start = date(2024, 3, 4)
    assert rule.pre_filing_due(start, calendar=WorkdayCalendar()) == date(2024, 4, 3)
    assert rule.pre_filing_due(start, agreed_until=date(2024, 5, 10), calendar=WorkdayCalendar()) == date(2024, 5, 10)


def test_omr_26_appraisal_days_are_not_counted():
    # OMR 26: "鉴定评估期限不计入调解期限"
    start = date(2024, 3, 4)
    assert rule.pre_filing_due(start, paused_days=10, calendar=WorkdayCalendar()) == date(2024, 4, 15)  # 13th a Sat


def test_omr_24_after_filing_fifteen_ordinary_seven_simple():
    # OMR 24: "适用普通程序的调解期限为十五日，适用简易程序的调解期限为七日"
    assert rule.in_case_due(date(2024, 3, 1), "ordinary") == date(2024, 3, 16)
    assert rule.in_case_due(date(2024, 3, 1), "simple") == date(2024, 3, 8)


def test_cpl_205_thirty_days_to_apply_for_confirmation():
    # CPL 205: "由双方当事人自调解协议生效之日起三十日内，共同向下列人民法院提出"
    assert rule.confirmation_apply_by(date(2024, 3, 10), calendar=WorkdayCalendar()) == date(2024, 4, 9)


def test_suggestion_prefers_the_village_then_the_town_then_the_county_and_the_lighter_load():
    c = rule.Candidate
    candidates = [
        c(1, "court", open_mediations=0),
        c(2, "judicial_office", town="蓝关街道", open_mediations=3),
        c(3, "village_elder", town="蓝关街道", village="鹿塬村", open_mediations=5),
        c(4, "village_elder", town="蓝关街道", village="鹿塬村", open_mediations=1),
        c(5, "village_elder", town="汤峪镇", village="塘子村", open_mediations=0),
        c(6, "mediation_committee", town="蓝关街道", village="鹿塬村", open_mediations=0),
    ]
    ranked = rule.suggest_mediators(candidates, town="蓝关街道", village="鹿塬村")
    assert [s.mediator_id for s in ranked] == [4, 3, 6, 2, 1]  # no one from another village
    assert [s.reason for s in ranked] == ["village", "village", "village", "town", "county"]
    assert [s.mediator_id for s in rule.suggest_mediators(candidates)] == [1]
