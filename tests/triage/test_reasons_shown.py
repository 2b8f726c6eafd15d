"""The reasons a judge is shown are deduplicated, consistent with the rule that decided, and actionable.

The rule texts quoted: JI 257 "下列案件，不适用简易程序：（一）起诉时被告下落不明的；…"; CPL 165 "…简单金钱给付民事案件…";
CPL 166 "人民法院审理下列民事案件，不适用小额诉讼的程序：（一）人身关系、财产确权案件；…".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from court.cases import services
from court.cases.models import Cause
from court.org.models import WageThreshold
from court.rules import procedure
from court.rules.claims import claim_facts
from triage import explain, rules
from triage.features import FEATURES, build_matrix
from triage.predict import score_rows
from triage.services import case_triage

LIMIT = Decimal("45000")


def _facts(**changes) -> procedure.FilingFacts:
    base = dict(cause_code=None, claim_amount=Decimal("20000"), plaintiffs=1, defendants=1, third_parties=0,
                defendant_address_known=True, foreign_related=False, appraisal_requested=False)
    base.update(changes)
    return procedure.FilingFacts(**base)


def _contrib(**by_feature: float) -> np.ndarray:
    contrib = np.zeros(len(FEATURES) + 1)
    for feature, value in by_feature.items():
        contrib[FEATURES.index(feature)] = value
    return contrib


def _reasons(facts, contrib, x, spec, p):
    route = rules.route_for(rules.legal_picture(facts, LIMIT), p, threshold=0.5, band=0.1)
    return route, explain.reasons_for(route.rule, contrib, x, spec, towards_complex=route.route == rules.ORDINARY,
                                      claim_amount=facts.claim_amount, money_payment=facts.money_payment)


def test_an_unknown_address_is_one_reason_not_two(trained, synth):
    """JI 257(1) "起诉时被告下落不明的" decides; the model's push from the same fact is not repeated."""
    row = synth.head(1).copy()
    row["defendant_address_known"] = False
    x = build_matrix(row, trained.router.spec)[0]
    contrib = _contrib(defendant_address_known=1.5, evidence_items=0.3, third_parties=0.2)
    route, reasons = _reasons(_facts(defendant_address_known=False), contrib, x, trained.router.spec, p=0.9)
    assert route.rule.code == "defendant_whereabouts_unknown"
    assert [r["zh"] for r in reasons].count(next(r["zh"] for r in reasons)) == 1
    assert sum("下落不明" in r["zh"] for r in reasons) == 1
    assert [r.get("feature") for r in reasons[1:]] == ["evidence_items", "third_parties"]


def test_a_status_case_with_no_amount_gets_no_small_amount_reason(trained, synth):
    """离婚纠纷: CPL 166(1) "人身关系…案件" (not a money claim, CPL 165); "标的额较小（0元）" beside it said
    nothing a judge could use and read as if the case were a small money claim."""
    status, money = claim_facts("status", None, Decimal(0))
    facts = _facts(claim_amount=Decimal(0), personal_status_or_ownership=status, money_payment=money)
    row = synth.head(1).copy()
    row["claim_amount"] = 0
    x = build_matrix(row, trained.router.spec)[0]
    contrib = _contrib(claim_amount=-1.2, evidence_items=-0.4)
    route, reasons = _reasons(facts, contrib, x, trained.router.spec, p=0.1)
    assert route.route == rules.SIMPLE
    assert route.rule.code == "personal_status_or_ownership"
    assert reasons[0]["zh"] == "人身关系、财产确权案件，不适用小额诉讼（民诉法第166条第1项）"
    assert not [r for r in reasons if r.get("feature") == "claim_amount"]
    assert [r["code"] for r in reasons[1:]] == ["evidence_items-"]


def test_a_money_case_still_explains_its_amount(trained, synth):
    row = synth.head(1).copy()
    row["claim_amount"] = 3000
    x = build_matrix(row, trained.router.spec)[0]
    _route, reasons = _reasons(_facts(claim_amount=Decimal(3000)), _contrib(claim_amount=-1.0), x,
                               trained.router.spec, p=0.1)
    assert [r["code"] for r in reasons] == ["small_claims_mandatory", "claim_amount-"]


def test_the_filing_month_is_never_a_reason_and_its_slot_goes_to_the_next(trained, synth):
    """The model keeps the month (seasonal load); a judge cannot act on "12月立案，处于收案高峰"."""
    row = synth.head(1).copy()
    row["filed_on"] = "2023-12-05"
    x = build_matrix(row, trained.router.spec)[0]
    contrib = _contrib(filed_month=2.0, evidence_items=0.9, third_parties=0.6, defendants=0.3)
    reasons = explain.model_reasons(contrib, x, trained.router.spec, towards_complex=True)
    assert [r["feature"] for r in reasons] == ["evidence_items", "third_parties", "defendants"]
    assert "filed_month" in trained.router.spec.features


def test_a_feature_the_rule_states_leaves_room_for_others(trained, synth):
    """JI 257(3) "当事人一方人数众多的": the parties' counts are the rule's; the model's next reasons fill in."""
    row = synth.head(1).copy()
    row["defendants"] = 12
    x = build_matrix(row, trained.router.spec)[0]
    contrib = _contrib(defendants=3.0, plaintiffs=1.0, evidence_items=0.5)
    route, reasons = _reasons(_facts(defendants=12), contrib, x, trained.router.spec, p=0.9)
    assert route.rule.code == "numerous_parties"
    assert [r["code"] for r in reasons] == ["numerous_parties", "evidence_items+"]


def test_reasons_are_deduplicated_by_kind_and_code():
    rule = explain.rule_reason(rules.SMALL_CLAIMS_MANDATORY)
    assert explain.dedupe([rule, dict(rule), {"kind": "model", "code": rule["code"]}]) == [
        rule, {"kind": "model", "code": rule["code"]}]


def test_scored_rows_show_the_address_bar_once(trained, synth):
    """The batch path (triage_predict) assembles reasons exactly as a single recommendation does."""
    frame = synth.head(40).copy()
    frame["defendant_address_known"] = False
    frame["filed_on"] = "2023-12-05"
    rows = score_rows(trained.router, frame, wage_for=lambda c, d: LIMIT, natures={}, threshold=0.5, band=0.1,
                      language="zh-hans")
    for row in rows:
        assert row["route"] == rules.ORDINARY
        assert row["reasons"].count("下落不明") == 1, row["reasons"]
        assert "月立案" not in row["reasons"]


def test_scored_rows_judge_title_causes_by_their_nature(trained, synth):
    """CPL 166(1) "财产确权案件": 法定继承纠纷 of 30,000 is no small claim, whatever its amount."""
    frame = synth.head(1).copy()
    frame["cause"], frame["claim_amount"], frame["defendant_address_known"] = "法定继承纠纷", 30000, True
    frame["defendants"], frame["third_parties"], frame["appraisal_requested"] = 1, 0, False
    frame["foreign_related"], frame["counterclaim"] = False, False
    frame["filed_on"] = "2023-06-01"  # under CPL 165's 50% (filed in 2021, CPL 2017 art. 162's 30% bars 30,000)
    (row,) = score_rows(None, frame, wage_for=lambda c, d: LIMIT, natures={"法定继承纠纷": "title"},
                        threshold=0.5, band=0.1, language="en")
    assert row["route"] == rules.SIMPLE and "CPL 16" in row["reasons"]
    (money,) = score_rows(None, frame, wage_for=lambda c, d: LIMIT, natures={"法定继承纠纷": "money"},
                          threshold=0.5, band=0.1, language="en")
    assert money["route"] == rules.SMALL_CLAIMS


@pytest.mark.django_db
def test_triage_and_acceptance_agree_at_the_published_limit(make_case, court, filing_officer, team, judge):
    """浙 2022: average wage 108,645, published limit 54,323 (CPL 165 "百分之五十以下", rounded half up). A
    claim of exactly 54,323 is a small claim for triage and for case_accept alike."""
    WageThreshold.objects.create(province=court.province, effective_from=date(2022, 1, 11),
                                 average_wage=Decimal("108645"))
    case = make_case(state="filed", amount=Decimal("54323"), filed_on=date(2022, 3, 1))
    rec = case_triage(case=case, trigger="test")
    assert rules.SMALL_CLAIMS in rec.allowed_routes and rec.route == rules.SMALL_CLAIMS
    accepted = services.case_accept(case=case, actor=filing_officer, procedure="small_claims", team=team,
                                    judge=judge, on=date(2022, 3, 1))
    assert accepted.procedure == "small_claims"
    assert Cause.objects.get(name="民间借贷纠纷", catalogue__version="2025").claim_nature == "money"


def test_stored_reasons_are_shown_without_the_month_or_a_repeated_bar():
    """Recommendations stored before these rules still held "12月立案" and the address twice."""
    rule = {"kind": "rule", "code": "defendant_whereabouts_unknown", "zh": "被告下落不明：…", "en": "…"}
    address = {"kind": "model", "code": "defendant_address_known+", "feature": "defendant_address_known",
               "zh": "被告下落不明：需公告送达，不适用简易程序", "en": "…"}
    month = {"kind": "model", "code": "filed_month+", "feature": "filed_month", "zh": "12月立案，处于收案高峰", "en": "…"}
    evidence = {"kind": "model", "code": "evidence_items+", "feature": "evidence_items", "zh": "证据较多（9项）", "en": "…"}
    assert explain.shown([rule, address, month, evidence, dict(evidence)]) == [rule, evidence]
