"""Load cases (and their periods) from the interchange CSV files (docs/interchange.md)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from court.cases.interchange.importer import ImportRefused, cases_import
from court.commands import BaseCommand


class Command(BaseCommand):
    help = "Import cases.csv (and periods.csv) all-or-nothing; re-importing a case number updates the case."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", required=True, help="cases.csv (UTF-8, header row)")
        parser.add_argument("--periods", help="periods.csv: replaces the periods of the cases it names")
        parser.add_argument("--ignore-unknown", action="store_true", help="skip columns the format does not define")
        parser.add_argument("--court-name", default="", help="name for a court the file creates (default: its code)")
        parser.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        show = not options["no_progress"] and sys.stderr.isatty()

        def progress(desc: str, total: int | None) -> tqdm:
            return tqdm(total=total, desc=desc, unit=" rows", file=sys.stderr, disable=not show, leave=False)

        try:
            result = cases_import(
                cases_path=options["cases"], periods_path=options["periods"],
                ignore_unknown=options["ignore_unknown"], court_name=options["court_name"],
                dry_run=options["dry_run"], progress=progress,
            )
        except ImportRefused as exc:
            summary = _("Nothing was imported: %(count)s error(s).") % {"count": exc.errors.count}
            raise CommandError(summary + "\n" + exc.errors.report()) from None
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            raise CommandError(str(exc)) from None
        verb = _("Would import") if result.dry_run else _("Imported")
        self.stdout.write(
            _("%(verb)s %(total)s cases: %(created)s new, %(updated)s updated; %(periods)s periods.") % {
                "verb": verb, "total": result.created + result.updated, "created": result.created,
                "updated": result.updated, "periods": result.periods}
        )
        if result.periods_replaced_elsewhere:
            self.stdout.write(_("Periods replaced for %(n)s cases already in the database.")
                              % {"n": result.periods_replaced_elsewhere})
        for label, names in ((_("Courts created"), result.courts_created),
                             (_("Teams created"), result.teams_created),
                             (_("Judges created (inactive until an administrator activates them)"),
                              result.judges_created)):
            if names:
                self.stdout.write(f"{label}: {', '.join(names)}")
        if not result.dry_run:
            self.stdout.write(_("%(events)s case events written; %(seq)s case-number sequences raised.")
                              % {"events": result.events, "seq": result.sequences_raised})
