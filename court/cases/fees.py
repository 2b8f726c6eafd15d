"""The court fee (案件受理费) of a case: which schedule of 诉讼费用交纳办法 applies, from its cause and claims."""

from __future__ import annotations

from decimal import Decimal

from court.rules.fees import FeeKind, FeeResult, case_fee

from .models import Case, Cause

# Parts and groups of the cause catalogue that decide the schedule (FEE 13): the first match going up the tree.
_KIND_BY_CAUSE = {
    "离婚纠纷": FeeKind.DIVORCE,  # FEE 13(2)1
    "人格权纠纷": FeeKind.PERSONALITY,  # FEE 13(2)2
    "劳动争议": FeeKind.LABOUR,  # FEE 13(4)
}
_IP_PART = "知识产权与竞争纠纷"  # FEE 13(3): without an amount, the IP range; with one, the property schedule


def _lineage(cause: Cause) -> list[str]:
    names, node, seen = [], cause, set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        names.append(node.name)
        node = node.parent
    return names


def fee_kind(cause: Cause, amount: Decimal) -> FeeKind:
    lineage = _lineage(cause)
    for name in lineage:
        if name in _KIND_BY_CAUSE:
            return _KIND_BY_CAUSE[name]
    if _IP_PART in lineage and not amount:
        return FeeKind.IP_NO_AMOUNT
    return FeeKind.PROPERTY if amount > 0 else FeeKind.OTHER_NON_PROPERTY


def fee_for_case(case: Case) -> FeeResult:
    """The fee as the case stands: its current procedure (FEE 16 halving) and, once closed, its closing mode
    (FEE 15 halving, FEE 8 nothing for a dismissal), halved at most once (JI 206)."""
    return case_fee(
        kind=fee_kind(case.cause, case.claim_amount),
        amount=case.claim_amount,
        procedure=case.procedure,
        closing_mode=case.closing_mode or None,
        counterclaim=False,
    )
