"""Reasons come from the deciding rule and from LightGBM's contributions, in plain Chinese and English."""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest

from court.rules import procedure
from triage import explain, rules
from triage.features import FEATURES, build_matrix

CJK = re.compile(r"[\u4e00-\u9fff]")


def _readable(reason: dict) -> None:
    assert CJK.search(reason["zh"]), reason
    assert not CJK.search(reason["en"].split("(")[0]) or reason["feature"] == "cause", reason
    for text in (reason["en"], reason["zh"]):
        assert "%(" not in text and "nan" not in text.lower(), text


def test_every_legal_bar_has_a_reason_in_both_languages():
    """Every bar that can decide a route (JI 257 for simple procedure, CPL 165-166 for small claims)."""
    source = inspect.getsource(procedure.simple_procedure_bars) + inspect.getsource(procedure.small_claims_bars)
    codes = {m.group(1) for m in re.finditer(r'Bar\("([a-z_]+)"', source)}
    codes.add(rules.SMALL_CLAIMS_MANDATORY.code)
    assert codes <= set(explain.RULE_TEXT)
    for code in codes:
        en, zh = explain.RULE_TEXT[code]
        assert CJK.search(zh) and en and not CJK.search(en)


def test_every_feature_has_a_reason_in_each_direction():
    for feature in FEATURES:
        for direction in "+-":
            en, zh = explain.MODEL_TEXT[(feature, direction)]
            assert CJK.search(zh) and en


def test_model_reasons_follow_the_contributions(trained, synth):
    router = trained.router
    X = build_matrix(synth.head(400), router.spec)
    contrib = router.booster.predict(X, pred_contrib=True)
    i = int(np.argmax(contrib[:, :-1].max(axis=1)))
    reasons = explain.model_reasons(contrib[i], X[i], router.spec, towards_complex=True)
    assert reasons, "the case with the strongest push towards complex has reasons"
    assert reasons[0]["feature"] == FEATURES[int(np.argmax(contrib[i, :-1]))]
    assert [r["contribution"] for r in reasons] == sorted((r["contribution"] for r in reasons), reverse=True)
    for r in reasons:
        assert r["contribution"] > explain.MIN_CONTRIBUTION
        _readable(r)


def test_an_unknown_address_reads_as_a_fact_not_as_the_law(trained, synth):
    """The model states the fact; the legal bar (JI 257(1)) is the rule reason's to state."""
    router = trained.router
    row = synth.head(1).copy()
    row["defendant_address_known"] = False
    X = build_matrix(row, router.spec)
    contrib = np.zeros(len(FEATURES) + 1)
    contrib[FEATURES.index("defendant_address_known")] = 1.2
    (reason,) = explain.model_reasons(contrib, X[0], router.spec, towards_complex=True)
    assert (reason["en"], reason["zh"]) == ("A defendant's whereabouts are unknown", "被告下落不明")


def test_a_large_amount_reads_as_above_the_simple_case_range(trained, synth):
    router = trained.router
    row = synth.head(1).copy()
    row["claim_amount"] = 2_500_000
    X = build_matrix(row, router.spec)
    contrib = np.zeros(len(FEATURES) + 1)
    contrib[FEATURES.index("claim_amount")] = 0.9
    (reason,) = explain.model_reasons(contrib, X[0], router.spec, towards_complex=True)
    assert reason["en"] == "Claim amount (2,500,000 yuan) well above the simple-case range"
    assert "2,500,000元" in reason["zh"]


@pytest.mark.parametrize("language, expected", [("zh-hans", "zh"), ("en", "en"), ("en-us", "en")])
def test_the_reader_gets_their_language(language, expected):
    reason = explain.rule_reason(rules.SMALL_CLAIMS_MANDATORY)
    assert explain.reason_text(reason, language) == reason[expected]
