"""Run the weekly retraining job now (what the schedule runs): skip if nothing closed, else train."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from court.commands import BaseCommand
from triage.models import TrainingRun
from triage.tasks import retrain


class Command(BaseCommand):
    help = "Retrain the triage model now, as the weekly schedule would (skips when nothing closed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--models-dir")

    def handle(self, *args: Any, **options: Any) -> None:
        retrain(directory=options["models_dir"])
        run = TrainingRun.objects.order_by("-started_at", "-id").first()
        self.stdout.write(f"{run.get_outcome_display()}: {run.message}" if run else "")
