"""The one feature builder: whitelisted columns only, fixed categories, the same matrix for training and prediction."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from court.cases import services
from triage import features, selectors
from triage.features import FEATURES, POST_FILING, WHITELIST, FeatureSpec, build_matrix, case_columns, fit_spec

# the filing month from filed_on; the cause's family and part from the cause, through the catalogue's tree
WHITELISTED_SOURCES = set(WHITELIST) - {"filed_on"} | {"filed_month", "cause_family", "cause_part"}


def test_every_model_feature_comes_from_the_interchange_whitelist():
    assert set(FEATURES) == WHITELISTED_SOURCES
    assert not set(FEATURES) & set(POST_FILING)


def test_post_filing_columns_cannot_change_the_matrix(synth):
    spec = fit_spec(synth)
    before = build_matrix(synth, spec)
    scrambled = synth.copy()
    rng = np.random.default_rng(0)
    scrambled["initial_procedure"] = rng.choice(["small_claims", "simple", "ordinary"], len(synth))
    scrambled["final_procedure"] = scrambled["final_procedure"].iloc[::-1].to_numpy()
    scrambled["counterclaim"] = ~scrambled["counterclaim"]
    scrambled["converted_on"] = "2024-01-01"
    scrambled["closed_on"] = "2030-01-01"
    scrambled["closing_mode"] = "mediation"
    for column in ("state", "net_trial_days", "excluded_days", "normal_deadline", "within_term", "extension_months",
                   "periods", "judge", "team"):
        scrambled[column] = rng.integers(0, 1000, len(synth))
    np.testing.assert_array_equal(before, build_matrix(scrambled, spec))


def test_it_needs_no_post_filing_column(synth):
    only_whitelist = synth[list(WHITELIST)]
    spec = fit_spec(synth)
    np.testing.assert_array_equal(build_matrix(only_whitelist, spec), build_matrix(synth, spec))


def test_it_names_a_missing_whitelisted_column(synth):
    with pytest.raises(KeyError, match="evidence_items"):
        build_matrix(synth.drop(columns=["evidence_items"]), fit_spec(synth))


def test_categories_are_fixed_at_training_and_survive_the_card(synth):
    spec = fit_spec(synth)
    assert spec.categories["cause"] == sorted(spec.categories["cause"])
    assert spec.categories["plaintiff_kind"] == features.PARTY_KINDS
    again = FeatureSpec.from_json(spec.to_json())
    np.testing.assert_array_equal(build_matrix(synth, spec), build_matrix(synth, again))
    # A frame with other causes keeps the stored codes: the category list is not refitted.
    head = synth.head(50)
    np.testing.assert_array_equal(build_matrix(head, spec), build_matrix(synth, spec)[:50])


def test_an_unknown_or_rare_category_becomes_missing(synth):
    spec = fit_spec(synth, min_cause_rows=20)
    row = synth.head(1).copy()
    row["cause"] = "从未见过的纠纷"
    row["defendant_kind"] = "robot"
    x = build_matrix(row, spec)[0]
    assert np.isnan(x[FEATURES.index("cause")])
    assert np.isnan(x[FEATURES.index("defendant_kind")])
    rare = fit_spec(pd.DataFrame({"cause": ["甲"] * 25 + ["乙"] * 3}))
    assert rare.categories["cause"] == ["甲"]


def test_strings_from_a_csv_give_the_same_matrix_as_typed_values(synth):
    spec = fit_spec(synth)
    as_text = synth.astype(str)
    np.testing.assert_array_equal(build_matrix(as_text, spec), build_matrix(synth, spec))


@pytest.mark.django_db
def test_a_case_gives_the_same_vector_as_its_training_row(make_case, trained):
    spec = trained.router.spec
    case = make_case(state="closed", filed_on=date(2024, 3, 1))
    frame = selectors.closed_cases_frame()
    from_db = build_matrix(frame, spec)[0]
    from_case = build_matrix(case_columns(case), spec)[0]
    np.testing.assert_array_equal(from_db, from_case)


@pytest.mark.django_db
def test_cases_differing_only_after_filing_get_the_same_vector(make_case, judge, trained):
    spec = trained.router.spec
    plain = make_case(state="heard", filed_on=date(2024, 3, 1))
    changed = make_case(state="heard", filed_on=date(2024, 3, 1))
    services.case_record_counterclaim(case=changed, actor=judge)
    services.case_convert_procedure(case=changed, actor=judge, to="ordinary", reason="案情复杂", on=date(2024, 3, 25))
    changed.refresh_from_db()
    assert changed.procedure == "ordinary" and changed.counterclaim
    np.testing.assert_array_equal(build_matrix(case_columns(plain), spec), build_matrix(case_columns(changed), spec))


def test_the_database_frame_reads_only_whitelisted_columns_plus_label_and_target():
    allowed = set(WHITELIST) | {"case_number", "case_type"}
    assert set(selectors.CASE_FIELDS.values()) <= allowed
    assert set(selectors.LABEL_FIELDS.values()) == {"final_procedure", "closed_on", "net_trial_days"}
