"""The current cases: filed in the last months so that every team's docket is live, in every state of the
Case FSM (court.cases.models), cut at today."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from court.cases.models import ACTIVE_STATES, DONE_STATES, CaseState

from ..people import TEAMS, team_by_code
from .case import CALENDAR, ORDINARY, CasePlan, Step, simple_barred
from .filing import draw_case
from .timeline import elapsed_for, realise, spec_for

S = CaseState
#: The states of an accepted case, each on every team's docket today.
CURRENT_STATES: tuple[str, ...] = tuple(s.value for s in (*ACTIVE_STATES, *DONE_STATES))
#: The states of a filing not (yet) accepted: filed, awaiting correction, not accepted.
FILING_STATES: tuple[str, ...] = tuple(s.value for s in CaseState if s.value not in CURRENT_STATES)


def current_cases(n: int, seed: int, wage: Decimal, today: date, count: int | None) -> list[CasePlan]:
    """Cases filed in the last months so that every team's docket is live, in every state."""
    out: list[CasePlan] = []
    key = n
    per_team = 1 if (count is not None and count < 40) else 2
    for team in TEAMS:
        for state in CURRENT_STATES:
            for copy in range(per_team if state != S.SUSPENDED else 1):
                out.append(_current_case(key, seed, wage, today, state, team.code))
                key += 1
    for state in FILING_STATES:
        for copy in range(3):
            out.append(_filing_case(key, seed, wage, today, state))
            key += 1
    return out


def _state_on(case: CasePlan, steps: list[Step], day: date) -> str:
    return CasePlan(**{**case.__dict__, "steps": [s for s in steps if s.on <= day]}).state


def _current_case(key: int, seed: int, wage: Decimal, today: date, state: str, team_code: str) -> CasePlan:
    """A case filed in the last months that is in `state` today: lay out a whole life, then pick the filing
    date that puts today inside the stretch where the case is in that state, and cut the steps at today."""
    rng = random.Random(f"{seed}:current:{key}")
    for attempt in range(60):
        probe_filed = CALENDAR.next_workday(today - timedelta(days=400))
        case = draw_case(key, seed * 7 + attempt, wage, probe_filed, current=True)
        team = team_by_code(team_code)
        case.team, case.judge = team.code, team.judge
        ordinary = simple_barred(case) or case.score > 1.5
        spec = spec_for(case, rng, ordinary, False, wage)
        spec["archive"] = state == S.ARCHIVED
        if state == S.MEDIATION:
            spec["mode"], spec["failed_mediation"] = "mediation", False
        if state == S.SUSPENDED:
            spec["final"] = spec["initial"] = ORDINARY
            spec["convert"], spec["counterclaim"], spec["mode"] = None, False, "judgment"
            spec["periods"] = [p for p in spec["periods"] if p[0] != "suspension"] + [("suspension", 60, 30, 90)]
        if state in (S.SCHEDULED, S.HEARD, S.SUSPENDED):
            spec["hearing"] = True
            if spec["mode"] not in ("judgment", "mediation", "deemed_withdrawal"):
                spec["mode"] = "judgment"
        spec["out"], spec["extension"], spec["higher"] = False, 0, False
        elapsed = elapsed_for(spec) + (spec.get("evidence_len", 0) if spec["evidence_adjournment"] else 0)
        tag = f"{seed}:cur:{key}:{attempt}"
        steps = realise(case, spec, elapsed, tag)
        if steps is None:
            continue
        span = (steps[-1].on - probe_filed).days + 30
        offsets = [k for k in range(0, min(span, 300)) if _state_on(case, steps, probe_filed + timedelta(days=k)) == state
                   and CALENDAR.is_workday(today - timedelta(days=k))]
        if not offsets:
            continue
        k = rng.choice(offsets)
        filed = today - timedelta(days=k)
        spec = dict(spec, filed_on=filed, submitted_on=filed - (probe_filed - spec["submitted_on"]))
        steps = realise(case, spec, elapsed, tag)
        if steps is None:
            continue
        cut = [s for s in steps if s.on <= today]
        if _state_on(case, cut, today) != state:
            continue
        case.spec, case.steps = spec, cut
        # A recorded period whose end is still ahead stays open (no end yet), like a suspension or adjournment.
        for s in case.steps:
            if s.op == "period_start" and s.args["end_on"] > today:
                s.args = dict(s.args, end_on=None)
        return case
    raise RuntimeError(f"demo plan: could not plan a current case in state {state}")


def _filing_case(key: int, seed: int, wage: Decimal, today: date, state: str) -> CasePlan:
    rng = random.Random(f"{seed}:filing:{key}")
    filed = today - timedelta(days=rng.randint(0, 5))
    case = draw_case(key, seed, wage, filed, current=True)
    case.team, case.judge = "", ""
    submitted = today - timedelta(days=rng.randint(0, 4) if state == S.FILED else rng.randint(2, 10))
    case.steps = [Step(submitted, "submit", {})]
    if state == S.CORRECTION:
        case.steps.append(Step(min(today, submitted + timedelta(days=2)), "request_correction",
                               {"items": "请补充被告的身份证明和送达地址"}))
    elif state == S.REJECTED:
        case.steps.append(Step(min(today, submitted + timedelta(days=5)), "reject",
                               {"reason": "原告起诉的事项不属于人民法院受理民事诉讼的范围（CPL 126）"}))
    return case
