"""The court fee (案件受理费) of a case: which schedule of 诉讼费用交纳办法 applies, from its type, cause and
claims; the counterclaim's own fee (FEE 18, 22), the top-up after a conversion and its refund (JI 199), and
whether the plaintiff prepays (FEE 20). `case_fees` gathers them for the case page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from court.rules.calendar import WorkdayCalendar
from court.rules.fees import (
    FeeKind,
    FeeResult,
    case_fee,
    conversion_top_up,
    counterclaim_fee,
    counterclaim_fee_due,
    fee_after_unpaid_top_up,
    prepayment_required,
    refund_on_unpaid_top_up,
)

from .models import Case, CaseEvent, CaseType, Cause, ClosingMode, Procedure

# Parts and groups of the cause catalogue that decide the schedule (FEE 13): the first match going up the tree.
_KIND_BY_CAUSE = {
    # FEE 13(1); JI 201 "既有财产性诉讼请求，又有非财产性诉讼请求的，按照财产性诉讼请求的标准交纳诉讼费": a personal
    # injury claim asks for damages (medical costs, lost income), so it is on the property schedule, not 13(2)2.
    "生命权、身体权、健康权纠纷": FeeKind.PROPERTY,
    "离婚纠纷": FeeKind.DIVORCE,  # FEE 13(2)1
    "人格权纠纷": FeeKind.PERSONALITY,  # FEE 13(2)2
    "劳动争议": FeeKind.LABOUR,  # FEE 13(4)
}
_IP_PART = "知识产权与竞争纠纷"  # FEE 13(3): without an amount, the IP range; with one, the property schedule
# FEE 20: "追索劳动报酬的案件可以不预交案件受理费" (the catalogue has no prepayment flag: by name). The 2025
# catalogue adds 214(2) 新就业形态追索劳动报酬纠纷 beside 205(1) 追索劳动报酬纠纷: both are 追索劳动报酬.
_NO_PREPAYMENT_WORDS = "追索劳动报酬"


def _lineage(cause: Cause) -> list[str]:
    """The names from the cause up to its part, in either catalogue version (both keep the names the schedule
    needs: 人格权纠纷, 离婚纠纷, 劳动争议, 知识产权与竞争纠纷)."""
    return [node.name for node in cause.lineage()]


def fee_kind(cause: Cause, amount: Decimal) -> FeeKind:
    lineage = _lineage(cause)
    for name in lineage:
        if name in _KIND_BY_CAUSE:
            kind = _KIND_BY_CAUSE[name]
            if kind == FeeKind.PROPERTY and not amount:
                continue  # personal injury without damages claimed: the personality-rights range above it
            return kind
    if _IP_PART in lineage and not amount:
        return FeeKind.IP_NO_AMOUNT
    return FeeKind.PROPERTY if amount > 0 else FeeKind.OTHER_NON_PROPERTY


def needs_prepayment(case: Case) -> bool:
    """FEE 20: the plaintiff prepays, except in a wage claim (追索劳动报酬), where the court may waive it."""
    return prepayment_required(fee_prepay=not (case.cause_id and _NO_PREPAYMENT_WORDS in case.cause.name))


def converted_to_ordinary(case: Case) -> bool:
    """Filed under simple procedure or small claims and now (or finally) ordinary: JI 199's conversion."""
    return case.initial_procedure != Procedure.ORDINARY and case.procedure == Procedure.ORDINARY


def _unpaid_top_up(case: Case) -> bool:
    """A converted case deemed withdrawn: JI 199 "原告无正当理由未按期足额补交的，按撤诉处理" (the closing records
    no ground, so a deemed withdrawal after a conversion is taken as this one)."""
    return case.closing_mode == ClosingMode.DEEMED_WITHDRAWAL and converted_to_ordinary(case)


def fee_for_case(case: Case) -> FeeResult:
    """The fee of the main claim as the case stands: by case type (民特 FEE 8(1), 民督 FEE 14(3)), its current
    procedure (FEE 16 halving) and, once closed, its closing mode (FEE 15 halving, FEE 8(2) nothing for a
    dismissal), halved at most once (JI 206). A converted case deemed withdrawn for not topping up keeps half
    of what was collected (JI 199). The counterclaim pays its own fee (`counterclaim_fee_for_case`)."""
    kind = fee_kind(case.cause, case.claim_amount)
    if case.case_type == CaseType.FIRST_INSTANCE and _unpaid_top_up(case):
        collected = case_fee(kind=kind, amount=case.claim_amount, procedure=case.initial_procedure)
        full = case_fee(kind=kind, amount=case.claim_amount, procedure=Procedure.ORDINARY).full
        return fee_after_unpaid_top_up(full=full, collected=collected.payable, basis=collected.basis)
    return case_fee(
        kind=kind,
        amount=case.claim_amount,
        procedure=case.procedure,
        closing_mode=case.closing_mode or None,
        case_type=case.case_type,
    )


def counterclaim_fee_for_case(case: Case) -> FeeResult | None:
    """The counterclaim's fee on its own amount (`Case.counterclaim_amount`), halved once (FEE 18; JI 206);
    None without a counterclaim or before its amount is recorded."""
    if not case.counterclaim or case.counterclaim_amount is None:
        return None
    return counterclaim_fee(case.counterclaim_amount, kind=fee_kind(case.cause, case.counterclaim_amount),
                            procedure=case.procedure, closing_mode=case.closing_mode or None)


def counterclaim_filed_on(case: Case) -> date | None:
    event = case.events.filter(kind=CaseEvent.Kind.COUNTERCLAIM).order_by("-on", "-id").first()
    return event.on if event else None


@dataclass(frozen=True)
class CaseFees:
    """The fee block of a case page."""

    main: FeeResult
    prepayment_required: bool
    counterclaim: FeeResult | None = None
    counterclaim_due: date | None = None  # FEE 22
    top_up: Decimal | None = None  # JI 199, due 7 days after the fee notice is received
    refund: Decimal | None = None  # JI 199, on a deemed withdrawal for an unpaid top-up


def case_fees(case: Case, *, calendar: WorkdayCalendar | None = None) -> CaseFees:
    """Everything the case owes or gets back, as the case stands."""
    main = fee_for_case(case)
    counter = counterclaim_fee_for_case(case)
    counter_on = counterclaim_filed_on(case) if counter is not None else None
    top_up = refund = None
    if case.case_type == CaseType.FIRST_INSTANCE and converted_to_ordinary(case):
        kind = fee_kind(case.cause, case.claim_amount)
        collected = case_fee(kind=kind, amount=case.claim_amount, procedure=case.initial_procedure).payable
        if _unpaid_top_up(case):
            refund = refund_on_unpaid_top_up(collected)
        elif not case.closed_on:
            full = case_fee(kind=kind, amount=case.claim_amount, procedure=Procedure.ORDINARY).payable
            top_up = conversion_top_up(full=full, collected=collected) or None
    return CaseFees(
        main=main,
        prepayment_required=needs_prepayment(case),
        counterclaim=counter,
        counterclaim_due=counterclaim_fee_due(counter_on, calendar=calendar) if counter_on else None,
        top_up=top_up,
        refund=refund,
    )
