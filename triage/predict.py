"""Scoring with a trained router: calibrated probability, contributions and the route (pure, no database).

`Router` wraps the LightGBM booster, the feature spec and the Platt calibration stored in the card. The
calibration is a monotone map of the raw score, so the contributions (log-odds of the raw score) explain
the calibrated probability in the same direction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import lightgbm as lgb
import numpy as np

from court.rules.procedure import WageThreshold

from . import explain, rules
from .features import FeatureSpec, build_matrix


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@dataclass
class Router:
    version: str
    booster: lgb.Booster
    spec: FeatureSpec
    calibration: dict[str, float]
    duration: dict[str, lgb.Booster] = field(default_factory=dict)
    card: dict[str, Any] = field(default_factory=dict)

    def matrix(self, columns: Mapping[str, Sequence[Any]]) -> np.ndarray:
        return build_matrix(columns, self.spec)

    def calibrate(self, margin: np.ndarray) -> np.ndarray:
        return sigmoid(self.calibration["a"] * margin + self.calibration["b"])

    def proba_matrix(self, X: np.ndarray, *, num_threads: int = 0) -> np.ndarray:
        margin = self.booster.predict(X, raw_score=True, num_threads=num_threads)
        return self.calibrate(np.asarray(margin))

    def proba(self, columns: Mapping[str, Sequence[Any]]) -> np.ndarray:
        """Calibrated P(complex) for every row of `columns` (a DataFrame in interchange columns)."""
        return self.proba_matrix(self.matrix(columns))

    def explain_one(self, columns: Mapping[str, Sequence[Any]]) -> tuple[float, np.ndarray, np.ndarray]:
        """(p_complex, contributions incl. bias, feature row) for a one-row input."""
        x = self.matrix(columns)
        contrib = np.asarray(self.booster.predict(x, pred_contrib=True, num_threads=1))[0]
        p = float(self.calibrate(np.asarray([contrib.sum()]))[0])
        return p, contrib, x[0]

    def duration_one(self, x: np.ndarray) -> dict[str, float] | None:
        if not self.duration:
            return None
        X = x.reshape(1, -1)
        return {name: max(0.0, float(b.predict(X, num_threads=1)[0])) for name, b in self.duration.items()}


@dataclass
class Scored:
    route: rules.Route
    p_complex: float | None
    reasons: list[dict[str, Any]]
    picture: rules.LegalPicture
    x: np.ndarray | None = None


def recommend(router: Router | None, columns: Mapping[str, Sequence[Any]], facts: rules.FilingFacts,
              wage: WageThreshold | Decimal | None, *, threshold: float, band: float,
              filed_on: date | None = None) -> Scored:
    """One case: the law first, then the model, with reasons (the rule that decided, then the model's).
    `filed_on` picks the law of the filing date (CPL 2017 art. 162's 30% before 2022); None is today's."""
    picture = rules.legal_picture(facts, wage, filed_on=filed_on)
    p: float | None = None
    contrib = x = None
    if router is not None:
        p, contrib, x = router.explain_one(columns)
    route = rules.route_for(picture, p, threshold, band)
    reasons = explain.reasons_for(route.rule, contrib, x, router.spec if router is not None else None,
                                  towards_complex=route.route == rules.ORDINARY, claim_amount=facts.claim_amount,
                                  money_payment=facts.money_payment)
    return Scored(route=route, p_complex=p, reasons=reasons, picture=picture, x=x)


def score_rows(router: Router | None, frame: Any, *, wage_for: Any, natures: Mapping[str, str], threshold: float,
               band: float, language: str = "zh-hans", with_reasons: bool = True) -> list[dict[str, Any]]:
    """Score interchange rows in one batch: `case_number, p_complex, route, reasons` (law first, then model).

    `wage_for(court_code, filed_on)` gives the province's WageThreshold (or the limit, or None) for a row;
    `natures` maps a cause name to its `Cause.claim_nature` (CPL 165, 166(1); `court.rules.claims`).
    """
    n = len(frame)
    X = contrib = p_all = None
    if router is not None:
        X = router.matrix(frame)
        if with_reasons:
            contrib = np.asarray(router.booster.predict(X, pred_contrib=True))
            p_all = router.calibrate(contrib.sum(axis=1))
        else:
            contrib = None
            p_all = router.proba_matrix(X)
    records = frame.to_dict("records") if hasattr(frame, "to_dict") else list(frame)
    out = []
    for i in range(n):
        row = records[i]
        facts = rules.facts_from_row(row, nature=natures.get(str(row.get("cause", ""))))
        picture = rules.legal_picture(facts, wage_for(str(row.get("court_code", "")), row.get("filed_on")),
                                      filed_on=rules.row_date(row.get("filed_on")))
        p = None if p_all is None else float(p_all[i])
        route = rules.route_for(picture, p, threshold, band)
        reasons = explain.reasons_for(
            route.rule, None if contrib is None else contrib[i], None if X is None else X[i],
            None if router is None else router.spec,
            towards_complex=route.route == rules.ORDINARY, claim_amount=facts.claim_amount,
            money_payment=facts.money_payment)
        out.append({"case_number": row.get("case_number", ""), "p_complex": "" if p is None else round(p, 4),
                    "route": route.route, "reasons": "; ".join(explain.texts(reasons, language))})
    return out
