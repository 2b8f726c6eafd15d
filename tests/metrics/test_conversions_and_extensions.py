"""Conversions and extensions through the real services, and what the figures make of them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services
from court.metrics import engine

WINDOW = engine.Window(date(2024, 1, 1), date(2024, 12, 31))


def test_a_converted_case_counts_as_ordinary_and_as_a_conversion(make_case, judge, court):
    case = make_case(state="heard", procedure="simple", filed_on=date(2024, 3, 1))
    services.case_convert_procedure(case=case, actor=judge, to="ordinary", reason="案情复杂", on=date(2024, 3, 25))
    services.case_close(case=case, actor=judge, mode="judgment", pronounced_on=date(2024, 4, 20))
    make_case(state="closed", procedure="simple", filed_on=date(2024, 5, 6))
    make_case(state="closed", procedure="ordinary", filed_on=date(2024, 5, 6))
    totals = engine.figures(engine.Filters(court_id=court.pk), WINDOW)
    assert totals["closed"] == 3
    assert totals["conversion_rate"] == pytest.approx(1 / 2)  # of the two that began simple
    assert totals["simple_procedure_rate"] == pytest.approx(1 / 3)  # the converted case ended ordinary


def test_an_extended_case_is_in_term_but_not_in_the_normal_term(make_case, judge, admin, court):
    case = make_case(state="heard", procedure="simple", filed_on=date(2024, 3, 1))
    services.case_extend(case=case, actor=admin, months=1, reason="当事人申请鉴定后补充证据", on=date(2024, 4, 1))
    case.refresh_from_db()
    late = case.normal_deadline + timedelta(days=7)
    services.case_close(case=case, actor=judge, mode="judgment", pronounced_on=late)
    case.refresh_from_db()
    assert case.closed_on > case.normal_deadline and case.closed_on <= case.extended_deadline
    totals = engine.figures(engine.Filters(court_id=court.pk), WINDOW)
    assert totals["in_normal_term_rate"] == 0.0
    assert totals["in_term_rate"] == 1.0
    assert totals["extension_rate"] == 1.0


def test_an_unconverted_case_closed_in_time_is_in_both_terms(make_case, court):
    make_case(state="closed", procedure="small_claims", filed_on=date(2024, 2, 5), mode="mediation")
    totals = engine.figures(engine.Filters(court_id=court.pk), WINDOW)
    assert (totals["in_normal_term_rate"], totals["in_term_rate"], totals["extension_rate"]) == (1.0, 1.0, 0.0)
    assert totals["small_claims_rate"] == 1.0 and totals["conversion_rate"] == 0.0
