"""Print the court metrics of docs/metrics.md for a window, as a table or as JSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser

from court.cases.models import CaseType
from court.commands import BaseCommand
from court.metrics import engine
from court.metrics.definitions import LABELS, METRIC_KEYS
from court.metrics.formatting import format_figure
from court.metrics.population import Filters, Window
from court.org.models import Court

BAD_DATE = "--%(name)s %(value)r is not a date; use YYYY-MM-DD."
FROM_AFTER_TO = "--from %(start)s is after --to %(end)s; the window must not be empty."
UNKNOWN_COURT = "No court with the code %(code)r."
UNKNOWN_TYPE = "Unknown case type %(value)r; use one of %(choices)s."


def _date(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(BAD_DATE % {"name": name, "value": value}) from None


def _key(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class Command(BaseCommand):
    help = "Print the court metrics (docs/metrics.md) for a window: a table, or JSON with --json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="First day of the window, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day of the window (the as-of date).")
        parser.add_argument("--json", action="store_true", help="Print JSON: every metrics.md key at the top level.")
        parser.add_argument("--by", choices=engine.BREAKDOWNS, help="Add a breakdown by judge, team, cause or month.")
        parser.add_argument("--court", help="The court's code (法院代字), e.g. 陕0122; default: every court.")
        parser.add_argument("--type", dest="case_type", default=CaseType.FIRST_INSTANCE,
                            help="Case type code (default 民初).")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _date("from", options["start"]), _date("to", options["end"])
        if start > end:
            raise CommandError(FROM_AFTER_TO % {"start": start, "end": end})
        if options["case_type"] not in CaseType.values:
            raise CommandError(UNKNOWN_TYPE % {"value": options["case_type"], "choices": ", ".join(CaseType.values)})
        court_id = None
        if options["court"]:
            court = Court.objects.filter(code=options["court"]).first()
            if court is None:
                raise CommandError(UNKNOWN_COURT % {"code": options["court"]})
            court_id = court.pk
        filters = Filters(court_id=court_id, case_type=options["case_type"])
        window = Window(start, end)
        totals = engine.figures(filters, window)
        rows = engine.breakdown(filters, window, options["by"]) if options["by"] else None

        if options["json"]:
            data: dict[str, Any] = dict(totals)
            if rows is not None:
                data["breakdown"] = [{"by": options["by"], "key": _key(row.key), "label": row.label, **row.figures}
                                     for row in rows]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._table(totals, rows, options["by"], window)

    def _table(self, totals: dict[str, Any], rows: list[engine.Row] | None, by: str | None,
               window: Window) -> None:
        self.stdout.write(f"{window.start} – {window.end}")
        width = max(len(k) for k in METRIC_KEYS)
        for key in METRIC_KEYS:
            self.stdout.write(f"{key:<{width}}  {format_figure(key, totals[key]):>12}  {LABELS[key]}")
        if rows is None:
            return
        self.stdout.write("")
        header = [by or "", *METRIC_KEYS]
        self.stdout.write("\t".join(header))
        for row in rows:
            self.stdout.write("\t".join([row.label, *(format_figure(k, row.figures[k]) for k in METRIC_KEYS)]))
