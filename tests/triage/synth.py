"""A small synthetic interchange frame with a known complexity structure (until/besides the demo planner)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

CAUSES = {  # cause: (share, base log-odds of being complex)
    "民间借贷纠纷": (0.25, -1.6), "买卖合同纠纷": (0.15, -1.0), "物业服务合同纠纷": (0.12, -2.6),
    "机动车交通事故责任纠纷": (0.12, -0.6), "离婚纠纷": (0.10, -0.8), "建设工程施工合同纠纷": (0.08, 1.2),
    "金融借款合同纠纷": (0.10, -2.0), "医疗损害责任纠纷": (0.08, 1.0),
}


def synth_frame(n: int = 4000, seed: int = 7, start: date = date(2021, 1, 4), days: int = 1000) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    names = list(CAUSES)
    shares = np.array([CAUSES[c][0] for c in names])
    cause = rng.choice(len(names), size=n, p=shares / shares.sum())
    amount = np.round(np.exp(rng.normal(10.3, 1.3, n)), 2)
    defendants = 1 + rng.poisson(0.5, n)
    third = rng.binomial(1, 0.1, n)
    address = rng.random(n) > 0.06
    consent = rng.random(n) > 0.4
    appraisal = rng.random(n) < 0.08
    foreign = rng.random(n) < 0.01
    lawyer = rng.random(n) < 0.5
    evidence = rng.poisson(6, n)
    pkind = rng.choice(["person", "entity", "mixed"], size=n, p=[0.6, 0.35, 0.05])
    dkind = rng.choice(["person", "entity", "mixed"], size=n, p=[0.7, 0.25, 0.05])
    filed = [start + timedelta(days=int(d)) for d in np.sort(rng.integers(0, days, n))]
    logit = (np.array([CAUSES[names[c]][1] for c in cause]) + 0.9 * (np.log(amount) - 10.3)
             + 0.5 * (defendants - 1) + 0.8 * third + 2.5 * ~address + 1.8 * appraisal + 1.0 * foreign
             - 0.4 * consent + 0.06 * (evidence - 6) + 0.3 * lawyer)
    y = rng.random(n) < 1 / (1 + np.exp(-logit))
    elapsed = np.where(y, rng.gamma(4, 30, n), rng.gamma(3, 15, n)).astype(int) + 5
    closed = [f + timedelta(days=int(e)) for f, e in zip(filed, elapsed)]
    initial = np.where(y & (rng.random(n) < 0.5), "simple", np.where(y, "ordinary", "simple"))
    return pd.DataFrame({
        "case_number": [f"（{d.year}）陕0122民初{i + 1}号" for i, d in enumerate(filed)],
        "case_type": "民初", "court_code": "陕0122", "cause": [names[c] for c in cause],
        "filed_on": [d.isoformat() for d in filed], "claim_amount": amount,
        "plaintiffs": 1, "defendants": defendants, "third_parties": third,
        "plaintiff_kind": pkind, "defendant_kind": dkind,
        "defendant_address_known": address, "e_service_consent": consent, "appraisal_requested": appraisal,
        "foreign_related": foreign, "lawyer_represented": lawyer, "evidence_items": evidence,
        "counterclaim": rng.random(n) < 0.05, "initial_procedure": initial,
        "final_procedure": np.where(y, "ordinary", "simple"),
        "converted_on": "", "closed_on": [d.isoformat() for d in closed], "closing_mode": "judgment",
    })
