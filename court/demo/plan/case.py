"""The plan of one case: its filing facts and its dated steps, and what they imply (state, periods, term, bars).

Everything is read back from the steps, so the plan, the interchange rows and the replayed database agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from court.cases.models import Case, CaseState
from court.rules.calendar import WorkdayCalendar
from court.rules.claims import asks_money_claim_only, claim_facts
from court.rules.enums import Procedure
from court.rules.periods import publication_effective
from court.rules.procedure import FilingFacts, WageThreshold, simple_procedure_bars, small_claims_bars
from court.rules.terms import Period, TermResult, compute_term

from ..people import DEMO_WAGE_FROM, PROVINCE
from .causes import CAUSE_BY_NAME

SMALL, SIMPLE, ORDINARY = Procedure.SMALL_CLAIMS.value, Procedure.SIMPLE.value, Procedure.ORDINARY.value

#: The official calendar; a deadline in a year it does not know is reported by the term clock, not guessed.
CALENDAR = WorkdayCalendar()

S = CaseState
#: A case's state when it is submitted (the Case FSM's initial state).
INITIAL_STATE: str = str(Case._meta.get_field("state").get_default())

#: The Case transition (court.cases.models) that the service replaying each step fires (see replay.py); the
#: steps that return the case to where it stood (hearing_adjourn, mediation_end, resume) are followed in
#: CasePlan.state.
STEP_TRANSITIONS: dict[str, str] = {op: method.__name__ for op, method in {
    "request_correction": Case.request_correction, "resubmit": Case.resubmit, "reject": Case.reject,
    "accept": Case.accept, "service_send": Case.start_service, "hearing_schedule": Case.schedule_hearing,
    "hearing_hold": Case.record_hearing, "mediation_start": Case.start_mediation, "suspend": Case.suspend,
    "close": Case.close, "archive": Case.archive,
}.items()}

_TARGETS: dict[tuple[str, str], str] = {
    (t.name, str(t.source)): str(t.target) for t in Case._meta.get_field("state").get_all_transitions(Case)
    if t.name in STEP_TRANSITIONS.values()
}


def transition_target(op: str, state: str) -> str | None:
    """The state the step `op` takes a case in `state` to, None when its transition does not start there."""
    return _TARGETS.get((STEP_TRANSITIONS[op], state))


@dataclass
class PartyPlan:
    side: str  # plaintiff, defendant, third_party
    kind: str  # person, entity
    name: str
    address: str
    address_known: bool
    e_service_consent: bool
    lawyer: str = ""  # lawyer's name, if represented by a lawyer
    law_firm: str = ""
    user: str = ""  # demo login of the party
    lawyer_user: str = ""  # demo login of the lawyer
    online_hearing_consent: bool = False  # its own consent, recorded at filing (OLR 4(4), 21)
    no_domicile_in_china: bool = False  # CPL 283 (60-day publication), CPL 285 (30-day answer period)


@dataclass
class Step:
    """One act on the case, on its legal date. `op` names a service (see replay.py); `ref` ties a service or
    hearing result to the step that created it."""

    on: date
    op: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class CasePlan:
    key: int
    current: bool
    cause: str
    claim_amount: Decimal
    parties: list[PartyPlan]
    evidence_items: int
    appraisal_requested: bool
    foreign_related: bool
    team: str
    judge: str
    score: float  # latent complexity (log-odds), from filing facts and noise; not a feature
    steps: list[Step] = field(default_factory=list)
    case_number: str = ""
    # The spec the timeline realises (kept so calibration can re-realise it with another closing date).
    spec: dict[str, Any] = field(default_factory=dict)

    # -- filing-time facts (the interchange whitelist) --
    def _side(self, side: str) -> list[PartyPlan]:
        return [p for p in self.parties if p.side == side]

    @property
    def plaintiffs(self) -> int:
        return len(self._side("plaintiff"))

    @property
    def defendants(self) -> int:
        return len(self._side("defendant"))

    @property
    def third_parties(self) -> int:
        return len(self._side("third_party"))

    def side_kind(self, side: str) -> str:
        kinds = {p.kind for p in self._side(side)}
        return "mixed" if len(kinds) > 1 else (kinds.pop() if kinds else "person")

    @property
    def defendant_address_known(self) -> bool:
        return all(p.address_known for p in self._side("defendant"))

    @property
    def e_service_consent(self) -> bool:
        return all(p.e_service_consent for p in self.parties)

    @property
    def online_hearing_consent(self) -> bool:
        """Every party consents to an online hearing (OLR 4(4), 21: each its own consent)."""
        return all(p.online_hearing_consent for p in self.parties)

    @property
    def lawyer_represented(self) -> bool:
        return any(p.lawyer for p in self._side("plaintiff"))

    # -- read back from the steps --
    def _first(self, op: str) -> Step | None:
        return next((s for s in self.steps if s.op == op), None)

    @property
    def submitted_on(self) -> date:
        return self.steps[0].on

    @property
    def filed_on(self) -> date | None:
        step = self._first("accept")
        return step.on if step else None

    @property
    def initial_procedure(self) -> str | None:
        step = self._first("accept")
        return step.args["procedure"] if step else None

    @property
    def procedure(self) -> str | None:
        proc = self.initial_procedure
        for s in self.steps:
            if s.op == "convert":
                proc = s.args["to"]
        return proc

    @property
    def converted_on(self) -> date | None:
        return next((s.on for s in self.steps if s.op == "convert" and s.args["to"] == ORDINARY), None)

    @property
    def counterclaim(self) -> bool:
        return any(s.op == "counterclaim" for s in self.steps)

    @property
    def closed_on(self) -> date | None:
        step = self._first("close")
        return step.on if step else None

    @property
    def closing_mode(self) -> str | None:
        step = self._first("close")
        return step.args["mode"] if step else None

    @property
    def state(self) -> str:
        """The lifecycle state the steps leave the case in: the Case FSM of court.cases.models, fed the
        transition each step's service fires (STEP_TRANSITIONS)."""
        state, before, heard = INITIAL_STATE, "", False
        for s in self.steps:
            if s.op == "hearing_adjourn":  # Case.cancel_hearing: back to where the hearing found the case
                state = (S.HEARD if heard else S.SERVICE).value
            elif s.op in ("mediation_end", "resume"):  # Case.end_mediation, Case.resume
                state = before or S.ACCEPTED.value
            elif s.op in STEP_TRANSITIONS:
                target = transition_target(s.op, state)
                if target is None:
                    continue  # the service fires no transition here (a further service_send)
                if s.op == "suspend" or (s.op == "mediation_start" and state != S.MEDIATION):
                    before = state
                heard = heard or s.op == "hearing_hold"
                state = target
        return state

    def periods(self) -> list[Period]:
        """The case's recorded periods (JI 243 excluded kinds and extensions), as the services record them."""
        out: list[Period] = []
        closed = self.closed_on
        open_evidence: date | None = None
        suspended: date | None = None
        for s in self.steps:
            if s.op == "period_start":
                out.append(Period(s.args["kind"], s.on, s.args["end_on"]))
            elif s.op == "service_send" and s.args["channel"] == "publication":
                no_domicile = self.parties[s.args["party"]].no_domicile_in_china
                out.append(Period("publication", s.on, publication_effective(s.on, calendar=CALENDAR,
                                                                             no_domicile=no_domicile)))
            elif s.op == "hearing_adjourn" and s.args["cause"] == "new_evidence":
                open_evidence = s.on
            elif s.op == "period_end" and open_evidence is not None:
                out.append(Period("evidence_adjournment", open_evidence, s.on))
                open_evidence = None
            elif s.op == "suspend":
                suspended = s.on
            elif s.op == "resume" and suspended is not None:
                out.append(Period("suspension", suspended, s.on))
                suspended = None
            elif s.op == "extend":
                out.append(Period("extension", s.on, None, s.args["months"]))
        if open_evidence is not None:
            out.append(Period("evidence_adjournment", open_evidence, closed))
        if suspended is not None:
            out.append(Period("suspension", suspended, closed))
        return out

    def term(self) -> TermResult | None:
        """The term of a closed case (interchange.md conventions), None while pending."""
        if self.closed_on is None or self.filed_on is None:
            return None
        return compute_term(filed_on=self.filed_on, procedure=self.procedure, periods=self.periods(),
                            closed_on=self.closed_on, foreign_related=self.foreign_related, calendar=CALENDAR)

    # -- the legal bars (court.rules.procedure) --
    @property
    def claim_nature(self) -> str:
        return CAUSE_BY_NAME[self.cause].claim_nature

    @property
    def money_claim_only(self) -> bool | None:
        """For a cause of mixed claims (a sale, a lease …), whether every claim is for payment of money, as the
        filer answers at filing: the planned claims are the amount when there is one (判令被告支付…元), otherwise
        something else. None where the cause itself says (court.rules.claims)."""
        return self.claim_amount > 0 if asks_money_claim_only(self.claim_nature) else None

    def filing_facts(self) -> FilingFacts:
        """The case as filed, for the procedure rules: a planned case is never remanded, a retrial, a public-interest
        or third-party-revocation suit, nor counterclaimed at filing. Whether it is a money claim (CPL 165) or a
        status or title case (CPL 166(1)) follows its cause's claim nature, as for the services."""
        status_or_title, money = claim_facts(self.claim_nature, self.money_claim_only, self.claim_amount)
        return FilingFacts(
            cause_code=None, claim_amount=self.claim_amount, plaintiffs=self.plaintiffs, defendants=self.defendants,
            third_parties=self.third_parties, defendant_address_known=self.defendant_address_known,
            foreign_related=self.foreign_related, appraisal_requested=self.appraisal_requested,
            personal_status_or_ownership=status_or_title, money_payment=money,
        )


def simple_barred(case: CasePlan) -> bool:
    """Never simple or small claims at filing: a bar of JI 257 (court.rules.procedure.simple_procedure_bars), or
    a foreign-related case, which the demo court always hears under ordinary procedure (CPL 287 practice)."""
    return bool(simple_procedure_bars(case.filing_facts())) or case.foreign_related


def small_claims_eligible(case: CasePlan, wage: Decimal) -> bool:
    """CPL 165-166 (court.rules.procedure.small_claims_bars, against the limit of the average wage `wage`),
    and not barred from simple procedure."""
    threshold = WageThreshold(PROVINCE, DEMO_WAGE_FROM, wage)
    return not simple_barred(case) and not small_claims_bars(case.filing_facts(), threshold=threshold)
