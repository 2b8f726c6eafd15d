"""Excluded time (JI 243; TL2000 Art. 9) under the interchange.md conventions."""

from datetime import date

import pytest

from court.rules.terms import Period, excluded_days

FILED = date(2024, 1, 10)
END = date(2024, 6, 30)


def test_a_period_is_half_open() -> None:
    assert excluded_days(FILED, END, [Period("appraisal", date(2024, 2, 1), date(2024, 2, 11))]) == 10


def test_overlapping_periods_count_once() -> None:
    periods = [
        Period("appraisal", date(2024, 2, 1), date(2024, 2, 21)),
        Period("publication", date(2024, 2, 11), date(2024, 3, 1)),  # overlaps by 10 days
        Period("settlement", date(2024, 3, 1), date(2024, 3, 6)),  # touches, does not overlap
    ]
    assert excluded_days(FILED, END, periods) == 20 + 9 + 5


def test_a_period_inside_another_adds_nothing() -> None:
    periods = [
        Period("suspension", date(2024, 2, 1), date(2024, 4, 1)),
        Period("jurisdiction_objection", date(2024, 2, 10), date(2024, 2, 20)),
    ]
    assert excluded_days(FILED, END, periods) == 60


def test_an_evidence_adjournment_counts_at_most_thirty_days() -> None:
    # TL2000 Art. 9(5): "一个月之内".
    periods = [Period("evidence_adjournment", date(2024, 2, 1), date(2024, 4, 1))]
    assert excluded_days(FILED, END, periods) == 30


def test_the_evidence_cap_applies_before_the_union() -> None:
    periods = [
        Period("evidence_adjournment", date(2024, 2, 1), date(2024, 4, 1)),  # counts [2-01, 3-02)
        Period("appraisal", date(2024, 3, 11), date(2024, 3, 21)),  # outside the capped part
    ]
    assert excluded_days(FILED, END, periods) == 30 + 10


def test_a_running_period_runs_to_the_end_date() -> None:
    periods = [Period("suspension", date(2024, 6, 1))]
    assert excluded_days(FILED, END, periods) == 29


def test_periods_are_clipped_to_the_filing_and_end_dates() -> None:
    periods = [
        Period("jurisdiction_dispute", date(2024, 1, 1), date(2024, 1, 15)),  # 5 days after filing
        Period("audit_valuation", date(2024, 6, 25), date(2024, 7, 20)),  # 5 days before the end
        Period("mediation_extension", date(2024, 7, 1), date(2024, 7, 5)),  # wholly after the end
    ]
    assert excluded_days(FILED, END, periods) == 10


def test_extensions_are_not_excluded_time() -> None:
    periods = [Period("extension", date(2024, 3, 1), months=1)]
    assert excluded_days(FILED, END, periods) == 0


def test_a_period_kind_must_be_known() -> None:
    with pytest.raises(ValueError):
        Period("holiday", date(2024, 2, 1), date(2024, 2, 2))


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        Period("appraisal", date(2024, 2, 2), date(2024, 2, 1))


def test_an_extension_needs_its_months_and_only_it_has_months() -> None:
    with pytest.raises(ValueError):
        Period("extension", date(2024, 2, 1))
    with pytest.raises(ValueError):
        Period("appraisal", date(2024, 2, 1), months=1)
