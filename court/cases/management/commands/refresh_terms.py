"""Nightly: bring the term ledger (审限) of every pending case up to date."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from court.cases.term import refresh_pending_terms
from court.commands import BaseCommand


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of must be a date YYYY-MM-DD, not {text!r}.") from None


class Command(BaseCommand):
    help = "Recompute the term ledger (running periods, deadlines, alerts) of every pending case, in batches."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--as-of", type=_iso_date, default=None, help="Measure to this date (default: today).")
        parser.add_argument("--batch-size", type=int, default=500, help="Cases per transaction (default 500).")
        parser.add_argument("--court", default=None, help="Only this court code, e.g. 陕0122.")

    def handle(self, *args: Any, as_of: date | None = None, batch_size: int = 500, court: str | None = None,
               **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        summary = refresh_pending_terms(as_of=as_of, batch_size=batch_size, court_code=court)
        self.stdout.write(_("%(refreshed)d pending cases refreshed: %(overdue)d overdue, "
                            "%(window)d in the extension window.") % {
            "refreshed": summary.refreshed, "overdue": summary.overdue, "window": summary.extension_window})
