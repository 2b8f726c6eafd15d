"""The worked examples of the interchange conventions, imported and exported to the day."""

from __future__ import annotations

from datetime import date

import pytest

from court.cases.models import Case

from .conftest import DATA, export_cases, import_cases, read_csv

AS_OF = "2025-06-01"


@pytest.fixture
def exported(db, tmp_path):
    import_cases(DATA / "edge_cases.csv", DATA / "edge_periods.csv")
    out = tmp_path / "out.csv"
    export_cases(out, "--as-of", AS_OF)
    return {row["case_number"]: row for row in read_csv(out)}


def n(serial: int, year: int = 2023) -> str:
    return f"（{year}）陕0122民初{serial}号"


def test_a_term_ending_on_29_february_keeps_that_day(exported):
    # Filed 2023-11-30 + 3 months: February 2024 has a 29th (Civil Code art. 203); a Thursday.
    row = exported[n(101)]
    assert (row["normal_deadline"], row["within_normal_term"], row["elapsed_days"]) == ("2024-02-29", "true", "91")


def test_a_month_end_filing_ends_on_the_last_day_of_the_month(exported):
    # Small claims, filed 2023-08-31 + 2 months = 2023-10-31 (a Tuesday).
    assert exported[n(108)]["normal_deadline"] == "2023-10-31"


def test_a_deadline_in_the_national_day_holiday_rolls_to_the_make_up_saturday(exported):
    # Filed 2023-07-01 + 3 months = 2023-10-01, in the 1-6 October holiday; Saturday 7 October is a
    # make-up working day (调休), so the term ends then (CPL 85), and closing that day is in time.
    row = exported[n(102)]
    assert date(2023, 10, 7).weekday() == 5
    assert (row["normal_deadline"], row["within_normal_term"], row["within_term"]) == ("2023-10-07", "true", "true")


def test_overlapping_exclusions_count_once_and_evidence_adjournment_at_most_30_days(exported):
    # Appraisal [03-01, 04-01) and settlement [03-15, 04-15) overlap: 45 days; the adjournment for new
    # evidence [05-01, 07-01) counts 30. 2023-08-01 + 75 days = Sunday 2023-10-15 → Monday 2023-10-16.
    row = exported[n(103)]
    assert (row["excluded_days"], row["elapsed_days"], row["net_trial_days"]) == ("75", "257", "182")
    assert (row["normal_deadline"], row["within_normal_term"]) == ("2023-10-16", "true")


def test_a_converted_case_keeps_its_filing_date_and_gets_the_ordinary_term(exported):
    row = exported[n(104)]
    assert (row["final_procedure"], row["converted_on"], row["normal_deadline"]) == ("ordinary", "2023-04-01", "2023-09-01")
    assert row["elapsed_days"] == "172"


def test_an_extension_lengthens_the_term_but_is_not_excluded(exported):
    # Simple, filed 2024-01-10: normal 2024-04-10, +1 month 2024-05-10; closed 2024-05-06.
    row = exported[n(105, 2024)]
    assert (row["excluded_days"], row["normal_deadline"], row["extended_deadline"]) == ("0", "2024-04-10", "2024-05-10")
    assert (row["within_normal_term"], row["within_term"]) == ("false", "true")


def test_a_running_suspension_counts_to_the_as_of_date(exported, tmp_path):
    # Small claims filed 2025-03-01, suspended from 2025-04-01 and still suspended on 2025-06-01:
    # 92 days elapsed, 61 excluded; 2025-05-01 + 61 days = 2025-07-01, not yet overdue.
    row = exported[n(106, 2025)]
    assert (row["elapsed_days"], row["excluded_days"], row["net_trial_days"]) == ("92", "61", "31")
    assert (row["normal_deadline"], row["overdue"], row["within_term"], row["closed_on"]) == ("2025-07-01", "false", "", "")
    later = tmp_path / "later.csv"
    export_cases(later, "--as-of", "2025-09-01")
    row = {r["case_number"]: r for r in read_csv(later)}[n(106, 2025)]
    assert (row["excluded_days"], row["normal_deadline"], row["overdue"]) == ("153", "2025-10-09", "false")


def test_a_foreign_related_case_has_no_term(exported):
    row = exported[n(107, 2024)]
    assert (row["excluded_days"], row["elapsed_days"]) == ("123", "482")
    for column in ("normal_deadline", "extended_deadline", "within_normal_term", "within_term", "overdue"):
        assert row[column] == ""
    assert Case.objects.get(case_number=n(107, 2024)).normal_deadline is None


def test_closed_cases_carry_no_overdue_flag(exported):
    assert {row["overdue"] for number, row in exported.items() if row["closed_on"]} == {""}
