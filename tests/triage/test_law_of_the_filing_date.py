"""Triage judges a case by the small-claims law of its filing date: before 2022 the limit was 30% of the
average wage, not 50%.

CPL 2017 art. 162: "…标的额为各省、自治区、直辖市上年度就业人员年平均工资百分之三十以下的，实行一审终审。"
CPL 165 (2021, in force 2022-01-01): "…标的额为各省、自治区、直辖市上年度就业人员年平均工资百分之五十以下的，适用小额
诉讼的程序审理，实行一审终审。"

The conftest province 陕 has an average wage of 90,000 from 2021-01-01: 27,000 under the 2017 text, 45,000 now.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pytest

from court.rules.procedure import FilingFacts, WageThreshold
from triage import rules
from triage.predict import score_rows

WAGE = WageThreshold("陕", date(2021, 1, 1), Decimal(90_000))
BETWEEN = Decimal(35_000)  # above 30% (27,000), within 50% (45,000)
FACTS = FilingFacts(cause_code="9001", claim_amount=BETWEEN, plaintiffs=1, defendants=1, third_parties=0,
                    defendant_address_known=True, foreign_related=False, appraisal_requested=False)


@pytest.mark.parametrize("threshold", [WAGE, Decimal(45_000)])
def test_a_2021_claim_between_30_and_50_percent_is_not_a_small_claim(threshold):
    picture = rules.legal_picture(FACTS, threshold, filed_on=date(2021, 6, 1))
    assert [bar.code for bar in picture.small_claims_bars] == ["amount_above_limit"]
    assert picture.small_claims_bars[0].article == "CPL 2017 art. 162"
    assert rules.route_for(picture, 0.05, threshold=0.5, band=0.1).route == rules.SIMPLE
    today_law = rules.legal_picture(FACTS, threshold, filed_on=date(2022, 1, 1))
    assert rules.route_for(today_law, 0.05, threshold=0.5, band=0.1).route == rules.SMALL_CLAIMS


def test_a_2021_claim_within_30_percent_is_a_small_claim():
    picture = rules.legal_picture(replace(FACTS, claim_amount=Decimal(27_000)), WAGE, filed_on=date(2021, 6, 1))
    assert picture.small_claims_bars == []


def _row(filed_on):
    return {"case_number": "（2021）陕0122民初1号", "court_code": "陕0122", "cause": "民间借贷纠纷",
            "claim_amount": 35000, "plaintiffs": 1, "defendants": 1, "third_parties": 0,
            "defendant_address_known": True, "foreign_related": False, "appraisal_requested": False,
            "counterclaim": False, "filed_on": filed_on}


@pytest.mark.parametrize(("filed_on", "route"), [
    ("2021-06-01", rules.SIMPLE),
    (pd.Timestamp("2021-06-01"), rules.SIMPLE),
    ("2022-06-01", rules.SMALL_CLAIMS),
])
def test_interchange_rows_are_judged_by_the_law_of_their_filed_on(filed_on, route):
    frame = pd.DataFrame([_row(filed_on)])
    (row,) = score_rows(None, frame, wage_for=lambda c, d: WAGE, natures={"民间借贷纠纷": "money"},
                        threshold=0.5, band=0.1, language="en")
    assert row["route"] == route


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-06-01", date(2021, 6, 1)), (date(2021, 6, 1), date(2021, 6, 1)),
    (datetime(2021, 6, 1, 9), date(2021, 6, 1)), (pd.Timestamp("2021-06-01"), date(2021, 6, 1)),
    (None, None), (float("nan"), None), (pd.NaT, None), ("", None), ("unknown", None),
])
def test_row_dates(value, expected):
    assert rules.row_date(value) == expected


@pytest.mark.django_db
def test_a_case_received_in_2021_is_triaged_by_the_2017_limit(make_case):
    """No active model: the law alone routes it (decided_by "none"), to simple procedure, not small claims."""
    from triage.services import case_triage

    case = make_case(state="filed", filed_on=date(2021, 6, 3), amount=BETWEEN)
    rec = case_triage(case=case, trigger="manual")
    assert rec.route == rules.SIMPLE and rec.rule_code == "amount_above_limit"
    assert rec.rule_article == "CPL 2017 art. 162"
