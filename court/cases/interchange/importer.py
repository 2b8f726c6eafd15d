"""Loading cases.csv and periods.csv (docs/interchange.md, "Import behaviour"): all-or-nothing, bulk writes.

`cases_import` streams cases.csv in batches, so that memory does not grow with the file, in two passes:

1. validation (`validate.plan_import`): every cell, the catalogue, existing cases, users, and each case's
   term ledger; the checked rows are spilled to a temporary file. Any error refuses the import.
2. writing (`write.write_plan`), in one transaction: the spilled batches, with bulk statements.

`plan.py` holds what the passes share.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from ..term import today
from .bulk import BULK_BATCH, NotFast, bulk_import
from .plan import ImportRefused, ImportResult, Progress, ProgressFactory, no_progress
from .validate import BATCH_SIZE, plan_import
from .write import sqlite_cache, write_plan

__all__ = ["BATCH_SIZE", "ImportRefused", "ImportResult", "Progress", "ProgressFactory", "cases_import", "today"]


def cases_import(*, cases_path: Path | str, periods_path: Path | str | None = None, ignore_unknown: bool = False,
                 court_name: str = "", dry_run: bool = False, as_of: date | None = None,
                 progress: ProgressFactory | None = None, batch_size: int = BATCH_SIZE,
                 bulk: bool = True) -> ImportResult:
    """Validate both files completely; if anything is wrong raise ImportRefused and write nothing,
    else upsert every case (by case number) in one transaction.

    A clean file of new cases goes through the bulk path (`bulk.bulk_import`, vectorised checks, one pass)
    unless `bulk` is False; anything else (errors, updates, a dry run) through the row-by-row path below."""
    run_day = today()
    if bulk and not dry_run:
        try:
            return bulk_import(cases_path=cases_path, periods_path=periods_path, ignore_unknown=ignore_unknown,
                               court_name=court_name, as_of=as_of or run_day, run_day=run_day, progress=progress,
                               batch_size=max(batch_size, BULK_BATCH) if batch_size == BATCH_SIZE else batch_size)
        except NotFast:
            pass  # nothing was written: the row-by-row path reports the errors or does the updates
    progress = progress or no_progress
    plan = plan_import(cases_path=Path(cases_path), periods_path=Path(periods_path) if periods_path else None,
                       ignore_unknown=ignore_unknown, as_of=as_of or run_day, run_day=run_day, progress=progress,
                       batch_size=batch_size, spill=not dry_run)
    result = ImportResult(dry_run=dry_run, created=plan.created, updated=plan.updated)
    result.courts_created = sorted(c for c, pk in plan.courts.items() if pk is None)
    result.teams_created = sorted(f"{c}/{t}" for (c, t), pk in plan.teams.items() if pk is None)
    result.judges_created = sorted(plan.new_judges)
    result.periods_replaced_elsewhere = len(plan.elsewhere)
    if plan.periods is not None:
        result.periods = sum(len(v) for v in plan.periods.values())
    if dry_run:
        return result
    assert plan.spill is not None
    try:
        with sqlite_cache(), transaction.atomic():
            write_plan(plan, result, court_name=court_name, progress=progress)
    finally:
        plan.spill.close()
    return result
