"""Build the demo court (蓝田县人民法院, 陕0122) and its cases through the case services."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from court.cases.models import Case
from court.commands import BaseCommand
from court.demo.chain import delete_chain, load_chain
from court.demo.people import everyone, password_for
from court.demo.plan import plan_court
from court.demo.replay import (
    ReplayError,
    delete_demo_cases,
    demo_court,
    demo_wage,
    ensure_court,
    load_historical,
    replay,
    split_for_bulk,
)


class Command(BaseCommand):
    help = "Generate the demo court: organisation, logins and N realistic civil cases, reproducible from a seed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=3000, help="historical cases filed 2022-2024 (default 3000)")
        parser.add_argument("--seed", type=int, default=2023, help="random seed (default 2023)")
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing but print the logins if the demo court already has cases")
        parser.add_argument("--replace", action="store_true", help="delete the demo court's cases first")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument("--through-services", action="store_true",
                            help="replay the historical cases step by step through the services too (parties, "
                                 "service, hearings on every case; minutes instead of seconds)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PROFILE == "production":
            # The demo court carries a real court's code: never let demo data near a production database.
            raise CommandError("generate_demo does not run in the production profile (DJANGO_PROFILE=production).")
        if options["cases"] < 0:
            raise CommandError("--cases cannot be negative.")
        if options["if_empty"] and options["replace"]:
            raise CommandError("--if-empty and --replace contradict each other; give one of them.")
        court = demo_court()
        if court is not None and Case.objects.filter(court=court).exists():
            if options["if_empty"]:
                self.stdout.write("The demo court already has cases; nothing generated.")
                self._print_logins()
                return
            if not options["replace"]:
                raise CommandError("The demo court already has cases: use --replace to rebuild it, or --if-empty.")
            delete_chain(court)  # the mediation chain's records protect the cases they refer to
            removed = delete_demo_cases(court)
            self.stdout.write(f"Deleted the demo court's {removed} cases.")
        started = time.monotonic()
        court, users = ensure_court()
        plan = plan_court(options["cases"], options["seed"], today=timezone.localdate(), wage=demo_wage(court))
        planned = time.monotonic()
        bar = tqdm(total=len(plan.cases), file=sys.stderr, disable=options["no_progress"], unit="case",
                   desc="demo cases")
        try:
            if options["through_services"]:
                replay(plan, court, users, progress=bar.update)
            else:
                historical, rest = split_for_bulk(plan)
                load_historical(historical, court)
                bar.update(len(historical.cases))
                replay(rest, court, users, progress=bar.update)
        except ReplayError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        chain = load_chain(court, users, seed=options["seed"], today=timezone.localdate())
        figures = plan.figures()
        self.stdout.write(
            f"Generated {len(plan.cases)} cases ({options['cases']} historical, seed {options['seed']}) in "
            f"{time.monotonic() - started:.0f} s (planning {planned - started:.1f} s).")
        self.stdout.write(
            "Planned 2023 figures: simple procedure {simple_procedure_rate:.2%}, average trial days "
            "{avg_trial_days:.1f}, within normal term {in_normal_term_rate:.2%}, mediation and withdrawal "
            "{mediation_withdrawal_rate:.2%} ({closed} closed).".format(**figures) if figures["closed"] else
            "No cases closed in 2023.")
        self.stdout.write(
            "Mediation chain: {received} pre-filing mediations in 2023, {agreed} settled ({confirmed} confirmed as "
            "民特), {failed} failed and filed; {open} open now.".format(**chain))
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write("\nDemo logins (username / password / role / team):")
        for person in everyone():
            extra = person.team or person.mediator_org or ("president" if person.is_president else "")
            self.stdout.write(f"  {person.username:<14} {password_for(person.username):<14} {person.role:<15} {extra}")
