"""What bars a procedure or a bench at acceptance, and what a basic court does not file.

JI 257: "下列案件，不适用简易程序：(一)起诉时被告下落不明的；(二)发回重审的；(三)当事人一方人数众多的；(四)适用审判监督
程序的；(五)涉及国家利益、社会公共利益的；(六)第三人起诉请求改变或者撤销生效判决、裁定、调解书的；…"
JI 308: "人民法院审理执行异议之诉案件，适用普通程序。"
JI 292: "人民法院对第三人撤销之诉案件，应当组成合议庭开庭审理。"
CPL 40 (para 2): "适用简易程序审理的民事案件，由审判员一人独任审理。…"
CPL 41 (paras 3-4): "发回重审的案件，原审人民法院应当按照第一审程序另行组成合议庭。审理再审案件，原来是第一审的，按照第一审
程序另行组成合议庭；…"
CPL 42: "人民法院审理下列民事案件，不得由审判员一人独任审理：（一）涉及国家利益、社会公共利益的案件；…"
CPL 165: "…简单金钱给付民事案件…"; CPL 166: "（一）人身关系、财产确权案件；…（四）一方当事人下落不明的案件；…"
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.models import Case, Cause, Panel, Party, Procedure
from court.cases.services import CaseRuleError, FilingInput, PartyInput
from court.org.models import Court
from court.rules import procedure as rules

from .conftest import fresh, last_event

RECEIVED, FILED = date(2024, 2, 28), date(2024, 3, 1)


def _file(court, cause_name: str = "民间借贷纠纷", *, amount: Decimal = Decimal(20_000), plaintiff_known: bool = True,
          **kwargs) -> Case:
    parties = [PartyInput(side=Party.Side.PLAINTIFF, name="张三", address_known=plaintiff_known),
               PartyInput(side=Party.Side.DEFENDANT, name="李四")]
    filing = FilingInput(cause=Cause.objects.filter(name=cause_name, catalogue__version="2025").order_by("-level").first(), claim_amount=amount, parties=parties, **kwargs)
    return services.case_submit(court=court, filing=filing, actor=None, on=RECEIVED)


def _accept(case, officer, procedure, **kwargs) -> Case:
    return services.case_accept(case=case, actor=officer, procedure=procedure, on=FILED, **kwargs)


def _refused(case, officer, procedure, **kwargs) -> CaseRuleError:
    with pytest.raises(CaseRuleError) as err:
        _accept(case, officer, procedure, **kwargs)
    return err.value


def test_an_execution_objection_suit_is_only_ordinary(court, filing_officer):
    """JI 308 (both the outsider's and the creditor's suit, JI 303-304)."""
    case = _file(court, "案外人执行异议之诉", amount=Decimal(30_000), suit_kind="execution_objection")
    assert _refused(case, filing_officer, Procedure.SIMPLE).article == "JI 308"
    assert "JI 308" in [b.article for b in services.procedure_bars(case, Procedure.SMALL_CLAIMS, FILED)]
    with pytest.raises(CaseRuleError):
        _accept(case, filing_officer, Procedure.SMALL_CLAIMS)
    _accept(case, filing_officer, Procedure.ORDINARY)
    assert fresh(case).procedure == Procedure.ORDINARY


def test_a_third_party_revocation_suit_is_ordinary_and_collegial(court, filing_officer):
    case = _file(court, "第三人撤销之诉", suit_kind="third_party_revocation")
    assert _refused(case, filing_officer, Procedure.SIMPLE).article == "JI 257(6)"
    err = _refused(case, filing_officer, Procedure.ORDINARY, panel=Panel.SOLE)
    assert (err.code, err.article) == ("collegial_third_party_revocation", "JI 292")
    _accept(case, filing_officer, Procedure.ORDINARY, panel=Panel.COLLEGIAL)
    assert fresh(case).panel == Panel.COLLEGIAL


def test_without_a_bench_named_the_one_the_law_requires_is_set(court, filing_officer):
    case = _file(court, remanded=True, original_case_number="（2023）陕0122民初88号")
    _accept(case, filing_officer, Procedure.ORDINARY)
    assert fresh(case).panel == Panel.COLLEGIAL and last_event(case).payload["panel"] == Panel.COLLEGIAL


@pytest.mark.parametrize(
    ("facts", "bar", "bench"),
    [({"remanded": True}, "JI 257(2)", "CPL 41(3)"),
     ({"retrial": True}, "JI 257(4)", "CPL 41(4)"),
     ({"public_interest": True}, "JI 257(5)", "CPL 42(1)")],
)
def test_remand_retrial_and_public_interest_bar_simple_procedure_and_a_sole_judge(court, filing_officer, facts, bar,
                                                                                    bench):
    case = _file(court, **facts)
    assert _refused(case, filing_officer, Procedure.SIMPLE).article == bar
    assert _refused(case, filing_officer, Procedure.SMALL_CLAIMS).article == bar
    assert _refused(case, filing_officer, Procedure.ORDINARY, panel=Panel.SOLE).article == bench


def test_simple_procedure_is_not_heard_by_a_collegial_panel(court, filing_officer):
    """CPL 40(2); JI 261: "适用简易程序审理案件，由审判员独任审判"."""
    case = _file(court)
    err = _refused(case, filing_officer, Procedure.SIMPLE, panel=Panel.COLLEGIAL)
    assert (err.code, err.article, err.text) == ("simple_is_sole_judge", "CPL 40(2); JI 261", rules.SIMPLE_IS_SOLE_JUDGE)
    _accept(case, filing_officer, Procedure.SIMPLE)
    assert fresh(case).panel == Panel.SOLE


def test_ordinary_to_simple_sets_a_sole_judge_and_refuses_a_collegial_one(make_case, filing_officer, team, judge):
    """CPL 40(2): the move to simple (CPL 160(2), by agreement before the hearing) leaves no collegial bench."""
    case = make_case(state="filed")
    _accept(case, filing_officer, Procedure.ORDINARY, panel=Panel.COLLEGIAL, team=team)
    with pytest.raises(CaseRuleError) as err:
        services.case_convert_procedure(case=case, actor=judge, to=Procedure.SIMPLE, reason="双方约定",
                                        parties_agree=True, panel=Panel.COLLEGIAL, on=date(2024, 3, 5))
    assert err.value.article == "CPL 40(2); JI 261"
    services.case_convert_procedure(case=case, actor=judge, to=Procedure.SIMPLE, reason="双方约定",
                                    parties_agree=True, on=date(2024, 3, 5))
    assert fresh(case).panel == Panel.SOLE and last_event(case).payload["panel"] == Panel.SOLE


def test_a_missing_plaintiff_bars_small_claims_not_simple_procedure(court, filing_officer):
    """CPL 166(4) "一方当事人下落不明" covers either side; JI 257(1) "起诉时被告下落不明" only the defendant."""
    case = _file(court, plaintiff_known=False)
    assert case.filing_facts().plaintiff_address_known is False
    err = _refused(case, filing_officer, Procedure.SMALL_CLAIMS)
    assert (err.code, err.article) == ("party_whereabouts_unknown", "CPL 166(4)")
    _accept(case, filing_officer, Procedure.SIMPLE)


def test_a_title_case_is_barred_by_cpl_166_1_alone(court, filing_officer):
    """返还原物纠纷, 8,000: "财产确权案件" (CPL 166(1)), not also "not a money payment"."""
    case = _file(court, "返还原物纠纷", amount=Decimal(8_000))
    facts = case.filing_facts()
    assert (facts.personal_status_or_ownership, facts.money_payment) == (True, False)
    bars = services.procedure_bars(case, Procedure.SMALL_CLAIMS, FILED)
    assert [b.code for b in bars] == ["personal_status_or_ownership"]


def test_a_mixed_cause_is_small_claims_only_when_every_claim_is_for_money(court, filing_officer):
    """CPL 165 "简单金钱给付": a sale claiming delivery is not; claiming the price only is."""
    delivery = _file(court, "买卖合同纠纷", amount=Decimal(8_000), money_claim_only=False)
    assert _refused(delivery, filing_officer, Procedure.SMALL_CLAIMS).code == "not_money_payment"
    price = _file(court, "买卖合同纠纷", amount=Decimal(8_000), money_claim_only=True)
    _accept(price, filing_officer, Procedure.SMALL_CLAIMS)
    unknown = _file(court, "买卖合同纠纷", amount=Decimal(8_000))  # not asked: the amount decides, as before
    assert unknown.filing_facts().money_payment is True


def test_a_money_cause_is_a_money_payment_whatever_was_ticked(court):
    assert _file(court, money_claim_only=False).filing_facts().money_payment is True


def test_a_non_contentious_application_is_not_a_first_instance_suit(court):
    """CPL 184: "…确认调解协议案件和实现担保物权案件，适用本章规定" (special procedure, 民特)."""
    with pytest.raises(CaseRuleError) as err:
        _file(court, "申请司法确认调解协议", amount=Decimal(0))
    assert (err.value.code, err.value.article) == ("non_contentious_not_first_instance", "CPL 184")
    _file(court, "申请司法确认调解协议", amount=Decimal(0), case_type="民特")


def test_a_basic_court_files_no_appeal(court):
    """CPL 18: "基层人民法院管辖第一审民事案件"; CPL 171: an appeal goes "向上一级人民法院"."""
    with pytest.raises(CaseRuleError) as err:
        _file(court, case_type="民终")
    assert (err.value.code, err.value.article) == ("appeal_at_basic_court", "CPL 18; CPL 171")
    intermediate = Court.objects.create(code="陕01", name="西安市中级人民法院", province="陕")
    assert _file(intermediate, case_type="民终").case_type == "民终"


def test_a_case_filed_before_2022_is_judged_by_the_30_percent_limit(court, filing_officer):
    """CPL 2017 art. 162: "…标的额为各省、自治区、直辖市上年度就业人员年平均工资百分之三十以下的，实行一审终审。" With the
    陕 wage of 90,000, 30,000 was above the 27,000 limit in June 2021, and within 45,000 in 2024."""
    old = services.case_submit(court=court, actor=None, on=date(2021, 6, 1), filing=FilingInput(
        cause=Cause.objects.get(name="民间借贷纠纷", catalogue__version="2025"), claim_amount=Decimal(30_000),
        parties=[PartyInput(side="plaintiff", name="张三"), PartyInput(side="defendant", name="李四")]))
    with pytest.raises(CaseRuleError) as err:
        services.case_accept(case=old, actor=filing_officer, procedure=Procedure.SMALL_CLAIMS, on=date(2021, 6, 2))
    assert (err.value.code, err.value.article) == ("amount_above_limit", "CPL 2017 art. 162")
    assert err.value.text == rules.BAR_AMOUNT_ABOVE_LIMIT_2017
    _accept(_file(court, amount=Decimal(30_000)), filing_officer, Procedure.SMALL_CLAIMS)


@pytest.mark.parametrize("cause_name", ["案外人执行异议之诉", "第三人撤销之诉"])
def test_the_cause_of_a_special_suit_is_enough_to_bar_simple_procedure(court, filing_officer, cause_name):
    """JI 308, JI 257(6): the special suit follows from its cause even when the filer did not tick it."""
    case = _file(court, cause_name)
    assert _refused(case, filing_officer, Procedure.SIMPLE).article in ("JI 308", "JI 257(6)")


@pytest.mark.parametrize(("case_type", "article"), [("民再", "JI 257(4)"), ("民撤", "JI 257(6)")])
def test_the_case_type_of_a_retrial_or_a_revocation_suit_bars_simple_procedure(court, filing_officer, case_type,
                                                                                article):
    case = _file(court, case_type=case_type)
    assert _refused(case, filing_officer, Procedure.SIMPLE).article == article
