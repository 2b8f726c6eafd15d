"""Train the triage router on closed first-instance cases, register it, and promote it if no worse."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pandas as pd
from django.core.management.base import CommandError, CommandParser

from court.commands import BaseCommand
from triage.models import TrainingRun
from triage.tasks import run_training


class Command(BaseCommand):
    help = "Train the triage model on the closed 民初 cases in the database and report its quality."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--activate", action="store_true", help="Make the new model active even if it is worse.")
        parser.add_argument("--models-dir", help="Directory for the model files (default: FANJIAN_MODELS_DIR).")
        parser.add_argument("--cases", help="Train on an interchange cases.csv instead of the database.")
        parser.add_argument("--periods", help="The interchange periods.csv that goes with --cases.")
        parser.add_argument("--rounds", type=int, default=300, help="Maximum boosting rounds (early stopping).")
        parser.add_argument("--no-promote", action="store_true", help="Register the model without comparing it.")
        parser.add_argument("--report", help="Also write the full report as JSON to this file.")
        parser.add_argument("--dask", metavar="SCHEDULER",
                            help="Fit the boosters with lightgbm.dask on a Dask cluster: a scheduler address "
                                 "(tcp://host:8786) or local:N for N worker processes here (the dask extra).")

    def handle(self, *args: Any, **options: Any) -> None:
        frame = periods = None
        if options["cases"]:
            try:
                frame = pd.read_csv(options["cases"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
                if options["periods"]:
                    periods = pd.read_csv(options["periods"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
            except OSError as exc:
                raise CommandError(str(exc)) from exc
            frame["closed_on"] = frame["closed_on"].replace("", None)
        say = self.stdout.write
        train_options: dict[str, Any] = {"rounds": options["rounds"]}
        with ExitStack() as stack:
            if options["dask"]:
                from triage.distributed import dask_fitter  # late: the optional dask extra

                try:
                    train_options["fitter"] = stack.enter_context(dask_fitter(options["dask"], progress=say))
                except (ImportError, ValueError, OSError) as exc:
                    raise CommandError(str(exc)) from exc
            run = run_training(frame=frame, periods=periods, force_activate=options["activate"],
                               promote=not options["no_promote"], directory=options["models_dir"],
                               progress=say, trigger="command", train_options=train_options)
        if run.outcome == TrainingRun.Outcome.FAILED:
            raise CommandError(run.message)
        report = run.report
        self.stdout.write(format_report(report))
        self.stdout.write(self.style.SUCCESS(f"{run.get_outcome_display()}: {run.message}"))
        if options["report"]:
            Path(options["report"]).write_text(json.dumps({"report": report, "comparison": run.comparison},
                                                          ensure_ascii=False, indent=1, default=str))


def _fmt(v: Any) -> str:
    return "—" if v is None else f"{v:.4f}" if isinstance(v, float) else str(v)


def format_report(report: dict[str, Any]) -> str:
    m, rule, major = report["metrics"], report["baselines"]["cause_amount_rule"], report["baselines"]["majority"]
    hold = report["data_window"]["holdout"]
    lines = [
        "",
        f"Held-out period: {hold['filed_from']} … {hold['filed_to']} ({hold['rows']} cases, "
        f"complex rate {hold['complex_rate']:.3f}); threshold {report['threshold']}",
        f"{'':24}{'AUC':>8}{'Brier':>8}{'accuracy':>10}{'worst group gap':>17}",
        f"{'model':24}{_fmt(m['auc']):>8}{_fmt(m['brier']):>8}{_fmt(m['accuracy']):>10}"
        f"{_fmt(m['groups']['max_abs_gap']):>17}",
        f"{'cause × amount rule':24}{_fmt(rule['auc']):>8}{_fmt(rule['brier']):>8}{_fmt(rule['accuracy']):>10}"
        f"{_fmt(rule['groups']['max_abs_gap']):>17}",
        f"{'majority class':24}{_fmt(major['auc']):>8}{_fmt(major['brier']):>8}{_fmt(major['accuracy']):>10}",
        "",
        "Calibration (held-out):  bin        n   predicted  observed",
    ]
    lines += [f"{'':25}{row['bin']:<9}{row['n']:>5}{row['mean_predicted']:>11.3f}{row['observed']:>10.3f}"
              for row in m["calibration"]]
    lines.append("")
    lines.append("Per-group gaps (mean predicted − observed; accuracy):")
    for dim in ("cause", "plaintiff_kind", "lawyer"):
        g = m["groups"][dim]
        lines.append(f"  {dim}: worst |gap| {g['max_abs_gap']:.3f}, accuracy spread {g['accuracy_spread']:.3f}")
        lines += [f"    {row['group']:<20} n={row['n']:<6} gap {row['gap']:+.3f}  accuracy {row['accuracy']:.3f}"
                  for row in g["groups"]]
    lines.append(f"Suggested threshold (best accuracy on the calibration slice): {report['suggested_threshold']}")
    d = report.get("duration")
    if d:
        q50, q90 = d["quantiles"]["q50"], d["quantiles"]["q90"]
        lines.append(f"Duration (net trial days): median MAE {q50['mae']} vs per-cause median {q50['baseline_mae']}; "
                     f"pinball@0.5 {q50['pinball']} vs {q50['baseline_pinball']}; pinball@0.9 {q90['pinball']} vs "
                     f"{q90['baseline_pinball']} (coverage {q90['coverage']:.3f})")
    return "\n".join(lines)
