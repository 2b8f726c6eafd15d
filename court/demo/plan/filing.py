"""Drawing a case's filing facts: its cause, parties, amount, filing date and latent complexity."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from decimal import Decimal

from court.rules.procedure import NUMEROUS_PARTIES

from ..people import LAWYER_USERS, PARTY_USERS, TEAMS
from .case import CALENDAR, CasePlan, PartyPlan
from .causes import CAUSES, CauseSpec
from .names import LAW_FIRMS, address, entity_name, person_name

#: Standard deviation of the unobserved part of complexity (what the file shows only later): keeps a model
#: trained on filing facts good but not perfect (AUC about 0.85-0.9).
COMPLEXITY_NOISE = 1.85


def claim_amount(rng: random.Random, spec: CauseSpec) -> Decimal:
    """The amount claimed, log-normal around the cause's median; 0 for no money claim."""
    if spec.median == 0 or rng.random() < spec.p_zero:
        if spec.median == 0 and rng.random() >= spec.p_zero:
            return Decimal(round(rng.lognormvariate(math.log(80000), 1.0), -2))  # a property claim with it
        return Decimal(0)
    value = rng.lognormvariate(math.log(spec.median), spec.sigma)
    value = max(500.0, min(value, 2.0e7))
    step = 1 if value < 10000 else 100
    return Decimal(int(round(value / step) * step))


def filing_date(rng: random.Random, start: date, end: date) -> date:
    """A working day, fewer around the Spring Festival and in summer, more in spring and autumn."""
    month_weight = {1: 1.0, 2: 0.55, 3: 1.15, 4: 1.05, 5: 1.0, 6: 1.05, 7: 0.9, 8: 0.85, 9: 1.05, 10: 0.8,
                    11: 1.1, 12: 1.0}
    span = (end - start).days
    while True:
        d = start + timedelta(days=rng.randint(0, span))
        if CALENDAR.is_workday(d) and rng.random() < month_weight[d.month] / 1.15:
            return d


def draw_parties(rng: random.Random, spec: CauseSpec, users: bool) -> list[PartyPlan]:
    """Plaintiffs, defendants and third parties; with `users`, a few are demo logins (party, lawyer).

    Each party is asked at filing for its consent to electronic service and, separately, to an online hearing
    (OLR 4(4)); in the demo a party answers both alike, and each consent is recorded on its own."""
    parties: list[PartyPlan] = []
    n_plaintiffs = 1 + (rng.random() < 0.08) + (rng.random() < 0.02) * rng.randint(1, 3)
    if spec.group == "family" and spec.name == "离婚纠纷":
        n_plaintiffs = 1
    n_defendants = 1
    while rng.random() < spec.extra_defendants and n_defendants < 6:
        n_defendants += 1
    if rng.random() < 0.006:
        n_plaintiffs = rng.randint(NUMEROUS_PARTIES, NUMEROUS_PARTIES + 20)  # a group of workers or buyers
    n_third = int(rng.random() < spec.third_party) + int(rng.random() < spec.third_party / 3)
    entity_plaintiff = rng.random() < spec.plaintiff_entity
    bank = spec.group == "finance" and entity_plaintiff
    for i in range(n_plaintiffs):
        kind = "entity" if entity_plaintiff and i == 0 else "person"
        consent = rng.random() < (0.97 if kind == "entity" else 0.85)
        lawyer = rng.random() < (0.85 if kind == "entity" else 0.3 + 0.25 * (spec.base > 0.5))
        parties.append(PartyPlan("plaintiff", kind, entity_name(rng, bank) if kind == "entity" else person_name(rng),
                                 address(rng), True, consent, online_hearing_consent=consent))
        if lawyer and i == 0:
            parties[-1].lawyer, parties[-1].law_firm = person_name(rng), rng.choice(LAW_FIRMS)
    p_unknown = 0.05 if spec.group != "finance" else 0.09
    for i in range(n_defendants):
        kind = "entity" if rng.random() < spec.defendant_entity else "person"
        known = kind == "entity" or rng.random() >= p_unknown
        consent = known and rng.random() < (0.75 if kind == "entity" else 0.55)
        parties.append(PartyPlan("defendant", kind, entity_name(rng) if kind == "entity" else person_name(rng),
                                 address(rng) if known else "", known, consent, online_hearing_consent=consent))
    for _ in range(n_third):
        kind = "entity" if rng.random() < 0.5 else "person"
        consent = rng.random() < 0.6
        parties.append(PartyPlan("third_party", kind, entity_name(rng) if kind == "entity" else person_name(rng),
                                 address(rng), True, consent, online_hearing_consent=consent))
    if users and parties[0].kind == "person" and rng.random() < 0.02:
        parties[0].user = rng.choice(PARTY_USERS).username
    if users and parties[0].lawyer and rng.random() < 0.03:
        lawyer = rng.choice(LAWYER_USERS)
        parties[0].lawyer_user, parties[0].lawyer, parties[0].law_firm = (
            lawyer.username, lawyer.display_name.replace("律师 ", ""), lawyer.law_firm)
    return parties


def complexity(case: CasePlan, spec: CauseSpec, filed: date, rng: random.Random, wage: Decimal) -> float:
    """Latent log-odds of ending under ordinary procedure: from filing facts only, partly non-linear, plus noise."""
    z = spec.base
    amount = float(case.claim_amount)
    ratio = amount / float(wage)
    if amount > 0:
        if ratio <= 0.5:
            z -= 0.7 * spec.amount_weight
        elif ratio <= 2:
            z += (0.5 * (ratio - 0.5) - 0.1) * spec.amount_weight
        else:
            z += (0.75 + 0.55 * math.log(ratio / 2)) * spec.amount_weight
        if spec.group == "tort" and ratio > 1.5:
            z += 0.5  # serious injury: disability appraisals, several insurers
    elif spec.name == "离婚纠纷":
        z += 0.0
    d = case.defendants
    z += 0.35 * min(d - 1, 4)
    if d >= 3 and case.side_kind("defendant") == "mixed":
        z += 0.6
    z += 0.7 * min(case.third_parties, 2)
    pk, dk = case.side_kind("plaintiff"), case.side_kind("defendant")
    if pk == "entity" and dk == "person" and spec.group == "finance":
        z -= 0.6  # batch claims by banks against card holders: standard documents
    if pk == "entity" and dk == "entity":
        z += 0.45
    if case.appraisal_requested:
        z += 1.7
    if case.lawyer_represented:
        z += 0.35 if pk == "person" else 0.1
    items = case.evidence_items
    if items <= 1:
        z += 0.35
    elif items > 12:
        z += 0.07 * (items - 12)
    if case.e_service_consent:
        z -= 0.55
    if filed.month in (11, 12):
        z -= 0.35  # year-end push to close: simple procedure preferred
    elif filed.month in (7, 8):
        z += 0.2
    if case.plaintiffs >= NUMEROUS_PARTIES:
        z += 2.5
    if not case.defendant_address_known:
        z += 2.0
    if case.foreign_related:
        z += 2.0
    return z + rng.gauss(0.0, COMPLEXITY_NOISE)


def draw_case(key: int, seed: int, wage: Decimal, filed: date, current: bool) -> CasePlan:
    """A case's filing facts, team and latent complexity, to be filed on `filed` (no steps yet)."""
    rng = random.Random(f"{seed}:case:{key}")
    spec = rng.choices(CAUSES, weights=[c.weight for c in CAUSES])[0]
    parties = draw_parties(rng, spec, users=True)
    amount = claim_amount(rng, spec)
    evidence = max(0, int(rng.lognormvariate(math.log(5 + 3 * (spec.base > 0.5)), 0.6)))
    appraisal = rng.random() < spec.appraisal
    foreign = rng.random() < 0.006
    for party in parties:  # a foreign-related case of the demo court: the defendants live abroad (CPL 283, 285)
        party.no_domicile_in_china = foreign and party.side == "defendant"
    teams = [t for t in TEAMS if spec.group in t.groups]
    team = rng.choice(teams)
    case = CasePlan(key=key, current=current, cause=spec.name, claim_amount=amount, parties=parties,
                    evidence_items=evidence, appraisal_requested=appraisal, foreign_related=foreign,
                    team=team.code, judge=team.judge, score=0.0)
    case.score = complexity(case, spec, filed, rng, wage)
    case.spec = {"filed_on": filed, "submitted_on": filed - timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 5, 6)))}
    return case
