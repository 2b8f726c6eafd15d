"""Legal rules first: what the law forces or forbids before the model is asked (pure, no Django).

JI 257 bars simple procedure (and so small claims) outright: such a case goes to ordinary procedure
whatever the model says. CPL 165-166 decide between small claims and simple procedure for a case the
model calls simple: with no bar, small claims are mandatory (CPL 165 para 1); any bar (amount above the
provincial limit, appraisal, foreign element, status/ownership, a counterclaim …) leaves simple procedure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np

from court.rules._i18n import _
from court.rules.claims import claim_facts
from court.rules.enums import Procedure
from court.rules.procedure import (
    Bar,
    FilingFacts,
    WageThreshold,
    simple_procedure_bars,
    small_claims_bars,
)

SMALL_CLAIMS = Procedure.SMALL_CLAIMS.value
SIMPLE = Procedure.SIMPLE.value
ORDINARY = Procedure.ORDINARY.value
ROUTES = (SMALL_CLAIMS, SIMPLE, ORDINARY)

SMALL_CLAIMS_MANDATORY = Bar(
    "small_claims_mandatory",
    "CPL 165",
    # xgettext:no-python-format
    _("CPL 165: a simple money claim within 50% of the provincial average wage must use small-claims procedure."),
)


@dataclass(frozen=True)
class LegalPicture:
    """What the law says about a case before any model: the routes it allows and why."""

    simple_bars: list[Bar]
    small_claims_bars: list[Bar]
    allowed: tuple[str, ...] = field(default=ROUTES)

    @property
    def forced(self) -> Bar | None:
        """The JI 257 bar that forces ordinary procedure, if any."""
        return self.simple_bars[0] if self.simple_bars else None


@dataclass(frozen=True)
class Route:
    route: str
    decided_by: str  # "rule" (the law left no choice), "model", or "none" (no model: a person decides)
    rule: Bar | None
    needs_review: bool


def legal_picture(facts: FilingFacts, threshold: WageThreshold | Decimal | None, *,
                  filed_on: date | None = None) -> LegalPicture:
    """JI 257 and CPL 165-166 applied to `facts`; `threshold` is the province's wage figure on the filing date.
    A case is judged by the law of its `filed_on` (`court.rules.procedure.small_claims_regime`): before 2022
    the small-claims limit was 30% of the average wage (CPL 2017 art. 162); None is today's law."""
    simple = simple_procedure_bars(facts)
    small = small_claims_bars(facts, threshold=threshold, filed_on=filed_on)
    if simple:
        allowed: tuple[str, ...] = (ORDINARY,)
    elif small:
        allowed = (SIMPLE, ORDINARY)
    else:
        allowed = ROUTES
    return LegalPicture(simple_bars=simple, small_claims_bars=small, allowed=allowed)


def route_for(picture: LegalPicture, p_complex: float | None, threshold: float, band: float) -> Route:
    """The recommended route: the law first, then the model's probability against the court's threshold."""
    if picture.forced is not None:
        return Route(ORDINARY, "rule", picture.forced, needs_review=False)
    if p_complex is None:
        route = SIMPLE if picture.small_claims_bars else SMALL_CLAIMS
        rule = picture.small_claims_bars[0] if picture.small_claims_bars else SMALL_CLAIMS_MANDATORY
        return Route(route, "none", rule, needs_review=True)
    needs_review = abs(p_complex - threshold) < band
    if p_complex >= threshold:
        return Route(ORDINARY, "model", None, needs_review)
    if picture.small_claims_bars:
        return Route(SIMPLE, "model", picture.small_claims_bars[0], needs_review)
    return Route(SMALL_CLAIMS, "model", SMALL_CLAIMS_MANDATORY, needs_review)


def barred_from_simple(address_known: np.ndarray, plaintiffs: np.ndarray, defendants: np.ndarray) -> np.ndarray:
    """Row by row, whether JI 257 bars simple procedure (so ordinary is forced), decided by
    `court.rules.procedure.simple_procedure_bars` on what interchange rows show at filing: the defendant's
    address (JI 257(1)) and the parties on each side (JI 257(3)). Inputs are feature-matrix columns (floats,
    NaN where missing); a missing value shows no bar. Each distinct combination is judged once.
    """
    known = np.where(np.isnan(address_known), 1.0, address_known) != 0
    keys = np.column_stack([known, np.nan_to_num(plaintiffs, nan=0.0), np.nan_to_num(defendants, nan=0.0)])
    combos, inverse = np.unique(keys, axis=0, return_inverse=True)
    barred = np.array([
        bool(simple_procedure_bars(FilingFacts(
            cause_code=None, claim_amount=Decimal(0), plaintiffs=int(p), defendants=int(d), third_parties=0,
            defendant_address_known=bool(a), foreign_related=False, appraisal_requested=False,
        )))
        for a, p, d in combos.tolist()
    ], dtype=bool)
    return barred[np.asarray(inverse).reshape(-1)]


_TRUE = {"true", "1", "yes", "t"}


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    try:
        return bool(value) and value == value  # NaN is not true
    except (TypeError, ValueError):
        return False


def _int(value: Any) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _tristate(value: Any) -> bool | None:
    """True, False, or None for an empty cell (the interchange's "unknown")."""
    if value is None or (isinstance(value, str) and not value.strip()) or value != value:
        return None
    return _flag(value)


def row_date(value: Any) -> date | None:
    """An interchange cell as a date (a date, a datetime or pandas Timestamp, or an ISO string); None for an
    empty or unreadable cell (NaN, NaT)."""
    if value is None or (not isinstance(value, str) and value != value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def facts_from_row(row: Mapping[str, Any], *, nature: str | None = None) -> FilingFacts:
    """FilingFacts from one interchange row (triage_predict, benchmarks). Counterclaim is a rule input only.

    `nature` is the row's cause's `Cause.claim_nature`; with the row's `money_claim_only` (where the file
    has that column) `court.rules.claims.claim_facts` decides CPL 165 and CPL 166(1), exactly as the
    services do (`Case.filing_facts`). The JI 257 facts (remanded, retrial, public_interest, suit_kind) are
    read where the file has them.
    """
    try:
        amount = Decimal(str(row.get("claim_amount") or 0))
    except InvalidOperation:
        amount = Decimal(0)
    status_or_title, money = claim_facts(nature, _tristate(row.get("money_claim_only")), amount)
    suit_kind = str(row.get("suit_kind") or "").strip()
    return FilingFacts(
        cause_code=None,
        claim_amount=amount,
        plaintiffs=_int(row.get("plaintiffs")),
        defendants=_int(row.get("defendants")),
        third_parties=_int(row.get("third_parties")),
        defendant_address_known=_flag(row.get("defendant_address_known", True)),
        foreign_related=_flag(row.get("foreign_related")),
        appraisal_requested=_flag(row.get("appraisal_requested")),
        counterclaim=_flag(row.get("counterclaim")),
        remanded=_flag(row.get("remanded")),
        retrial=_flag(row.get("retrial")),
        public_interest=_flag(row.get("public_interest")),
        third_party_revocation=suit_kind == "third_party_revocation",
        execution_objection=suit_kind == "execution_objection",
        personal_status_or_ownership=status_or_title,
        money_payment=money,
    )
