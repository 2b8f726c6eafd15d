"""Activate a registered triage model version (promotion by hand, or rollback)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from court.commands import BaseCommand
from triage import registry
from triage.models import ModelVersion


class Command(BaseCommand):
    help = "Make VERSION the active triage model (roll back or forward); --list shows the versions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("version", nargs="?")
        parser.add_argument("--list", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"] or not options["version"]:
            for mv in ModelVersion.objects.order_by("created_at", "id"):
                m = mv.metrics
                self.stdout.write(f"{'*' if mv.is_active else ' '} {mv.version}  AUC {m.get('auc')}  "
                                  f"Brier {m.get('brier')}")
            return
        try:
            mv = registry.activate(options["version"])
            registry.load(mv)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{mv.version} is now the active triage model."))
