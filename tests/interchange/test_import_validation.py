"""Every bad cell is reported as `line N, column C: what is wrong`, and a bad file writes nothing."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from court.cases.interchange import parse as P
from court.cases.models import Case, CaseEvent, CasePeriod
from court.org.models import Court, Team, User
from court.rules.case_numbers import LEGACY_FORM_ENDED, NOT_READABLE
from court.rules.procedure import APPEAL_AT_BASIC_COURT, BAR_RETRIAL

from .conftest import case_row, import_cases, pending_row

NUMBER = "（2023）陕0122民初1号"
CHOICES = {"procedure": "small_claims, simple, ordinary", "kind": ", ".join(P.PARTY_KINDS)}


def _refusal(path, periods=None, *extra) -> str:
    with pytest.raises(CommandError) as info:
        import_cases(path, periods, *extra)
    return str(info.value)


CASE_ERRORS = [
    ({"case_number": ""}, "case_number", P.REQUIRED, {}),
    ({"case_number": "2023陕0122民初1号"}, "case_number", None, {}),
    ({"case_type": "刑初"}, "case_type", P.BAD_ENUM, {"value": "刑初", "choices": ", ".join(P.CASE_TYPES)}),
    ({"court_code": "X12"}, "court_code", P.BAD_COURT_CODE, {"value": "X12"}),
    ({"court_code": "陕0123"}, "court_code", P.COURT_MISMATCH, {"number": NUMBER, "in_number": "陕0122", "value": "陕0123"}),
    ({"case_type": "民特"}, "case_type", P.TYPE_MISMATCH, {"number": NUMBER, "in_number": "民初", "value": "民特"}),
    ({"cause": "不存在的纠纷"}, "cause", P.UNKNOWN_CAUSE, {"value": "不存在的纠纷"}),
    ({"filed_on": "2023/03/01"}, "filed_on", P.BAD_DATE, {"value": "2023/03/01"}),
    ({"filed_on": "2023-02-30"}, "filed_on", P.BAD_DATE, {"value": "2023-02-30"}),
    ({"filed_on": "2026-01-05", "closed_on": ""}, "filed_on", P.IN_FUTURE, {"value": "2026-01-05"}),
    ({"claim_amount": "三万"}, "claim_amount", P.BAD_DECIMAL, {"value": "三万"}),
    ({"claim_amount": "-1"}, "claim_amount", P.NEGATIVE_AMOUNT, {"value": "-1"}),
    ({"claim_amount": "1.005"}, "claim_amount", P.AMOUNT_PRECISION, {"value": "1.005"}),
    ({"plaintiffs": "0"}, "plaintiffs", P.INT_TOO_SMALL, {"value": 0, "min": 1}),
    ({"defendants": "two"}, "defendants", P.BAD_INT, {"value": "two"}),
    ({"third_parties": ""}, "third_parties", P.REQUIRED, {}),
    ({"plaintiff_kind": "company"}, "plaintiff_kind", P.BAD_ENUM, {"value": "company", "choices": CHOICES["kind"]}),
    ({"foreign_related": "yes"}, "foreign_related", P.BAD_BOOL, {"value": "yes"}),
    ({"e_service_consent": ""}, "e_service_consent", P.REQUIRED, {}),
    ({"counterclaim": "maybe"}, "counterclaim", P.BAD_BOOL, {"value": "maybe"}),
    ({"initial_procedure": "summary"}, "initial_procedure", P.BAD_ENUM,
     {"value": "summary", "choices": CHOICES["procedure"]}),
    ({"closed_on": "2023-02-28"}, "closed_on", P.CLOSED_BEFORE_FILED, {"closed": "2023-02-28", "filed": "2023-03-01"}),
    ({"closed_on": "2026-02-01"}, "closed_on", P.IN_FUTURE, {"value": "2026-02-01"}),
    ({"final_procedure": ""}, "final_procedure", P.CLOSED_NEEDS, {}),
    ({"closing_mode": ""}, "closing_mode", P.CLOSED_NEEDS, {}),
    ({"closing_mode": "verdict"}, "closing_mode", P.BAD_ENUM, {"value": "verdict", "choices": ", ".join(P.CLOSING_MODES)}),
    # A closing column without closed_on: one error, at closed_on, naming both columns.
    ({"closed_on": "", "closing_mode": ""}, "closed_on", P.FINAL_PROCEDURE_WITHOUT_DATE, {"procedure": "simple"}),
    ({"closed_on": "", "final_procedure": ""}, "closed_on", P.CLOSING_MODE_WITHOUT_DATE, {"mode": "judgment"}),
    ({"converted_on": "2023-04-01"}, "final_procedure", P.CONVERSION_NEEDS_ORDINARY, {}),
    ({"converted_on": "2023-02-01", "final_procedure": "ordinary"}, "converted_on", P.CONVERTED_BEFORE_FILED,
     {"converted": "2023-02-01", "filed": "2023-03-01"}),
    ({"converted_on": "2023-06-01", "final_procedure": "ordinary"}, "converted_on", P.CONVERTED_AFTER_CLOSED,
     {"converted": "2023-06-01", "closed": "2023-05-10"}),
    ({"initial_procedure": "ordinary", "final_procedure": "ordinary", "converted_on": "2023-04-01"}, "converted_on",
     P.CONVERSION_FROM_ORDINARY, {}),
    ({"case_number": "（2023）陕0122民终1号", "case_type": "民终"}, "case_type", P.RULE_REFUSED,
     {"reason": APPEAL_AT_BASIC_COURT}),
    ({"retrial": "true"}, "initial_procedure", P.PROCEDURE_BARRED, {"procedure": "simple", "reason": BAR_RETRIAL}),
    ({"suit_kind": "sideways"}, "suit_kind", P.BAD_ENUM, {"value": "sideways", "choices": ", ".join(P.SUIT_KINDS)}),
    ({"counterclaim_amount": "-5"}, "counterclaim_amount", P.NEGATIVE_AMOUNT, {"value": "-5"}),
    ({"case_number": "（2023）陕0122民初号"}, "case_number", P.BAD_CASE_NUMBER,
     {"error": NOT_READABLE % {"text": "（2023）陕0122民初号"}}),
    ({"case_number": "（2017）朝民初字第5号"}, "case_number", P.BAD_CASE_NUMBER,
     {"error": LEGACY_FORM_ENDED % {"text": "（2017）朝民初字第5号"}}),
    ({"team": "T" * 41}, "team", P.TOO_LONG, {"length": 41, "max": 40}),
]


@pytest.mark.parametrize(("overrides", "column", "template", "params"), CASE_ERRORS)
def test_it_reports_each_bad_cell_with_its_line_and_column(db, cases_csv, overrides, column, template, params):
    good = case_row(case_number="（2023）陕0122民初9号")
    bad = case_row(**overrides)
    path = cases_csv([good, bad], columns=list(bad))
    message = _refusal(path)
    prefix = f"cases.csv: line 3, column {column}: "
    if template is None:
        assert prefix in message
    else:
        assert prefix + (template % params if params else template) in message
    assert "line 2," not in message


def test_it_reports_every_bad_row_not_just_the_first(db, cases_csv):
    rows = [case_row(case_number=f"（2023）陕0122民初{i}号", filed_on="bad") for i in range(1, 6)]
    message = _refusal(cases_csv(rows))
    for line in range(2, 7):
        assert f"line {line}, column filed_on: " in message
    assert "5 error(s)" in message


def test_it_stops_listing_at_the_limit_and_counts_the_rest(db, cases_csv, settings):
    settings.FANJIAN_IMPORT_ERROR_LIMIT = 3
    rows = [case_row(case_number=f"（2023）陕0122民初{i}号", claim_amount="x") for i in range(1, 9)]
    message = _refusal(cases_csv(rows))
    assert message.count("column claim_amount") == 3
    assert "… and 5 more" in message


def test_it_refuses_a_duplicate_case_number_naming_the_first_line(db, cases_csv):
    path = cases_csv([case_row(), case_row(case_number="(2023)陕0122民初1号")])
    assert "line 3, column case_number: " + P.DUPLICATE_CASE % {"number": NUMBER, "first": 2} in _refusal(path)


def test_it_refuses_a_missing_required_column(db, cases_csv):
    row = case_row()
    del row["cause"]
    assert "line 1, column cause: " + P.MISSING_COLUMN in _refusal(cases_csv([row]))


def test_it_refuses_an_unknown_column_unless_told_to_ignore_it(db, cases_csv):
    path = cases_csv([case_row(remark="备注")])
    assert "line 1, column remark: " + P.UNKNOWN_COLUMN in _refusal(path)
    import_cases(path, None, "--ignore-unknown")
    assert Case.objects.filter(case_number=NUMBER).exists()


def test_it_refuses_a_row_with_more_cells_than_the_header(db, tmp_path):
    path = tmp_path / "cases.csv"
    header = ",".join(case_row().keys())
    path.write_text(header + "\n" + ",".join(case_row().values()) + ",extra\n", encoding="utf-8")
    assert "line 2, column 26: " in _refusal(path)


def test_it_refuses_a_file_that_is_not_utf8(db, tmp_path):
    path = tmp_path / "cases.csv"
    header = ",".join(case_row().keys())
    path.write_bytes((header + "\n" + ",".join(case_row().values()) + "\n").encode("gb18030"))
    assert P.NOT_UTF8 in _refusal(path)


def test_it_refuses_a_judge_username_that_belongs_to_someone_else(db, cases_csv, party):
    assert "line 2, column judge: " + P.JUDGE_NOT_A_JUDGE % {"value": "party"} in _refusal(
        cases_csv([case_row(judge="party")]))


PERIOD_ERRORS = [
    ({"kind": "holiday"}, "kind", P.BAD_ENUM, {"value": "holiday", "choices": ", ".join(P.PERIOD_KINDS)}),
    ({"start_on": ""}, "start_on", P.REQUIRED, {}),
    ({"end_on": "2023-03-31"}, "end_on", P.END_BEFORE_START, {"end": "2023-03-31", "start": "2023-04-01"}),
    ({"kind": "extension", "end_on": ""}, "months", P.EXTENSION_NEEDS_MONTHS, {}),
    ({"kind": "extension", "months": "1"}, "end_on", P.EXTENSION_HAS_NO_END, {}),
    ({"months": "2"}, "months", P.ONLY_EXTENSION_MONTHS, {"kind": "appraisal"}),
    ({"case_number": "（2023）陕0122民初77号"}, "case_number", P.UNKNOWN_CASE, {"value": "（2023）陕0122民初77号"}),
]


@pytest.mark.parametrize(("overrides", "column", "template", "params"), PERIOD_ERRORS)
def test_it_reports_each_bad_period_with_its_line_and_column(db, cases_csv, periods_csv, overrides, column,
                                                             template, params):
    period = {"case_number": NUMBER, "kind": "appraisal", "start_on": "2023-04-01", "end_on": "2023-04-20",
              "months": ""}
    periods = periods_csv([period, {**period, **overrides}])
    message = _refusal(cases_csv([case_row()]), periods)
    assert f"periods.csv: line 3, column {column}: " + (template % params if params else template) in message
    assert "periods.csv: line 2," not in message


def test_a_file_with_one_bad_row_writes_nothing(db, cases_csv, periods_csv, court):
    rows = [case_row(case_number=f"（2023）陕0122民初{i}号", team="NEW", judge="newjudge") for i in range(1, 50)]
    rows.append(case_row(case_number="（2023）陕0122民初50号", court_code="京0105", cause="不存在的纠纷"))
    periods = periods_csv([{"case_number": "（2023）陕0122民初1号", "kind": "appraisal", "start_on": "2023-04-01",
                            "end_on": "2023-04-20", "months": ""}])
    counts = (Case.objects.count(), CaseEvent.objects.count(), CasePeriod.objects.count(), Team.objects.count(),
              User.objects.count(), Court.objects.count())
    message = _refusal(cases_csv(rows), periods)
    assert "line 51, column cause" in message
    assert (Case.objects.count(), CaseEvent.objects.count(), CasePeriod.objects.count(), Team.objects.count(),
            User.objects.count(), Court.objects.count()) == counts


def test_a_dry_run_validates_and_writes_nothing(db, cases_csv):
    out = import_cases(cases_csv([case_row(), pending_row(case_number="（2023）陕0122民初2号")]), None, "--dry-run")
    assert "2 new" in out
    assert not Case.objects.exists()
