"""`manage.py court_metrics`: JSON with exactly metrics.md's keys, breakdowns, a readable table, clear errors."""

from __future__ import annotations

import json
import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

#: The keys of the table in docs/metrics.md, copied by hand (and re-read from the file where it is at hand).
METRICS_MD_KEYS = [
    "received", "closed", "pending_at_end", "mediation_withdrawal_rate", "mediation_rate", "simple_procedure_rate",
    "small_claims_rate", "conversion_rate", "avg_trial_days", "avg_elapsed_days", "median_trial_days",
    "p90_trial_days", "in_normal_term_rate", "in_term_rate", "extension_rate", "closed_to_received",
    "disposition_time_days", "over_12_months_pending_rate", "within_90_days_rate", "within_180_days_rate",
    "within_365_days_rate",
]
METRICS_MD = [Path(__file__).resolve().parents[2] / "docs" / "metrics.md", Path("/work/shared/docs/metrics.md")]


def _run(*args: str) -> str:
    out = StringIO()
    call_command("court_metrics", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def a_year(old_case, other_judge, team_b):
    old_case(date(2023, 1, 10), date(2023, 2, 9), mode="mediation")
    old_case(date(2023, 3, 1), date(2023, 4, 30))
    old_case(date(2023, 5, 1), team=team_b, judge=other_judge)


def test_the_json_keys_are_those_of_metrics_md(a_year):
    data = json.loads(_run("--from", "2023-01-01", "--to", "2023-12-31", "--json"))
    assert list(data) == METRICS_MD_KEYS
    assert data["closed"] == 2 and data["mediation_rate"] == 0.5 and data["received"] == 3


def test_the_key_list_matches_the_document():
    doc = next((p for p in METRICS_MD if p.exists()), None)
    if doc is None:
        pytest.skip("metrics.md is not at hand")
    keys = []
    for line in doc.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*([a-z0-9_, ]+?)\s*\|", line)
        if match and match.group(1) != "key (JSON)":
            keys += [k.strip() for k in match.group(1).split(",")]
    assert keys == METRICS_MD_KEYS


def test_an_empty_window_gives_null_rates(court):
    data = json.loads(_run("--from", "2019-01-01", "--to", "2019-01-31", "--json"))
    assert data["closed"] == 0 and data["mediation_withdrawal_rate"] is None and data["avg_trial_days"] is None


def test_it_breaks_down_by_judge_and_month(a_year, judge, other_judge):
    data = json.loads(_run("--from", "2023-01-01", "--to", "2023-12-31", "--json", "--by", "judge"))
    assert list(data)[:-1] == METRICS_MD_KEYS and list(data)[-1] == "breakdown"
    by_key = {row["key"]: row for row in data["breakdown"]}
    assert by_key[judge.pk]["closed"] == 2 and by_key[other_judge.pk]["pending_at_end"] == 1
    months = json.loads(_run("--from", "2023-01-01", "--to", "2023-06-30", "--json", "--by", "month"))["breakdown"]
    assert [m["key"] for m in months] == [f"2023-0{i}-01" for i in range(1, 7)]
    assert all(set(METRICS_MD_KEYS) <= set(m) for m in months)


def test_it_filters_by_court_and_type(a_year, court):
    data = json.loads(_run("--from", "2023-01-01", "--to", "2023-12-31", "--json", "--court", court.code,
                           "--type", "民终"))
    assert data["received"] == 0
    with pytest.raises(CommandError, match="No court"):
        _run("--from", "2023-01-01", "--to", "2023-12-31", "--court", "京0101")


def test_the_table_shows_percentages_with_two_decimals(a_year):
    out = _run("--from", "2023-01-01", "--to", "2023-12-31")
    assert re.search(r"^mediation_rate\s+50\.00%", out, re.MULTILINE)
    assert re.search(r"^in_term_rate\s+100\.00%", out, re.MULTILINE)
    out = _run("--from", "2019-01-01", "--to", "2019-01-31")
    assert re.search(r"^mediation_rate\s+—", out, re.MULTILINE)


@pytest.mark.parametrize("args, message", [
    (("--from", "2023-13-01", "--to", "2023-12-31"), "is not a date"),
    (("--from", "2023-01-01", "--to", "yesterday"), "is not a date"),
    (("--from", "2023-12-31", "--to", "2023-01-01"), "is after"),
])
def test_bad_dates_are_a_clear_error(db, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
