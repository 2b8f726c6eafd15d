"""The causes of action the demo court hears, and how each tends to show up at a county court."""

from __future__ import annotations

import json
from dataclasses import dataclass

from court.cases.catalogue import DATA_DIR

#: Each cause's claim nature (CPL 165, 166(1); court.rules.claims) as the catalogue the demo court uses states
#: it, so the plan judges small claims exactly as the services will.
CATALOGUE_FILE = DATA_DIR / "causes_2020.json"
CLAIM_NATURES: dict[str, str] = {
    row["name"]: row["claim_nature"]
    for row in json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))["causes"]
}


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
    mediation_bias: float = 0.0
    amount_weight: float = 1.0  # how much the amount drives complexity for this cause

    @property
    def claim_nature(self) -> str:
        """money, mixed, title, status … (causes_2020.json, field claim_nature)."""
        return CLAIM_NATURES[self.name]


CAUSES: tuple[CauseSpec, ...] = (
    CauseSpec("民间借贷纠纷", 19, 60000, 1.1, "contract", -0.2, 0.04, 0.05, 0.02, 0.3, 0.02, amount_weight=1.3),
    CauseSpec("买卖合同纠纷", 10, 70000, 1.2, "contract", 0.1, 0.45, 0.45, 0.05, 0.2, 0.03, amount_weight=1.1),
    CauseSpec("金融借款合同纠纷", 8, 90000, 1.0, "finance", -0.6, 1.0, 0.06, 0.0, 0.6, 0.0, amount_weight=0.6),
    CauseSpec("信用卡纠纷", 7, 28000, 0.7, "finance", -1.2, 1.0, 0.0, 0.0, 0.0, 0.0, amount_weight=0.4,
              mediation_bias=-0.2),
    CauseSpec("机动车交通事故责任纠纷", 8, 50000, 1.1, "tort", 0.1, 0.02, 0.6, 0.25, 0.9, 0.02,
              amount_weight=1.2, mediation_bias=0.1),
    CauseSpec("离婚纠纷", 8, 0, 1.0, "family", -0.3, 0.0, 0.0, 0.0, 0.0, 0.0, p_zero=0.75,
              mediation_bias=0.35),
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
              mediation_bias=0.2),
    CauseSpec("不当得利纠纷", 1, 35000, 1.1, "contract", 0.0, 0.2, 0.1, 0.0, 0.1, 0.02),
    CauseSpec("追偿权纠纷", 1, 60000, 1.0, "finance", -0.2, 0.5, 0.1, 0.0, 0.5, 0.02),
    CauseSpec("保险人代位求偿权纠纷", 1, 25000, 0.9, "finance", -0.5, 1.0, 0.3, 0.05, 0.3, 0.0),
)
CAUSE_BY_NAME = {c.name: c for c in CAUSES}
