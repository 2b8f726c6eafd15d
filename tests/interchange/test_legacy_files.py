"""Legacy files the importer must take (interchange.md is normative), imported and exported to the day.

Every expected value below is computed by hand from interchange.md's conventions: elapsed days = closed_on -
filed_on; excluded days = the union of excluded periods, each [start_on, end_on) clipped to [filed_on,
closed_on); normal deadline = filed_on + base term (Civil Code art. 202) + excluded days, rolled to the next
working day (CPL 85); extended deadline = the same with the extensions approved under the final procedure.
"""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from court.cases.interchange import parse as P
from court.cases.models import Case, CaseEvent, CaseNumberSequence, CasePeriod
from court.rules.procedure import APPEAL_AT_BASIC_COURT, BAR_REMANDED

from .conftest import case_row, export_cases, import_cases, read_csv

LEGACY = "（2015）朝民初字第123号"
FACTS = ("suit_kind", "remanded", "retrial", "public_interest", "original_case_number", "money_claim_only",
         "small_claims_agreed", "counterclaim_amount")

CASES = [
    # 1. Publication of the judgment after closing: a period wholly outside [filed_on, closed_on).
    case_row(case_number="（2023）陕0122民初201号", initial_procedure="ordinary", final_procedure="ordinary",
             filed_on="2023-03-01", closed_on="2023-08-15"),
    # 2. Simple → ordinary without a conversion date (converted_on is optional).
    case_row(case_number="（2023）陕0122民初202号", initial_procedure="simple", final_procedure="ordinary",
             filed_on="2023-03-01", closed_on="2023-08-15"),
    # 3. A pre-2016 number, kept as written (its 朝 is an old abbreviation, not compared with court_code).
    case_row(case_number="(2015)朝民初字第123号", court_code="京0105", filed_on="2015-03-02",
             closed_on="2015-05-20"),
    # 4. A simple-procedure extension, then a conversion: the extension lapses (JI 258(3)).
    case_row(case_number="（2024）陕0122民初203号", initial_procedure="simple", final_procedure="ordinary",
             filed_on="2024-01-10", converted_on="2024-04-01", closed_on="2024-07-25"),
    # 5. Special procedure: 30 days from filing (CPL 187).
    case_row(case_number="（2024）陕0122民特7号", case_type="民特", cause="申请司法确认调解协议", claim_amount="0",
             filed_on="2024-09-10", closed_on="2024-10-10", closing_mode="other"),
    # 6. Pre-suit mediation: no 审限 (OMR 24), so no deadline.
    case_row(case_number="（2024）陕0122民诉前调3号", case_type="民诉前调", filed_on="2024-03-01",
             closed_on="2024-04-10", closing_mode="other"),
    # 7. A specialised IP number with the facts that bar simple procedure (remanded → ordinary, JI 257(2)).
    {**case_row(case_number="（2023）京0491知民初5号", court_code="京0491", cause="侵害商标权纠纷",
                initial_procedure="ordinary", final_procedure="ordinary", filed_on="2023-03-01",
                closed_on="2023-06-30", counterclaim="true"),
     "suit_kind": "", "remanded": "true", "retrial": "false", "public_interest": "false",
     "original_case_number": LEGACY, "money_claim_only": "", "small_claims_agreed": "false",
     "counterclaim_amount": "50000.00"},
]
PERIODS = [
    {"case_number": "（2023）陕0122民初201号", "kind": "publication", "start_on": "2023-08-20", "end_on": "2023-09-20",
     "months": ""},
    {"case_number": LEGACY, "kind": "appraisal", "start_on": "2015-04-01", "end_on": "2015-04-11", "months": ""},
    {"case_number": "（2024）陕0122民初203号", "kind": "extension", "start_on": "2024-03-20", "end_on": "",
     "months": "1"},
]

# case number: elapsed, excluded, net, normal deadline, extended deadline, within normal term, within term
EXPECTED = {
    # 2023-03-01 → 08-15: 30+30+31+30+31+15 = 167; the publication from 08-20 counts 0 days; +6 months =
    # 2023-09-01 (a Friday).
    "（2023）陕0122民初201号": ("167", "0", "167", "2023-09-01", "2023-09-01", "true", "true"),
    # The term runs 6 months from filing either way (JI 258(3)).
    "（2023）陕0122民初202号": ("167", "0", "167", "2023-09-01", "2023-09-01", "true", "true"),
    # 2015-03-02 → 05-20: 29+30+20 = 79; appraisal [04-01, 04-11) = 10; +3 months = 2015-06-02, +10 days =
    # 2015-06-12 (a Friday).
    LEGACY: ("79", "10", "69", "2015-06-12", "2015-06-12", "true", "true"),
    # 2024-01-10 → 07-25: 21+29+31+30+31+30+25 = 197; +6 months = 2024-07-10 (a Wednesday); the simple month
    # of 2024-03-20 lapsed at the conversion on 04-01, so the extended deadline is the same day: late.
    "（2024）陕0122民初203号": ("197", "0", "197", "2024-07-10", "2024-07-10", "false", "false"),
    # 2024-09-10 + 30 days = 2024-10-10 (a Thursday, after the National Day holidays).
    "（2024）陕0122民特7号": ("30", "0", "30", "2024-10-10", "2024-10-10", "true", "true"),
    # 2024-03-01 → 04-10: 31+9 = 40; no trial term, so no deadline.
    "（2024）陕0122民诉前调3号": ("40", "0", "40", "", "", "", ""),
    # 2023-03-01 → 06-30: 30+30+31+30 = 121; +6 months = 2023-09-01.
    "（2023）京0491知民初5号": ("121", "0", "121", "2023-09-01", "2023-09-01", "true", "true"),
}
TERM_COLUMNS = ("elapsed_days", "excluded_days", "net_trial_days", "normal_deadline", "extended_deadline",
                "within_normal_term", "within_term")


@pytest.fixture
def imported(db, cases_csv, periods_csv):
    cases = cases_csv(CASES, columns=list(CASES[-1]))
    periods = periods_csv(PERIODS)
    import_cases(cases, periods)
    return cases, periods


def test_a_legacy_file_imports_and_its_export_follows_the_conventions_to_the_day(imported, tmp_path):
    out, periods_out = tmp_path / "out.csv", tmp_path / "out-periods.csv"
    export_cases(out, "--as-of", "2025-06-01", "--periods-out", str(periods_out))
    rows = {row["case_number"]: row for row in read_csv(out)}
    assert set(rows) == set(EXPECTED)
    for number, expected in EXPECTED.items():
        assert tuple(rows[number][c] for c in TERM_COLUMNS) == expected, number
    # The number is exported as it was written (brackets full-width), the publication after closing is kept.
    assert rows[LEGACY]["court_code"] == "京0105"
    kept = {(r["case_number"], r["kind"], r["start_on"]) for r in read_csv(periods_out)}
    assert ("（2023）陕0122民初201号", "publication", "2023-08-20") in kept
    assert CasePeriod.objects.count() == 3
    # The facts travel both ways.
    ip = rows["（2023）京0491知民初5号"]
    assert (ip["remanded"], ip["original_case_number"], ip["counterclaim_amount"], ip["money_claim_only"]) == (
        "true", LEGACY, "50000.00", "")
    # Re-importing the export changes nothing.
    import_cases(out, periods_out)
    assert all(e.payload["changed"] == [] for e in CaseEvent.objects.filter(kind=CaseEvent.Kind.IMPORTED))


def test_a_case_converted_without_a_date_has_no_conversion_event(imported):
    case = Case.objects.get(case_number="（2023）陕0122民初202号")
    assert (case.initial_procedure, case.procedure, case.converted_on) == ("simple", "ordinary", None)
    assert not case.events.filter(kind=CaseEvent.Kind.CONVERTED).exists()
    assert case.events.filter(kind=CaseEvent.Kind.CONVERTED).count() == 0
    converted = Case.objects.get(case_number="（2024）陕0122民初203号")
    assert converted.events.filter(kind=CaseEvent.Kind.CONVERTED).count() == 1


def test_a_pre_2016_number_is_stored_as_written_and_raises_no_sequence(imported):
    case = Case.objects.get(case_number=LEGACY)
    assert (case.year, case.serial, case.case_type) == (2015, 123, "民初")
    assert not CaseNumberSequence.objects.filter(year=2015).exists()


def test_a_reimport_without_the_fact_columns_keeps_the_facts(imported, cases_csv):
    """Files of v1 (the demo planner's, older exports) leave the fact columns out: the case keeps them."""
    v1 = {k: v for k, v in CASES[-1].items() if k not in FACTS}
    import_cases(cases_csv([v1]))
    case = Case.objects.get(case_number="（2023）京0491知民初5号")
    assert case.remanded and case.original_case_number == LEGACY and case.counterclaim_amount == 50000


def _refusal(path) -> str:
    with pytest.raises(CommandError) as info:
        import_cases(path)
    return str(info.value)


def test_a_closing_mode_without_a_closing_date_is_one_error_naming_both_columns(db, cases_csv):
    message = _refusal(cases_csv([case_row(closed_on="", final_procedure="")]))
    assert message.count("cases.csv: line") == 1
    line = next(part for part in message.splitlines() if "cases.csv: line 2" in part)
    assert "column closed_on" in line and "closing_mode is judgment" in line
    assert line.endswith(P.CLOSING_MODE_WITHOUT_DATE % {"mode": "judgment"})


def test_a_basic_court_refuses_an_appeal_row_naming_the_article(db, cases_csv):
    """CPL 171: "当事人不服地方人民法院第一审判决的，有权…向上一级人民法院提起上诉" — not to a basic court."""
    message = _refusal(cases_csv([case_row(case_number="（2023）陕0122民终4号", case_type="民终")]))
    assert "line 2, column case_type: " + APPEAL_AT_BASIC_COURT in message
    assert "CPL 18, 171" in message


@pytest.mark.parametrize(("facts", "article"), [
    ({"remanded": "true"}, "JI 257(2)"),  # "发回重审的"
    ({"retrial": "true"}, "JI 257(4)"),  # "适用审判监督程序的"
    ({"public_interest": "true"}, "JI 257(5)"),  # "涉及国家利益、社会公共利益的"
    ({"suit_kind": "third_party_revocation"}, "JI 257(6)"),  # "第三人起诉请求改变或者撤销生效判决、裁定、调解书的"
    ({"suit_kind": "execution_objection"}, "JI 308"),  # "人民法院审理执行异议之诉案件，适用普通程序"
])
def test_a_row_whose_procedure_a_bar_forbids_is_an_error_on_initial_procedure(db, cases_csv, facts, article):
    """JI 257: "下列案件，不适用简易程序" — and so not small claims either."""
    for procedure in ("simple", "small_claims"):
        row = case_row(initial_procedure=procedure, final_procedure=procedure, **facts)
        message = _refusal(cases_csv([row], columns=list(row)))
        assert "line 2, column initial_procedure: " in message and article in message
    row = case_row(initial_procedure="ordinary", final_procedure="ordinary", **facts)
    import_cases(cases_csv([row], columns=list(row)))


def test_the_bar_message_is_the_rule_s_own(db, cases_csv):
    row = case_row(remanded="true")
    message = _refusal(cases_csv([row], columns=list(row)))
    assert P.PROCEDURE_BARRED % {"procedure": "simple", "reason": BAR_REMANDED} in message
