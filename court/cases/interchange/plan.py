"""What the two passes of an import share: the plan the validation pass makes (`validate.py`) and the
writing pass carries out (`write.py`), the checked rows spilled between them, the Case fields an import
writes, and the result and refusal that `importer.cases_import` reports.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from typing import IO, Any, Protocol, TypeVar

from court.rules.terms import TermResult

from ..models import Case
from .columns import STORED_CASE_FIELDS
from .csvfile import Errors
from .parse import CaseRow, PeriodRow

LOOKUP_CHUNK = 900  # keeps `__in` lists under SQLite's historical 999-variable limit

T = TypeVar("T")

#: Case fields an import writes on an existing case (besides the term ledger): the cells stored as they are
#: (columns.py), the number's parts, and what it resolves (cause, team, judge) or derives (state, procedure).
UPDATE_FIELDS: list[str] = [
    "year", "serial", "cause", *[f for name, f in STORED_CASE_FIELDS.items() if name != "case_number"],
    "state", "state_before", "procedure", "team", "judge",
]
#: Fields read from an existing case: to notice what a re-import changes, and to measure its term.
EXISTING_FIELDS: list[str] = [
    "id", "case_number", "court_id", "court__deadline_roll_over",
    *[Case._meta.get_field(name).attname for name in UPDATE_FIELDS],
]


def chunks(items: Sequence[T], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class ImportRefused(Exception):
    """The files have errors; nothing was written. `errors.report()` lists them."""

    def __init__(self, errors: Errors) -> None:
        super().__init__(errors.report())
        self.errors = errors


class Progress(Protocol):
    """A progress bar (tqdm's interface)."""

    def update(self, n: int = 1) -> Any: ...

    def close(self) -> Any: ...


ProgressFactory = Callable[[str, int | None], Progress]


class _NoProgress:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def no_progress(desc: str, total: int | None) -> Progress:
    return _NoProgress()


@dataclass
class ImportResult:
    """What an import did (or, on a dry run, would do)."""

    created: int = 0
    updated: int = 0
    periods: int = 0
    events: int = 0
    periods_replaced_elsewhere: int = 0  # cases only in the database whose periods the file replaced
    courts_created: list[str] = field(default_factory=list)
    teams_created: list[str] = field(default_factory=list)
    judges_created: list[str] = field(default_factory=list)
    sequences_raised: int = 0
    dry_run: bool = False


#: A checked row as spilled between the passes: CaseRow's slots, the TermResult's fields, suspended.
_ROW_SLOTS = tuple(name for name in CaseRow.__slots__ if name != "term")
_TERM_FIELDS = tuple(f.name for f in fields(TermResult))
_row_values = attrgetter(*_ROW_SLOTS)
_term_values = attrgetter(*_TERM_FIELDS)


class Spill:
    """The checked rows, batch by batch, in an anonymous temporary file (pickled tuples)."""

    def __init__(self) -> None:
        # Open across both passes; cases_import closes it (and the OS deletes it) in any case.
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="fanjian-import-")  # noqa: SIM115
        self.batches = 0

    def add(self, batch: list[tuple[CaseRow, bool]], existing: dict[str, dict[str, Any]]) -> None:
        """Spill checked rows (with their term) and whether each is suspended, and the existing cases they
        update (as the validation pass found them)."""
        records = [(_row_values(row), _term_values(row.term), suspended) for row, suspended in batch]
        pickle.dump((records, existing), self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.batches += 1

    def __iter__(self) -> Iterator[tuple[list[tuple[CaseRow, bool]], dict[str, dict[str, Any]]]]:
        self.file.seek(0)
        for _ in range(self.batches):
            records, existing = pickle.load(self.file)  # our own file, written above
            rows = []
            for values, term, suspended in records:
                row = CaseRow(**dict(zip(_ROW_SLOTS, values, strict=True)))
                row.term = TermResult(*term)
                rows.append((row, suspended))
            yield rows, existing

    def close(self) -> None:
        self.file.close()


@dataclass
class Plan:
    """What the validation pass learnt; the checked rows wait in `spill` (None on a dry run)."""

    spill: Spill | None
    rows: int  # valid rows (all of them: a plan exists only for a clean file)
    created: int
    updated: int
    periods: dict[str, list[PeriodRow]] | None  # by case number; None when no periods file was given
    elsewhere: dict[str, tuple[dict[str, Any], TermResult]]  # database-only cases named in periods.csv
    courts: dict[str, int | None]  # code -> id (None: to create)
    teams: dict[tuple[str, str], int | None]
    judges: dict[str, int | None]
    new_judges: dict[str, tuple[str, str]]  # username -> (court code, team code)
    highest: dict[tuple[str, str, int], int]  # (court code, type code, year) -> highest serial in the file
    as_of: date
    file_name: str
    #: Fact columns (columns.FACT_CASE_COLUMNS) the file leaves out: a re-imported case keeps its values.
    absent_facts: tuple[str, ...] = ()
