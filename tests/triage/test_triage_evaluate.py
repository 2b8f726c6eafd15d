"""`triage_evaluate`: a court trains on its history before a date and scores the cases filed after it, with the
baselines per cause family and per procedure; nothing is registered."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from triage.models import ModelVersion

from .drift_synth import NEW_CAUSE, drift_frame

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(tmp_path):
    past = drift_frame(3000, seed=21, start=date(2021, 1, 4), days=1200, shifted=False)
    later = drift_frame(900, seed=121, start=date(2024, 6, 3), days=300, shifted=True)
    cases = tmp_path / "cases.csv"
    pd.concat([past, later]).drop(columns=["p_true"]).to_csv(cases, index=False)
    periods = tmp_path / "periods.csv"
    pd.DataFrame(columns=["case_number", "kind", "start_on", "end_on", "months"]).to_csv(periods, index=False)
    return cases, periods, later


def test_it_prints_the_figures_baselines_and_groups(files, tmp_path):
    cases, periods, later = files
    out = StringIO()
    call_command("triage_evaluate", cases=str(cases), periods=str(periods), split_date="2024-06-03",
                 json=str(tmp_path / "r.json"), stdout=out)
    text = out.getvalue()
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["scored_rows"] == len(later) and result["split"] == "2024-06-03"
    assert result["train_rows"] < 3000  # only what had closed before the split trains
    for line in ("model", "cause × amount rule", "majority class", "Calibration (scored cases)",
                 "Reliability by month", "Per cause family", "Per procedure (as filed)", "买卖合同纠纷"):
        assert line in text
    assert result["model"]["auc"] > result["baselines"]["cause_amount_rule"]["auc"] > 0.5
    family = {g["group"]: g for g in result["by_family"]}
    assert family["买卖合同纠纷"]["n"] >= (later["cause"] == NEW_CAUSE).sum()  # the newcomer is counted in its family
    assert result["recalibration"]["rows"] == 500
    assert not ModelVersion.objects.exists()


def test_a_bad_split_date_or_nothing_after_it_is_a_usage_error(files):
    cases, periods, _ = files
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("triage_evaluate", cases=str(cases), periods=str(periods), split_date="2024-13-01")
    with pytest.raises(CommandError, match="nothing to score"):
        call_command("triage_evaluate", cases=str(cases), periods=str(periods), split_date="2030-01-01")
