"""Helpers for the interchange tests: CSV writers, a valid default row, and the import command."""

from __future__ import annotations

import csv
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from court.cases.interchange import importer
from court.cases.interchange.columns import CASE_COLUMNS, PERIOD_COLUMNS

DATA = Path(__file__).parent / "data"
TODAY = date(2025, 12, 31)  # pending cases are measured to this day; the calendar package knows the years around it


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(importer, "today", lambda: TODAY)
    return TODAY


def case_row(**overrides: Any) -> dict[str, str]:
    """A valid closed 民初 row; override any column."""
    row = {
        "case_number": "（2023）陕0122民初1号", "case_type": "民初", "court_code": "陕0122", "cause": "民间借贷纠纷",
        "filed_on": "2023-03-01", "claim_amount": "30000", "plaintiffs": "1", "defendants": "1",
        "third_parties": "0", "plaintiff_kind": "person", "defendant_kind": "person",
        "defendant_address_known": "true", "e_service_consent": "true", "appraisal_requested": "false",
        "foreign_related": "false", "lawyer_represented": "false", "evidence_items": "3", "counterclaim": "false",
        "initial_procedure": "simple", "final_procedure": "simple", "converted_on": "", "closed_on": "2023-05-10",
        "closing_mode": "judgment", "judge": "", "team": "",
    }
    row.update(overrides)
    return row


def pending_row(**overrides: Any) -> dict[str, str]:
    return case_row(**{"final_procedure": "", "closed_on": "", "closing_mode": "", **overrides})


def write_csv(path: Path, rows: list[dict[str, Any]], columns: tuple[str, ...] | list[str] | None = None,
              bom: bool = False) -> Path:
    columns = list(columns or (rows[0].keys() if rows else CASE_COLUMNS))
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


@pytest.fixture
def cases_csv(tmp_path):
    def make(rows: list[dict[str, Any]], **kwargs: Any) -> Path:
        return write_csv(tmp_path / "cases.csv", rows, **kwargs)
    return make


@pytest.fixture
def periods_csv(tmp_path):
    def make(rows: list[dict[str, Any]], **kwargs: Any) -> Path:
        kwargs.setdefault("columns", PERIOD_COLUMNS)
        return write_csv(tmp_path / "periods.csv", rows, **kwargs)
    return make


def import_cases(cases: Path, periods: Path | None = None, *extra: str) -> str:
    out = StringIO()
    args = ["--cases", str(cases), "--no-progress", *extra]
    if periods is not None:
        args += ["--periods", str(periods)]
    call_command("import_cases", *args, stdout=out)
    return out.getvalue()


def export_cases(out: Path, *extra: str) -> str:
    buffer = StringIO()
    call_command("export_cases", "--out", str(out), "--no-progress", *extra, stdout=buffer)
    return buffer.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
