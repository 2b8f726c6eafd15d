"""Pure planning of the demo court: every case's filing facts and its dated steps, no database.

`plan_court(n, seed)` draws `n` historical civil first-instance cases filed 2022-2024 (all closed by now)
and a set of current cases in every state, reproducibly from `seed`. Each case is a list of dated
`Step`s that `court.demo.replay` feeds to the case services one by one; every derived figure (periods,
closing, term) is read back from those steps, so the plan, the interchange rows and the database agree.

One module per concern:

- `causes`: the causes of action and how each tends to show up (`CauseSpec`, `CAUSES`);
- `names`: the parties' names and addresses;
- `case`: the plan of one case (`CasePlan`, `Step`), what its steps imply (state by the Case FSM of
  `court.cases.models`, periods, term by `court.rules.terms`) and its legal bars (`court.rules.procedure`);
- `filing`: drawing a case's filing facts and latent complexity;
- `timeline`: the structure of a case's life and its dated steps (`spec_for`, `realise`);
- `calibration`: quotas and tuning to the county report's four 2023 figures (metrics.md; `figures_for`);
- `current`: the cases on the docket today, in every state;
- this module: the whole court (`plan_court`, `DemoPlan`), its case numbers and interchange rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from court.cases.interchange.columns import CASE_COLUMN, CASE_COLUMNS, PERIOD_COLUMN, PERIOD_COLUMNS
from court.cases.models import CaseType
from court.rules.case_numbers import CaseNumber

from ..people import COURT_CODE, DEMO_WAGE
from .calibration import (
    CALIBRATION_YEAR,
    MW_MODES,
    TARGET_AVG_TRIAL_DAYS,
    TARGET_IN_NORMAL_TERM_RATE,
    TARGET_MEDIATION_WITHDRAWAL_RATE,
    TARGET_SIMPLE_RATE,
    assign_structure,
    calibrate,
    figures_for,
)
from .case import CALENDAR, ORDINARY, SIMPLE, SMALL, CasePlan, PartyPlan, Step, simple_barred, small_claims_eligible
from .causes import CAUSE_BY_NAME, CAUSES, CauseSpec
from .current import CURRENT_STATES, FILING_STATES, current_cases
from .filing import draw_case, filing_date
from .timeline import realise

__all__ = [
    "CALENDAR", "CALIBRATION_YEAR", "CASES_COLUMNS", "CAUSES", "CAUSE_BY_NAME", "CURRENT_STATES", "FILING_STATES",
    "FIRST_FILING", "LAST_FILING", "MW_MODES", "ORDINARY", "PERIODS_COLUMNS", "SIMPLE", "SMALL",
    "TARGET_AVG_TRIAL_DAYS", "TARGET_IN_NORMAL_TERM_RATE", "TARGET_MEDIATION_WITHDRAWAL_RATE", "TARGET_SIMPLE_RATE",
    "CasePlan", "CauseSpec", "DemoPlan", "PartyPlan", "Step", "figures_for", "plan_court", "realise",
    "replay_order", "simple_barred", "small_claims_eligible",
]

FIRST_FILING = date(2022, 1, 4)
LAST_FILING = date(2024, 12, 31)

#: The columns of the planner's interchange rows: those of cases.csv and periods.csv (docs/interchange.md).
CASES_COLUMNS = list(CASE_COLUMNS)
PERIODS_COLUMNS = list(PERIOD_COLUMNS)

FIRST_INSTANCE: str = CaseType.FIRST_INSTANCE.value
CENT = Decimal("0.01")


@dataclass
class DemoPlan:
    seed: int
    n: int
    today: date
    wage: Decimal
    cases: list[CasePlan]

    @property
    def historical(self) -> list[CasePlan]:
        return [c for c in self.cases if not c.current]

    def interchange_rows(self) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
        """(cases_rows, periods_rows) in exactly the interchange.md CSV columns, written as the exporter writes
        them (court.cases.interchange.columns)."""
        cases_rows: list[dict[str, str]] = []
        periods_rows: list[dict[str, str]] = []
        for case in self.cases:
            if case.filed_on is None:
                continue  # never accepted: no case number, not a case yet
            closed = case.closed_on
            values = {
                "case_number": case.case_number,
                "case_type": FIRST_INSTANCE,
                "court_code": COURT_CODE,
                "cause": case.cause,
                "filed_on": case.filed_on,
                "claim_amount": case.claim_amount.quantize(CENT),
                "plaintiffs": case.plaintiffs,
                "defendants": case.defendants,
                "third_parties": case.third_parties,
                "plaintiff_kind": case.side_kind("plaintiff"),
                "defendant_kind": case.side_kind("defendant"),
                "defendant_address_known": case.defendant_address_known,
                "e_service_consent": case.e_service_consent,
                "appraisal_requested": case.appraisal_requested,
                "foreign_related": case.foreign_related,
                "lawyer_represented": case.lawyer_represented,
                "evidence_items": case.evidence_items,
                "counterclaim": case.counterclaim,
                "initial_procedure": case.initial_procedure,
                "final_procedure": case.procedure if closed else None,
                "converted_on": case.converted_on,
                "closed_on": closed,
                "closing_mode": case.closing_mode,
                "judge": case.judge,
                "team": case.team,
            }
            cases_rows.append({name: CASE_COLUMN[name].text(values[name]) for name in CASE_COLUMNS})
            for period in case.periods():
                values = {"case_number": case.case_number, "kind": period.kind, "start_on": period.start_on,
                          "end_on": period.end_on, "months": period.months or None}
                periods_rows.append({name: PERIOD_COLUMN[name].text(values[name]) for name in PERIOD_COLUMNS})
        return cases_rows, periods_rows

    def figures(self, year: int = CALIBRATION_YEAR) -> dict[str, float | int | None]:
        """The four calibrated metrics.md figures for the cases closed in `year`."""
        return figures_for([c for c in self.cases if c.closed_on and c.closed_on.year == year])


def plan_court(n: int, seed: int, *, today: date | None = None, wage: Decimal = DEMO_WAGE,
               current: int | None = None) -> DemoPlan:
    """Plan `n` historical cases (filed 2022-2024, all closed) plus current cases in every state."""
    if n < 0:
        raise ValueError("The number of cases cannot be negative.")
    today = today or date.today()
    master = random.Random(f"{seed}:court")
    filings = sorted(filing_date(master, FIRST_FILING, LAST_FILING) for _ in range(n))
    cases = [draw_case(i, seed, wage, filed, current=False) for i, filed in enumerate(filings)]
    assign_structure(cases, seed, wage)
    calibrate(cases, seed, wage)
    cases += current_cases(n, seed, wage, today, current)
    _number(cases)
    return DemoPlan(seed=seed, n=n, today=today, wage=wage, cases=cases)


def _number(cases: list[CasePlan]) -> None:
    """案号 in acceptance order per year (案号规定 Arts 9-10), as the services will allocate them."""
    serial: dict[int, int] = {}
    for case in sorted((c for c in cases if c.filed_on), key=replay_order):
        year = case.filed_on.year
        serial[year] = serial.get(year, 0) + 1
        case.case_number = CaseNumber(year=year, court_code=COURT_CODE, type_code=FIRST_INSTANCE,
                                      serial=serial[year]).format()


def replay_order(case: CasePlan) -> tuple[date, int]:
    """The order the replay accepts cases in, which fixes their serial numbers."""
    return (case.filed_on or case.submitted_on, case.key)
