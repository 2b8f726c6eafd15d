"""The columns of cases.csv and periods.csv (docs/interchange.md, v1) and how each maps to a case: the one
place that says how a cell is read, where its value is stored on `Case`, how a query or an instance reads
it back and how an export writes it. The parser, the importer, the exporter and triage all use this table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from court.rules.enums import ClosingMode, PeriodKind, Procedure

from ..bounds import CELL_MAX_LENGTH
from ..models import DONE_STATES, Case, CaseType, PartyKind, SuitKind
from .formulas import escape_formula

SMALLINT_MAX = 32767
INT_MAX = 2147483647

CASE_TYPES = tuple(CaseType.values)
PARTY_KINDS = tuple(PartyKind.values)
PROCEDURES = tuple(p.value for p in Procedure)
CLOSING_MODES = tuple(m.value for m in ClosingMode)
PERIOD_KINDS = tuple(k.value for k in PeriodKind)
SUIT_KINDS = tuple(SuitKind.values)


class CellType(Enum):
    """How a cell is written in the file (and so read by the parser and written by the exporter)."""

    TEXT = "text"
    CHOICE = "choice"  # one of `Column.choices`
    DATE = "date"  # YYYY-MM-DD
    BOOL = "bool"  # true/false/1/0; exported as true/false
    INT = "int"  # a whole number within [`Column.minimum`, `Column.maximum`]
    AMOUNT = "amount"  # yuan, at most two decimals, below bounds.AMOUNT_LIMIT


def _is_closed(case: Case) -> bool:
    return case.state in DONE_STATES


@dataclass(frozen=True)
class Column:
    """One interchange column.

    `field`: the `Case` field an import stores the cell's value in unchanged ("" when the importer resolves
    it: court, cause, judge, team, the final procedure). `lookup`: the query path that reads the column's
    value (default `field`). `value`: the column's value for a Case instance (default the `field`
    attribute). `derived`: a term ledger column that export adds and import recomputes.
    """

    name: str
    type: CellType = CellType.TEXT
    required: bool = True
    field: str = ""
    lookup: str = ""
    value: Callable[[Any], Any] | None = None
    choices: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = INT_MAX
    max_length: int = CELL_MAX_LENGTH  # text cells only
    derived: bool = False
    fact: bool = False

    @property
    def path(self) -> str:
        """The query path (`values_list`) that reads this column's value."""
        return self.lookup or self.field

    def of(self, case: Any) -> Any:
        """The column's value for `case`, typed (a date, a Decimal, a bool …), None or "" when empty."""
        return self.value(case) if self.value is not None else getattr(case, self.field)

    def text(self, value: Any) -> str:
        """`value` as the file writes it."""
        if value is None:
            return ""
        if self.type is CellType.BOOL:
            return "true" if value else "false"
        if self.type is CellType.DATE:
            return value.isoformat() if isinstance(value, date) else str(value)
        if self.type is CellType.AMOUNT:
            return f"{value:f}"
        if self.type is CellType.TEXT:
            return escape_formula(str(value))
        return str(value)


C = CellType

CASE_TABLE: tuple[Column, ...] = (
    Column("case_number", field="case_number", max_length=60),
    Column("case_type", C.CHOICE, field="case_type", choices=CASE_TYPES),
    Column("court_code", lookup="court__code", value=lambda case: case.court.code, max_length=16),
    Column("cause", lookup="cause__name", value=lambda case: case.cause.name if case.cause_id else "",
           max_length=100),
    Column("filed_on", C.DATE, field="filed_on"),
    Column("claim_amount", C.AMOUNT, field="claim_amount"),
    Column("plaintiffs", C.INT, field="plaintiff_count", minimum=1, maximum=SMALLINT_MAX),
    Column("defendants", C.INT, field="defendant_count", minimum=1, maximum=SMALLINT_MAX),
    Column("third_parties", C.INT, field="third_party_count", maximum=SMALLINT_MAX),
    Column("plaintiff_kind", C.CHOICE, field="plaintiff_kind", choices=PARTY_KINDS),
    Column("defendant_kind", C.CHOICE, field="defendant_kind", choices=PARTY_KINDS),
    Column("defendant_address_known", C.BOOL, field="defendant_address_known"),
    Column("e_service_consent", C.BOOL, field="e_service_consent"),
    Column("appraisal_requested", C.BOOL, field="appraisal_requested"),
    Column("foreign_related", C.BOOL, field="foreign_related"),
    Column("lawyer_represented", C.BOOL, field="lawyer_represented"),
    Column("evidence_items", C.INT, field="evidence_items"),
    Column("counterclaim", C.BOOL, required=False, field="counterclaim"),
    Column("initial_procedure", C.CHOICE, field="initial_procedure", choices=PROCEDURES),
    # The final procedure of a closed case; the importer derives `Case.procedure` (CaseRow.procedure).
    Column("final_procedure", C.CHOICE, required=False, lookup="procedure", choices=PROCEDURES,
           value=lambda case: case.procedure if _is_closed(case) else ""),
    Column("converted_on", C.DATE, required=False, field="converted_on",
           value=lambda case: case.converted_on if case.procedure == Procedure.ORDINARY else None),
    Column("closed_on", C.DATE, required=False, field="closed_on",
           value=lambda case: case.closed_on if _is_closed(case) else None),
    Column("closing_mode", C.CHOICE, required=False, field="closing_mode", choices=CLOSING_MODES,
           value=lambda case: case.closing_mode if _is_closed(case) else ""),
    Column("judge", required=False, lookup="judge__username", max_length=150,
           value=lambda case: case.judge.username if case.judge_id else ""),
    Column("team", required=False, lookup="team__code", max_length=40,
           value=lambda case: case.team.code if case.team_id else ""),
    # Facts that bar a procedure or change a fee, optional (interchange.md "Facts that bar a procedure"). Rule
    # inputs, never model features (like `counterclaim`); an empty cell is false / an ordinary suit / unknown.
    Column("suit_kind", C.CHOICE, required=False, field="suit_kind", choices=SUIT_KINDS, fact=True),
    Column("remanded", C.BOOL, required=False, field="remanded", fact=True),
    Column("retrial", C.BOOL, required=False, field="retrial", fact=True),
    Column("public_interest", C.BOOL, required=False, field="public_interest", fact=True),
    Column("original_case_number", required=False, field="original_case_number", max_length=60, fact=True),
    Column("money_claim_only", C.BOOL, required=False, field="money_claim_only", fact=True),
    Column("small_claims_agreed", C.BOOL, required=False, field="small_claims_agreed", fact=True),
    Column("counterclaim_amount", C.AMOUNT, required=False, field="counterclaim_amount", fact=True),
    # Added by export_cases from the term ledger (court.rules.ledger), as of the report date. They are
    # derived, so an import recomputes them and ignores the file's values: an export loads again as is.
    Column("elapsed_days", C.INT, field="elapsed_days", derived=True),
    Column("excluded_days", C.INT, field="excluded_days", derived=True),
    Column("net_trial_days", C.INT, field="net_trial_days", derived=True),
    Column("normal_deadline", C.DATE, field="normal_deadline", derived=True),
    Column("extended_deadline", C.DATE, field="extended_deadline", derived=True),
    Column("within_normal_term", C.BOOL, field="within_normal_term", derived=True),
    Column("within_term", C.BOOL, field="within_term", derived=True),
    Column("overdue", C.BOOL, derived=True),  # of a pending case as of the report date; not stored
)

PERIOD_TABLE: tuple[Column, ...] = (
    Column("case_number", lookup="case__case_number", max_length=60),
    Column("kind", C.CHOICE, field="kind", choices=PERIOD_KINDS),
    Column("start_on", C.DATE, field="start_on"),
    Column("end_on", C.DATE, required=False, field="end_on"),
    Column("months", C.INT, required=False, field="months", minimum=1, maximum=SMALLINT_MAX),
)

CASE_COLUMN: dict[str, Column] = {column.name: column for column in CASE_TABLE}
PERIOD_COLUMN: dict[str, Column] = {column.name: column for column in PERIOD_TABLE}

#: The v1 columns of cases.csv, in file order (what the demo planner writes).
CASE_COLUMNS: tuple[str, ...] = tuple(column.name for column in CASE_TABLE if not column.derived and not column.fact)
#: The optional fact columns added after v1 (JI 257, 308; CPL 165-166; FEE 18).
FACT_CASE_COLUMNS: tuple[str, ...] = tuple(column.name for column in CASE_TABLE if column.fact)
#: The columns of cases.csv an import reads, in file order.
READ_CASE_COLUMNS: tuple[str, ...] = CASE_COLUMNS + FACT_CASE_COLUMNS
OPTIONAL_CASE_COLUMNS = frozenset(column.name for column in CASE_TABLE if not column.required)
REQUIRED_CASE_COLUMNS: tuple[str, ...] = tuple(c for c in CASE_COLUMNS if c not in OPTIONAL_CASE_COLUMNS)
#: Columns export_cases adds.
DERIVED_CASE_COLUMNS: tuple[str, ...] = tuple(column.name for column in CASE_TABLE if column.derived)

PERIOD_COLUMNS: tuple[str, ...] = tuple(column.name for column in PERIOD_TABLE)
REQUIRED_PERIOD_COLUMNS: tuple[str, ...] = tuple(column.name for column in PERIOD_TABLE if column.required)

#: The Case fields an import stores cells in unchanged (the others it resolves or derives).
STORED_CASE_FIELDS: dict[str, str] = {
    column.name: column.field for column in CASE_TABLE if column.field and not column.derived
}


def query_paths(names: Iterable[str]) -> dict[str, str]:
    """{query path: column name} for `names`, to read them with one `values_list`."""
    return {CASE_COLUMN[name].path: name for name in names}
