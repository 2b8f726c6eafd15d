"""Score an interchange cases.csv with the active triage model: case_number, p_complex, route, reasons."""

from __future__ import annotations

import csv
from bisect import bisect_right
from datetime import date
from typing import Any

import pandas as pd
from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from court.cases.interchange.formulas import safe_cell
from court.cases.models import Cause
from court.commands import BaseCommand
from court.org.models import Court, WageThreshold
from court.rules import procedure
from triage import registry
from triage.predict import score_rows

COLUMNS = ["case_number", "p_complex", "route", "reasons"]
NO_MODEL = "There is no active triage model: train one with `manage.py triage_train` or ship one in the models directory."


def wage_lookup() -> Any:
    """court_code, filed_on -> the province's wage threshold in force on the filing date (JI 272), as the
    rules' WageThreshold: the very object the services judge small claims by (`case_accept`)."""
    provinces = dict(Court.objects.values_list("code", "province"))
    table: dict[str, tuple[list[date], list[procedure.WageThreshold]]] = {}
    for w in WageThreshold.objects.order_by("province", "effective_from"):
        days, limits = table.setdefault(w.province, ([], []))
        days.append(w.effective_from)
        limits.append(w.as_rule())

    def lookup(court_code: str, filed_on: Any) -> procedure.WageThreshold | None:
        province = provinces.get(court_code, court_code[:1])
        entry = table.get(province)
        if not entry or not filed_on:
            return None
        try:
            day = filed_on if isinstance(filed_on, date) else date.fromisoformat(str(filed_on)[:10])
        except ValueError:
            return None
        i = bisect_right(entry[0], day)
        return entry[1][i - 1] if i else None

    return lookup


class Command(BaseCommand):
    help = "Score cases in the interchange format with the active triage model (legal rules first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", required=True, help="Interchange cases.csv to score.")
        parser.add_argument("--out", required=True, help="Where to write case_number,p_complex,route,reasons.")
        parser.add_argument("--models-dir", help="Directory of the model files (default: FANJIAN_MODELS_DIR).")
        parser.add_argument("--threshold", type=float, help="Threshold (default: the court's, else 0.5).")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, help="Language of the reasons (zh-hans, en).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            frame = pd.read_csv(options["cases"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (OSError, pd.errors.ParserError) as exc:
            raise CommandError(f"{options['cases']}: {exc}") from exc
        missing = [c for c in ("case_number", "cause", "filed_on") if c not in frame.columns]
        if missing:
            raise CommandError(f"{options['cases']}: missing columns {', '.join(missing)}")
        mv = registry.ModelVersion.objects.filter(is_active=True).first() or registry.ensure_shipped_registered(
            options["models_dir"])
        if mv is None:
            raise CommandError(NO_MODEL)
        try:
            router = registry.load(mv, directory=options["models_dir"])
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        court = Court.objects.filter(code__in=frame["court_code"].unique().tolist()).first() \
            if "court_code" in frame.columns else None
        threshold = options["threshold"] or (float(court.triage_threshold) if court else 0.5)
        band = float(court.triage_review_band) if court else 0.1
        natures = dict(Cause.objects.values_list("name", "claim_nature"))
        try:
            rows = score_rows(router, frame, wage_for=wage_lookup(), natures=natures, threshold=threshold,
                              band=band, language=options["language"])
        except KeyError as exc:
            raise CommandError(f"{options['cases']}: {exc.args[0]}") from exc
        with open(options["out"], "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)  # echoed text: no formulas
        self.stdout.write(self.style.SUCCESS(f"Scored {len(rows)} cases with {router.version} → {options['out']}"))
