"""Replay a `DemoPlan` through the case services (court.cases.services), with the planned legal dates.

Nothing here writes a case model directly: every step is the service a clerk, judge, filing officer or
the president would use, with the actor the step belongs to, so the demo's events and term ledgers are
the product's own.
"""

from __future__ import annotations

import csv
import dataclasses
import tempfile
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_fsm import TransitionNotAllowed

from court.cases import services
from court.cases.interchange.importer import ImportResult, cases_import
from court.cases.models import Case, CaseEvent, CaseNumberSequence, CasePeriod, Cause, FeeNotice, FeePayment, Party
from court.cases.selectors import cause_by_name
from court.cases.services import FilingInput, PartyInput
from court.org.models import Court, User, WageThreshold
from court.rules.errors import RuleViolation
from triage.services import automatic_triage

from .people import (
    COURT_CODE,
    COURT_NAME,
    DEMO_WAGE,
    DEMO_WAGE_FROM,
    DEMO_WAGE_SOURCE,
    PROVINCE,
    ensure_people,
    team_by_code,
)
from .plan import CASES_COLUMNS, PERIODS_COLUMNS, CasePlan, DemoPlan, Step, replay_order

TZ = ZoneInfo("Asia/Shanghai")
CHUNK = 50  # cases per transaction: SQLite commits are the slow part

_CLAIMS = {
    "离婚纠纷": "判令原、被告离婚；依法分割夫妻共同财产", "抚养费纠纷": "判令被告支付子女抚养费",
    "赡养费纠纷": "判令被告按月支付赡养费", "法定继承纠纷": "依法分割被继承人遗产",
    "机动车交通事故责任纠纷": "判令被告赔偿医疗费、误工费等各项损失", "信用卡纠纷": "判令被告偿还信用卡透支本金、利息及违约金",
    "物业服务合同纠纷": "判令被告支付拖欠的物业服务费", "追索劳动报酬纠纷": "判令被告支付拖欠的劳动报酬",
}


class ReplayError(RuntimeError):
    """A planned step the services refused: the plan and the rules disagree."""


#: How a service refuses a step: the law or the workflow (CaseRuleError is a ValidationError), the actor's
#: rights, the state machine; and the replay's own ReplayError when the plan names what the court lacks.
REFUSALS = (ValidationError, RuleViolation, PermissionDenied, TransitionNotAllowed, ReplayError)


def demo_court() -> Court | None:
    return Court.objects.filter(code=COURT_CODE).first()


def ensure_court() -> tuple[Court, dict[str, User]]:
    """The demo court, its organisation and logins and its wage threshold (idempotent)."""
    court, _ = Court.objects.get_or_create(code=COURT_CODE, defaults={"name": COURT_NAME, "province": PROVINCE})
    if not WageThreshold.objects.filter(province=court.province).exists():
        WageThreshold.objects.create(province=court.province, effective_from=DEMO_WAGE_FROM, average_wage=DEMO_WAGE,
                                     source=DEMO_WAGE_SOURCE)
    return court, ensure_people(court)


def demo_wage(court: Court) -> Decimal:
    """The average wage the plan must respect: the lowest figure in force over the planned years."""
    wages = list(WageThreshold.objects.filter(province=court.province).values_list("average_wage", flat=True))
    return min(wages) if wages else DEMO_WAGE


def delete_demo_cases(court: Court) -> int:
    """Delete the demo court's cases, their append-only event log and its case-number sequences; nothing else."""
    with transaction.atomic():
        cases = Case.objects.filter(court=court)
        count = cases.count()
        CaseEvent.objects.filter(case__court=court).purge()
        FeePayment.objects.filter(notice__case__court=court).delete()  # fee notices protect their case
        FeeNotice.objects.filter(case__court=court).delete()
        cases.delete()
        CaseNumberSequence.objects.filter(court=court).delete()
    return count


class _Replayer:
    def __init__(self, court: Court, users: dict[str, User]) -> None:
        self.court = court
        self.users = users
        self.causes: dict[tuple[str, int], Cause] = {}

    def cause(self, name: str, on: date) -> Cause:
        """The cause of the catalogue in force on the filing day (2020 before 2026, 2025 from 2026-01-01: the
        versions change on 1 January, so the year is the key)."""
        key = (name, on.year)
        if key not in self.causes:
            cause = cause_by_name(name, on)
            if cause is None:
                raise ReplayError(f"The cause {name} is not in the catalogue.")
            self.causes[key] = cause
        return self.causes[key]

    def run(self, plan: CasePlan) -> Case:
        team = team_by_code(plan.team) if plan.team else None
        judge = self.users[team.judge] if team else None
        docket = self.users[team.clerk if plan.key % 3 else team.assistants[0]] if team else None
        officer = self.users["filing01" if plan.key % 2 else "filing02"]
        president = self.users["president"]
        case: Case | None = None
        parties: list[Party] = []
        attempts: dict[str, Any] = {}
        hearings: dict[str, Any] = {}
        mediation_served: list[date] = []
        for step in plan.steps:
            try:
                case = self._step(step, plan, case, parties, attempts, hearings, mediation_served,
                                  judge=judge, docket=docket, officer=officer, president=president)
            except REFUSALS as exc:  # name the step: a refusal here is a bug in the plan
                raise ReplayError(f"case {plan.key} ({plan.case_number}) step {step.op} on {step.on}: {exc}") from exc
            if step.op == "submit":
                parties[:] = list(case.parties.order_by("id"))
        assert case is not None
        if plan.case_number and case.case_number != plan.case_number:
            raise ReplayError(f"case {plan.key}: the services numbered it {case.case_number}, "
                              f"the plan {plan.case_number}; was the court's sequence not empty?")
        return case

    def _step(self, step: Step, plan: CasePlan, case: Case | None, parties: list[Party], attempts: dict[str, Any],
              hearings: dict[str, Any], mediation_served: list[date], *, judge: User | None, docket: User | None,
              officer: User, president: User) -> Case:
        a, on = step.args, step.on
        if step.op == "submit":
            return services.case_submit(court=self.court, filing=self._filing(plan, on), actor=self._filer(plan),
                                        on=on)
        assert case is not None
        if step.op == "request_correction":
            return services.case_request_correction(case=case, actor=officer, items=a["items"], on=on)
        if step.op == "resubmit":
            return services.case_resubmit(case=case, actor=officer, on=on)
        if step.op == "reject":
            return services.case_reject(case=case, actor=officer, reason=a["reason"], on=on)
        if step.op == "accept":
            team = judge.team if judge else None
            return services.case_accept(case=case, actor=officer, procedure=a["procedure"], team=team, judge=judge,
                                        on=on)
        if step.op == "service_send":
            attempts[a["ref"]] = services.service_send(case=case, actor=docket, document=a["document"],
                                                       channel=a["channel"], party=parties[a["party"]], on=on)
        elif step.op == "service_record":
            attempt = services.service_record(attempt=attempts[a["ref"]], actor=docket, served=a["served"], on=on,
                                              failure_reason=a.get("reason", ""),
                                              evidence="送达回证" if a["served"] else "")
            if attempt.document == "mediation":
                mediation_served.append(attempt.served_on)
        elif step.op == "counterclaim":
            services.case_record_counterclaim(case=case, actor=docket, on=on, reason=a["reason"])
        elif step.op == "convert":
            services.case_convert_procedure(case=case, actor=judge, to=a["to"], reason=a["reason"], on=on)
        elif step.op == "evidence_period":
            services.case_set_evidence_period(case=case, actor=docket, start_on=on, days=a["days"], on=on)
        elif step.op == "hearing_schedule":
            online = a["mode"] in ("online", "async")
            hearings[a["ref"]] = services.hearing_schedule(
                case=case, actor=docket, starts_at=datetime.combine(a["day"], time(9 if plan.key % 2 else 14, 30 if
                                                                                   plan.key % 3 else 0), TZ),
                mode=a["mode"], notified_on=on, room="在线庭审" if online else f"第{plan.key % 5 + 1}法庭",
                respond_by=a.get("respond_by"), all_parties_consent=online and plan.online_hearing_consent)
        elif step.op == "hearing_hold":
            services.hearing_hold(hearing=hearings[a["ref"]], actor=docket, on=on)
        elif step.op == "hearing_adjourn":
            services.hearing_adjourn(hearing=hearings[a["ref"]], actor=docket, cause=a["cause"], reason=a["reason"],
                                     on=on)
        elif step.op == "period_start":
            services.period_start(case=case, actor=docket, kind=a["kind"], start_on=on, end_on=a["end_on"],
                                  reason=a["reason"])
        elif step.op == "period_end":
            period = CasePeriod.objects.filter(case=case, kind=a["kind"], end_on__isnull=True).order_by("-id").first()
            if period is None:
                raise ReplayError(f"no running {a['kind']} period to end")
            services.period_end(period=period, actor=docket, end_on=on)
        elif step.op == "mediation_start":
            mediator = None if a["mediator"] == "__judge__" else self.users[a["mediator"]]
            services.case_start_mediation(case=case, actor=docket, mediator=mediator, on=on)
        elif step.op == "mediation_end":
            services.case_end_mediation(case=case, actor=judge, reason=a["reason"], on=on)
        elif step.op == "suspend":
            services.case_suspend(case=case, actor=judge, ground=a["ground"], on=on)
        elif step.op == "resume":
            services.case_resume(case=case, actor=judge, on=on, reason=a["reason"])
        elif step.op == "extend":
            services.case_extend(case=case, actor=president, months=a["months"], reason=a["reason"], on=on,
                                 higher_court=a["higher"])
        elif step.op == "close":
            mode = a["mode"]
            kwargs: dict[str, Any] = {}
            if mode == "judgment":
                kwargs["pronounced_on"] = on
            elif mode == "mediation":
                kwargs["mediation_served_on"] = list(mediation_served)
            else:
                kwargs["ruling_on"] = on
            services.case_close(case=case, actor=judge, mode=mode, **kwargs)
        elif step.op == "archive":
            # JI 263: the decision is served on every party on the closing day, and the file archived once the
            # decision is effective (after the appeal periods); a file still waiting on them is left closed.
            closed = Case.objects.get(pk=case.pk)
            self._serve_decision(closed, actor=docket)
            effective = services.decision_status(closed, on=on).effective_on
            on = max(on, effective) if effective else on
            if on <= services.base.today():
                services.case_archive(case=case, actor=docket, on=on)
        else:
            raise ReplayError(f"unknown step {step.op}")
        return case

    @staticmethod
    def _serve_decision(case: Case, *, actor: User | None) -> None:
        """The closing decision served in person on every party still unserved, on the closing day."""
        status = services.decision_status(case, on=case.closed_on)
        document = services.after_judgment.DOCUMENT_OF[status.decision]
        for party in status.unserved:
            attempt = services.service_send(case=case, actor=actor, document=document, channel="direct", party=party,
                                            on=case.closed_on)
            services.service_record(attempt=attempt, actor=actor, served=True, on=case.closed_on)

    def _filer(self, plan: CasePlan) -> User | None:
        first = plan.parties[0]
        if first.lawyer_user:
            return self.users[first.lawyer_user]
        if first.user:
            return self.users[first.user]
        return None

    def _filing(self, plan: CasePlan, on: date) -> FilingInput:
        inputs = []
        for i, p in enumerate(plan.parties):
            inputs.append(PartyInput(
                side=p.side, name=p.name, kind=p.kind, address=p.address, address_known=p.address_known,
                e_service_consent=p.e_service_consent, online_hearing_consent=p.online_hearing_consent,
                no_domicile_in_china=p.no_domicile_in_china,
                e_address=f"1{(plan.key * 7919 + i * 104729) % 10**10:010d}@sms.court.demo" if p.e_service_consent else "",
                user=self.users[p.user] if p.user else None,
                lawyer=self.users[p.lawyer_user] if p.lawyer_user else None,
                lawyer_name=p.lawyer, law_firm=p.law_firm,
            ))
        claims = _CLAIMS.get(plan.cause, f"判令被告支付{plan.claim_amount}元") if plan.claim_amount or plan.cause in _CLAIMS \
            else "依法判决"
        return FilingInput(cause=self.cause(plan.cause, on), claim_amount=plan.claim_amount, parties=inputs,
                           claims=claims, facts=f"{plan.cause}：事实与理由详见起诉状", evidence_items=plan.evidence_items,
                           appraisal_requested=plan.appraisal_requested, foreign_related=plan.foreign_related,
                           money_claim_only=plan.money_claim_only)


def split_for_bulk(plan: DemoPlan) -> tuple[DemoPlan, DemoPlan]:
    """(the historical cases that were accepted, everything else): the first loaded by the interchange's bulk
    import (`load_historical`), the second replayed through the services (the current docket, and the
    historical complaints refused or withdrawn before acceptance, which have no case number)."""
    bulk = [c for c in plan.cases if not c.current and c.filed_on is not None]
    chosen = {id(c) for c in bulk}
    return (dataclasses.replace(plan, cases=bulk),
            dataclasses.replace(plan, cases=[c for c in plan.cases if id(c) not in chosen]))


def load_historical(plan: DemoPlan, court: Court) -> ImportResult:
    """Load `plan`'s cases through the interchange (cases.csv and periods.csv, `plan.interchange_rows()`) and
    its bulk path: the cases with their periods, term ledgers and the events an import writes (ACCEPTED,
    CONVERTED, CLOSED), and the court's case-number sequences raised past them. Parties, service, hearings
    and the other docket records of those cases are not written: that is what `replay` is for."""
    cases_rows, periods_rows = plan.interchange_rows()
    with tempfile.TemporaryDirectory(prefix="fanjian-demo-") as work:
        cases_path, periods_path = Path(work) / "cases.csv", Path(work) / "periods.csv"
        for path, columns, rows in ((cases_path, CASES_COLUMNS, cases_rows),
                                    (periods_path, PERIODS_COLUMNS, periods_rows)):
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
        return cases_import(cases_path=cases_path, periods_path=periods_path, court_name=court.name)


def replay(plan: DemoPlan, court: Court, users: dict[str, User],
           progress: Callable[[int], None] | None = None) -> int:
    """Replay every case of `plan` in acceptance order (so the 案号 match the plan); returns the number replayed."""
    replayer = _Replayer(court, users)
    ordered = sorted(plan.cases, key=replay_order)
    done = 0
    for chunk in _chunks(ordered, CHUNK):
        # Triage the live docket only: recommending a procedure for cases closed years ago costs minutes.
        with automatic_triage(any(c.current for c in chunk)), transaction.atomic():
            for case_plan in chunk:
                replayer.run(case_plan)
        done += len(chunk)
        if progress:
            progress(len(chunk))
    return done


def _chunks(items: list[CasePlan], size: int) -> Iterable[list[CasePlan]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
