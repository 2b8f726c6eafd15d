"""Write cases (and periods) in the interchange CSV format with the term ledger (docs/interchange.md)."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from court.cases.interchange.exporter import cases_export, exportable_cases, periods_export
from court.cases.models import CaseType
from court.cases.term import today
from court.commands import BaseCommand


def _as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("--as-of %(value)r is not a date of the form YYYY-MM-DD.") % {"value": value}) from None


class Command(BaseCommand):
    help = "Export cases (and periods) as interchange CSV with elapsed, excluded and net days, deadlines, overdue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="cases CSV to write")
        parser.add_argument("--periods-out", help="periods CSV to write")
        parser.add_argument("--as-of", default="", help="report date for pending cases (default: today)")
        parser.add_argument("--court", default="", help="only this court code, e.g. 陕0122")
        parser.add_argument("--type", dest="case_type", default="", choices=["", *CaseType.values],
                            help="only this case type, e.g. 民初")
        parser.add_argument("--bom", action="store_true", help="start the files with a UTF-8 BOM (for Excel)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = _as_of(options["as_of"]) if options["as_of"] else today()
        encoding = "utf-8-sig" if options["bom"] else "utf-8"
        show = not options["no_progress"] and sys.stderr.isatty()
        filters = {"court": options["court"], "case_type": options["case_type"]}
        total = exportable_cases(**filters).count() if show else None
        with open(options["out"], "w", encoding=encoding, newline="") as out, \
                tqdm(total=total, desc="exporting", unit=" cases", file=sys.stderr, disable=not show,
                     leave=False) as bar:
            result = cases_export(out=out, as_of=as_of, on_row=bar.update, **filters)
        message = _("Exported %(n)s cases as of %(as_of)s to %(out)s.") % {
            "n": result.cases, "as_of": as_of.isoformat(), "out": options["out"]}
        self.stdout.write(message)
        if options["periods_out"]:
            with open(options["periods_out"], "w", encoding=encoding, newline="") as out:
                count = periods_export(out=out, **filters)
            self.stdout.write(_("Exported %(n)s periods to %(out)s.") % {"n": count, "out": options["periods_out"]})
