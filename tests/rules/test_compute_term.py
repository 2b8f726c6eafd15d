"""The term clock of a case (CPL 152/164/168, JI 243, JI 258(3), TL2000 Art. 8-10, CPL 287)."""

from datetime import date, timedelta

import pytest

from court.rules.terms import Period, add_months, compute_term

FILED = date(2024, 1, 10)


def test_a_simple_case_closed_in_time_is_within_both_terms() -> None:
    result = compute_term(filed_on=FILED, procedure="simple", periods=[], closed_on=date(2024, 4, 10))
    assert result.elapsed_days == 91  # the filing day is not counted (CPL 85, TL2000 Art. 8)
    assert result.excluded_days == 0
    assert result.net_trial_days == 91
    assert result.base_months == 3
    assert result.normal_deadline == result.extended_deadline == date(2024, 4, 10)
    assert result.within_normal_term is True
    assert result.within_term is True
    assert result.overdue is None and result.days_left is None and result.alert is None


def test_a_case_closed_the_day_after_the_deadline_is_out_of_term() -> None:
    result = compute_term(filed_on=FILED, procedure="simple", periods=[], closed_on=date(2024, 4, 11))
    assert result.within_normal_term is False
    assert result.within_term is False


def test_excluded_periods_push_the_deadline_and_reduce_net_days() -> None:
    periods = [Period("appraisal", date(2024, 2, 1), date(2024, 2, 21))]
    result = compute_term(filed_on=FILED, procedure="simple", periods=periods, closed_on=date(2024, 4, 25))
    assert result.excluded_days == 20
    assert result.net_trial_days == result.elapsed_days - 20
    assert result.normal_deadline == date(2024, 4, 30)
    assert result.within_normal_term is True


def test_an_extension_counts_in_term_but_not_in_normal_term() -> None:
    periods = [Period("extension", date(2024, 3, 20), months=1)]
    result = compute_term(filed_on=FILED, procedure="simple", periods=periods, closed_on=date(2024, 5, 6))
    assert result.extension_months == 1
    assert result.normal_deadline == date(2024, 4, 10)
    assert result.extended_deadline == date(2024, 5, 10)
    assert result.within_normal_term is False
    assert result.within_term is True


def test_a_converted_case_is_measured_six_months_from_the_original_filing() -> None:
    # JI 258(3): the ordinary term runs from the original filing date, not from the conversion.
    result = compute_term(filed_on=FILED, procedure="ordinary", periods=[], closed_on=date(2024, 7, 10))
    assert result.base_months == 6
    assert result.normal_deadline == date(2024, 7, 10)
    assert result.within_normal_term is True
    late = compute_term(filed_on=FILED, procedure="ordinary", periods=[], closed_on=date(2024, 7, 11))
    assert late.within_normal_term is False


def test_a_foreign_related_case_has_no_term() -> None:
    # CPL 287: Arts 152 and 183 do not apply.
    result = compute_term(
        filed_on=FILED, procedure="ordinary", periods=[], closed_on=date(2025, 3, 1), foreign_related=True
    )
    assert result.elapsed_days == 416
    assert result.base_months is None
    assert result.normal_deadline is None and result.extended_deadline is None
    assert result.within_normal_term is None and result.within_term is None
    pending = compute_term(
        filed_on=FILED, procedure="ordinary", periods=[], as_of=date(2025, 3, 1), foreign_related=True
    )
    assert pending.overdue is None and pending.days_left is None and pending.alert is None


def test_a_pending_case_counts_days_left_to_the_deadline() -> None:
    result = compute_term(filed_on=FILED, procedure="simple", periods=[], as_of=date(2024, 3, 1))
    assert result.overdue is False
    assert result.days_left == 40
    assert result.extension_apply_by == date(2024, 3, 26)  # TL2019 Art. 1: 15 days before expiry
    assert result.alert is None
    assert result.within_normal_term is None and result.within_term is None


def test_a_pending_case_enters_the_extension_window_fifteen_days_before_expiry() -> None:
    assert compute_term(filed_on=FILED, procedure="simple", periods=[], as_of=date(2024, 3, 25)).alert is None
    result = compute_term(filed_on=FILED, procedure="simple", periods=[], as_of=date(2024, 3, 26))
    assert result.alert == "extension_window"


def test_a_pending_case_past_its_deadline_is_overdue() -> None:
    on_the_day = compute_term(filed_on=FILED, procedure="simple", periods=[], as_of=date(2024, 4, 10))
    assert on_the_day.overdue is False and on_the_day.days_left == 0
    result = compute_term(filed_on=FILED, procedure="simple", periods=[], as_of=date(2024, 4, 12))
    assert result.overdue is True
    assert result.days_left == -2
    assert result.alert == "overdue"


def test_a_pending_extended_case_counts_to_the_extended_deadline() -> None:
    periods = [Period("extension", date(2024, 3, 20), months=1)]
    result = compute_term(filed_on=FILED, procedure="simple", periods=periods, as_of=date(2024, 4, 20))
    assert result.overdue is False
    assert result.days_left == 20  # to 2024-05-10
    assert result.extension_apply_by == date(2024, 4, 25)
    assert result.alert is None


def test_an_extension_approved_after_the_as_of_date_is_not_yet_counted() -> None:
    periods = [Period("extension", date(2024, 3, 20), months=1)]
    result = compute_term(filed_on=FILED, procedure="simple", periods=periods, as_of=date(2024, 3, 1))
    assert result.extension_months == 0
    assert result.extended_deadline == date(2024, 4, 10)


def test_a_running_suspension_is_excluded_up_to_the_as_of_date() -> None:
    periods = [Period("suspension", date(2024, 3, 1))]
    result = compute_term(filed_on=FILED, procedure="simple", periods=periods, as_of=date(2024, 4, 1))
    assert result.excluded_days == 31
    assert result.net_trial_days == 82 - 31
    assert result.normal_deadline == date(2024, 5, 11)  # 2024-04-10 + 31 days, a make-up Saturday
    assert result.overdue is False


def test_a_running_period_of_a_closed_case_ends_at_closing() -> None:
    periods = [Period("suspension", date(2024, 3, 1))]
    result = compute_term(filed_on=FILED, procedure="simple", periods=periods, closed_on=date(2024, 3, 11))
    assert result.excluded_days == 10


def test_the_roll_over_can_be_switched_off() -> None:
    result = compute_term(
        filed_on=date(2023, 7, 1), procedure="simple", periods=[], closed_on=date(2023, 10, 7), roll_over=False
    )
    assert result.normal_deadline == date(2023, 10, 1)
    assert result.within_normal_term is False


def test_a_pending_case_needs_an_as_of_date() -> None:
    with pytest.raises(ValueError):
        compute_term(filed_on=FILED, procedure="simple", periods=[])


def test_a_case_cannot_close_before_it_was_filed() -> None:
    with pytest.raises(ValueError):
        compute_term(filed_on=FILED, procedure="simple", periods=[], closed_on=date(2024, 1, 9))


def test_a_deadline_in_a_year_without_an_official_calendar_is_reported_not_guessed():
    """CPL 85 roll-over needs the State Council's holiday notice; without it the date stands and the year is named."""
    from court.rules.calendar import WorkdayCalendar

    cal = WorkdayCalendar()
    unknown = max(cal.known_years()) + 1
    filed = date(unknown, 1, 1) - timedelta(days=40)  # a simple term ending in the unknown year
    result = compute_term(filed_on=filed, procedure="simple", periods=[], as_of=filed + timedelta(days=1),
                          calendar=cal)
    assert result.normal_deadline == add_months(filed, 3)
    assert result.calendar_unknown_year == unknown


def test_a_deadline_in_a_known_year_reports_no_calendar_gap():
    result = compute_term(filed_on=date(2024, 1, 10), procedure="simple", periods=[], closed_on=date(2024, 3, 1))
    assert result.calendar_unknown_year is None
