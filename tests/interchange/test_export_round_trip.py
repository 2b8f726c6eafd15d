"""An export of an imported file reproduces it, and re-importing the export changes nothing, to the day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from court.cases.interchange.columns import CASE_COLUMNS, DERIVED_CASE_COLUMNS, PERIOD_COLUMNS, READ_CASE_COLUMNS
from court.cases.models import Case, CaseEvent, CasePeriod
from court.cases.term import court_calendar
from court.rules.terms import Period, compute_term

from .conftest import DATA, export_cases, import_cases, read_csv

AS_OF = "2025-06-01"


def _normalise(row: dict[str, str]) -> dict[str, str]:
    out = {c: row.get(c, "") for c in CASE_COLUMNS}
    out["case_number"] = out["case_number"].replace("(", "（").replace(")", "）")
    out["claim_amount"] = str(Decimal(out["claim_amount"]).quantize(Decimal("0.01")))
    out["counterclaim"] = out["counterclaim"] or "false"
    return out


def _export(tmp_path, name: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    cases, periods = tmp_path / f"{name}.csv", tmp_path / f"{name}-periods.csv"
    export_cases(cases, "--as-of", AS_OF, "--periods-out", str(periods))
    return read_csv(cases), read_csv(periods)


def test_the_export_reproduces_the_imported_file(db, tmp_path):
    import_cases(DATA / "edge_cases.csv", DATA / "edge_periods.csv")
    cases, periods = _export(tmp_path, "first")
    assert list(cases[0]) == [*READ_CASE_COLUMNS, *DERIVED_CASE_COLUMNS]
    source = {r["case_number"]: _normalise(r) for r in read_csv(DATA / "edge_cases.csv")}
    assert {r["case_number"]: _normalise(r) for r in cases} == {k.replace("(", "（").replace(")", "）"): v
                                                               for k, v in source.items()}
    assert list(periods[0]) == list(PERIOD_COLUMNS)
    expected = sorted((r["case_number"].replace("(", "（").replace(")", "）"), r["kind"], r["start_on"], r["end_on"],
                       r["months"]) for r in read_csv(DATA / "edge_periods.csv"))
    assert sorted(tuple(r.values()) for r in periods) == expected


def test_the_derived_columns_follow_the_conventions_to_the_day(db, tmp_path):
    import_cases(DATA / "edge_cases.csv", DATA / "edge_periods.csv")
    cases, periods = _export(tmp_path, "first")
    by_case: dict[str, list[Period]] = {}
    for p in periods:
        by_case.setdefault(p["case_number"], []).append(Period(
            kind=p["kind"], start_on=_d(p["start_on"]), end_on=_d(p["end_on"]),
            months=int(p["months"]) if p["months"] else None))
    for row in cases:
        closed = _d(row["closed_on"])
        procedure = row["final_procedure"] or ("ordinary" if row["converted_on"] else row["initial_procedure"])
        term = compute_term(filed_on=_d(row["filed_on"]), procedure=procedure, periods=by_case.get(row["case_number"], []),
                            closed_on=closed, as_of=None if closed else _d(AS_OF),
                            foreign_related=row["foreign_related"] == "true", calendar=court_calendar(),
                            converted_on=_d(row["converted_on"]), case_type=row["case_type"])
        assert row["elapsed_days"] == str(term.elapsed_days)
        assert row["excluded_days"] == str(term.excluded_days)
        assert row["net_trial_days"] == str(term.net_trial_days)
        assert row["normal_deadline"] == (term.normal_deadline.isoformat() if term.normal_deadline else "")
        assert row["extended_deadline"] == (term.extended_deadline.isoformat() if term.extended_deadline else "")


def test_reimporting_an_export_changes_nothing(db, tmp_path):
    import_cases(DATA / "edge_cases.csv", DATA / "edge_periods.csv")
    first, first_periods = _export(tmp_path, "first")
    import_cases(tmp_path / "first.csv", tmp_path / "first-periods.csv")
    second, second_periods = _export(tmp_path, "second")
    assert second == first and second_periods == first_periods
    assert Case.objects.count() == 8 and CasePeriod.objects.count() == 6
    notes = CaseEvent.objects.filter(kind=CaseEvent.Kind.IMPORTED)
    assert notes.count() == 8 and all(note.payload["changed"] == [] for note in notes)


def test_the_export_filters_by_court_and_type(db, tmp_path, cases_csv):
    import_cases(DATA / "edge_cases.csv")
    import_cases(cases_csv([{**read_csv(DATA / "edge_cases.csv")[0], "case_number": "（2023）京0105民特5号",
                             "court_code": "京0105", "case_type": "民特"}]))
    out = tmp_path / "x.csv"
    export_cases(out, "--as-of", AS_OF, "--court", "京0105")
    assert [r["case_number"] for r in read_csv(out)] == ["（2023）京0105民特5号"]
    export_cases(out, "--as-of", AS_OF, "--type", "民初")
    assert len(read_csv(out)) == 8


def _d(text: str) -> date | None:
    return date.fromisoformat(text) if text else None
