"""A small-claims case that stops qualifying (CPL 166, 169; JI 278): re-checked on every step that can break
it, never closed as small claims (a final judgment, CPL 165; JI 271) until it moves to simple procedure or, by
ruling, to ordinary; and the small-claims → simple move only within the term (JI 281 with JI 258(2)).

CPL 169: "人民法院在审理过程中，发现案件不宜适用小额诉讼的程序的，应当适用简易程序的其他规定审理或者裁定转为普通程序。"
JI 278: "因当事人申请增加或者变更诉讼请求、提出反诉、追加当事人等，致使案件不符合小额诉讼案件条件的，应当适用简易程序的
其他规定审理。前款规定案件，应当适用普通程序审理的，裁定转为普通程序。"

The court fixture is 陕 with an average wage of 90,000 from 2021-01-01: small claims to 45,000, by agreement
(CPL 165 para 2) to 180,000.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.models import CaseEvent, Party, PeriodKind, Procedure
from court.cases.services import CaseRuleError, PartyInput

from .conftest import fresh, last_event

K = CaseEvent.Kind
FILED = date(2024, 3, 1)  # small-claims term ends 2024-05-06 (05-01..05 are the Labour Day holidays)


@pytest.fixture
def small(make_case):
    return make_case(state="heard", procedure=Procedure.SMALL_CLAIMS, amount=Decimal(20_000), filed_on=FILED)


def _close(case, judge, on=date(2024, 3, 28)):
    return services.case_close(case=case, actor=judge, mode="judgment", pronounced_on=on)


def test_a_counterclaim_is_recorded_with_the_bar_and_the_required_move(small, judge):
    """CPL 166(5) "当事人提出反诉的案件"; JI 278 para 1: on to simple procedure."""
    services.case_record_counterclaim(case=small, actor=judge, on=date(2024, 3, 25))
    event = last_event(small)
    assert event.kind == K.COUNTERCLAIM
    assert event.payload["small_claims_bars"] == ["counterclaim"]
    assert event.payload["required_procedure"] == Procedure.SIMPLE


def test_a_counterclaimed_case_is_not_closed_as_small_claims_until_it_moves(small, judge):
    services.case_record_counterclaim(case=small, actor=judge, on=date(2024, 3, 25))
    with pytest.raises(CaseRuleError) as err:
        _close(small, judge)
    assert err.value.code == "small_claims_no_longer_applies"
    assert "CPL 166(5); JI 278" in err.value.article and "CPL 169" in err.value.article
    assert "CPL 166(5)" in err.value.text
    services.case_convert_procedure(case=small, actor=judge, to=Procedure.SIMPLE, reason="被告提起反诉",
                                    on=date(2024, 3, 26))
    converted = last_event(small)
    assert converted.payload["small_claims_bars"] == ["counterclaim"] and "JI 278" in converted.basis
    _close(small, judge)
    case = fresh(small)
    assert case.state == "closed" and case.procedure == Procedure.SIMPLE and case.initial_procedure == "small_claims"


def test_a_claim_raised_beyond_the_limit_bars_closing_without_an_agreement(small, judge):
    """CPL 165 para 1: "百分之五十以下" (45,000 here)."""
    services.case_amend_amount(case=small, actor=judge, amount=Decimal(60_000), on=date(2024, 3, 25))
    assert last_event(small).payload["small_claims_bars"] == ["amount_above_limit"]
    with pytest.raises(CaseRuleError) as err:
        _close(small, judge)
    assert err.value.code == "small_claims_no_longer_applies" and "CPL 165" in err.value.article


def test_the_agreement_made_at_acceptance_is_kept_for_the_recheck(make_case, filing_officer, team, judge):
    """CPL 165 para 2: "…超过…百分之五十但在二倍以下的，当事人双方也可以约定适用小额诉讼的程序。" The agreement is stored
    (Case.small_claims_agreed) and the raised claim of 60,000 stays within twice the wage (180,000)."""
    case = make_case(state="filed", amount=Decimal(50_000), filed_on=FILED)
    services.case_accept(case=case, actor=filing_officer, procedure=Procedure.SMALL_CLAIMS, team=team,
                         on=FILED, parties_agree=True)
    assert fresh(case).small_claims_agreed is True
    assert last_event(case).payload["small_claims_agreed"] is True
    services.case_amend_amount(case=case, actor=judge, amount=Decimal(60_000), on=date(2024, 3, 5))
    assert "small_claims_bars" not in last_event(case).payload
    services.case_close(case=case, actor=judge, mode="withdrawal", ruling_on=date(2024, 3, 6))
    assert fresh(case).procedure == Procedure.SMALL_CLAIMS


def test_no_agreement_is_stored_for_another_procedure(make_case):
    assert fresh(make_case(state="accepted", procedure=Procedure.SIMPLE)).small_claims_agreed is False


def test_a_tenth_plaintiff_needs_a_ruling_to_ordinary_procedure(small, judge, clerk):
    """JI 278 para 2 with JI 257(3) "当事人一方人数众多的": simple is barred too, so the case goes to ordinary."""
    for i in range(9):
        services.party_add(case=small, actor=clerk, on=date(2024, 3, 20),
                           data=PartyInput(side=Party.Side.PLAINTIFF, name=f"王{i}"))
    event = last_event(small)
    assert event.payload["small_claims_bars"] == ["numerous_parties"]
    assert event.payload["required_procedure"] == Procedure.ORDINARY
    with pytest.raises(CaseRuleError) as err:
        services.case_convert_procedure(case=small, actor=judge, to=Procedure.SIMPLE, reason="追加原告",
                                        on=date(2024, 3, 21))
    assert err.value.code == "numerous_parties"
    services.case_convert_procedure(case=small, actor=judge, to=Procedure.ORDINARY, reason="追加原告，当事人众多",
                                    on=date(2024, 3, 21))
    _close(small, judge)
    assert fresh(small).procedure == Procedure.ORDINARY


def test_an_added_party_whose_whereabouts_are_unknown_bars_small_claims(small, clerk):
    """CPL 166(4) "一方当事人下落不明的案件": a co-plaintiff as much as a defendant."""
    services.party_add(case=small, actor=clerk, on=date(2024, 3, 20),
                       data=PartyInput(side=Party.Side.PLAINTIFF, name="赵六", address_known=False))
    assert last_event(small).payload["small_claims_bars"] == ["party_whereabouts_unknown"]
    assert last_event(small).payload["required_procedure"] == Procedure.SIMPLE


def test_an_appraisal_period_bars_small_claims(small, judge):
    """CPL 166(3) "需要评估、鉴定…的案件": the appraisal recorded on the docket counts though none was asked at filing."""
    services.period_start(case=small, actor=judge, kind=PeriodKind.APPRAISAL, start_on=date(2024, 3, 22),
                          end_on=date(2024, 3, 25), reason="伤残鉴定")
    assert last_event(small).payload["small_claims_bars"] == ["appraisal"]
    assert fresh(small).appraisal_requested is False  # the filing-time fact stays as filed
    with pytest.raises(CaseRuleError) as err:
        _close(small, judge)
    assert "CPL 166(3)" in err.value.article


def test_events_of_a_case_under_another_procedure_carry_no_recheck(make_case, judge):
    case = make_case(state="heard", procedure=Procedure.SIMPLE, filed_on=FILED)
    services.case_record_counterclaim(case=case, actor=judge, on=date(2024, 3, 25))
    assert "small_claims_bars" not in last_event(case).payload


def test_small_claims_become_simple_only_before_the_term_expires(make_case, judge):
    """JI 281 "人民法院审理小额诉讼案件，本解释没有规定的，适用简易程序的其他规定" with JI 258(2) "应当在审理期限届满前作出
    裁定": filed 2024-01-10, the two months (CPL 168) end 2024-03-11 (03-10 is a Sunday)."""
    case = make_case(state="accepted", procedure=Procedure.SMALL_CLAIMS, filed_on=date(2024, 1, 10))
    with pytest.raises(CaseRuleError) as err:
        services.case_convert_procedure(case=case, actor=judge, to=Procedure.SIMPLE, reason="被告提起反诉",
                                        on=date(2024, 3, 12))
    assert err.value.code == "small_claims_term_expired" and err.value.article == "JI 281; JI 258(2); CPL 168"
    services.case_convert_procedure(case=case, actor=judge, to=Procedure.SIMPLE, reason="被告提起反诉",
                                    on=date(2024, 3, 11))
    assert fresh(case).procedure == Procedure.SIMPLE
