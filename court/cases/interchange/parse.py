"""Checking cases.csv and periods.csv row by row (docs/interchange.md) without touching the database.

Each cell is read as its column says (`columns.py`, through `csvfile.Cells`); the checks here are those
between cells and against the case-number rules. Every problem becomes a `RowError` (`line N, column C:
what is wrong`), and reading goes on after an error so that one run reports every bad row. Lookups that
need the database (causes) are passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.rules.case_numbers import (
    CaseNumber,
    CaseNumberError,
    LegacyCaseNumber,
    is_valid_court_code,
    parse_case_number,
)
from court.rules.enums import PeriodKind, Procedure
from court.rules.errors import RuleViolation
from court.rules.procedure import FilingFacts, check_case_type_at_court, simple_procedure_bars

from .columns import (
    CASE_TABLE,
    CASE_TYPES,
    CLOSING_MODES,
    DERIVED_CASE_COLUMNS,
    PARTY_KINDS,
    PERIOD_COLUMNS,
    PERIOD_KINDS,
    PERIOD_TABLE,
    PROCEDURES,
    READ_CASE_COLUMNS,
    REQUIRED_CASE_COLUMNS,
    REQUIRED_PERIOD_COLUMNS,
    SUIT_KINDS,
)
from .csvfile import (
    AMOUNT_PRECISION,
    AMOUNT_TOO_LARGE,
    BAD_BOOL,
    BAD_CSV,
    BAD_DATE,
    BAD_DECIMAL,
    BAD_ENUM,
    BAD_INT,
    DUPLICATE_COLUMN,
    EMPTY_FILE,
    INT_TOO_LARGE,
    INT_TOO_SMALL,
    MISSING_COLUMN,
    NEGATIVE_AMOUNT,
    NOT_UTF8,
    REQUIRED,
    TOO_FEW_CELLS,
    TOO_LONG,
    TOO_MANY_CELLS,
    UNKNOWN_COLUMN,
    Cells,
    CsvFile,
    Errors,
    RowError,
    cell_reader,
)

__all__ = [
    # the cell messages and value lists, re-exported: one module names every import error
    "AMOUNT_PRECISION", "AMOUNT_TOO_LARGE", "BAD_BOOL", "BAD_CSV", "BAD_DATE", "BAD_DECIMAL", "BAD_ENUM", "BAD_INT",
    "DUPLICATE_COLUMN", "EMPTY_FILE", "INT_TOO_LARGE", "INT_TOO_SMALL", "MISSING_COLUMN", "NEGATIVE_AMOUNT",
    "NOT_UTF8", "REQUIRED", "TOO_FEW_CELLS", "TOO_LONG", "TOO_MANY_CELLS", "UNKNOWN_COLUMN",
    "CASE_TYPES", "CLOSING_MODES", "PARTY_KINDS", "PERIOD_KINDS", "PROCEDURES", "SUIT_KINDS",
    # this module's
    "BAD_CASE_NUMBER", "CLOSED_BEFORE_FILED", "CLOSED_NEEDS", "CLOSING_MODE_WITHOUT_DATE", "CONVERSION_FROM_ORDINARY",
    "CONVERSION_NEEDS_ORDINARY", "CONVERTED_AFTER_CLOSED", "CONVERTED_BEFORE_FILED", "COURT_MISMATCH",
    "DUPLICATE_CASE", "END_BEFORE_START", "EXTENSION_HAS_NO_END", "EXTENSION_NEEDS_MONTHS", "FINAL_PROCEDURE_WITHOUT_DATE",
    "IN_FUTURE", "JUDGE_NOT_A_JUDGE", "ONLY_EXTENSION_MONTHS", "PROCEDURE_BARRED", "RULE_REFUSED",
    "TYPE_MISMATCH", "UNKNOWN_CASE", "UNKNOWN_CAUSE", "BAD_COURT_CODE",
    "CaseRow", "CauseIndex", "Cells", "CsvFile", "Errors", "PeriodRow", "RowError", "iter_cases", "parse_periods",
]

# Error messages (module constants, so tests assert on them; translated when formatted).
BAD_CASE_NUMBER = gettext_noop("%(error)s")
DUPLICATE_CASE = gettext_noop("the case number %(number)s already appears on line %(first)s")
BAD_COURT_CODE = gettext_noop("%(value)r is not a court code such as 陕0122")
COURT_MISMATCH = gettext_noop("the case number %(number)s belongs to court %(in_number)s, not %(value)s")
TYPE_MISMATCH = gettext_noop("the case number %(number)s has type code %(in_number)s, not %(value)s")
UNKNOWN_CAUSE = gettext_noop("the cause %(value)r is not in the cause catalogue (民事案件案由规定)")
CLOSED_BEFORE_FILED = gettext_noop("closed_on %(closed)s is before filed_on %(filed)s")
IN_FUTURE = gettext_noop("%(value)s is in the future")
CONVERTED_BEFORE_FILED = gettext_noop("converted_on %(converted)s is before filed_on %(filed)s")
CONVERTED_AFTER_CLOSED = gettext_noop("converted_on %(converted)s is after closed_on %(closed)s")
CONVERSION_NEEDS_ORDINARY = gettext_noop(
    "a case converted to ordinary procedure (converted_on) must have final_procedure ordinary"
)
CONVERSION_FROM_ORDINARY = gettext_noop(
    "a case filed under ordinary procedure cannot be converted to it (converted_on must be empty)"
)
CLOSED_NEEDS = gettext_noop("a closed case (closed_on given) needs a value here")
CLOSING_MODE_WITHOUT_DATE = gettext_noop(
    "closing_mode is %(mode)s but closed_on is empty: a closed case needs closed_on, final_procedure and "
    "closing_mode; a pending case leaves all three empty"
)
FINAL_PROCEDURE_WITHOUT_DATE = gettext_noop(
    "final_procedure is %(procedure)s but closed_on is empty: a closed case needs closed_on, final_procedure and "
    "closing_mode; a pending case leaves all three empty"
)
PROCEDURE_BARRED = gettext_noop("%(procedure)s may not be used: %(reason)s")
RULE_REFUSED = gettext_noop("%(reason)s")
JUDGE_NOT_A_JUDGE = gettext_noop("the user %(value)r exists but is not a judge")
UNKNOWN_CASE = gettext_noop("the case number %(value)s is neither in cases.csv nor in the database")
END_BEFORE_START = gettext_noop("end_on %(end)s is before start_on %(start)s")
EXTENSION_NEEDS_MONTHS = gettext_noop("an extension needs the months granted (1 or more)")
EXTENSION_HAS_NO_END = gettext_noop("an extension has no end_on (start_on is the approval date)")
ONLY_EXTENSION_MONTHS = gettext_noop("only an extension carries months, not a %(kind)s period")


class CaseRow:
    """A valid cases.csv row, converted (`case_number` in its canonical full-width form)."""

    # One attribute per column (the cause as its catalogue id), the line, the number's parts and the term;
    # `legacy` for a pre-2016 number (（2015）朝民初字第123号), which belongs to no case-number sequence.
    __slots__ = ("line", "year", "serial", "legacy", "cause_id", "term",
                 *(name for name in READ_CASE_COLUMNS if name != "cause"))

    def __init__(self, **values: Any) -> None:
        get = values.get
        for name in self.__slots__:
            setattr(self, name, get(name))

    @property
    def procedure(self) -> str:
        """The final procedure of a closed case, the current one of a pending case."""
        if self.final_procedure:
            return self.final_procedure
        return Procedure.ORDINARY.value if self.converted_on else self.initial_procedure


class PeriodRow:
    """A valid periods.csv row."""

    __slots__ = ("case_number", "end_on", "kind", "line", "months", "start_on")

    def __init__(self, line: int, case_number: str, kind: str, start_on: date, end_on: date | None,
                 months: int | None) -> None:
        self.line, self.case_number, self.kind = line, case_number, kind
        self.start_on, self.end_on, self.months = start_on, end_on, months


class CauseIndex:
    """`court.cases.selectors.cause_by_name` over preloaded rows: the catalogue in force at filing first,
    else the newest catalogue that has the name."""

    def __init__(self, catalogues: list[tuple[int, date, date | None]], causes: list[tuple[int, int, str]]) -> None:
        # catalogues: (id, effective_from, effective_to); causes: (id, catalogue_id, name)
        self.catalogues = sorted(catalogues, key=lambda c: c[1], reverse=True)
        rank = {cat_id: i for i, (cat_id, _f, _t) in enumerate(self.catalogues)}
        self.by_catalogue: dict[tuple[int, str], int] = {}
        self.newest: dict[str, tuple[int, int]] = {}
        for cause_id, catalogue_id, name in causes:
            self.by_catalogue[(catalogue_id, name)] = cause_id
            best = self.newest.get(name)
            if best is None or rank[catalogue_id] < best[0]:
                self.newest[name] = (rank[catalogue_id], cause_id)
        self._cache: dict[tuple[str, date], int | None] = {}

    def _catalogue_for(self, on: date) -> int | None:
        for cat_id, effective_from, effective_to in self.catalogues:
            if effective_from <= on and not (effective_to is not None and effective_to < on):
                return cat_id
        return None

    def find(self, name: str, on: date) -> int | None:
        key = (name, on)
        if key not in self._cache:
            catalogue = self._catalogue_for(on)
            found = self.by_catalogue.get((catalogue, name)) if catalogue is not None else None
            if found is None and name in self.newest:
                found = self.newest[name][1]
            self._cache[key] = found
        return self._cache[key]


def iter_cases(path: Path | str, *, causes: CauseIndex, errors: Errors, ignore_unknown: bool, today: date,
               seen: dict[str, int], rejected: set[str] | None = None,
               on_row: Callable[[], None] | None = None, header: set[str] | None = None) -> Iterator[CaseRow]:
    """Stream cases.csv as CaseRows; every bad row is reported to `errors` and left out.

    `seen` (case number -> first line) finds duplicates. `rejected` collects the numbers whose first row
    was bad, so that "the numbers of the valid rows" is `seen` minus `rejected` without keeping a second
    set of every number. `header`, if given, receives the file's column names once the file is read.
    """
    csv_file = CsvFile(path, known=READ_CASE_COLUMNS, required=REQUIRED_CASE_COLUMNS, ignored=DERIVED_CASE_COLUMNS,
                       ignore_unknown=ignore_unknown, errors=errors)
    strings: dict[str, str] = {}  # share repeated strings (teams, judges) between rows
    for cells in csv_file.rows():
        if on_row is not None:
            on_row()
        before = len(seen)
        row = _case_row(cells, causes=causes, seen=seen, today=today)
        if row is not None:
            row.judge = strings.setdefault(row.judge, row.judge)
            row.team = strings.setdefault(row.team, row.team)
            yield row
        elif rejected is not None and len(seen) > before:
            rejected.add(next(reversed(seen)))
    if header is not None:
        header.update(csv_file.header)


_CASE_READERS = tuple((column.name, cell_reader(column)) for column in CASE_TABLE if not column.derived)
_PERIOD_READERS = tuple((column.name, cell_reader(column)) for column in PERIOD_TABLE)


def _case_row(c: Cells, *, causes: CauseIndex, seen: dict[str, int], today: date) -> CaseRow | None:
    """The row's cells, each read as its column says, then the checks between them (reported after the
    cells' own errors)."""
    v = {name: read(c) for name, read in _CASE_READERS}
    court_code, case_type, filed_on = v["court_code"], v["case_type"], v["filed_on"]
    if court_code and not is_valid_court_code(court_code):
        c.error("court_code", BAD_COURT_CODE, value=court_code)
        court_code = ""
    number = _case_number(c, v["case_number"], seen=seen, court_code=court_code, case_type=case_type)
    if case_type and court_code:
        try:
            check_case_type_at_court(case_type, court_code)  # CPL 171: no 民终 at a basic court
        except RuleViolation as exc:
            c.error("case_type", RULE_REFUSED, reason=_(exc.message))

    if filed_on is not None and filed_on > today:
        c.error("filed_on", IN_FUTURE, value=filed_on)
    cause_id = None
    if v["cause"] and filed_on is not None:
        cause_id = causes.find(v["cause"], filed_on)
        if cause_id is None:
            c.error("cause", UNKNOWN_CAUSE, value=v["cause"])

    _check_closing(c, v, filed_on=filed_on, today=today)
    _check_procedure_bars(c, v)

    if not c.ok or number is None:
        return None
    v.pop("cause")
    v.update(line=c.line, case_number=number.format(), year=number.year, serial=number.serial,
             legacy=isinstance(number, LegacyCaseNumber), court_code=court_code, cause_id=cause_id,
             **{name: bool(v[name]) for name in _FLAGS})
    return CaseRow(**v)


#: Types tried under a procedure of their own (special procedure, payment order, pre-suit mediation, appeal):
#: JI 257 chooses between simple and ordinary first-instance procedure only.
_NO_PROCEDURE_CHOICE = frozenset({"民特", "民督", "民诉前调", "民终"})

#: Boolean cells stored as false when empty (`money_claim_only` stays unknown instead: CPL 165 asks it).
_FLAGS = ("counterclaim", "remanded", "retrial", "public_interest", "small_claims_agreed")


def _case_number(c: Cells, text: str, *, seen: dict[str, int], court_code: str,
                 case_type: str) -> CaseNumber | LegacyCaseNumber | None:
    """The case number, current or pre-2016 (kept as written, its old court abbreviation not compared with
    court_code); registered in `seen` for duplicates."""
    if not text:
        return None
    try:
        number = parse_case_number(text)  # full- or half-width brackets (案号规定 Art. 3)
    except CaseNumberError as exc:
        c.error("case_number", BAD_CASE_NUMBER, error=_(exc.template) % exc.params)
        return None
    canonical = number.format()
    if canonical in seen:
        c.error("case_number", DUPLICATE_CASE, number=canonical, first=seen[canonical])
    else:
        seen[canonical] = c.line
    if isinstance(number, CaseNumber) and court_code and number.court_code != court_code:
        c.error("court_code", COURT_MISMATCH, number=canonical, in_number=number.court_code, value=court_code)
    if case_type and number.type_code != case_type:
        c.error("case_type", TYPE_MISMATCH, number=canonical, in_number=number.type_code, value=case_type)
    return number


def _check_closing(c: Cells, v: dict[str, Any], *, filed_on: date | None, today: date) -> None:
    """closed_on, final_procedure and closing_mode together; converted_on optional (the term runs from
    filing either way, JI 258(3)) but consistent."""
    initial, final = v["initial_procedure"], v["final_procedure"]
    converted_on, closed_on = v["converted_on"], v["closed_on"]
    if closed_on is not None:
        if filed_on is not None and closed_on < filed_on:
            c.error("closed_on", CLOSED_BEFORE_FILED, closed=closed_on, filed=filed_on)
        elif closed_on > today:
            c.error("closed_on", IN_FUTURE, value=closed_on)
    if c.text("closed_on"):
        for column in ("final_procedure", "closing_mode"):
            if not c.text(column):
                c.error(column, CLOSED_NEEDS)
    elif c.text("closing_mode"):
        c.error("closed_on", CLOSING_MODE_WITHOUT_DATE, mode=c.text("closing_mode"))
    elif c.text("final_procedure"):
        c.error("closed_on", FINAL_PROCEDURE_WITHOUT_DATE, procedure=c.text("final_procedure"))
    if converted_on is not None:
        if filed_on is not None and converted_on < filed_on:
            c.error("converted_on", CONVERTED_BEFORE_FILED, converted=converted_on, filed=filed_on)
        elif closed_on is not None and converted_on > closed_on:
            c.error("converted_on", CONVERTED_AFTER_CLOSED, converted=converted_on, closed=closed_on)
        elif closed_on is None and converted_on > today:
            c.error("converted_on", IN_FUTURE, value=converted_on)
        if initial == Procedure.ORDINARY:
            c.error("converted_on", CONVERSION_FROM_ORDINARY)
        if final and final != Procedure.ORDINARY:
            c.error("final_procedure", CONVERSION_NEEDS_ORDINARY)


def _check_procedure_bars(c: Cells, v: dict[str, Any]) -> None:
    """JI 257 (and JI 308): simple procedure, and so small claims, never applies to these cases, even by
    agreement (JI 264(2)); a row that says it did is an error on initial_procedure."""
    initial = v["initial_procedure"]
    if v["case_type"] in _NO_PROCEDURE_CHOICE:
        return
    if initial not in (Procedure.SIMPLE, Procedure.SMALL_CLAIMS) or None in (
            v["plaintiffs"], v["defendants"], v["defendant_address_known"]):
        return
    facts = FilingFacts(
        cause_code=None, claim_amount=v["claim_amount"] or 0, plaintiffs=v["plaintiffs"], defendants=v["defendants"],
        third_parties=v["third_parties"] or 0, defendant_address_known=v["defendant_address_known"],
        foreign_related=bool(v["foreign_related"]), appraisal_requested=bool(v["appraisal_requested"]),
        counterclaim=bool(v["counterclaim"]), remanded=bool(v["remanded"]), retrial=bool(v["retrial"]),
        public_interest=bool(v["public_interest"]),
        third_party_revocation=v["suit_kind"] == "third_party_revocation",
        execution_objection=v["suit_kind"] == "execution_objection",
    )
    for bar in simple_procedure_bars(facts):
        c.error("initial_procedure", PROCEDURE_BARRED, procedure=initial, reason=_(bar.message))


def parse_periods(path: Path | str, *, errors: Errors, ignore_unknown: bool,
                  on_row: Callable[[], None] | None = None) -> list[PeriodRow]:
    """Read periods.csv into PeriodRows (case numbers canonical); cross-checks against cases come later."""
    csv_file = CsvFile(path, known=PERIOD_COLUMNS, required=REQUIRED_PERIOD_COLUMNS,
                       ignore_unknown=ignore_unknown, errors=errors)
    rows: list[PeriodRow] = []
    numbers: dict[str, str] = {}
    for c in csv_file.rows():
        if on_row is not None:
            on_row()
        v = {name: read(c) for name, read in _PERIOD_READERS}
        number_text, kind, start_on, end_on = v["case_number"], v["kind"], v["start_on"], v["end_on"]
        canonical = numbers.get(number_text, "")
        if number_text and not canonical:
            try:
                canonical = numbers[number_text] = parse_case_number(number_text).format()
            except CaseNumberError as exc:
                c.error("case_number", BAD_CASE_NUMBER, error=_(exc.template) % exc.params)
        if start_on is not None and end_on is not None and end_on < start_on:
            c.error("end_on", END_BEFORE_START, end=end_on, start=start_on)
        if kind == PeriodKind.EXTENSION:
            if not c.text("months"):
                c.error("months", EXTENSION_NEEDS_MONTHS)
            if c.text("end_on"):
                c.error("end_on", EXTENSION_HAS_NO_END)
        elif kind and c.text("months"):
            c.error("months", ONLY_EXTENSION_MONTHS, kind=kind)
        if c.ok:
            assert start_on is not None
            rows.append(PeriodRow(c.line, canonical, kind, start_on, end_on, v["months"]))
    return rows
