"""A small-claims case that stops qualifying (CPL 166, 169; JI 278), the bench (CPL 40-42; JI 292), JI 308,
and the basic court's level (CPL 18, 171).

CPL 166: "人民法院审理下列民事案件，不适用小额诉讼的程序：（一）人身关系、财产确权案件；（二）涉外案件；（三）需要评估、
鉴定或者对诉前评估、鉴定结果有异议的案件；（四）一方当事人下落不明的案件；（五）当事人提出反诉的案件；…"
CPL 169: "人民法院在审理过程中，发现案件不宜适用小额诉讼的程序的，应当适用简易程序的其他规定审理或者裁定转为普通程序。"
JI 278: "因当事人申请增加或者变更诉讼请求、提出反诉、追加当事人等，致使案件不符合小额诉讼案件条件的，应当适用简易程序的
其他规定审理。前款规定案件，应当适用普通程序审理的，裁定转为普通程序。"
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from court.rules.enums import Procedure
from court.rules.errors import RuleViolation
from court.rules.procedure import (
    COLLEGIAL,
    SOLE,
    FilingFacts,
    WageThreshold,
    check_case_type_at_court,
    check_panel,
    check_still_small_claims,
    court_level,
    required_move,
    required_panel,
    simple_procedure_bars,
    small_claims_bars,
    small_claims_recheck,
)

ZHEJIANG = WageThreshold("浙", date(2022, 1, 11), Decimal(108_645))  # limit 54,323; by agreement 217,290


def facts(**changes: object) -> FilingFacts:
    base = FilingFacts(cause_code="民间借贷纠纷", claim_amount=Decimal(20_000), plaintiffs=1, defendants=1,
                       third_parties=0, defendant_address_known=True, foreign_related=False,
                       appraisal_requested=False)
    return replace(base, **changes)  # type: ignore[arg-type]


def codes(bars) -> list[str]:
    return [bar.code for bar in bars]


def test_a_counterclaim_moves_the_case_to_simple_procedure() -> None:
    """CPL 166(5) "当事人提出反诉的案件"; JI 278 para 1: "应当适用简易程序的其他规定审理"."""
    counterclaimed = facts(counterclaim=True)
    bars = small_claims_recheck(counterclaimed, threshold=ZHEJIANG)
    assert codes(bars) == ["counterclaim"]
    assert required_move(bars, counterclaimed) == Procedure.SIMPLE


def test_ten_on_a_side_move_the_case_to_ordinary_procedure_by_ruling() -> None:
    """JI 278 para 2 "应当适用普通程序审理的，裁定转为普通程序"; JI 257(3) "当事人一方人数众多的" bars simple too."""
    crowded = facts(counterclaim=True, plaintiffs=10)
    bars = small_claims_recheck(crowded, threshold=ZHEJIANG)
    assert codes(bars) == ["counterclaim", "numerous_parties"]
    assert required_move(bars, crowded) == Procedure.ORDINARY


def test_nothing_moves_without_a_bar() -> None:
    assert small_claims_recheck(facts(), threshold=ZHEJIANG) == []
    assert required_move([], facts()) is None


def test_a_raised_claim_breaks_the_limit_unless_the_parties_agreed() -> None:
    """CPL 165 para 2: "标的额超过…百分之五十但在二倍以下的，当事人双方也可以约定适用小额诉讼的程序"."""
    raised = facts(claim_amount=Decimal(60_000))
    assert codes(small_claims_recheck(raised, threshold=ZHEJIANG)) == ["amount_above_limit"]
    assert small_claims_recheck(raised, threshold=ZHEJIANG, parties_agree=True) == []


def test_an_appraisal_bars_small_claims_on_the_recheck() -> None:
    """CPL 166(3) "需要评估、鉴定…的案件"."""
    assert codes(small_claims_recheck(facts(appraisal_requested=True), threshold=ZHEJIANG)) == ["appraisal"]


def test_a_case_accepted_under_a_threshold_is_not_barred_for_its_lack_later() -> None:
    """The recheck uses the threshold in force on the filing date (JI 272); "no_threshold" is not a new bar."""
    assert small_claims_recheck(facts(), threshold=None) == []
    assert codes(small_claims_bars(facts(), threshold=None)) == ["no_threshold"]


def test_closing_as_small_claims_is_refused_while_a_bar_stands() -> None:
    """CPL 169 "应当适用简易程序的其他规定审理或者裁定转为普通程序"; the article names the bar."""
    check_still_small_claims([])
    with pytest.raises(RuleViolation) as excinfo:
        check_still_small_claims(small_claims_recheck(facts(counterclaim=True), threshold=ZHEJIANG))
    assert excinfo.value.code == "small_claims_no_longer_applies"
    assert "CPL 166(5); JI 278" in excinfo.value.article and "CPL 169" in excinfo.value.article


def test_a_missing_plaintiff_bars_small_claims_but_not_simple_procedure() -> None:
    """CPL 166(4) "一方当事人下落不明的案件": either side; JI 257(1) "起诉时被告下落不明的" only the defendant."""
    missing = facts(plaintiff_address_known=False)
    bars = small_claims_bars(missing, threshold=ZHEJIANG)
    assert [(b.code, b.article) for b in bars] == [("party_whereabouts_unknown", "CPL 166(4)")]
    assert simple_procedure_bars(missing) == []


def test_a_title_case_is_one_reason_not_two() -> None:
    """返还原物纠纷, 8,000: CPL 166(1) "财产确权案件" is the reason; "not a money payment" (CPL 165) is not added."""
    title = facts(claim_amount=Decimal(8_000), personal_status_or_ownership=True, money_payment=False)
    assert codes(small_claims_bars(title, threshold=ZHEJIANG)) == ["personal_status_or_ownership"]


def test_a_mixed_cause_with_other_claims_is_not_a_money_payment() -> None:
    """CPL 165 "简单金钱给付民事案件": a sale claiming delivery."""
    sale = facts(claim_amount=Decimal(8_000), money_payment=False)
    assert codes(small_claims_bars(sale, threshold=ZHEJIANG)) == ["not_money_payment"]


def test_an_execution_objection_suit_is_ordinary() -> None:
    """JI 308: "人民法院审理执行异议之诉案件，适用普通程序。"."""
    suit = facts(execution_objection=True)
    assert [(b.code, b.article) for b in simple_procedure_bars(suit)] == [("execution_objection", "JI 308")]
    assert "execution_objection" in codes(small_claims_bars(suit, threshold=ZHEJIANG))


@pytest.mark.parametrize(
    ("change", "code", "article"),
    [
        # JI 292: "人民法院对第三人撤销之诉案件，应当组成合议庭开庭审理。"
        ({"third_party_revocation": True}, "collegial_third_party_revocation", "JI 292"),
        # CPL 41 para 3: "发回重审的案件，原审人民法院应当按照第一审程序另行组成合议庭。"
        ({"remanded": True}, "collegial_remanded", "CPL 41(3)"),
        # CPL 41 para 4: "审理再审案件，原来是第一审的，按照第一审程序另行组成合议庭"
        ({"retrial": True}, "collegial_retrial", "CPL 41(4)"),
        # CPL 42: "不得由审判员一人独任审理：（一）涉及国家利益、社会公共利益的案件"
        ({"public_interest": True}, "collegial_public_interest", "CPL 42(1)"),
    ],
)
def test_these_cases_need_a_collegial_panel(change: dict, code: str, article: str) -> None:
    case = facts(**change)
    assert required_panel(case, Procedure.ORDINARY)[0] == COLLEGIAL
    check_panel(procedure=Procedure.ORDINARY, panel=COLLEGIAL, facts=case)
    with pytest.raises(RuleViolation) as excinfo:
        check_panel(procedure=Procedure.ORDINARY, panel=SOLE, facts=case)
    assert (excinfo.value.code, excinfo.value.article) == (code, article)


def test_an_ordinary_case_may_have_either_bench() -> None:
    """CPL 40 para 2: "…可以由审判员一人适用普通程序独任审理。"; JI 308 names no bench."""
    assert required_panel(facts(execution_objection=True), Procedure.ORDINARY) is None
    check_panel(procedure=Procedure.ORDINARY, panel=SOLE, facts=facts())
    check_panel(procedure=Procedure.ORDINARY, panel=COLLEGIAL, facts=facts())


@pytest.mark.parametrize("procedure", [Procedure.SIMPLE, Procedure.SMALL_CLAIMS])
def test_simple_procedure_is_heard_by_a_sole_judge(procedure: Procedure) -> None:
    """CPL 40 para 2: "适用简易程序审理的民事案件，由审判员一人独任审理。"."""
    check_panel(procedure=procedure, panel=SOLE, facts=facts())
    with pytest.raises(RuleViolation) as excinfo:
        check_panel(procedure=procedure, panel=COLLEGIAL, facts=facts())
    assert excinfo.value.article == "CPL 40(2); JI 261"


@pytest.mark.parametrize(
    ("code", "level"),
    [("最高法", "supreme"), ("陕", "high"), ("陕01", "intermediate"), ("京73", "intermediate"),
     ("陕0122", "basic"), ("京0491", "basic")],
)
def test_the_level_of_a_court_follows_its_code(code: str, level: str) -> None:
    assert court_level(code) == level


def test_a_basic_court_takes_no_appeal() -> None:
    """CPL 18: "基层人民法院管辖第一审民事案件"; CPL 171: "…向上一级人民法院提起上诉"."""
    with pytest.raises(RuleViolation) as excinfo:
        check_case_type_at_court("民终", "陕0122")
    assert (excinfo.value.code, excinfo.value.article) == ("appeal_at_basic_court", "CPL 18; CPL 171")
    check_case_type_at_court("民终", "陕01")
    check_case_type_at_court("民初", "陕0122")
