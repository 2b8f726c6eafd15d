"""Pure planning of the demo court: every case's filing facts and its dated steps, no database.

`plan_court(n, seed)` draws `n` historical civil first-instance cases filed 2022-2024 (all closed by now)
and a set of current cases in every state, reproducibly from `seed`. Each case is a list of dated
`Step`s that `court.demo.replay` feeds to the case services one by one; every derived figure (periods,
closing, term) is read back from those steps, so the plan, the interchange rows and the database agree.

Calibration: the cases closed in 2023 are tuned deterministically (rank-based flips that keep each
closing date, then small shifts of closing dates) until the county report's four 2023 figures
(metrics.md) come out within a tight tolerance, computed with `court.rules.terms`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from court.rules.calendar import WorkdayCalendar
from court.rules.case_numbers import CaseNumber
from court.rules.periods import publication_effective
from court.rules.procedure import NUMEROUS_PARTIES
from court.rules.terms import Period, TermResult, add_months, compute_term

from .people import COURT_CODE, DEMO_WAGE, LAWYER_USERS, MEDIATORS, PARTY_USERS, TEAMS

# The county report's 2023 figures for civil first instance (metrics.md).
TARGET_SIMPLE_RATE = 0.7325
TARGET_AVG_TRIAL_DAYS = 58.2
TARGET_IN_NORMAL_TERM_RATE = 0.9198
TARGET_MEDIATION_WITHDRAWAL_RATE = 0.4482
CALIBRATION_YEAR = 2023
#: Standard deviation of the unobserved part of complexity (what the file shows only later): keeps a model
#: trained on filing facts good but not perfect (AUC about 0.85-0.9).
COMPLEXITY_NOISE = 1.85

FIRST_FILING = date(2022, 1, 4)
LAST_FILING = date(2024, 12, 31)

SMALL, SIMPLE, ORDINARY = "small_claims", "simple", "ordinary"
MW_MODES = ("mediation", "withdrawal", "deemed_withdrawal")

CASES_COLUMNS = [
    "case_number", "case_type", "court_code", "cause", "filed_on", "claim_amount", "plaintiffs", "defendants",
    "third_parties", "plaintiff_kind", "defendant_kind", "defendant_address_known", "e_service_consent",
    "appraisal_requested", "foreign_related", "lawyer_represented", "evidence_items", "counterclaim",
    "initial_procedure", "final_procedure", "converted_on", "closed_on", "closing_mode", "judge", "team",
]
PERIODS_COLUMNS = ["case_number", "kind", "start_on", "end_on", "months"]


# --- causes -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CauseSpec:
    """How a cause shows up at a county court: share, amount (log-normal), parties, and how hard it tends to be."""

    name: str
    weight: float
    median: float  # yuan; 0 = no money claim
    sigma: float
    group: str  # which teams hear it (people.TeamSpec.groups)
    base: float  # complexity log-odds contribution
    plaintiff_entity: float = 0.05
    defendant_entity: float = 0.1
    appraisal: float = 0.02
    extra_defendants: float = 0.15  # chance of each further defendant (geometric)
    third_party: float = 0.03
    p_zero: float = 0.0  # share with no money claim
    personal_status: bool = False  # mirrors causes_2020.json (CPL 166(1))
    mediation_bias: float = 0.0
    amount_weight: float = 1.0  # how much the amount drives complexity for this cause


CAUSES: tuple[CauseSpec, ...] = (
    CauseSpec("民间借贷纠纷", 19, 60000, 1.1, "contract", -0.2, 0.04, 0.05, 0.02, 0.3, 0.02, amount_weight=1.3),
    CauseSpec("买卖合同纠纷", 10, 70000, 1.2, "contract", 0.1, 0.45, 0.45, 0.05, 0.2, 0.03, amount_weight=1.1),
    CauseSpec("金融借款合同纠纷", 8, 90000, 1.0, "finance", -0.6, 1.0, 0.06, 0.0, 0.6, 0.0, amount_weight=0.6),
    CauseSpec("信用卡纠纷", 7, 28000, 0.7, "finance", -1.2, 1.0, 0.0, 0.0, 0.0, 0.0, amount_weight=0.4,
              mediation_bias=-0.2),
    CauseSpec("机动车交通事故责任纠纷", 8, 50000, 1.1, "tort", 0.1, 0.02, 0.6, 0.25, 0.9, 0.02,
              amount_weight=1.2, mediation_bias=0.1),
    CauseSpec("离婚纠纷", 8, 0, 1.0, "family", -0.3, 0.0, 0.0, 0.0, 0.0, 0.0, p_zero=0.75,
              personal_status=True, mediation_bias=0.35),
    CauseSpec("物业服务合同纠纷", 5, 3500, 0.7, "contract", -1.3, 1.0, 0.0, 0.0, 0.05, 0.0, amount_weight=0.3,
              mediation_bias=0.1),
    CauseSpec("房屋租赁合同纠纷", 3, 22000, 1.0, "contract", -0.4, 0.3, 0.2, 0.02, 0.1, 0.02),
    CauseSpec("劳务合同纠纷", 4, 15000, 0.9, "labour", -0.6, 0.0, 0.3, 0.01, 0.2, 0.03, mediation_bias=0.2),
    CauseSpec("追索劳动报酬纠纷", 3, 20000, 0.9, "labour", -0.4, 0.0, 0.8, 0.0, 0.3, 0.03, mediation_bias=0.15),
    CauseSpec("建设工程施工合同纠纷", 3, 450000, 1.2, "contract", 1.5, 0.6, 0.7, 0.35, 0.5, 0.25,
              amount_weight=0.8),
    CauseSpec("提供劳务者受害责任纠纷", 2, 80000, 0.9, "tort", 0.5, 0.0, 0.3, 0.4, 0.4, 0.05),
    CauseSpec("抚养费纠纷", 1.5, 30000, 0.6, "family", -0.7, 0.0, 0.0, 0.0, 0.0, 0.0, mediation_bias=0.3),
    CauseSpec("赡养费纠纷", 1, 20000, 0.6, "family", -0.5, 0.0, 0.0, 0.0, 0.8, 0.0, mediation_bias=0.4),
    CauseSpec("法定继承纠纷", 1.5, 150000, 1.0, "family", 0.9, 0.0, 0.0, 0.1, 1.0, 0.1, mediation_bias=0.2),
    CauseSpec("相邻关系纠纷", 1, 8000, 1.0, "tort", 0.4, 0.0, 0.05, 0.15, 0.2, 0.05, mediation_bias=0.3),
    CauseSpec("承揽合同纠纷", 2, 40000, 1.0, "contract", 0.0, 0.3, 0.3, 0.15, 0.2, 0.03),
    CauseSpec("小额借款合同纠纷", 2, 12000, 0.6, "finance", -1.0, 1.0, 0.0, 0.0, 0.1, 0.0, amount_weight=0.4),
    CauseSpec("供用热力合同纠纷", 1, 4000, 0.6, "contract", -1.2, 1.0, 0.0, 0.0, 0.0, 0.0, amount_weight=0.3),
    CauseSpec("生命权、身体权、健康权纠纷", 1.5, 40000, 1.0, "tort", 0.3, 0.0, 0.1, 0.3, 0.3, 0.03),
    CauseSpec("医疗损害责任纠纷", 0.5, 200000, 0.9, "tort", 1.8, 0.0, 1.0, 0.8, 0.2, 0.05),
    CauseSpec("股权转让纠纷", 0.5, 500000, 1.2, "contract", 1.4, 0.3, 0.4, 0.2, 0.3, 0.2),
    CauseSpec("合伙合同纠纷", 1, 120000, 1.0, "contract", 0.9, 0.1, 0.1, 0.2, 0.4, 0.1),
    CauseSpec("装饰装修合同纠纷", 1, 45000, 0.9, "contract", 0.3, 0.3, 0.4, 0.35, 0.1, 0.02),
    CauseSpec("宅基地使用权纠纷", 0.5, 0, 1.0, "family", 1.0, 0.0, 0.0, 0.2, 0.5, 0.2, p_zero=0.8,
              personal_status=True, mediation_bias=0.2),
    CauseSpec("不当得利纠纷", 1, 35000, 1.1, "contract", 0.0, 0.2, 0.1, 0.0, 0.1, 0.02),
    CauseSpec("追偿权纠纷", 1, 60000, 1.0, "finance", -0.2, 0.5, 0.1, 0.0, 0.5, 0.02),
    CauseSpec("保险人代位求偿权纠纷", 1, 25000, 0.9, "finance", -0.5, 1.0, 0.3, 0.05, 0.3, 0.0),
)
CAUSE_BY_NAME = {c.name: c for c in CAUSES}

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅文斌建国海燕志国庆春生宝林"
_ENTITY_PREFIX = ["蓝田县", "西安市", "陕西", "西安"]
_ENTITY_CORE = ["秦岭", "灞源", "玉山", "辋川", "汤峪", "华胥", "白鹿原", "蓝关", "焦岱", "长安", "关中", "渭北"]
_ENTITY_KIND = ["建筑工程有限公司", "商贸有限公司", "物业服务有限公司", "农业科技有限公司", "实业有限公司",
                "运输有限公司", "建材有限责任公司", "餐饮管理有限公司"]
_BANKS = ["中国农业银行股份有限公司蓝田县支行", "陕西蓝田农村商业银行股份有限公司", "中国建设银行股份有限公司西安分行",
          "中国工商银行股份有限公司西安分行", "招商银行股份有限公司信用卡中心", "中国平安财产保险股份有限公司陕西分公司"]
_TOWNS = ["蓝关街道", "洩湖镇", "华胥镇", "前卫镇", "汤峪镇", "焦岱镇", "玉山镇", "三里镇", "普化镇", "葛牌镇",
          "九间房镇", "辋川镇", "厚镇", "孟村镇", "小寨镇", "三官庙镇", "灞源镇", "蓝桥镇"]


# --- plan objects -------------------------------------------------------------------------------------------

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
        """The lifecycle state the steps leave the case in (the Case FSM of court.cases.models)."""
        state, before, heard = "filed", "", False
        for s in self.steps:
            if s.op == "service_send":
                state = "service" if state == "accepted" else state
            elif s.op == "hearing_hold":
                state, heard = "heard", True
            elif s.op == "hearing_adjourn":
                state = "heard" if heard else "service"
            elif s.op == "mediation_start":
                before = state if state != "mediation" else before
                state = "mediation"
            elif s.op == "suspend":
                before, state = state, "suspended"
            elif s.op in ("mediation_end", "resume"):
                state = before or "accepted"
            else:
                state = _STATE_AFTER.get(s.op, state)
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
                out.append(Period("publication", s.on, publication_effective(s.on, calendar=CALENDAR,
                                                                             foreign=self.foreign_related)))
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


_STATE_AFTER = {
    "submit": "filed", "request_correction": "correction", "resubmit": "filed", "reject": "rejected",
    "accept": "accepted", "hearing_schedule": "scheduled", "close": "closed", "archive": "archived",
}

#: The official calendar; a deadline in a year it does not know is reported by the term clock, not guessed.
CALENDAR = WorkdayCalendar()


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
        """(cases_rows, periods_rows) in exactly the interchange.md CSV columns, as strings."""
        cases_rows: list[dict[str, str]] = []
        periods_rows: list[dict[str, str]] = []
        for case in self.cases:
            if case.filed_on is None:
                continue  # never accepted: no case number, not a case yet
            closed = case.closed_on
            cases_rows.append({
                "case_number": case.case_number,
                "case_type": "民初",
                "court_code": COURT_CODE,
                "cause": case.cause,
                "filed_on": case.filed_on.isoformat(),
                "claim_amount": f"{case.claim_amount:.2f}",
                "plaintiffs": str(case.plaintiffs),
                "defendants": str(case.defendants),
                "third_parties": str(case.third_parties),
                "plaintiff_kind": case.side_kind("plaintiff"),
                "defendant_kind": case.side_kind("defendant"),
                "defendant_address_known": _b(case.defendant_address_known),
                "e_service_consent": _b(case.e_service_consent),
                "appraisal_requested": _b(case.appraisal_requested),
                "foreign_related": _b(case.foreign_related),
                "lawyer_represented": _b(case.lawyer_represented),
                "evidence_items": str(case.evidence_items),
                "counterclaim": _b(case.counterclaim),
                "initial_procedure": case.initial_procedure or "",
                "final_procedure": case.procedure if closed else "",
                "converted_on": _d(case.converted_on),
                "closed_on": _d(closed),
                "closing_mode": case.closing_mode or "",
                "judge": case.judge,
                "team": case.team,
            })
            for period in case.periods():
                end = period.end_on
                periods_rows.append({
                    "case_number": case.case_number,
                    "kind": str(period.kind),
                    "start_on": period.start_on.isoformat(),
                    "end_on": _d(end),
                    "months": str(period.months) if period.months else "",
                })
        return cases_rows, periods_rows

    def figures(self, year: int = CALIBRATION_YEAR) -> dict[str, float | int | None]:
        """The four calibrated metrics.md figures for the cases closed in `year`."""
        return figures_for([c for c in self.cases if c.closed_on and c.closed_on.year == year])


def figures_for(closed: list[CasePlan]) -> dict[str, float | int | None]:
    if not closed:
        return {"closed": 0, "simple_procedure_rate": None, "avg_trial_days": None, "in_normal_term_rate": None,
                "mediation_withdrawal_rate": None}
    terms = [c.term() for c in closed]
    with_term = [t for t in terms if t is not None and t.within_normal_term is not None]
    return {
        "closed": len(closed),
        "simple_procedure_rate": sum(c.procedure != ORDINARY for c in closed) / len(closed),
        "avg_trial_days": sum(t.net_trial_days for t in terms if t) / len(closed),
        "in_normal_term_rate": sum(bool(t.within_normal_term) for t in with_term) / len(with_term) if with_term else None,
        "mediation_withdrawal_rate": sum(c.closing_mode in MW_MODES for c in closed) / len(closed),
    }


def _b(value: bool) -> str:
    return "true" if value else "false"


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


# --- drawing filing facts -------------------------------------------------------------------------------------

def _person_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def _entity_name(rng: random.Random, bank: bool = False) -> str:
    if bank:
        return rng.choice(_BANKS)
    return rng.choice(_ENTITY_PREFIX) + rng.choice(_ENTITY_CORE) + rng.choice(_ENTITY_KIND)


def _address(rng: random.Random) -> str:
    return f"陕西省西安市蓝田县{rng.choice(_TOWNS)}{rng.choice(_ENTITY_CORE)}村{rng.randint(1, 12)}组{rng.randint(1, 80)}号"


def _amount(rng: random.Random, spec: CauseSpec) -> Decimal:
    if spec.median == 0 or rng.random() < spec.p_zero:
        if spec.median == 0 and rng.random() >= spec.p_zero:
            return Decimal(round(rng.lognormvariate(math.log(80000), 1.0), -2))  # a property claim with it
        return Decimal(0)
    value = rng.lognormvariate(math.log(spec.median), spec.sigma)
    value = max(500.0, min(value, 2.0e7))
    step = 1 if value < 10000 else 100
    return Decimal(int(round(value / step) * step))


def _filing_date(rng: random.Random, start: date, end: date) -> date:
    """A working day, fewer around the Spring Festival and in summer, more in spring and autumn."""
    month_weight = {1: 1.0, 2: 0.55, 3: 1.15, 4: 1.05, 5: 1.0, 6: 1.05, 7: 0.9, 8: 0.85, 9: 1.05, 10: 0.8,
                    11: 1.1, 12: 1.0}
    span = (end - start).days
    while True:
        d = start + timedelta(days=rng.randint(0, span))
        if CALENDAR.is_workday(d) and rng.random() < month_weight[d.month] / 1.15:
            return d


def _draw_parties(rng: random.Random, spec: CauseSpec, users: bool) -> list[PartyPlan]:
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
        parties.append(PartyPlan("plaintiff", kind, _entity_name(rng, bank) if kind == "entity" else _person_name(rng),
                                 _address(rng), True, consent))
        if lawyer and i == 0:
            parties[-1].lawyer, parties[-1].law_firm = _person_name(rng), rng.choice(
                ["陕西秦岭律师事务所", "陕西蓝田律师事务所", "西安长安律师事务所", "陕西灞河律师事务所"])
    p_unknown = 0.05 if spec.group != "finance" else 0.09
    for i in range(n_defendants):
        kind = "entity" if rng.random() < spec.defendant_entity else "person"
        known = kind == "entity" or rng.random() >= p_unknown
        consent = known and rng.random() < (0.75 if kind == "entity" else 0.55)
        parties.append(PartyPlan("defendant", kind, _entity_name(rng) if kind == "entity" else _person_name(rng),
                                 _address(rng) if known else "", known, consent))
    for _ in range(n_third):
        kind = "entity" if rng.random() < 0.5 else "person"
        parties.append(PartyPlan("third_party", kind, _entity_name(rng) if kind == "entity" else _person_name(rng),
                                 _address(rng), True, rng.random() < 0.6))
    if users and parties[0].kind == "person" and rng.random() < 0.02:
        parties[0].user = rng.choice(PARTY_USERS).username
    if users and parties[0].lawyer and rng.random() < 0.03:
        lawyer = rng.choice(LAWYER_USERS)
        parties[0].lawyer_user, parties[0].lawyer, parties[0].law_firm = (
            lawyer.username, lawyer.display_name.replace("律师 ", ""), lawyer.law_firm)
    return parties


def _complexity(case: CasePlan, spec: CauseSpec, filed: date, rng: random.Random, wage: Decimal) -> float:
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


def _draw_case(key: int, seed: int, wage: Decimal, filed: date, current: bool) -> CasePlan:
    rng = random.Random(f"{seed}:case:{key}")
    spec = rng.choices(CAUSES, weights=[c.weight for c in CAUSES])[0]
    parties = _draw_parties(rng, spec, users=True)
    amount = _amount(rng, spec)
    evidence = max(0, int(rng.lognormvariate(math.log(5 + 3 * (spec.base > 0.5)), 0.6)))
    appraisal = rng.random() < spec.appraisal
    foreign = rng.random() < 0.006
    teams = [t for t in TEAMS if spec.group in t.groups]
    team = rng.choice(teams)
    case = CasePlan(key=key, current=current, cause=spec.name, claim_amount=amount, parties=parties,
                    evidence_items=evidence, appraisal_requested=appraisal, foreign_related=foreign,
                    team=team.code, judge=team.judge, score=0.0)
    case.score = _complexity(case, spec, filed, rng, wage)
    case.spec = {"filed_on": filed, "submitted_on": filed - timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 5, 6)))}
    return case


# --- legal bars -----------------------------------------------------------------------------------------------

def simple_barred(case: CasePlan) -> bool:
    """JI 257(1), (3); CPL 287 practice: never simple or small claims at filing."""
    return (not case.defendant_address_known or max(case.plaintiffs, case.defendants) >= NUMEROUS_PARTIES
            or case.foreign_related)


def small_claims_eligible(case: CasePlan, wage: Decimal) -> bool:
    """CPL 165-166: a money claim at or under 50% of the average wage, none of the CPL 166 exclusions."""
    spec = CAUSE_BY_NAME[case.cause]
    return (not simple_barred(case) and case.claim_amount > 0 and case.claim_amount <= wage / 2
            and not spec.personal_status and not case.appraisal_requested)


# --- the timeline of one case ---------------------------------------------------------------------------------

def _choose_path(case: CasePlan, rng: random.Random, ordinary: bool, wage: Decimal) -> dict[str, Any]:
    """Initial procedure and conversions, given whether the case ends under ordinary procedure."""
    if ordinary:
        if simple_barred(case) or rng.random() < 0.62:
            return {"initial": ORDINARY, "convert": None}
        initial = SMALL if small_claims_eligible(case, wage) and rng.random() < 0.35 else SIMPLE
        return {"initial": initial, "convert": ORDINARY}
    if small_claims_eligible(case, wage) and rng.random() < 0.62:
        return {"initial": SMALL, "convert": SIMPLE if rng.random() < 0.05 else None}
    return {"initial": SIMPLE, "convert": None}


def _choose_mode(case: CasePlan, rng: random.Random, final: str) -> str:
    spec = CAUSE_BY_NAME[case.cause]
    if case.spec.get("forced_mode"):
        return case.spec["forced_mode"]
    mw = 0.40 + spec.mediation_bias - (0.08 if final == ORDINARY else 0.0)
    r = rng.random()
    if r < mw * 0.46:
        return "mediation"
    if r < mw * 0.92:
        return "withdrawal"
    if r < mw:
        return "deemed_withdrawal"
    r = rng.random()
    if r < 0.035:
        return "dismissal"
    if r < 0.05:
        return "transfer" if case.side_kind("defendant") != "person" else "dismissal"
    if r < 0.06 and final == ORDINARY:
        return "termination"
    if r < 0.075:
        return "other"
    return "judgment"


_NET = {  # (min, max, mode) of net trial days within the normal term, by final procedure and closing mode
    SMALL: {"judgment": (16, 58, 30), "mediation": (7, 56, 20), "withdrawal": (4, 50, 14), "other": (8, 52, 22)},
    SIMPLE: {"judgment": (18, 88, 44), "mediation": (7, 86, 27), "withdrawal": (4, 85, 18), "other": (8, 85, 30)},
    ORDINARY: {"judgment": (35, 178, 105), "mediation": (18, 176, 75), "withdrawal": (8, 175, 50),
               "other": (15, 175, 70)},
}


def _spec_for(case: CasePlan, rng: random.Random, ordinary: bool, out: bool, wage: Decimal) -> dict[str, Any]:
    """The structure of a case's life: path, mode, out-of-term, the periods it will have and their lengths."""
    spec = dict(case.spec)
    spec.update(_choose_path(case, rng, ordinary, wage))
    final = spec["convert"] or spec["initial"]
    if final == SIMPLE and spec["initial"] == SMALL:
        final = SIMPLE
    spec["final"] = final
    spec["mode"] = _choose_mode(case, rng, final)
    spec["out"] = out and not case.foreign_related
    if spec["out"]:
        spec["extension"] = 0 if rng.random() < 0.12 else (6 if final == ORDINARY else 1)
        spec["higher"] = final == ORDINARY and spec["extension"] and rng.random() < 0.08
    else:
        spec["extension"], spec["higher"] = 0, False
    mode = spec["mode"]
    periods: list[tuple[str, int, int, int]] = []  # kind, preferred, min, max
    if case.appraisal_requested and mode in ("judgment", "mediation", "withdrawal"):
        if final == ORDINARY:
            periods.append(("appraisal", int(rng.triangular(30, 150, 60)), 20, 200))
        else:
            periods.append(("appraisal", int(rng.triangular(12, 45, 22)), 7, 60))
    if final == ORDINARY and rng.random() < 0.012 and case.claim_amount > wage * 2:
        periods.append(("audit_valuation", int(rng.triangular(30, 90, 45)), 20, 120))
    if mode in ("mediation", "withdrawal") and rng.random() < 0.07:
        periods.append(("settlement", int(rng.triangular(7, 30, 14)), 5, 60))
    if mode == "transfer" or (case.side_kind("defendant") != "person" and rng.random() < (
            0.06 if final == ORDINARY else 0.015)):
        periods.append(("jurisdiction_objection", int(rng.triangular(10, 40, 20)), 7, 60))
    if mode == "termination" or (final == ORDINARY and mode in ("judgment", "withdrawal") and rng.random() < 0.03):
        periods.append(("suspension", int(rng.triangular(20, 150, 50)), 10, 240))
    spec["periods"] = periods
    heard_modes = ("judgment", "deemed_withdrawal")
    spec["hearing"] = mode in heard_modes or (mode == "mediation" and rng.random() < 0.55) or (
        mode in ("withdrawal", "dismissal", "other") and rng.random() < 0.3)
    spec["evidence_adjournment"] = spec["hearing"] and mode == "judgment" and rng.random() < 0.08
    if spec["evidence_adjournment"]:
        spec["evidence_len"] = rng.randint(7, 28)  # TL2019 Art. 5: the next hearing within a month
    spec["other_adjournment"] = spec["hearing"] and not spec["evidence_adjournment"] and rng.random() < 0.05
    spec["failed_mediation"] = mode == "judgment" and rng.random() < 0.12
    spec["mediator"] = rng.choice([m.username for m in MEDIATORS] + ["__judge__"] * 3)
    spec["counterclaim"] = (spec["initial"] == SMALL and spec["convert"]) or (
        final == ORDINARY and rng.random() < 0.05)
    spec["archive"] = rng.random() < 0.92
    spec["correction"] = rng.random() < 0.04
    lo, hi, peak = _NET[final]["judgment" if mode in ("judgment", "deemed_withdrawal") else
                               mode if mode in ("mediation", "withdrawal") else "other"]
    if spec["out"]:
        base_days = (add_months(spec["filed_on"], {SMALL: 2, SIMPLE: 3, ORDINARY: 6}[final]) - spec["filed_on"]).days
        more = {SMALL: 28, SIMPLE: 28, ORDINARY: 170}[final]
        spec["net"] = int(rng.triangular(base_days + 9, base_days + more, base_days + more * 0.25))
    else:
        spec["net"] = int(rng.triangular(lo, hi, peak))
    spec["rng"] = rng.random()
    return spec


def _elapsed_for(spec: dict[str, Any]) -> int:
    return spec["net"] + sum(p[1] for p in spec["periods"]) + (32 if spec.get("publication") else 0)


def realise(case: CasePlan, spec: dict[str, Any], elapsed: int, tag: str) -> list[Step] | None:
    """The dated steps of a closed case with this structure that closes `elapsed` days after filing, or None
    when the structure cannot fit (the term rules or the minimum time the acts need)."""
    rng = random.Random(f"{tag}:{spec['rng']}")
    filed: date = spec["filed_on"]
    final, initial, mode = spec["final"], spec["initial"], spec["mode"]
    closed = filed + timedelta(days=elapsed)
    base = {SMALL: 2, SIMPLE: 3, ORDINARY: 6}[final]
    base_days = (add_months(filed, base) - filed).days
    ext_days = (add_months(filed, base + spec["extension"] + (3 if spec["higher"] else 0)) - filed).days
    defendants = [i for i, p in enumerate(case.parties) if p.side == "defendant"]
    unknown = [i for i in defendants if not case.parties[i].address_known]
    # Publication (JI 140: ordinary only) is the first excluded period; its length follows the calendar.
    pub_at = 9 if unknown else None
    pub_len = 0
    if pub_at is not None:
        if initial != ORDINARY:
            return None
        pub_day = filed + timedelta(days=pub_at)
        pub_len = (publication_effective(pub_day, calendar=CALENDAR, foreign=case.foreign_related) - pub_day).days
    adjustable = [list(p) for p in spec["periods"]]
    evidence_len = spec.get("evidence_len", 0) if spec["evidence_adjournment"] else 0
    fixed = pub_len + evidence_len
    min_net = 30 if pub_at is not None else (14 if mode in ("judgment", "deemed_withdrawal") else 4)
    if spec["hearing"]:
        min_net = max(min_net, 12 if final != ORDINARY else 16)
    if spec["convert"] == ORDINARY:
        min_net = max(min_net, 20)
    if spec["failed_mediation"]:
        min_net += 6
    if spec["out"]:
        lo_net, hi_net = base_days + 9, (ext_days - 3 if spec["extension"] else 10_000)
    else:
        lo_net, hi_net = min_net, base_days - 1
    lo_net = max(lo_net, min_net)
    if lo_net > hi_net:
        return None
    # Fit the adjustable periods so that net = elapsed - excluded lands in [lo_net, hi_net].
    pref = sum(p[1] for p in adjustable)
    x_lo, x_hi = elapsed - hi_net - fixed, elapsed - lo_net - fixed
    amin, amax = sum(p[2] for p in adjustable), sum(p[3] for p in adjustable)
    lo, hi = max(x_lo, amin), min(x_hi, amax)
    if lo > hi:
        return None
    target = min(max(pref, lo), hi)
    if adjustable:
        _scale(adjustable, target)
    net = elapsed - fixed - sum(p[1] for p in adjustable)
    if net < lo_net or net > hi_net:
        return None
    return _lay_out(case, spec, rng, filed, closed, net, adjustable, pub_at, evidence_len, unknown, defendants)


def _scale(periods: list[list[Any]], target: int) -> None:
    total = sum(p[1] for p in periods)
    for p in periods:
        p[1] = min(max(p[1], p[2]), p[3])
    for _ in range(50):
        total = sum(p[1] for p in periods)
        diff = target - total
        if diff == 0:
            return
        movable = [p for p in periods if (p[1] < p[3] if diff > 0 else p[1] > p[2])]
        if not movable:
            return
        share = max(1, abs(diff) // len(movable))
        for p in movable:
            if diff == 0:
                break
            step = min(share, abs(diff), (p[3] - p[1]) if diff > 0 else (p[1] - p[2]))
            p[1] += step if diff > 0 else -step
            diff += -step if diff > 0 else step


class _Clock:
    """Maps active (counted) days to calendar dates around the excluded periods placed on the timeline."""

    def __init__(self, filed: date) -> None:
        self.filed = filed
        self.gaps: list[tuple[int, int]] = []  # (active position, length), in insertion order

    def add(self, at: int, length: int) -> int:
        self.gaps.append((at, length))
        return len(self.gaps) - 1

    def date(self, at: int, after: bool = True) -> date:
        """The date of active day `at`, after (or before) the periods that start there."""
        shift = sum(length for pos, length in self.gaps if pos < at or (after and pos == at))
        return self.filed + timedelta(days=at + shift)

    def gap_start(self, index: int) -> date:
        at = self.gaps[index][0]
        shift = sum(length for i, (pos, length) in enumerate(self.gaps) if pos < at or (pos == at and i < index))
        return self.filed + timedelta(days=at + shift)


_PERIOD_REASONS = {
    "appraisal": "委托司法鉴定", "settlement": "双方申请庭外和解", "jurisdiction_objection": "被告提出管辖权异议",
    "mediation_extension": "双方同意延长调解期间", "audit_valuation": "委托审计评估",
}


def _lay_out(case: CasePlan, spec: dict[str, Any], rng: random.Random, filed: date, closed: date, net: int,
             periods: list[list[Any]], pub_at: int | None, evidence_len: int, unknown: list[int],
             defendants: list[int]) -> list[Step] | None:
    final, initial, mode = spec["final"], spec["initial"], spec["mode"]
    clock = _Clock(filed)
    # (active pos, order, op, args, after the gaps at pos); args may name dates to compute: _gap, _day
    marks: list[tuple[int, int, str, dict[str, Any], bool]] = []

    def mark(at: int, order: int, op: str, after: bool = True, **args: Any) -> None:
        marks.append((at, order, op, args, after))

    # Service of the complaint on each defendant (CPL 87-95); publication only under ordinary procedure (JI 140).
    send_at = min(rng.randint(1, 4), max(1, net // 4))
    last_served = send_at
    for i in defendants:
        party = case.parties[i]
        if not party.address_known:
            assert pub_at is not None
            mark(send_at, 10, "service_send", party=i, document="complaint", channel="post", ref=f"s{i}a")
            mark(send_at + 5, 11, "service_record", ref=f"s{i}a", served=False, reason="查无此人，邮件退回")
            mark(pub_at, 12, "service_send", after=False, party=i, document="complaint", channel="publication",
                 ref=f"s{i}p")
            mark(pub_at, 13, "service_record", ref=f"s{i}p", served=True)
            last_served = max(last_served, pub_at)
        elif party.e_service_consent:
            mark(send_at, 10, "service_send", party=i, document="complaint", channel="electronic", ref=f"s{i}e")
            at = send_at + rng.randint(0, 1)
            mark(at, 11, "service_record", ref=f"s{i}e", served=True)
            last_served = max(last_served, at)
        elif rng.random() < 0.1 and net > send_at + 12:
            mark(send_at, 10, "service_send", party=i, document="complaint", channel="post", ref=f"s{i}a")
            mark(send_at + 6, 11, "service_record", ref=f"s{i}a", served=False, reason="拒收退回")
            mark(send_at + 7, 12, "service_send", party=i, document="complaint", channel="direct", ref=f"s{i}d")
            mark(send_at + 8, 13, "service_record", ref=f"s{i}d", served=True)
            last_served = max(last_served, send_at + 8)
        else:
            gap = rng.randint(2, 6)
            mark(send_at, 10, "service_send", party=i, document="complaint", channel="post", ref=f"s{i}p")
            mark(send_at + gap, 11, "service_record", ref=f"s{i}p", served=True)
            last_served = max(last_served, send_at + gap)
    if pub_at is not None:
        pub_day = filed + timedelta(days=pub_at)
        clock.add(pub_at, (publication_effective(pub_day, calendar=CALENDAR, foreign=case.foreign_related)
                           - pub_day).days)
    if last_served >= net - 1:
        return None
    cursor = last_served + 1
    # Counterclaim and conversions (CPL 143, 166(5), 169-170; JI 258: before the simple term expires).
    convert_at = None
    if spec["convert"]:
        src_days = (add_months(filed, 2 if initial == SMALL else 3) - filed).days
        hi = min(src_days - 3, net - 3)
        if hi < cursor:
            return None
        convert_at = rng.randint(cursor, min(hi, cursor + 40))
        if spec["counterclaim"]:
            mark(convert_at, 20, "counterclaim", reason="被告提起反诉")
        reason = {ORDINARY: "案情复杂，不宜适用简易程序", SIMPLE: "被告提起反诉，不再适用小额诉讼程序"}[spec["convert"]]
        mark(convert_at, 21, "convert", to=spec["convert"], reason=reason)
    elif spec["counterclaim"]:
        mark(min(cursor + 2, net - 1), 20, "counterclaim", reason="被告提起反诉")
    # The first hearing.
    h1 = None
    if spec["hearing"]:
        lo = cursor + (3 if final == ORDINARY else 1)
        if convert_at is not None and convert_at + 4 > lo:
            lo = convert_at + 4
        hi = net - (1 if mode in ("judgment", "deemed_withdrawal") else 3)
        if spec["failed_mediation"]:
            hi -= 5
        if spec["other_adjournment"]:
            hi -= 8
        if hi < lo:
            return None
        h1 = rng.randint(lo, lo + int((hi - lo) * 0.8))
    # Periods not counted in the term (JI 243; TL2000 Art. 9); none between an adjourned hearing and the next
    # one, which must follow within a month (TL2019 Art. 5).
    last_hearing = (h1 + 7 if spec["other_adjournment"] else h1) if h1 is not None else None
    for kind, length, _lo, _hi in periods:
        if kind == "suspension" and mode == "termination":
            pos = net  # suspended until the case ends by termination (CPL 154)
        elif kind == "suspension":
            pos = cursor
        elif kind == "jurisdiction_objection":
            pos = min(cursor + 1, net - 1)
        elif kind in ("settlement", "mediation_extension"):
            pos = max(cursor, net - 2, (h1 + 1) if h1 is not None else 0)
        elif kind == "appraisal" and last_hearing is not None and last_hearing + 1 < net:
            pos = last_hearing + 1
        else:
            pos = max(cursor, net // 2)
        if h1 is not None and last_hearing is not None and h1 < pos <= last_hearing:
            pos = last_hearing + 1
        if pos > net:
            return None
        gap = clock.add(pos, length)
        if kind == "suspension":
            ground = ("一方当事人死亡，需要等待继承人表明是否参加诉讼（CPL 153(1)）" if mode == "termination"
                      else "本案须以另一案的审理结果为依据（CPL 153(5)）")
            mark(pos, 30, "suspend", after=False, _gap=gap, ground=ground)
            if mode != "termination":
                mark(pos, 31, "resume", _gap_end=gap, reason="中止诉讼的原因消除")
        else:
            mark(pos, 30, "period_start", after=False, _gap=gap, _gap_end_arg=gap, kind=kind,
                 reason=_PERIOD_REASONS[kind])
    # Hearings (CPL 139; OLR 20-21; TL2019 Art. 3).
    held_at = None
    if h1 is not None:
        if unknown or not case.e_service_consent:
            hmode = "in_person"
        elif final != ORDINARY and (convert_at is None or h1 < convert_at) and rng.random() < 0.22:
            hmode = "async"
        else:
            hmode = rng.choice(["in_person", "online", "online"])
        notified = max(last_served, h1 - rng.randint(3, 10))
        if h1 - notified < 3 and (final == ORDINARY and (convert_at is None or convert_at <= notified)):
            return None
        held_at, ref = h1, "h1"
        if spec["evidence_adjournment"]:
            mark(notified, 40, "hearing_schedule", ref="h1", _day=(h1, False), mode=hmode)
            mark(h1, 41, "hearing_adjourn", after=False, ref="h1", cause="new_evidence", reason="当事人申请提交新证据")
            clock.add(h1, evidence_len)
            mark(h1, 42, "hearing_schedule", after=False, ref="h2", _day=(h1, True), mode=hmode)
            mark(h1, 43, "period_end", kind="evidence_adjournment")
            ref = "h2"
        elif spec["other_adjournment"]:
            mark(notified, 40, "hearing_schedule", ref="h1", _day=(h1, True), mode=hmode)
            mark(h1, 41, "hearing_adjourn", ref="h1", cause="party", reason="当事人申请延期开庭")
            mark(h1, 42, "hearing_schedule", ref="h2", _day=(h1 + 7, True), mode=hmode)
            held_at, ref = h1 + 7, "h2"
        else:
            mark(notified, 40, "hearing_schedule", ref="h1", _day=(h1, True), mode=hmode)
        mark(held_at, 44, "hearing_hold", ref=ref)
        if spec["failed_mediation"]:
            mark(held_at + 1, 45, "mediation_start", mediator=spec["mediator"])
            mark(held_at + 4, 46, "mediation_end", reason="双方分歧较大，调解不成")
    elif spec["failed_mediation"]:
        return None
    # Closing (TL2000 Art. 10): mediation closes on the last party's service of the mediation document.
    if mode == "mediation":
        m_at = max(cursor, (held_at + 1) if held_at is not None else cursor, net - rng.randint(3, 12))
        m_at = min(m_at, net - 1)
        if held_at is not None and m_at <= held_at:
            return None
        mark(m_at, 50, "mediation_start", mediator=spec["mediator"])
        served_by = list(range(len(case.parties)))  # every party, third parties too (JI 149)
        last = rng.choice(served_by)
        for i in served_by:
            at = net if i == last else rng.randint(m_at, net)
            channel = "electronic" if case.parties[i].e_service_consent and rng.random() < 0.7 else "direct"
            mark(m_at, 51, "service_send", party=i, document="mediation", channel=channel, ref=f"m{i}")
            mark(at, 52 if at < net else 55, "service_record", ref=f"m{i}", served=True)
    mark(net, 60, "close", mode=mode)
    if any(at > net for at, *_ in marks):
        return None
    # Build the dated steps.
    steps: list[Step] = [Step(spec["submitted_on"], "submit", {})]
    if spec.get("correction") and spec["submitted_on"] < filed - timedelta(days=2):
        steps.append(Step(spec["submitted_on"] + timedelta(days=1), "request_correction",
                          {"items": "请补充被告身份信息及证据清单"}))
        steps.append(Step(filed - timedelta(days=1), "resubmit", {}))
    steps.append(Step(filed, "accept", {"procedure": initial}))
    for at, _order, op, args, after in sorted(marks, key=lambda m: (m[0], m[4], m[1])):
        args = dict(args)
        on = clock.date(at, after=after)
        if "_gap" in args:
            on = clock.gap_start(args.pop("_gap"))
        if "_gap_end" in args:
            g = args.pop("_gap_end")
            on = clock.gap_start(g) + timedelta(days=clock.gaps[g][1])
        if "_gap_end_arg" in args:
            g = args.pop("_gap_end_arg")
            args["end_on"] = clock.gap_start(g) + timedelta(days=clock.gaps[g][1])
        if "_day" in args:
            day_at, day_after = args.pop("_day")
            args["day"] = clock.date(day_at, after=day_after)
            if args["mode"] == "async":
                args["respond_by"] = args["day"] + timedelta(days=5)
        steps.append(Step(on, op, args))
    # Extensions (CPL 152, 164, 168), approved at least 15 days before the term expires (TL2019 Art. 1).
    if spec["out"] and spec["extension"]:
        base = {SMALL: 2, SIMPLE: 3, ORDINARY: 6}[final]
        ext_on = add_months(filed, base) - timedelta(days=rng.randint(16, 25))
        converted = next((s.on for s in steps if s.op == "convert"), None)
        if converted is not None and ext_on <= converted:
            return None
        steps.append(Step(ext_on, "extend", {"months": spec["extension"], "higher": False,
                                             "reason": "案情复杂，需延长审理期限"}))
        ext2 = add_months(filed, base + spec["extension"]) - timedelta(days=rng.randint(16, 25))
        if spec["higher"] and ext2 < closed:
            steps.append(Step(ext2, "extend", {"months": 3, "higher": True,
                                               "reason": "鉴定周期长，报请上级法院批准延长"}))
    order = {id(s): i for i, s in enumerate(steps)}
    steps.sort(key=lambda s: (s.on, order[id(s)]))
    if steps[-1].op != "close" or steps[-1].on != closed:
        return None
    if spec.get("archive"):
        steps.append(Step(closed + timedelta(days=rng.randint(10, 60)), "archive", {}))
    return steps


# --- the whole court ------------------------------------------------------------------------------------------

def plan_court(n: int, seed: int, *, today: date | None = None, wage: Decimal = DEMO_WAGE,
               current: int | None = None) -> DemoPlan:
    """Plan `n` historical cases (filed 2022-2024, all closed) plus current cases in every state."""
    if n < 0:
        raise ValueError("The number of cases cannot be negative.")
    today = today or date.today()
    master = random.Random(f"{seed}:court")
    filings = sorted(_filing_date(master, FIRST_FILING, LAST_FILING) for _ in range(n))
    cases = [_draw_case(i, seed, wage, filed, current=False) for i, filed in enumerate(filings)]
    _assign_structure(cases, seed, wage)
    _calibrate(cases, seed, wage)
    cases += _current_cases(n, seed, wage, today, current)
    _number(cases)
    return DemoPlan(seed=seed, n=n, today=today, wage=wage, cases=cases)


def _ordinary_quota(cases: list[CasePlan]) -> set[int]:
    """The cases that end under ordinary procedure: every barred one, then the highest latent scores."""
    share = 1 - TARGET_SIMPLE_RATE
    forced = {c.key for c in cases if simple_barred(c)}
    ranked = sorted((c for c in cases if c.key not in forced), key=lambda c: -c.score)
    want = max(0, round(share * len(cases)) - len(forced))
    return forced | {c.key for c in ranked[:want]}


def _assign_structure(cases: list[CasePlan], seed: int, wage: Decimal) -> None:
    ordinary = _ordinary_quota(cases)
    out_p = {SMALL: 0.012, SIMPLE: 0.035, ORDINARY: 0.19}
    for case in cases:
        rng = random.Random(f"{seed}:spec:{case.key}")
        for attempt in range(8):
            is_ord = case.key in ordinary
            final_guess = ORDINARY if is_ord else SIMPLE
            out = rng.random() < out_p[final_guess]
            spec = _spec_for(case, rng, is_ord, out, wage)
            elapsed = _elapsed_for(spec)
            if spec["evidence_adjournment"]:
                elapsed += spec["evidence_len"]
            steps = realise(case, spec, elapsed, f"{seed}:{case.key}:{attempt}")
            if steps is not None:
                case.spec, case.steps = spec, steps
                break
        else:
            raise RuntimeError(f"demo plan: could not lay out case {case.key}")


def _try(case: CasePlan, spec: dict[str, Any], elapsed: int, seed: int, tag: str) -> bool:
    steps = realise(case, spec, elapsed, f"{seed}:{case.key}:{tag}")
    if steps is None:
        return False
    case.spec, case.steps = spec, steps
    return True


def _respec(case: CasePlan, seed: int, tag: str, wage: Decimal, **changes: Any) -> dict[str, Any]:
    """The case's spec with `changes`, re-drawing what depends on them (path, periods) deterministically."""
    rng = random.Random(f"{seed}:respec:{case.key}:{tag}")
    spec = dict(case.spec)
    if "ordinary" in changes:
        base = {k: spec[k] for k in ("filed_on", "submitted_on")}
        base["forced_mode"] = spec["mode"]
        saved, case.spec = case.spec, base
        spec = _spec_for(case, rng, changes["ordinary"], False, wage)
        case.spec = saved
    if "mode" in changes:
        spec["mode"] = changes["mode"]
        periods = [p for p in spec["periods"] if p[0] not in ("suspension",) or changes["mode"] != "termination"]
        if changes["mode"] not in ("mediation", "withdrawal"):
            periods = [p for p in periods if p[0] not in ("settlement", "mediation_extension")]
        if changes["mode"] != "mediation":
            periods = [p for p in periods if p[0] != "mediation_extension"]
        spec["periods"] = periods
        spec["hearing"] = changes["mode"] in ("judgment", "deemed_withdrawal") or (
            changes["mode"] == "mediation" and rng.random() < 0.55)
        spec["evidence_adjournment"] = spec["hearing"] and changes["mode"] == "judgment" and spec.get(
            "evidence_adjournment", False)
        spec["other_adjournment"] = spec["hearing"] and spec.get("other_adjournment", False)
        spec["failed_mediation"] = changes["mode"] == "judgment" and spec.get("failed_mediation", False)
    if "out" in changes:
        spec["out"] = changes["out"]
        final = spec["final"]
        if changes["out"]:
            spec["extension"] = 0 if rng.random() < 0.12 else (6 if final == ORDINARY else 1)
            spec["higher"] = False
        else:
            spec["extension"], spec["higher"] = 0, False
    return spec


def _closed_in(cases: Iterable[CasePlan], year: int) -> list[CasePlan]:
    return [c for c in cases if c.closed_on and c.closed_on.year == year]


def _elapsed(case: CasePlan) -> int:
    assert case.closed_on and case.filed_on
    return (case.closed_on - case.filed_on).days


def _calibrate(cases: list[CasePlan], seed: int, wage: Decimal) -> None:
    """Tune the cases closed in the calibration year to the county report's figures, keeping each closing date
    (so the set of 2023 closings never changes), by rank: latent complexity decides who is ordinary."""
    year = CALIBRATION_YEAR
    members = _closed_in(cases, year)
    m = len(members)
    if m == 0:
        return
    # (a) Simple-procedure rate: ordinary count by latent complexity.
    want_ord = round((1 - TARGET_SIMPLE_RATE) * m)
    ords = [c for c in members if c.procedure == ORDINARY]
    if len(ords) < want_ord:
        for c in sorted((c for c in members if c.procedure != ORDINARY), key=lambda c: -c.score):
            if len(ords) >= want_ord:
                break
            if _try(c, _respec(c, seed, "ord", wage, ordinary=True), _elapsed(c), seed, "ord"):
                ords.append(c)
    elif len(ords) > want_ord:
        count = len(ords)
        for c in sorted((c for c in ords if not simple_barred(c)), key=lambda c: c.score):
            if count <= want_ord:
                break
            if _try(c, _respec(c, seed, "simple", wage, ordinary=False), _elapsed(c), seed, "simple"):
                count -= 1
    # (b) Mediation-plus-withdrawal rate.
    want_mw = round(TARGET_MEDIATION_WITHDRAWAL_RATE * m)
    mw = sum(c.closing_mode in MW_MODES for c in members)
    order = sorted(members, key=lambda c: random.Random(f"{seed}:mw:{c.key}").random())
    for c in order:
        if mw == want_mw:
            break
        if mw < want_mw and c.closing_mode == "judgment":
            new_mode = "withdrawal" if random.Random(f"{seed}:mwm:{c.key}").random() < 0.5 else "mediation"
            if _try(c, _respec(c, seed, "mw", wage, mode=new_mode), _elapsed(c), seed, "mw"):
                mw += 1
        elif mw > want_mw and c.closing_mode in MW_MODES:
            if _try(c, _respec(c, seed, "mwj", wage, mode="judgment"), _elapsed(c), seed, "mwj"):
                mw -= 1
    # (c) Closed within the normal term.
    with_term = [c for c in members if not c.foreign_related]
    want_out = round((1 - TARGET_IN_NORMAL_TERM_RATE) * len(with_term))
    outs = [c for c in with_term if not c.term().within_normal_term]
    if len(outs) < want_out:
        for c in sorted((c for c in with_term if c.term().within_normal_term), key=lambda c: -_elapsed(c)):
            if len(outs) >= want_out:
                break
            saved = (c.spec, c.steps)
            spec, elapsed = _respec(c, seed, "out", wage, out=True), _elapsed(c)
            # keep the closing date if the case can be out of term with it, else close it a little later
            for extra in (0, 10, 20, 35, 50, 70):
                if (c.closed_on + timedelta(days=extra)).year != year:
                    break
                if _try(c, spec, elapsed + extra, seed, f"out{extra}"):
                    if c.term().within_normal_term:
                        c.spec, c.steps = saved
                    else:
                        outs.append(c)
                        break
    elif len(outs) > want_out:
        count = len(outs)
        for c in sorted(outs, key=lambda c: _elapsed(c)):
            if count <= want_out:
                break
            saved = (c.spec, c.steps)
            if _try(c, _respec(c, seed, "in", wage, out=False), _elapsed(c), seed, "in"):
                if c.term().within_normal_term:
                    count -= 1
                else:
                    c.spec, c.steps = saved
    # (d) Average net trial days: move closing dates of in-term cases within the year, keeping everything else.
    _tune_average(members, seed)


def _tune_average(members: list[CasePlan], seed: int) -> None:
    m = len(members)
    target_total = TARGET_AVG_TRIAL_DAYS * m
    total = sum(c.term().net_trial_days for c in members)
    order = sorted(members, key=lambda c: random.Random(f"{seed}:avg:{c.key}").random())
    for sweep in range(6):
        diff = total - target_total
        if abs(diff) <= 0.05 * m:
            return
        for c in order:
            diff = total - target_total
            if abs(diff) <= 0.05 * m:
                return
            t = c.term()
            if not t.within_normal_term and not c.foreign_related:
                continue
            net = t.net_trial_days
            step = max(1, min(int(abs(diff)), max(2, net // 5)))
            delta = -step if diff > 0 else step
            new_closed = c.closed_on + timedelta(days=delta)
            if new_closed.year != CALIBRATION_YEAR:
                continue
            saved = (c.spec, c.steps)
            if not _try(c, dict(c.spec), _elapsed(c) + delta, seed, f"avg{sweep}"):
                continue
            t2 = c.term()
            if (t2.within_normal_term is not None and not t2.within_normal_term) or c.closed_on.year != CALIBRATION_YEAR:
                c.spec, c.steps = saved
                continue
            total += t2.net_trial_days - net


# --- current cases in every state -----------------------------------------------------------------------------

CURRENT_STATES = ("accepted", "service", "scheduled", "heard", "mediation", "suspended", "closed", "archived")
FILING_STATES = ("filed", "correction", "rejected")


def _current_cases(n: int, seed: int, wage: Decimal, today: date, count: int | None) -> list[CasePlan]:
    """Cases filed in the last months so that every team's docket is live, in every state."""
    out: list[CasePlan] = []
    key = n
    per_team = 1 if (count is not None and count < 40) else 2
    for team in TEAMS:
        for state in CURRENT_STATES:
            for copy in range(per_team if state not in ("suspended",) else 1):
                out.append(_current_case(key, seed, wage, today, state, team.code))
                key += 1
    for state in FILING_STATES:
        for copy in range(3):
            out.append(_filing_case(key, seed, wage, today, state))
            key += 1
    return out


def _stop_index(steps: list[Step], state: str) -> int | None:
    """The index of the last step that leaves the case in `state`."""
    if state == "mediation":
        idx = [i for i, s in enumerate(steps) if s.op == "mediation_start" or (
            s.op == "service_send" and s.args["document"] == "mediation")]
        return idx[-1] if idx else None
    op = {"accepted": "accept", "service": "service_send", "scheduled": "hearing_schedule", "heard": "hearing_hold",
          "suspended": "suspend", "closed": "close", "archived": "archive"}[state]
    idx = [i for i, s in enumerate(steps) if s.op == op]
    if not idx:
        return None
    return idx[0] if state in ("service", "scheduled") else idx[-1]


_CURRENT_AGE = {"accepted": (0, 3), "service": (1, 10), "scheduled": (4, 40), "heard": (10, 60), "mediation": (12, 70),
                "suspended": (15, 110), "closed": (40, 140), "archived": (70, 170)}


def _state_on(case: CasePlan, steps: list[Step], day: date) -> str:
    return CasePlan(**{**case.__dict__, "steps": [s for s in steps if s.on <= day]}).state


def _current_case(key: int, seed: int, wage: Decimal, today: date, state: str, team_code: str) -> CasePlan:
    """A case filed in the last months that is in `state` today: lay out a whole life, then pick the filing
    date that puts today inside the stretch where the case is in that state, and cut the steps at today."""
    rng = random.Random(f"{seed}:current:{key}")
    for attempt in range(60):
        probe_filed = CALENDAR.next_workday(today - timedelta(days=400))
        case = _draw_case(key, seed * 7 + attempt, wage, probe_filed, current=True)
        team = next(t for t in TEAMS if t.code == team_code)
        case.team, case.judge = team.code, team.judge
        ordinary = simple_barred(case) or case.score > 1.5
        spec = _spec_for(case, rng, ordinary, False, wage)
        spec["archive"] = state == "archived"
        if state == "mediation":
            spec["mode"], spec["failed_mediation"] = "mediation", False
        if state == "suspended":
            spec["final"] = spec["initial"] = ORDINARY
            spec["convert"], spec["counterclaim"], spec["mode"] = None, False, "judgment"
            spec["periods"] = [p for p in spec["periods"] if p[0] != "suspension"] + [("suspension", 60, 30, 90)]
        if state in ("scheduled", "heard", "suspended"):
            spec["hearing"] = True
            if spec["mode"] not in ("judgment", "mediation", "deemed_withdrawal"):
                spec["mode"] = "judgment"
        spec["out"], spec["extension"], spec["higher"] = False, 0, False
        elapsed = _elapsed_for(spec) + (spec.get("evidence_len", 0) if spec["evidence_adjournment"] else 0)
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
    case = _draw_case(key, seed, wage, filed, current=True)
    case.team, case.judge = "", ""
    submitted = today - timedelta(days=rng.randint(0, 4) if state == "filed" else rng.randint(2, 10))
    case.steps = [Step(submitted, "submit", {})]
    if state == "correction":
        case.steps.append(Step(min(today, submitted + timedelta(days=2)), "request_correction",
                               {"items": "请补充被告的身份证明和送达地址"}))
    elif state == "rejected":
        case.steps.append(Step(min(today, submitted + timedelta(days=5)), "reject",
                               {"reason": "原告起诉的事项不属于人民法院受理民事诉讼的范围（CPL 126）"}))
    return case


def _number(cases: list[CasePlan]) -> None:
    """案号 in acceptance order per year (案号规定 Arts 9-10), as the services will allocate them."""
    serial: dict[int, int] = {}
    for case in sorted((c for c in cases if c.filed_on), key=replay_order):
        year = case.filed_on.year
        serial[year] = serial.get(year, 0) + 1
        case.case_number = CaseNumber(year=year, court_code=COURT_CODE, type_code="民初", serial=serial[year]).format()


def replay_order(case: CasePlan) -> tuple[date, int]:
    """The order the replay accepts cases in, which fixes their serial numbers."""
    return (case.filed_on or case.submitted_on, case.key)
