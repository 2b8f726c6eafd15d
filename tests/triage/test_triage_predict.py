"""triage_predict scores an interchange CSV: case_number, p_complex, route, reasons (legal rules first)."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_it_writes_the_four_columns_for_every_case(active_model, synth, tmp_path, court):
    cases = tmp_path / "cases.csv"
    rows = synth.tail(60).copy()
    rows.iloc[0, rows.columns.get_loc("defendant_address_known")] = False
    rows.to_csv(cases, index=False)
    out = tmp_path / "scored.csv"
    call_command("triage_predict", "--cases", str(cases), "--out", str(out), "--language", "en")
    with open(out, encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        scored = list(reader)
    assert reader.fieldnames == ["case_number", "p_complex", "route", "reasons"]
    assert [r["case_number"] for r in scored] == rows["case_number"].tolist()
    assert all(0 <= float(r["p_complex"]) <= 1 for r in scored)
    assert {r["route"] for r in scored} <= {"small_claims", "simple", "ordinary"}
    assert scored[0]["route"] == "ordinary" and "JI 257(1)" in scored[0]["reasons"]
    assert all(a <= 45000 for r, a in zip(scored, rows["claim_amount"]) if r["route"] == "small_claims")


def test_it_needs_a_model(synth, tmp_path, court):
    cases = tmp_path / "cases.csv"
    synth.head(3).to_csv(cases, index=False)
    with pytest.raises(CommandError, match="no active triage model"):
        call_command("triage_predict", "--cases", str(cases), "--out", str(tmp_path / "o.csv"))


def test_it_names_missing_columns(active_model, synth, tmp_path):
    cases = tmp_path / "cases.csv"
    synth.head(3).drop(columns=["evidence_items"]).to_csv(cases, index=False)
    with pytest.raises(CommandError, match="evidence_items"):
        call_command("triage_predict", "--cases", str(cases), "--out", str(tmp_path / "o.csv"))


def test_it_judges_each_cause_by_its_claim_nature(active_model, synth, tmp_path, court):
    """CPL 166 "（一）人身关系、财产确权案件" are no small claims, whatever amount the file gives: the command
    reads each cause's `claim_nature` from the catalogue, as the services do."""
    cases = tmp_path / "cases.csv"
    rows = synth.head(2).copy()
    rows["cause"] = ["离婚纠纷", "民间借贷纠纷"]
    rows["claim_amount"] = 5000
    rows["filed_on"] = "2023-03-01"
    for column, value in {"defendant_address_known": True, "foreign_related": False, "appraisal_requested": False,
                          "counterclaim": False, "defendants": 1, "third_parties": 0, "plaintiffs": 1}.items():
        rows[column] = value
    rows.to_csv(cases, index=False)
    out = tmp_path / "scored.csv"
    call_command("triage_predict", "--cases", str(cases), "--out", str(out), "--language", "en",
                 "--threshold", "0.95")
    with open(out, encoding="utf-8") as fh:
        divorce, loan = list(csv.DictReader(fh))
    assert divorce["route"] == "simple" and "CPL 16" in divorce["reasons"]
    assert loan["route"] == "small_claims"
