"""The term ledger of one case (审限台账): the conventions by which a case's term clock is measured and
materialised, shared by the web services (`court.cases.term`) and the bulk import.

`case_term` fixes what `compute_term` is asked (CPL 152/164/168, JI 243, JI 258(3), TL2000 Art. 8-10): a
case not yet filed (立案) has no term; a closed case is measured on its closing day; a pending case on the
report date, never before its filing day. `ledger_values` is what a case stores of the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from .calendar import WorkdayCalendar
from .enums import Procedure
from .terms import FIRST_INSTANCE, Period, TermResult, compute_term

#: The materialised term fields of a case (`Case.elapsed_days` … `Case.term_as_of`), in this order.
LEDGER_FIELDS: tuple[str, ...] = (
    "elapsed_days", "excluded_days", "net_trial_days", "extension_months", "normal_deadline",
    "extended_deadline", "within_normal_term", "within_term", "term_as_of",
)


def case_term(*, filed_on: date | None, procedure: Procedure | str, periods: Iterable[Period],
              closed_on: date | None, as_of: date, foreign_related: bool, calendar: WorkdayCalendar,
              roll_over: bool, converted_on: date | None = None, case_type: str = FIRST_INSTANCE) -> TermResult | None:
    """The term of a case as of `as_of`; None before filing (立案, CPL 126: the term runs from it).

    `procedure` is the final procedure of a closed case, the current one of a pending case: the term
    always runs from the original filing date, also after conversion (JI 258(3)), and an extension
    approved before `converted_on` lapses with the conversion to ordinary procedure (JI 258(3); CPL 152;
    TL2000 Art. 2). The term follows `case_type` (`court.rules.terms.term_spec`). A closed case is
    measured on `closed_on` (TL2000 Art. 10), a pending one on `as_of` but not before its filing day.
    """
    if filed_on is None:
        return None
    return compute_term(
        filed_on=filed_on,
        procedure=procedure,
        periods=periods,
        closed_on=closed_on,
        as_of=None if closed_on else max(as_of, filed_on),
        foreign_related=foreign_related,
        calendar=calendar,
        roll_over=roll_over,
        converted_on=converted_on,
        case_type=case_type,
    )


def ledger_values(term: TermResult | None, *, closed_on: date | None, as_of: date) -> dict[str, Any]:
    """The materialised fields (LEDGER_FIELDS) for `term`: measured on the closing day of a closed case,
    else on `as_of`; all empty (no extension months) for a case without a term."""
    if term is None:
        return {name: 0 if name == "extension_months" else None for name in LEDGER_FIELDS}
    return {
        "elapsed_days": term.elapsed_days,
        "excluded_days": term.excluded_days,
        "net_trial_days": term.net_trial_days,
        "extension_months": term.extension_months,
        "normal_deadline": term.normal_deadline,
        "extended_deadline": term.extended_deadline,
        "within_normal_term": term.within_normal_term,
        "within_term": term.within_term,
        "term_as_of": closed_on or as_of,
    }
