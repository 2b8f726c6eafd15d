"""Every figure of metrics.md on a small court year, against values computed by hand (derivations inline)."""

from __future__ import annotations

from datetime import date

import pytest

from court.metrics import engine

WINDOW = engine.Window(date(2023, 1, 1), date(2023, 12, 31))


@pytest.fixture
def court_year(old_case, court):
    """Six cases closed in 2023 (A–F), three pending at its end (G, H, I) and two that must not count."""
    cases = {
        "A": old_case(date(2023, 1, 10), date(2023, 2, 9)),  # 30 days, judgment, simple
        "B": old_case(date(2023, 2, 1), date(2023, 3, 3), mode="mediation"),  # 30 days
        "C": old_case(date(2023, 3, 1), date(2023, 5, 30), mode="withdrawal", procedure="small_claims"),  # 90
        # Converted to ordinary; 210 days elapsed, 20 of them appraisal: 190 net.
        "D": old_case(date(2023, 4, 3), date(2023, 10, 30), procedure="ordinary", initial="simple",
                      converted_on=date(2023, 5, 10),
                      periods=(("appraisal", date(2023, 6, 1), date(2023, 6, 21), None),)),
        # Ordinary, 233 days, six months' extension approved: in term, not in the normal term.
        "E": old_case(date(2022, 6, 1), date(2023, 1, 20), mode="deemed_withdrawal", procedure="ordinary",
                      periods=(("extension", date(2022, 11, 10), None, 6),)),
        "F": old_case(date(2023, 5, 1), date(2023, 6, 30), procedure="ordinary", foreign=True),  # 60 days, no term
        "G": old_case(date(2022, 10, 1)),  # pending, filed more than 12 months before 2023-12-31
        "H": old_case(date(2023, 11, 15)),  # pending, young
        "I": old_case(date(2023, 6, 1), date(2024, 1, 10)),  # closed after the window: pending at its end
        "J": old_case(date(2022, 1, 5), date(2022, 3, 1)),  # before the window altogether
        "K": old_case(date(2023, 3, 1), date(2023, 4, 1), case_type="民终"),  # not first instance
    }
    return cases


@pytest.fixture
def totals(court_year, court):
    return engine.figures(engine.Filters(court_id=court.pk), WINDOW)


def test_the_term_fields_are_those_the_cases_were_built_for(court_year):
    a, c, d, e, f = (court_year[k] for k in "ACDEF")
    assert (a.net_trial_days, c.net_trial_days, e.net_trial_days) == (30, 90, 233)
    assert (d.elapsed_days, d.net_trial_days) == (210, 190)
    assert a.within_normal_term and not c.within_normal_term and not d.within_normal_term
    assert e.within_term and not e.within_normal_term and e.extension_months == 6
    assert f.within_normal_term is None and f.normal_deadline is None


def test_it_counts_received_closed_and_pending(totals):
    assert totals["received"] == 7  # A B C D F H I (E and G were filed in 2022, K is 民终)
    assert totals["closed"] == 6  # A–F
    assert totals["pending_at_end"] == 3  # G H I


def test_it_computes_the_closing_mode_and_procedure_rates(totals):
    assert totals["mediation_withdrawal_rate"] == pytest.approx(3 / 6)  # B mediation, C withdrawal, E deemed
    assert totals["mediation_rate"] == pytest.approx(1 / 6)
    assert totals["simple_procedure_rate"] == pytest.approx(3 / 6)  # A, B simple; C small claims
    assert totals["small_claims_rate"] == pytest.approx(1 / 6)
    assert totals["conversion_rate"] == pytest.approx(1 / 4)  # D of A B C D (E and F began ordinary)


def test_it_averages_net_and_elapsed_days(totals):
    assert totals["avg_trial_days"] == pytest.approx((30 + 30 + 90 + 190 + 233 + 60) / 6)
    assert totals["avg_elapsed_days"] == pytest.approx((30 + 30 + 90 + 210 + 233 + 60) / 6)


def test_it_interpolates_the_median_and_90th_percentile(totals):
    # Sorted: 30 30 60 90 190 233. Median at 2.5: 60 + .5 × 30; p90 at 4.5: 190 + .5 × 43.
    assert totals["median_trial_days"] == pytest.approx(75.0)
    assert totals["p90_trial_days"] == pytest.approx(211.5)


def test_it_leaves_foreign_related_cases_out_of_the_term_rates(totals):
    assert totals["in_normal_term_rate"] == pytest.approx(2 / 5)  # A, B of A–E
    assert totals["in_term_rate"] == pytest.approx(3 / 5)  # and E, by its extension
    assert totals["extension_rate"] == pytest.approx(1 / 5)


def test_it_computes_clearance_and_disposition_time(totals):
    assert totals["closed_to_received"] == pytest.approx(6 / 7)
    assert totals["disposition_time_days"] == pytest.approx(365 * 3 / 6)
    assert totals["over_12_months_pending_rate"] == pytest.approx(1 / 3)  # G


def test_it_computes_time_to_disposition(totals):
    assert totals["within_90_days_rate"] == pytest.approx(4 / 6)  # A B C (exactly 90) F
    assert totals["within_180_days_rate"] == pytest.approx(4 / 6)  # D is 190
    assert totals["within_365_days_rate"] == pytest.approx(1.0)


def test_it_returns_exactly_the_keys_of_metrics_md(totals):
    assert tuple(totals) == engine.METRIC_KEYS


def test_a_team_filter_narrows_every_figure(court_year, court, team_b, old_case):
    old_case(date(2023, 2, 1), date(2023, 3, 1), team=team_b, judge=None)
    only_b = engine.figures(engine.Filters(court_id=court.pk, team_id=team_b.pk), WINDOW)
    assert (only_b["received"], only_b["closed"], only_b["pending_at_end"]) == (1, 1, 0)
    assert only_b["in_normal_term_rate"] == 1.0


def test_a_procedure_filter_uses_the_final_procedure(court_year, court):
    ordinary = engine.figures(engine.Filters(court_id=court.pk, procedure="ordinary"), WINDOW)
    assert ordinary["closed"] == 3  # D (converted), E, F
    assert ordinary["conversion_rate"] == 1.0  # D of D


def test_the_window_must_not_be_reversed():
    with pytest.raises(ValueError, match="must start on or before"):
        engine.Window(date(2023, 2, 1), date(2023, 1, 31))
