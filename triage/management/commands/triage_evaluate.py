"""A court's own evaluation: train on its history before a date, score after it, print AUC, Brier, the
calibration table and the baselines, per cause family and per procedure (nothing is registered or activated)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from django.core.management.base import CommandError, CommandParser

from court.commands import BaseCommand
from triage.evaluation import evaluate_split

BAD_DATE = "--split-date must be a date YYYY-MM-DD, not %(value)s."


def _fmt(v: Any) -> str:
    return "—" if v is None else f"{v:.4f}" if isinstance(v, float) else str(v)


class Command(BaseCommand):
    help = ("Train the triage router on the court's cases filed (and closed) before --split-date and score the "
            "cases filed from that date on: AUC, Brier, calibration and the baselines, per cause family and "
            "per procedure.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", required=True, help="The interchange cases.csv.")
        parser.add_argument("--periods", required=True, help="The interchange periods.csv that goes with it.")
        parser.add_argument("--split-date", help="YYYY-MM-DD (default: leaves the most recent fifth to score).")
        parser.add_argument("--rounds", type=int, default=300, help="Maximum boosting rounds (early stopping).")
        parser.add_argument("--json", help="Also write the full result as JSON to this file.")

    def handle(self, *args: Any, **options: Any) -> None:
        split = None
        if options["split_date"]:
            try:
                split = date.fromisoformat(options["split_date"])
            except ValueError:
                raise CommandError(BAD_DATE % {"value": options["split_date"]}) from None
        try:
            frame = pd.read_csv(options["cases"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
            periods = pd.read_csv(options["periods"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise CommandError(str(exc)) from exc
        frame["closed_on"] = frame["closed_on"].replace("", None)
        try:
            result = evaluate_split(frame, split=split, periods=periods, rounds=options["rounds"])
        except (ValueError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(format_result(result))
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))


def format_result(r: dict[str, Any]) -> str:
    rec = r["recalibration"]
    lines = [
        f"Trained on {r['train_rows']} cases filed and closed before {r['split']}; recalibrated on the "
        f"{rec['rows']} most recently closed of them (to {rec['closed_to']}); scored {r['scored_rows']} cases "
        f"filed from {r['split']}.",
        "",
        f"{'':24}{'AUC':>8}{'Brier':>8}{'accuracy':>10}",
    ]
    for label, f in (("model", r["model"]), ("cause × amount rule", r["baselines"]["cause_amount_rule"]),
                     ("majority class", r["baselines"]["majority"])):
        lines.append(f"{label:24}{_fmt(f['auc']):>8}{_fmt(f['brier']):>8}{_fmt(f['accuracy']):>10}")
    lines += ["", "Calibration (scored cases):  bin        n   predicted  observed"]
    lines += [f"{'':29}{row['bin']:<9}{row['n']:>5}{row['mean_predicted']:>11.3f}{row['observed']:>10.3f}"
              for row in r["model"]["calibration"]]
    check = r["calibration_check"]
    flag = "FLAGGED" if check["flagged"] else "within the bound"
    lines.append(f"Calibration error of the {check['rows']} most recent: {_fmt(check['ece'])} "
                 f"(bound {check['bound']} beyond chance {_fmt(check['noise_floor'])}: {flag})")
    lines += ["", "Reliability by month:  month     n   predicted  observed"]
    lines += [f"{'':23}{m['month']:<8}{m['n']:>5}{m['mean_predicted']:>11.3f}{m['observed']:>10.3f}"
              for m in r["reliability_by_month"]]
    for title, key in (("cause family", "by_family"), ("procedure (as filed)", "by_procedure")):
        lines += ["", f"Per {title}:  AUC / Brier of the model, the cause × amount rule and the majority class"]
        for g in r[key]:
            lines.append(f"  {g['group']:<28} n={g['n']:<5} complex {g['complex_rate']:.3f}  "
                         f"model {_fmt(g['model']['auc'])}/{_fmt(g['model']['brier'])}  "
                         f"rule {_fmt(g['rule']['auc'])}/{_fmt(g['rule']['brier'])}  "
                         f"majority {_fmt(g['majority']['auc'])}/{_fmt(g['majority']['brier'])}")
    return "\n".join(lines)
