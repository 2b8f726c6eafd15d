"""Issue 14 in the CSV interchange: amounts bounded as on the forms, formula-leading text escaped on export and
unescaped on import (so an export loads again as is), bounded text cells, the bad UTF-8 byte's own line."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from court.cases.interchange import parse as P
from court.cases.interchange.formulas import escape_formula, unescape_formula
from court.cases.models import Case
from court.org.models import Team, User

from .conftest import case_row, export_cases, import_cases, read_csv


def _refusal(path) -> str:
    with pytest.raises(CommandError) as info:
        import_cases(path)
    return str(info.value)


@pytest.mark.parametrize("amount", ["99999999999999.99", "1000000000000", "10000000000000.01"])
def test_an_amount_the_database_cannot_store_is_refused_at_its_cell(db, cases_csv, amount):
    message = _refusal(cases_csv([case_row(), case_row(case_number="（2023）陕0122民初2号", claim_amount=amount)]))
    assert "line 3, column claim_amount: " + P.AMOUNT_TOO_LARGE % {"value": amount} in message
    assert not Case.objects.exists()


def test_the_largest_amount_imports_and_exports(db, cases_csv, tmp_path):
    import_cases(cases_csv([case_row(claim_amount="999999999999.99", counterclaim_amount="999999999999.99")],
                           columns=[*case_row().keys(), "counterclaim_amount"]))
    export_cases(tmp_path / "out.csv")
    row = read_csv(tmp_path / "out.csv")[0]
    assert row["claim_amount"] == row["counterclaim_amount"] == "999999999999.99"


FORMULAS = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "'=already", "'plain"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_leading_team_and_judge_are_escaped_and_round_trip(db, cases_csv, tmp_path, text):
    import_cases(cases_csv([case_row(team=escape_formula(text), judge=escape_formula(text))]))
    assert Team.objects.get().code == text and User.objects.get(username=text)
    export_cases(tmp_path / "out.csv")
    row = read_csv(tmp_path / "out.csv")[0]
    assert row["team"] == "'" + text and row["judge"] == "'" + text  # shown as text, never evaluated
    assert row["claim_amount"] == "30000.00"  # numbers stay numbers
    import_cases(tmp_path / "out.csv")  # an upsert: the importer strips the escape it added
    assert Team.objects.get().code == text and User.objects.get(username=text)
    assert Case.objects.get().team.code == text and Case.objects.get().judge.username == text


def test_the_escape_covers_tab_and_carriage_return_and_leaves_other_text():
    for text in ("\t=1", "\r=1", "=1", "+1", "-1", "@1", "'x", "'t Hooft"):
        assert escape_formula(text) == "'" + text and unescape_formula(escape_formula(text)) == text
    for text in ("张三", "1-2", ""):
        assert escape_formula(text) == text and unescape_formula(text) == text
    assert unescape_formula("'t Hooft") == "'t Hooft"  # an apostrophe the exporter did not add stays


def test_an_unescaped_apostrophe_is_kept(db, cases_csv):
    import_cases(cases_csv([case_row(team="'t Hooft")]))
    assert Team.objects.get().code == "'t Hooft"


def test_text_cells_are_bounded(db, cases_csv):
    message = _refusal(cases_csv([case_row(cause="纠" * 5000)]))
    assert "line 2, column cause: " + P.TOO_LONG % {"length": 5000, "max": 100} in message


def test_a_bad_utf8_byte_is_reported_on_its_own_line(db, tmp_path):
    path = tmp_path / "cases.csv"
    lines = [",".join(case_row().keys())]
    lines += [",".join(case_row(case_number=f"（2023）陕0122民初{i}号").values()) for i in range(1, 400)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # Break line 300 (a Chinese character cut in half), far into the file, past the decoder's first chunk.
    start = data.index("民初299号".encode())
    data = data[:start] + b"\xe6\xb0" + data[start + 3:]
    path.write_bytes(data)
    assert "line 300, column -: " + P.NOT_UTF8 in _refusal(path)
