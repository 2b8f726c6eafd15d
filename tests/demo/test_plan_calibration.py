"""At the default size, every seed's 2023 closings reproduce the county report's figures (metrics.md)."""

from datetime import date

import pytest

from court.demo.plan import plan_court

DEFAULT_CASES = 3000
TODAY = date(2026, 11, 27)


@pytest.mark.parametrize("seed", [2023, 1, 4242])
def test_2023_figures_match_the_county_report(seed: int) -> None:
    figures = plan_court(DEFAULT_CASES, seed, today=TODAY).figures(2023)
    assert figures["closed"] > 800
    assert figures["simple_procedure_rate"] == pytest.approx(0.7325, abs=0.01)
    assert figures["avg_trial_days"] == pytest.approx(58.2, abs=1.5)
    assert figures["in_normal_term_rate"] == pytest.approx(0.9198, abs=0.01)
    assert figures["mediation_withdrawal_rate"] == pytest.approx(0.4482, abs=0.01)


def test_the_makefile_default_is_the_size_calibrated_here() -> None:
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert f"DEMO_CASES ?= {DEFAULT_CASES}" in makefile
