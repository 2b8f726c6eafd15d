"""The columns of cases.csv and periods.csv (docs/interchange.md, v1)."""

from __future__ import annotations

CASE_COLUMNS: tuple[str, ...] = (
    "case_number", "case_type", "court_code", "cause", "filed_on", "claim_amount",
    "plaintiffs", "defendants", "third_parties", "plaintiff_kind", "defendant_kind",
    "defendant_address_known", "e_service_consent", "appraisal_requested", "foreign_related",
    "lawyer_represented", "evidence_items", "counterclaim", "initial_procedure", "final_procedure",
    "converted_on", "closed_on", "closing_mode", "judge", "team",
)
OPTIONAL_CASE_COLUMNS = frozenset({"counterclaim", "final_procedure", "converted_on", "closed_on", "closing_mode",
                                   "judge", "team"})
REQUIRED_CASE_COLUMNS: tuple[str, ...] = tuple(c for c in CASE_COLUMNS if c not in OPTIONAL_CASE_COLUMNS)

#: Columns export_cases adds. They are derived, so an import recomputes them and ignores the file's values:
#: an export can be loaded again without --ignore-unknown.
DERIVED_CASE_COLUMNS: tuple[str, ...] = (
    "elapsed_days", "excluded_days", "net_trial_days", "normal_deadline", "extended_deadline",
    "within_normal_term", "within_term", "overdue",
)

PERIOD_COLUMNS: tuple[str, ...] = ("case_number", "kind", "start_on", "end_on", "months")
REQUIRED_PERIOD_COLUMNS: tuple[str, ...] = ("case_number", "kind", "start_on")
