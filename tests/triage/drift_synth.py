"""A court that changes: a training period, then a later period in which a cause unseen in training (a 4th-level
cause of a family training knew) makes up 14% of filings, e-service consent rises and claim amounts grow.
Every row carries `p_true`, the probability it was generated with, so a test knows the period's limit."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

#: cause: (share, base log-odds of being complex). Real names of the 2020 catalogue (and of 2025).
CAUSES = {
    "民间借贷纠纷": (0.22, -1.6), "买卖合同纠纷": (0.16, -0.9), "物业服务合同纠纷": (0.10, -2.6),
    "机动车交通事故责任纠纷": (0.12, -0.6), "离婚纠纷": (0.10, -0.8), "建设工程施工合同纠纷": (0.08, 1.2),
    "金融借款合同纠纷": (0.10, -2.0), "医疗损害责任纠纷": (0.06, 1.0), "分期付款买卖合同纠纷": (0.06, -0.7),
}
#: The newcomer: 信息网络买卖合同纠纷 (2020 catalogue 84(8), 2025 88(8)), under 买卖合同纠纷; like its family.
NEW_CAUSE, NEW_BASE, NEW_SHARE = "信息网络买卖合同纠纷", -0.75, 0.14


def drift_frame(n: int, *, seed: int, start: date, days: int, shifted: bool) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    names = list(CAUSES)
    shares = np.array([CAUSES[c][0] for c in names])
    bases = np.array([CAUSES[c][1] for c in names])
    if shifted:
        names = [*names, NEW_CAUSE]
        shares = np.append(shares / shares.sum() * (1 - NEW_SHARE), NEW_SHARE)
        bases = np.append(bases, NEW_BASE)
    cause = rng.choice(len(names), size=n, p=shares / shares.sum())
    amount = np.round(np.exp(rng.normal(10.3 + (0.4 if shifted else 0.0), 1.2, n)), 2)
    defendants = 1 + rng.poisson(0.5, n)
    third = rng.binomial(1, 0.1, n)
    address = rng.random(n) > 0.06
    consent = rng.random(n) < (0.85 if shifted else 0.5)
    appraisal = rng.random(n) < 0.08
    lawyer = rng.random(n) < 0.5
    evidence = rng.poisson(6, n)
    pkind = rng.choice(["person", "entity", "mixed"], size=n, p=[0.6, 0.35, 0.05])
    dkind = rng.choice(["person", "entity", "mixed"], size=n, p=[0.7, 0.25, 0.05])
    filed = [start + timedelta(days=int(d)) for d in np.sort(rng.integers(0, days, n))]
    logit = (bases[cause] + 0.8 * (np.log(amount) - 10.3) + 0.5 * (defendants - 1) + 0.8 * third
             + 2.5 * ~address + 1.8 * appraisal - 0.5 * consent + 0.06 * (evidence - 6) + 0.3 * lawyer)
    p_true = 1 / (1 + np.exp(-logit))
    y = rng.random(n) < p_true
    closed = [f + timedelta(days=int(e)) for f, e in zip(filed, rng.gamma(3, 20, n).astype(int) + 5)]
    return pd.DataFrame({
        "case_number": [f"（{d.year}）陕0122民初{i + 1 + (50000 if shifted else 0)}号" for i, d in enumerate(filed)],
        "case_type": "民初", "court_code": "陕0122", "cause": [names[c] for c in cause],
        "filed_on": [d.isoformat() for d in filed], "claim_amount": amount,
        "plaintiffs": 1, "defendants": defendants, "third_parties": third,
        "plaintiff_kind": pkind, "defendant_kind": dkind,
        "defendant_address_known": address, "e_service_consent": consent, "appraisal_requested": appraisal,
        "foreign_related": False, "lawyer_represented": lawyer, "evidence_items": evidence,
        "counterclaim": False, "initial_procedure": np.where(y, "ordinary", "simple"),
        "final_procedure": np.where(y, "ordinary", "simple"),
        "converted_on": "", "closed_on": [d.isoformat() for d in closed], "closing_mode": "judgment",
        "p_true": p_true,
    })
