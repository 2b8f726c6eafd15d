"""The demo court's mediation chain (诉源治理): towns and villages with their residents, the five kinds of chain
member (法庭+司法所+派出所+调解委员会+乡贤), and the 2023 pre-filing mediations of the county report (700+ disputes
resolved by the chain), with their judicial confirmations (民特) and the failures, which became 2023 民初 cases
already in the demo. A few open ones run now, through the services, for the mediators' lists.

Nothing here changes a 民初 case: the history is bulk-loaded as 民诉前调 and 民特 cases with their own numbers; a
failed mediation is linked to an existing 2023 民初 case (its `filed_case`), and the 民初 cases get the village they
come from (`CaseArea`). So `court_metrics` for 2023 gives the report's four figures as before.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from court.cases import services
from court.cases.models import Case, CaseEvent, CaseState, CaseType, ClosingMode, Party, Procedure
from court.cases.selectors import cause_by_name
from court.cases.services import FilingInput, PartyInput, allocate_case_number
from court.cases.term import case_refresh_term
from court.mediation import services as med
from court.mediation.models import (
    Agreement,
    CaseArea,
    ConfirmationApplication,
    Mediation,
    Session,
    Signature,
    Statement,
)
from court.org.models import Area, Court, MediationOrganisation, MediatorOrg, User
from court.rules import mediation as rule

from .plan.names import person_name

K = CaseEvent.Kind
O = Mediation.Outcome
YEAR = 2023
RECEIVED = 842  # pre-filing mediations received in 2023
AGREED = 731  # "700+ disputes resolved by the chain"
CONFIRM_SHARE = 0.13  # of the agreements, jointly applied for judicial confirmation (CPL 205)

#: town → [(village, residents)]; the villages of the county with the population the court entered.
TOWNS: dict[str, list[tuple[str, int]]] = {
    "蓝关街道": [("鹿塬村", 2460), ("城关村", 3820), ("北关社区", 5210)],
    "汤峪镇": [("塘子村", 1870), ("汤峪村", 2640)],
    "焦岱镇": [("焦岱村", 2130), ("石门村", 1380)],
    "玉山镇": [("玉山村", 2950), ("红门寺村", 1210)],
    "华胥镇": [("孟岩村", 1960), ("华胥村", 2280)],
    "洩湖镇": [("洩湖村", 1720)],
}
#: The share of disputes each village brings (the no-litigation villages bring few or none).
VILLAGE_WEIGHT = {"北关社区": 9, "城关村": 8, "鹿塬村": 5, "汤峪村": 5, "玉山村": 5, "华胥村": 4, "焦岱村": 4,
                  "塘子村": 2, "孟岩村": 2, "洩湖村": 1, "石门村": 0, "红门寺村": 0}
#: (kind, share of the mediations): the village elders and the committees take most of them.
KINDS = [(MediatorOrg.VILLAGE_ELDER, 0.35), (MediatorOrg.MEDIATION_COMMITTEE, 0.25),
         (MediatorOrg.JUDICIAL_OFFICE, 0.18), (MediatorOrg.POLICE_STATION, 0.12), (MediatorOrg.COURT, 0.10)]
CAUSES = ["买卖合同纠纷", "民间借贷纠纷", "劳务合同纠纷", "租赁合同纠纷", "服务合同纠纷", "物业服务合同纠纷"]
#: The demo's mediator logins and the organisation each belongs to.
LOGINS = {"med_court": "诉讼服务中心调解室", "med_judicial": "蓝关司法所", "med_police": "蓝关派出所",
          "med_committee": "蓝关街道人民调解委员会", "med_elder": "鹿塬村乡贤调解室"}


def delete_chain(court: Court) -> None:
    """Remove the chain's records of the demo court (before its cases are deleted: they protect them)."""
    mediations = Mediation.objects.filter(case__court=court)
    for model in (Signature, Statement, Session, ConfirmationApplication):
        model.objects.filter(**{f"{'agreement__' if model is Signature else ''}mediation__in": mediations}).delete()
    Agreement.objects.filter(mediation__in=mediations).delete()
    mediations.delete()
    CaseArea.objects.filter(case__court=court).delete()


def ensure_chain(court: Court, users: dict[str, User]) -> tuple[dict[str, Area], list[MediationOrganisation]]:
    """The towns and villages, and one organisation of each kind per town (the court's own, one per village of
    elders); the demo's mediator logins join theirs (idempotent)."""
    areas: dict[str, Area] = {}
    orgs: list[MediationOrganisation] = []

    def org(kind: str, name: str, area: Area | None) -> None:
        orgs.append(MediationOrganisation.objects.get_or_create(court=court, name=name,
                                                                defaults={"kind": kind, "area": area})[0])
    org(MediatorOrg.COURT, "诉讼服务中心调解室", None)
    for town, villages in TOWNS.items():
        town_area = Area.objects.get_or_create(court=court, town=town, village="")[0]
        short = town.removesuffix("镇").removesuffix("街道")
        org(MediatorOrg.JUDICIAL_OFFICE, f"{short}司法所", town_area)
        org(MediatorOrg.POLICE_STATION, f"{short}派出所", town_area)
        org(MediatorOrg.MEDIATION_COMMITTEE, f"{town}人民调解委员会", town_area)
        for village, residents in villages:
            area, _ = Area.objects.update_or_create(court=court, town=town, village=village,
                                                    defaults={"population": residents})
            areas[village] = area
            org(MediatorOrg.VILLAGE_ELDER, f"{village}乡贤调解室", area)
    by_name = {o.name: o for o in orgs}
    for username, name in LOGINS.items():
        user = users.get(username)
        if user is not None:
            user.mediation_organisation = by_name[name]
            user.save()
    return areas, orgs


def load_chain(court: Court, users: dict[str, User], *, seed: int, today: date) -> dict[str, int]:
    """The chain, its 2023 history and a few open mediations; returns what was made."""
    rng = random.Random(seed * 7919 + 11)
    areas, orgs = ensure_chain(court, users)
    with transaction.atomic():
        made = _history(court, users, areas, orgs, rng)
        _villages_of_first_instance(court, areas, rng)
    made["open"] = _current(court, users, areas, rng, today)
    return made


def _pick_village(areas: dict[str, Area], rng: random.Random) -> Area:
    names = [n for n, w in VILLAGE_WEIGHT.items() if w]
    return areas[rng.choices(names, weights=[VILLAGE_WEIGHT[n] for n in names])[0]]


def _org_for(kind: str, area: Area, orgs: Sequence[MediationOrganisation]) -> MediationOrganisation:
    for o in orgs:
        if o.kind != kind:
            continue
        if kind == MediatorOrg.COURT or (o.area and ((o.area.village and o.area_id == area.pk)
                                                     or (not o.area.village and o.area.town == area.town))):
            return o
    return next(o for o in orgs if o.kind == MediatorOrg.COURT)


def _history(court: Court, users: dict[str, User], areas: dict[str, Area], orgs: list[MediationOrganisation],
             rng: random.Random) -> dict[str, int]:
    """The 2023 pre-filing mediations: 民诉前调 cases bulk-loaded, closed by agreement or failed; the failures are
    linked to 2023 民初 cases of the demo, received after the mediation ended."""
    first_instance = list(Case.objects.filter(court=court, case_type=CaseType.FIRST_INSTANCE, filed_on__year=YEAR)
                          .order_by("pk"))
    failures = min(RECEIVED - AGREED, len(first_instance))
    outcomes = [O.AGREEMENT] * AGREED + [O.FAILED] * failures
    rng.shuffle(outcomes)
    later = sorted(rng.sample(first_instance, failures), key=lambda c: c.filed_on)
    causes = {name: cause_by_name(name, date(YEAR, 6, 1)) for name in CAUSES}
    confirm = cause_by_name("申请司法确认调解协议", date(YEAR, 6, 1))
    counts = {"received": 0, "agreed": 0, "failed": 0, "confirmed": 0}
    for outcome in outcomes:
        kind = rng.choices([k for k, _s in KINDS], weights=[s for _k, s in KINDS])[0]
        if outcome == O.FAILED:
            filed = later.pop()
            ended = (filed.submitted_on or filed.filed_on) - timedelta(days=rng.randint(1, 3))
            started = ended - timedelta(days=rng.randint(24, 34))
        else:
            filed = None
            started = date(YEAR, 1, 3) + timedelta(days=rng.randint(0, 340))
            ended = started + timedelta(days=max(1, min(45, int(rng.gammavariate(2.2, 5.5)))))
        received = started - timedelta(days=rng.randint(0, 2))
        area = _pick_village(areas, rng)
        organisation = _org_for(kind, area, orgs)
        cause = causes[rng.choice(CAUSES)]
        case = _pre_suit_case(court, cause, received, ended, outcome, rng)
        mediation = Mediation.objects.create(
            case=case, stage=Mediation.Stage.PRE_FILING, organisation=organisation, area=area, received_on=received,
            assign_by=rule.assignment_due(received), started_on=started, due_on=rule.pre_filing_due(started),
            outcome=outcome, ended_on=ended, filed_case=filed,
            end_reason="" if outcome == O.AGREEMENT else "OMR 25(5): 当事人分歧较大，难以达成调解协议")
        CaseArea.objects.create(case=case, area=area)
        if filed is not None:
            CaseArea.objects.update_or_create(case=filed, defaults={"area": area})
        _events(case, received, started, ended, outcome, organisation)
        counts["received"] += 1
        counts["agreed" if outcome == O.AGREEMENT else "failed"] += 1
        if outcome == O.AGREEMENT:
            Agreement.objects.create(mediation=mediation, terms=_terms(case, rng), drawn_on=ended,
                                     effective_on=ended)
            if rng.random() < CONFIRM_SHARE and ended + timedelta(days=20) < date(YEAR + 1, 1, 1):
                mediation.confirmation_case = _confirmation(court, case, confirm, ended, users, rng)
                mediation.save(update_fields=["confirmation_case"])
                counts["confirmed"] += 1
    return counts


def _pre_suit_case(court: Court, cause: Any, received: date, ended: date, outcome: str, rng: random.Random) -> Case:
    number = allocate_case_number(court=court, type_code=CaseType.PRE_SUIT_MEDIATION, year=received.year)
    amount = Decimal(rng.choice([3000, 5000, 8000, 12000, 20000, 35000, 60000])) + rng.randint(0, 99) * 100
    case = Case(court=court, case_type=CaseType.PRE_SUIT_MEDIATION, cause=cause, claim_amount=amount,
                case_number=number.format(), year=number.year, serial=number.serial, submitted_on=received,
                filed_on=received, closed_on=ended,
                closing_mode=ClosingMode.MEDIATION if outcome == O.AGREEMENT else ClosingMode.TERMINATION,
                elapsed_days=(ended - received).days, excluded_days=0, net_trial_days=(ended - received).days,
                term_as_of=ended, claims="支付货款或借款", facts="诉前调解")
    Case.state.field.set_state(case, CaseState.CLOSED)
    Case.procedure.field.set_state(case, Procedure.SIMPLE)
    case.save()
    Party.objects.bulk_create([
        Party(case=case, side=Party.Side.PLAINTIFF, name=person_name(rng), side_rank=0),
        Party(case=case, side=Party.Side.DEFENDANT, name=person_name(rng), side_rank=1)])
    return case


def _events(case: Case, received: date, started: date, ended: date, outcome: str,
            organisation: MediationOrganisation) -> None:
    S = CaseState
    CaseEvent.objects.bulk_create([
        CaseEvent(case=case, kind=K.ACCEPTED, on=received, from_state=S.FILED, to_state=S.ACCEPTED,
                  basis="OMR 4, 7, 10; 案号规定 Art. 7", payload={"case_number": case.case_number}),
        CaseEvent(case=case, kind=K.MEDIATION_STARTED, on=started, from_state=S.ACCEPTED, to_state=S.MEDIATION,
                  basis="OMR 10, 12; OMR 24", payload={"organisation": organisation.name}),
        CaseEvent(case=case, kind=K.CLOSED if outcome == O.AGREEMENT else K.MEDIATION_FAILED, on=ended,
                  from_state=S.MEDIATION, to_state=S.CLOSED, basis="OMR 19, 20" if outcome == O.AGREEMENT
                  else "OMR 21(2), 25", payload={"mode": case.closing_mode}),
    ])


def _terms(case: Case, rng: random.Random) -> str:
    months = rng.randint(1, 6)
    return f"被申请人于{months}个月内分期支付申请人{case.claim_amount}元，双方再无其他争议。"


def _confirmation(court: Court, source: Case, cause: Any, effective: date, users: dict[str, User],
                  rng: random.Random) -> Case:
    """The joint application for judicial confirmation, heard as a 民特 case and confirmed (CPL 205-206)."""
    applied = effective + timedelta(days=rng.randint(1, 10))
    ruled = applied + timedelta(days=rng.randint(2, 12))  # CPL 187: within thirty days
    number = allocate_case_number(court=court, type_code=CaseType.SPECIAL, year=applied.year)
    judge = users.get("judge01")
    special = Case(court=court, case_type=CaseType.SPECIAL, cause=cause or source.cause,
                   claim_amount=source.claim_amount, case_number=number.format(), year=number.year,
                   serial=number.serial, submitted_on=applied, filed_on=applied, closed_on=ruled,
                   closing_mode=ClosingMode.OTHER, team=judge.team if judge else None, judge=judge,
                   claims=f"确认{source.case_number}调解协议有效", original_case_number=source.case_number)
    Case.state.field.set_state(special, CaseState.CLOSED)
    special.save()
    Party.objects.bulk_create([Party(case=special, side=p.side, name=p.name, side_rank=p.side_rank)
                               for p in source.parties.all()])
    CaseEvent.objects.bulk_create([
        CaseEvent(case=special, kind=K.ACCEPTED, on=applied, from_state=CaseState.FILED,
                  to_state=CaseState.ACCEPTED, basis="CPL 205; JI 351", payload={"case_number": special.case_number}),
        CaseEvent(case=special, kind=K.CLOSED, on=ruled, from_state=CaseState.ACCEPTED, to_state=CaseState.CLOSED,
                  basis="CPL 206", reason="裁定调解协议有效", payload={"mode": ClosingMode.OTHER})])
    case_refresh_term(special)
    return special


def _villages_of_first_instance(court: Court, areas: dict[str, Area], rng: random.Random) -> None:
    """Each 民初 case of the demo gets the village it comes from (by the villages' weights), for the filings per
    1,000 residents; the cases already linked to a failed mediation keep theirs."""
    have = set(CaseArea.objects.filter(case__court=court).values_list("case_id", flat=True))
    names = [n for n, w in VILLAGE_WEIGHT.items() if w]
    weights = [VILLAGE_WEIGHT[n] for n in names]
    rows = [CaseArea(case_id=pk, area=areas[rng.choices(names, weights=weights)[0]])
            for pk in Case.objects.filter(court=court, case_type=CaseType.FIRST_INSTANCE).order_by("pk")
            .values_list("pk", flat=True) if pk not in have]
    CaseArea.objects.bulk_create(rows, batch_size=1000)


def _current(court: Court, users: dict[str, User], areas: dict[str, Area], rng: random.Random, today: date) -> int:
    """Open pre-filing mediations now, through the services: diverted by filing01, one per demo mediator."""
    officer = users.get("filing01")
    mediators = [users[u] for u in LOGINS if u in users]
    if officer is None or not mediators:
        return 0
    cause = cause_by_name("买卖合同纠纷", today)
    made = 0
    for i, mediator in enumerate(mediators):
        received = today - timedelta(days=3 + 4 * i)
        plaintiff = users.get(f"party0{i + 1}")
        filing = FilingInput(cause=cause, claim_amount=Decimal(8000 + 3000 * i), claims="支付货款",
                             facts="买卖合同到期未付款", parties=[
                                 PartyInput(side=Party.Side.PLAINTIFF, name=str(plaintiff or person_name(rng)),
                                            user=plaintiff, e_service_consent=True, e_address="demo@example.cn"),
                                 PartyInput(side=Party.Side.DEFENDANT, name=person_name(rng), address="蓝田县")])
        case = services.case_submit(court=court, filing=filing, actor=plaintiff, on=received)
        area = areas["鹿塬村"] if mediator.username == "med_elder" else _pick_village(areas, rng)
        mediation = med.prefiling_divert(case=case, actor=officer, consent=True, area=area, on=received)
        med.prefiling_assign(mediation=mediation, actor=officer, mediator=mediator, on=received)
        made += 1
    return made
