"""The metrics count 民初 only (metrics.md): special procedure (民特, CPL 187), pre-suit mediation (民诉前调, OMR 24)
and payment orders (民督, CPL 227) have terms of their own and must leave every 民初 figure unchanged."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date

from court.metrics import engine
from court.metrics.population import Filters

WINDOW = engine.Window(date(2023, 1, 1), date(2023, 12, 31))


def _figures(court):
    result = engine.figures(engine.Filters(court_id=court.pk), WINDOW)
    return asdict(result) if is_dataclass(result) else result


def test_the_population_is_first_instance_by_default():
    assert Filters().case_type == "民初"


def test_other_case_types_leave_the_first_instance_figures_unchanged(old_case, court):
    old_case(date(2023, 1, 10), date(2023, 2, 9))
    old_case(date(2023, 3, 1), date(2023, 9, 20), procedure="ordinary", initial="simple",
             converted_on=date(2023, 4, 1), periods=(("extension", date(2023, 3, 20), None, 1),))
    old_case(date(2023, 11, 15))
    before = _figures(court)
    special = old_case(date(2023, 9, 10), date(2023, 10, 10), case_type="民特")
    mediation = old_case(date(2023, 3, 1), date(2023, 4, 10), case_type="民诉前调")
    old_case(date(2023, 5, 4), date(2023, 5, 12), case_type="民督")
    old_case(date(2023, 6, 1), case_type="民特")  # pending past its 30 days
    # Their own terms (CPL 187: 30 days; OMR 24: no 审限) are on the cases …
    assert (special.normal_deadline, special.within_term) == (date(2023, 10, 10), True)
    assert (mediation.normal_deadline, mediation.within_term, mediation.net_trial_days) == (None, None, 40)
    # … and none of them enters a 民初 figure.
    assert _figures(court) == before
    assert engine.figures(engine.Filters(court_id=court.pk, case_type="民特"), WINDOW) != engine.figures(
        engine.Filters(court_id=court.pk), WINDOW)
