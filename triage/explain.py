"""Reasons in plain Chinese and English, from the legal rule that decided or from LightGBM's per-feature
contributions (pred_contrib=True, in log-odds).

Each reason carries both languages (English is the source text and is also in the message catalogue);
the page shows the one matching the reader's language.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
from django.utils.translation import gettext_noop

from court.rules.procedure import Bar

from .features import FEATURES, FeatureSpec

#: Contributions smaller than this (log-odds) are not worth a reason.
MIN_CONTRIBUTION = 0.05
TOP_K = 3

# Rule texts by bar code: (English, Chinese).
RULE_TEXT: dict[str, tuple[str, str]] = {
    "defendant_whereabouts_unknown": (
        gettext_noop("Defendant's address unknown: publication service bars simple procedure (JI 257(1), JI 140)"),
        "被告下落不明：需公告送达，不适用简易程序（民诉法解释第257条第1项、第140条）",
    ),
    "remanded": (gettext_noop("Remanded case: simple procedure is barred (JI 257(2))"), "发回重审案件，不适用简易程序（民诉法解释第257条第2项）"),
    "numerous_parties": (
        gettext_noop("Ten or more parties on one side: simple procedure is barred (JI 257(3))"),
        "一方当事人人数众多（十人以上），不适用简易程序（民诉法解释第257条第3项）",
    ),
    "retrial": (gettext_noop("Retrial: simple procedure is barred (JI 257(4))"), "适用审判监督程序，不适用简易程序（民诉法解释第257条第4项）"),
    "public_interest": (
        gettext_noop("State or public interest involved: simple procedure is barred (JI 257(5))"),
        "涉及国家利益、社会公共利益，不适用简易程序（民诉法解释第257条第5项）",
    ),
    "third_party_revocation": (
        gettext_noop("Third-party revocation suit: simple procedure is barred (JI 257(6))"),
        "第三人撤销之诉，不适用简易程序（民诉法解释第257条第6项）",
    ),
    "no_threshold": (
        gettext_noop("No published small-claims limit for this province and date (CPL 165, JI 272)"),
        "本省当时无已公布的小额诉讼标的额标准（民诉法第165条、解释第272条）",
    ),
    "amount_above_limit": (
        gettext_noop("Claim amount above the small-claims limit (CPL 165)"),
        "标的额超过小额诉讼标准（民诉法第165条）",
    ),
    "not_money_payment": (gettext_noop("Not a money-payment claim: no small claims (CPL 165)"), "非金钱给付案件，不适用小额诉讼（民诉法第165条）"),
    "personal_status_or_ownership": (
        gettext_noop("Personal-status or ownership case: no small claims (CPL 166(1))"),
        "人身关系、财产确权案件，不适用小额诉讼（民诉法第166条第1项）",
    ),
    "foreign_related": (gettext_noop("Foreign-related case: no small claims (CPL 166(2))"), "涉外案件，不适用小额诉讼（民诉法第166条第2项）"),
    "appraisal": (
        gettext_noop("Appraisal or valuation requested: no small claims (CPL 166(3))"),
        "需要评估、鉴定，不适用小额诉讼（民诉法第166条第3项）",
    ),
    "party_whereabouts_unknown": (
        gettext_noop("A party's whereabouts are unknown: no small claims (CPL 166(4))"),
        "一方当事人下落不明，不适用小额诉讼（民诉法第166条第4项）",
    ),
    "counterclaim": (gettext_noop("A counterclaim was filed: no small claims (CPL 166(5))"), "当事人提出反诉，不适用小额诉讼（民诉法第166条第5项）"),
    "execution_objection": (
        gettext_noop("Execution-objection suit: ordinary procedure only (JI 308)"),
        "执行异议之诉，适用普通程序审理（民诉法解释第308条）",
    ),
    "small_claims_mandatory": (
        # xgettext:no-python-format
        gettext_noop("Simple money claim within 50% of the provincial average wage: small claims are mandatory (CPL 165)"),
        "事实清楚的金钱给付案件，标的额在本省上年度就业人员年平均工资百分之五十以下，应适用小额诉讼程序（民诉法第165条）",
    ),
}

# Model reasons by (feature, direction): direction "+" pushes towards complex, "-" towards simple.
MODEL_TEXT: dict[tuple[str, str], tuple[str, str]] = {
    ("cause", "+"): (gettext_noop("Cases of this cause (%(cause)s) are often complex"), "该案由（%(cause)s）的案件常较复杂"),
    ("cause", "-"): (gettext_noop("Cases of this cause (%(cause)s) are usually simple"), "该案由（%(cause)s）的案件通常较简单"),
    ("cause_family", "+"): (gettext_noop("Cases of this family of causes (%(cause)s) are often complex"),
                            "该类案由（%(cause)s）的案件常较复杂"),
    ("cause_family", "-"): (gettext_noop("Cases of this family of causes (%(cause)s) are usually simple"),
                            "该类案由（%(cause)s）的案件通常较简单"),
    ("cause_part", "+"): (gettext_noop("Cases of this part of the catalogue (%(cause)s) are often complex"),
                          "该部分案由（%(cause)s）的案件常较复杂"),
    ("cause_part", "-"): (gettext_noop("Cases of this part of the catalogue (%(cause)s) are usually simple"),
                          "该部分案由（%(cause)s）的案件通常较简单"),
    ("claim_amount", "+"): (
        gettext_noop("Claim amount (%(amount)s yuan) well above the simple-case range"),
        "标的额（%(amount)s元）明显高于简易案件常见范围",
    ),
    ("claim_amount", "-"): (gettext_noop("Small claim amount (%(amount)s yuan)"), "标的额较小（%(amount)s元）"),
    ("plaintiffs", "+"): (gettext_noop("Several plaintiffs (%(n)s)"), "原告人数较多（%(n)s人）"),
    ("plaintiffs", "-"): (gettext_noop("A single plaintiff"), "原告仅一方"),
    ("defendants", "+"): (gettext_noop("Several defendants (%(n)s)"), "被告人数较多（%(n)s人）"),
    ("defendants", "-"): (gettext_noop("Few defendants (%(n)s)"), "被告人数少（%(n)s人）"),
    ("third_parties", "+"): (gettext_noop("Third parties joined (%(n)s)"), "有第三人参加诉讼（%(n)s人）"),
    ("third_parties", "-"): (gettext_noop("No third party"), "无第三人"),
    ("plaintiff_kind", "+"): (gettext_noop("Plaintiff is %(kind)s"), "原告为%(kind_zh)s"),
    ("plaintiff_kind", "-"): (gettext_noop("Plaintiff is %(kind)s"), "原告为%(kind_zh)s"),
    ("defendant_kind", "+"): (gettext_noop("Defendant is %(kind)s"), "被告为%(kind_zh)s"),
    ("defendant_kind", "-"): (gettext_noop("Defendant is %(kind)s"), "被告为%(kind_zh)s"),
    ("defendant_address_known", "+"): (gettext_noop("A defendant's whereabouts are unknown"), "被告下落不明"),
    ("defendant_address_known", "-"): (gettext_noop("Every defendant's address is known"), "被告送达地址明确"),
    ("e_service_consent", "+"): (
        gettext_noop("Not every party consents to electronic service"),
        "并非所有当事人同意电子送达",
    ),
    ("e_service_consent", "-"): (gettext_noop("Every party consents to electronic service"), "各方当事人均同意电子送达"),
    ("appraisal_requested", "+"): (gettext_noop("Appraisal requested: valuation takes time"), "申请鉴定：鉴定耗时"),
    ("appraisal_requested", "-"): (gettext_noop("No appraisal requested"), "未申请鉴定"),
    ("foreign_related", "+"): (gettext_noop("Foreign-related case"), "涉外案件"),
    ("foreign_related", "-"): (gettext_noop("No foreign element"), "无涉外因素"),
    ("lawyer_represented", "+"): (gettext_noop("Plaintiff is represented by a lawyer"), "原告委托了律师"),
    ("lawyer_represented", "-"): (gettext_noop("Plaintiff has no lawyer"), "原告未委托律师"),
    ("evidence_items", "+"): (gettext_noop("Long evidence list (%(n)s items)"), "证据较多（%(n)s项）"),
    ("evidence_items", "-"): (gettext_noop("Short evidence list (%(n)s items)"), "证据较少（%(n)s项）"),
    ("filed_month", "+"): (gettext_noop("Filed in month %(n)s, a busy season"), "%(n)s月立案，处于收案高峰"),
    ("filed_month", "-"): (gettext_noop("Filed in month %(n)s"), "%(n)s月立案"),
}

KIND_TEXT = {
    "person": (gettext_noop("a natural person"), "自然人"),
    "entity": (gettext_noop("a legal person or organisation"), "法人或其他组织"),
    "mixed": (gettext_noop("persons and organisations"), "自然人与单位"),
}
UNSEEN_CAUSE = (gettext_noop("a rarely seen cause"), "少见案由")

#: Features whose reasons a judge is shown. The filing month helps the model (seasonal load) but is
#: nothing a judge can act on, so it never becomes a reason; the next feature takes its place.
DISPLAYED_FEATURES: frozenset[str] = frozenset(FEATURES) - {"filed_month"}

#: The features a legal rule already speaks for: once the rule is among the reasons, the model's
#: restatement of the same fact would be a second (and weaker) reason for one thing.
RULE_FEATURES: dict[str, frozenset[str]] = {
    "defendant_whereabouts_unknown": frozenset({"defendant_address_known"}),
    "party_whereabouts_unknown": frozenset({"defendant_address_known"}),
    "appraisal": frozenset({"appraisal_requested"}),
    "foreign_related": frozenset({"foreign_related"}),
    "amount_above_limit": frozenset({"claim_amount"}),
    "not_money_payment": frozenset({"claim_amount"}),
    "personal_status_or_ownership": frozenset({"claim_amount"}),
    "no_threshold": frozenset({"claim_amount"}),
    "numerous_parties": frozenset({"plaintiffs", "defendants"}),
}


def rule_reason(bar: Bar) -> dict[str, Any]:
    en, zh = RULE_TEXT.get(bar.code, (bar.message, bar.message))
    return {"kind": "rule", "code": bar.code, "article": bar.article, "en": en, "zh": zh}


def _value_text(feature: str, value: float, spec: FeatureSpec) -> dict[str, str]:
    if feature in ("cause", "cause_family", "cause_part"):
        cats = spec.categories.get(feature, [])
        if value == value and 0 <= int(value) < len(cats):
            name = cats[int(value)]
            return {"cause": name}
        return {"cause": UNSEEN_CAUSE[1]}
    if feature in ("plaintiff_kind", "defendant_kind"):
        kind = spec.categories[feature][int(value)] if value == value else "mixed"
        en, zh = KIND_TEXT.get(kind, KIND_TEXT["mixed"])
        return {"kind": en, "kind_zh": zh}
    if feature == "claim_amount":
        return {"amount": f"{value:,.0f}" if value == value else "?"}
    return {"n": f"{value:.0f}" if value == value else "?"}


def suppressed_features(rule_codes: Iterable[str], *, claim_amount: Decimal | float | None,
                        money_payment: bool) -> frozenset[str]:
    """The model features not to explain, given the rules already among the reasons: those the rules speak
    for (`RULE_FEATURES`), and the amount when there is none or the case is no money claim (CPL 165), where
    "a small amount" says nothing a judge could use."""
    out: set[str] = set()
    for code in rule_codes:
        out |= RULE_FEATURES.get(code, frozenset())
    if not money_payment or not claim_amount:
        out.add("claim_amount")
    return frozenset(out)


def model_reasons(contrib: np.ndarray, x: np.ndarray, spec: FeatureSpec, *, towards_complex: bool,
                  k: int = TOP_K, shown_features: Collection[str] = DISPLAYED_FEATURES,
                  suppress: Collection[str] = ()) -> list[dict[str, Any]]:
    """Up to `k` features pushing hardest towards the recommended side, as plain-language reasons.

    Only `shown_features` not in `suppress` are explained; they are filtered before the top `k` are taken,
    so a hidden feature's slot goes to the next one.
    """
    values = contrib[: len(FEATURES)]
    order = np.argsort(-values if towards_complex else values, kind="stable")
    out = []
    for j in order:
        if len(out) == k:
            break
        feature = FEATURES[j]
        if feature not in shown_features or feature in suppress:
            continue
        c = float(values[j])
        if (c <= MIN_CONTRIBUTION) if towards_complex else (c >= -MIN_CONTRIBUTION):
            break
        value = float(x[j])
        # A boolean's text depends on its value, not on the sign (False address = "+", True = "-").
        if feature in ("defendant_address_known", "e_service_consent"):
            direction = "+" if value == 0 else "-"
        elif feature in ("appraisal_requested", "foreign_related", "lawyer_represented"):
            direction = "+" if value == 1 else "-"
        else:
            direction = "+" if c > 0 else "-"
        en, zh = MODEL_TEXT[(feature, direction)]
        params = _value_text(feature, value, spec)
        en_params = dict(params)
        if feature == "cause" and params["cause"] == UNSEEN_CAUSE[1]:
            en_params["cause"] = UNSEEN_CAUSE[0]
        out.append({
            "kind": "model", "code": f"{feature}{direction}", "feature": feature, "contribution": round(c, 4),
            "en": en % en_params, "zh": zh % params,
        })
    return out


def reasons_for(rule: Bar | None, contrib: np.ndarray | None, x: np.ndarray | None, spec: FeatureSpec | None, *,
                towards_complex: bool, claim_amount: Decimal | float | None, money_payment: bool,
                k: int = TOP_K) -> list[dict[str, Any]]:
    """The reasons shown for a recommendation: the rule that decided, then the model's, each once.

    A model reason for a fact the rule already states is left out, as is one about the amount of a case
    with no money claim, and the filing month (`DISPLAYED_FEATURES`).
    """
    reasons: list[dict[str, Any]] = [rule_reason(rule)] if rule is not None else []
    if contrib is not None and x is not None and spec is not None:
        suppress = suppressed_features([r["code"] for r in reasons], claim_amount=claim_amount,
                                       money_payment=money_payment)
        reasons += model_reasons(contrib, x, spec, towards_complex=towards_complex, k=k, suppress=suppress)
    return dedupe(reasons)


def dedupe(reasons: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each reason once, by (kind, code), first occurrence kept."""
    seen: set[tuple[str, str]] = set()
    out = []
    for reason in reasons:
        key = (reason.get("kind", ""), reason.get("code", ""))
        if key not in seen:
            seen.add(key)
            out.append(reason)
    return out


def shown(reasons: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored reasons as a judge sees them: each once, and no model reason the rules above now leave out
    (the filing month; a fact the listed rule states). Recommendations stored before these rules keep them."""
    reasons = dedupe(reasons)
    hidden: set[str] = set()
    for r in reasons:
        if r.get("kind") == "rule":
            hidden |= RULE_FEATURES.get(r.get("code", ""), frozenset())
    return [r for r in reasons if r.get("kind") != "model"
            or (r.get("feature") in DISPLAYED_FEATURES and r.get("feature") not in hidden)]


def reason_text(reason: dict[str, Any], language: str) -> str:
    return reason.get("zh" if language.lower().startswith("zh") else "en", "")


def texts(reasons: Sequence[dict[str, Any]], language: str) -> list[str]:
    return [reason_text(r, language) for r in reasons]
