"""After the decision: appeal periods per party, the effective day, the enforcement deadline, the complete file."""

from datetime import date

import pytest

from court.rules.after_judgment import (
    FILE_DECISION_NOT_SERVED,
    FILE_NOT_CLOSED,
    FILE_NOT_EFFECTIVE,
    PartyService,
    appeal_period_ends,
    appeal_windows,
    decision_of,
    effective_on,
    enforcement_deadline,
    file_gaps,
    is_final,
)
from court.rules.calendar import WorkdayCalendar

# The dates below are ordinary working days of 2024 unless a test says otherwise (the official calendar).
CAL = WorkdayCalendar()


def test_a_judgment_is_appealed_within_fifteen_days_of_its_own_service_on_each_party() -> None:
    # CPL 171: "当事人不服地方人民法院第一审判决的，有权在判决书送达之日起十五日内向上一级人民法院提起上诉。"
    # JI 244: "可以上诉的判决书、裁定书不能同时送达双方当事人的，上诉期从各自收到判决书、裁定书之日计算。"
    windows = appeal_windows([PartyService("原告", date(2024, 6, 3)), PartyService("被告", date(2024, 6, 5))],
                             mode="judgment", procedure="simple", calendar=CAL)
    assert [w.last_day for w in windows] == [date(2024, 6, 18), date(2024, 6, 20)]
    assert {w.article for w in windows} == {"CPL 171"}


def test_a_ruling_dismissing_the_suit_is_appealed_within_ten_days() -> None:
    # CPL 171: "当事人不服地方人民法院第一审裁定的，有权在裁定书送达之日起十日内向上一级人民法院提起上诉。"
    # CPL 157: "对前款第一项至第三项裁定，可以上诉。" (（三）驳回起诉)
    [window] = appeal_windows([PartyService("原告", date(2024, 6, 3))], mode="dismissal", procedure="simple")
    assert window.last_day == date(2024, 6, 13)


def test_a_party_with_no_domicile_in_china_has_thirty_days() -> None:
    # CPL 286: "在中华人民共和国领域内没有住所的当事人，不服第一审人民法院判决、裁定的，有权在判决书、裁定书送达之日起三十日内提起上诉。"
    [window] = appeal_windows([PartyService("被告", date(2024, 6, 3), no_domicile=True)], mode="judgment",
                              procedure="ordinary")
    assert (window.last_day, window.article) == (date(2024, 7, 3), "CPL 286")


def test_the_last_day_of_an_appeal_period_rolls_over_a_holiday() -> None:
    # CPL 85: "期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期。"
    cal = WorkdayCalendar({date(2024, 6, 18): False})
    [window] = appeal_windows([PartyService("原告", date(2024, 6, 3))], mode="judgment", procedure="simple",
                              calendar=cal)
    assert window.last_day == date(2024, 6, 19)


def test_a_judgment_takes_effect_the_day_after_the_last_appeal_period_ends_without_an_appeal() -> None:
    # CPL 158: "依法不准上诉或者超过上诉期没有上诉的判决、裁定，是发生法律效力的判决、裁定。"
    services = [PartyService("原告", date(2024, 6, 3)), PartyService("被告", date(2024, 6, 5))]
    assert appeal_period_ends(services, mode="judgment", procedure="simple") == date(2024, 6, 20)
    assert effective_on(services, mode="judgment", procedure="simple", decided_on=date(2024, 6, 1)) == date(2024, 6, 21)


def test_no_effect_date_while_a_party_is_unserved_or_after_an_appeal() -> None:
    served = [PartyService("原告", date(2024, 6, 3)), PartyService("被告", None)]
    assert effective_on(served, mode="judgment", procedure="simple", decided_on=date(2024, 6, 1)) is None
    both = [PartyService("原告", date(2024, 6, 3)), PartyService("被告", date(2024, 6, 3))]
    assert effective_on(both, mode="judgment", procedure="simple", decided_on=date(2024, 6, 1), appealed=True) is None


def test_a_small_claims_judgment_is_final_and_effective_on_the_last_service() -> None:
    # CPL 165: "…适用小额诉讼的程序审理，实行一审终审。" JI 271: "人民法院审理小额诉讼案件，适用民事诉讼法第一百六十五条的规定，实行一审终审。"
    services = [PartyService("原告", date(2024, 6, 3)), PartyService("被告", date(2024, 6, 7))]
    assert is_final("judgment", "small_claims")
    assert all(w.last_day is None for w in appeal_windows(services, mode="judgment", procedure="small_claims"))
    assert effective_on(services, mode="judgment", procedure="small_claims", decided_on=date(2024, 6, 1)) == date(2024, 6, 7)


def test_a_small_claims_ruling_dismissing_the_suit_is_effective_once_made() -> None:
    # JI 277: "…发现起诉不符合民事诉讼法第一百二十二条规定的起诉条件的，裁定驳回起诉。裁定一经作出即生效。"
    assert effective_on([PartyService("原告", None)], mode="dismissal", procedure="small_claims",
                        decided_on=date(2024, 6, 1)) == date(2024, 6, 1)


@pytest.mark.parametrize("mode", ["withdrawal", "deemed_withdrawal", "termination"])
def test_rulings_that_cannot_be_appealed_take_effect_on_service(mode) -> None:
    # CPL 157: only "（一）不予受理；（二）对管辖权有异议的；（三）驳回起诉" may be appealed; (五) 撤诉, (六) 终结诉讼 may not.
    assert decision_of(mode) == ("ruling", False)
    services = [PartyService("原告", date(2024, 6, 3)), PartyService("被告", date(2024, 6, 4))]
    assert effective_on(services, mode=mode, procedure="ordinary", decided_on=date(2024, 6, 1)) == date(2024, 6, 4)


def test_a_mediation_document_is_effective_when_the_last_party_signs_for_it() -> None:
    # CPL 100: "调解书经双方当事人签收后，即具有法律效力。"
    services = [PartyService("原告", date(2024, 6, 3)), PartyService("被告", date(2024, 6, 6))]
    assert effective_on(services, mode="mediation", procedure="simple", decided_on=date(2024, 6, 6)) == date(2024, 6, 6)


def test_enforcement_is_applied_for_within_two_years() -> None:
    # CPL 250: "申请执行的期间为二年。" "前款规定的期间，从法律文书规定履行期间的最后一日起计算；…法律文书未规定履行期间的，从法律文书生效之日起计算。"
    assert enforcement_deadline(date(2024, 6, 21)) == date(2026, 6, 21)
    assert enforcement_deadline(date(2024, 6, 21), performance_due=date(2024, 7, 31)) == date(2026, 7, 31)
    assert enforcement_deadline(date(2024, 2, 29)) == date(2026, 2, 28)


def test_the_file_is_complete_when_the_decision_is_served_on_everyone_and_effective() -> None:
    # JI 263: "卷宗中应当具备以下材料：…（八）判决书、裁定书、调解书或者调解协议；（九）送达和宣判笔录；…"
    day = date(2024, 7, 1)
    assert file_gaps(closed=False, unserved=[], effective=None, appealed=False, on=day) == [(FILE_NOT_CLOSED, {})]
    assert file_gaps(closed=True, unserved=["李四"], effective=None, appealed=False, on=day) == [
        (FILE_DECISION_NOT_SERVED, {"parties": "李四"})]
    assert file_gaps(closed=True, unserved=[], effective=date(2024, 7, 2), appealed=False, on=day,
                     last_appeal_day=date(2024, 7, 1))[0][0] == FILE_NOT_EFFECTIVE
    assert file_gaps(closed=True, unserved=[], effective=date(2024, 7, 1), appealed=False, on=day) == []
    # The file went up on appeal (CPL 174): nothing left to wait for here.
    assert file_gaps(closed=True, unserved=[], effective=None, appealed=True, on=day) == []
