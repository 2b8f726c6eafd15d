"""Court fees as the parties meet them: the fee notice (交纳诉讼费用通知) issued with the step that makes a fee due,
payments against it (recorded by the court or confirmed by an online payment backend), relief (司法救助,
FEE 44-51) and, when a plaintiff does not pay, the ruling that deems the suit withdrawn (按撤诉处理, JI 213,
JI 199).

What a case owes is computed in one place only (`court.cases.fees`, on `court.rules.fees`); this module issues
it, collects it and tracks it. A notice is issued with the step that makes the fee due — acceptance (FEE 20,
22), a counterclaim with its amount (FEE 18, 22), a conversion to ordinary procedure (JI 199) — when that step
is recorded on its own day: a step typed in later has had its notice on paper, and no online notice with a
running 7-day window is issued for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User
from court.rules import fees as rule_fees

from ..access import Action, acts_for, require
from ..bounds import NOTE_MAX_LENGTH
from ..fees import CaseFees, case_fees
from ..models import ACTIVE_STATES, Case, ClosingMode, FeeNotice, FeePayment, Party
from ..payments import PaymentStart, payment_backend
from ..term import court_calendar
from . import base
from .base import (
    CaseRuleError,
    K,
    check_amount,
    check_length,
    check_not_future,
    day_or_today,
    locked,
    log_event,
    require_pending,
    within_a_year,
)
from .after_judgment import DecisionStatus, decision_status
from .closing import case_close

Relief = FeeNotice.Relief

NOT_THE_PAYER = gettext_noop(
    "FEE 20: the fee is paid by the party it is addressed to (the plaintiff, or the counterclaimant for a "
    "counterclaim); you do not act for that party."
)
NOTHING_OWED = gettext_noop("Nothing is owed on this fee notice.")
PAYMENT_NOT_POSITIVE = gettext_noop("A payment must be more than 0 yuan.")
OVERPAYMENT = gettext_noop("The payment (%(amount)s yuan) is more than what is still owed (%(owed)s yuan).")
PAYMENT_BEFORE_NOTICE = gettext_noop("The payment date %(date)s is before the fee notice (%(issued)s).")
REFERENCE_NEEDED = gettext_noop("Give the payment reference (the bank's or the receipt's number).")
REFERENCE_USED = gettext_noop("A payment with the reference “%(reference)s” is recorded already.")
REFERENCE_OF_OTHER_NOTICE = gettext_noop("The payment “%(reference)s” was made against another fee notice.")
NO_ONLINE_PAYMENT = gettext_noop("Online payment is not available; pay at the court or by bank transfer.")
RELIEF_NEEDS_REASONS = gettext_noop(
    "FEE 48: an application for relief states why paying is truly difficult (确有经济困难)."
)
RELIEF_ALREADY_APPLIED = gettext_noop("An application for relief on this fee notice was made already.")
RELIEF_NOT_APPLIED = gettext_noop("FEE 44: relief is granted on the party's application; there is none pending.")
WAIVER_ONLY_PERSONS = gettext_noop("FEE 44: “诉讼费用的免交只适用于自然人” — only a natural person can be exempted.")
REDUCTION_TOO_SMALL = gettext_noop(
    "FEE 46: a reduction takes off at least 30%% of the fee (“减交比例不得低于30%%”): at least %(floor)s yuan."
)
REDUCTION_TOO_LARGE = gettext_noop(
    "A reduction must leave something to pay and not less than what was paid already (%(paid)s yuan); to "
    "remove the whole fee, exempt it (免交)."
)
DEFERRAL_NOT_LATER = gettext_noop("A deferral moves the due date later than %(due)s.")
DEFERRAL_TOO_FAR = gettext_noop("The deferred date may be at most a year ahead (%(latest)s).")
REFUSAL_NEEDS_REASONS = gettext_noop("FEE 48: a refusal of relief tells the party its reasons in writing.")
UNKNOWN_DECISION = gettext_noop("Unknown decision “%(value)s”.")
NOT_OVERDUE = gettext_noop(
    "JI 213: the suit is deemed withdrawn only when the fee is still unpaid after its due date (%(due)s)."
)
NO_DUE_DATE = gettext_noop("FEE 20: this fee is not prepaid (a wage claim), so its non-payment ends nothing.")
RELIEF_PENDING = gettext_noop(
    "JI 213: an application for relief (减、缓、免) is pending; decide it before ruling on non-payment."
)
COUNTERCLAIM_NOT_THE_SUIT = gettext_noop(
    "JI 213 deems the plaintiff's suit withdrawn for the plaintiff's fee; an unpaid counterclaim fee does not "
    "end the suit."
)
DEEMED_WITHDRAWAL_REASON = gettext_noop(
    "The plaintiff did not pay the %(kind)s of %(amount)s yuan due by %(due)s after the fee notice of "
    "%(issued)s (FEE 22; JI 213)."
)

#: Steps of an application for relief in the FEE_RELIEF events (payload `step`).
APPLIED, GRANTED, REFUSED = "applied", "granted", "refused"
DECISIONS = (Relief.REDUCE, Relief.DEFER, Relief.WAIVE, REFUSED)


@dataclass
class FeeStatus:
    """One notice as the parties and the court read it: what is owed, paid and by when."""

    notice: FeeNotice
    payable: Decimal
    paid: Decimal
    outstanding: Decimal
    due_on: date | None
    relief_step: str = ""
    payments: list[FeePayment] = field(default_factory=list)

    @property
    def relief_pending(self) -> bool:
        return self.relief_step == APPLIED

    @property
    def relief_applied(self) -> bool:
        return bool(self.relief_step)

    def overdue(self, on: date) -> bool:
        return self.due_on is not None and self.outstanding > 0 and self.due_on < on


def relief_steps(case: Case) -> dict[int, str]:
    """The latest step (applied, granted, refused) of the relief application on each notice of `case`."""
    steps: dict[int, str] = {}
    for payload in case.events.filter(kind=K.FEE_RELIEF).order_by("at", "id").values_list("payload", flat=True):
        notice = (payload or {}).get("notice")
        if notice:
            steps[int(notice)] = payload.get("step", "")
    return steps


def fee_status(notice: FeeNotice, *, relief_step: str | None = None) -> FeeStatus:
    payments = list(notice.payments.all())
    paid = sum((p.amount for p in payments), Decimal("0.00"))
    payable = max(notice.amount - notice.relief_amount, Decimal("0.00"))
    if relief_step is None:
        relief_step = relief_steps(notice.case).get(notice.pk, "")
    return FeeStatus(notice=notice, payable=payable, paid=paid, outstanding=max(payable - paid, Decimal("0.00")),
                     due_on=notice.deferred_to or notice.due_on, relief_step=relief_step, payments=payments)


def case_fee_statuses(case: Case) -> list[FeeStatus]:
    """Every fee notice of `case` with what is owed on it (the case page)."""
    steps = relief_steps(case)
    notices = case.fee_notices.select_related("party").prefetch_related("payments")
    return [fee_status(n, relief_step=steps.get(n.pk, "")) for n in notices]


@dataclass(frozen=True)
class ClosingRefund:
    """What the court pays back on the case fee once the case is closed (FEE 15-16, 53)."""

    notice: FeeNotice
    amount: Decimal
    due_on: date | None  # None until the decision takes effect


def closing_refund(case: Case, statuses: list[FeeStatus], *, fees: CaseFees | None = None,
                   decision: DecisionStatus | None = None) -> ClosingRefund | None:
    """FEE 15-16, 53: the fee of the closed case (halved for mediation or withdrawal) against what was paid on its
    case-fee notice; the excess goes back to the payer within 15 days of the decision taking effect. `fees` and
    `decision` are the case's `case_fees` and `decision_status` where the caller already has them (the case page)."""
    if not case.closed_on:
        return None
    main = [s for s in statuses if s.notice.kind == FeeNotice.Kind.CASE_FEE]
    if not main:
        return None
    amount = rule_fees.refund_after_closing(paid=sum((s.paid for s in main), Decimal("0.00")),
                                            payable=(fees or case_fees(case)).main.payable)
    if amount <= 0:
        return None
    decision = decision or decision_status(case)
    effective_on = decision.effective_on if decision else None
    return ClosingRefund(notice=main[0].notice, amount=amount,
                         due_on=rule_fees.refund_due(effective_on) if effective_on else None)


def owed_by_case(cases: list[Case]) -> dict[int, tuple[Decimal, date | None]]:
    """For a page of cases (a party's list): the fee still owed on each and the nearest due date."""
    out: dict[int, tuple[Decimal, date | None]] = {}
    notices = FeeNotice.objects.filter(case__in=[c.pk for c in cases]).annotate(paid=Sum("payments__amount"))
    for n in notices:
        owed = max(n.amount - n.relief_amount - (n.paid or 0), Decimal("0.00"))
        if owed <= 0:
            continue
        total, due = out.get(n.case_id, (Decimal("0.00"), None))
        this_due = n.deferred_to or n.due_on
        due = min(d for d in (due, this_due) if d) if (due or this_due) else None
        out[n.case_id] = (total + owed, due)
    return out


def payer_side(notice: FeeNotice) -> str:
    """FEE 20: the plaintiff prepays the case fee (and tops it up, JI 199); the counterclaimant its own."""
    if notice.party_id:
        return notice.party.side
    return Party.Side.DEFENDANT if notice.kind == FeeNotice.Kind.COUNTERCLAIM else Party.Side.PLAINTIFF


def acts_for_payer(user: User, notice: FeeNotice) -> bool:
    """Whether `user` is, or represents, a party on the paying side of `notice`."""
    return any(acts_for(user, p) for p in notice.case.parties.filter(side=payer_side(notice)))


def _require_payer(actor: User | None, notice: FeeNotice) -> None:
    if actor is None:
        return
    require(actor, Action.FOR_PARTY, notice.case)
    if not actor.is_superuser and not acts_for_payer(actor, notice):
        raise CaseRuleError(NOT_THE_PAYER, code="not_payer", article="FEE 20")


def _locked_notice(notice: FeeNotice) -> tuple[Case, FeeNotice]:
    case = locked(notice.case)
    return case, FeeNotice.objects.select_for_update(of=("self",)).select_related("party").get(pk=notice.pk)


# --- issuing -------------------------------------------------------------------------------------------------


def _issued_on_its_day(on: date) -> bool:
    return on == base.today()


def _issue(case: Case, *, kind: str, party: Party | None, amount: Decimal, basis: str, on: date,
           due_on: date | None, actor: User | None) -> FeeNotice:
    notice = FeeNotice.objects.create(case=case, kind=kind, party=party, amount=amount, basis=basis[:120],
                                      issued_on=on, due_on=due_on)
    log_event(case, K.FEE_NOTICE, actor=actor, on=on, from_state=case.state, to_state=case.state, basis=basis[:60],
              notice=notice.pk, fee_kind=kind, amount=amount, fee_due_on=due_on, payer=party.name if party else "",
              prepayment_required=due_on is not None)
    return notice


def _first(case: Case, side: str) -> Party | None:
    return case.parties.filter(side=side).order_by("side_rank", "id").first()


def notices_at_acceptance(case: Case, *, actor: User | None, on: date) -> FeeNotice | None:
    """At 立案 the plaintiff is told the case fee and the 7 days to pay it: FEE 22 "原告自接到人民法院交纳诉讼费用
    通知次日起7日内交纳案件受理费". The notice reaches the party's inbox the day it is issued, which is taken as the
    day of receipt. A wage claim need not prepay (FEE 20 "追索劳动报酬的案件可以不预交案件受理费"): its notice says
    what the fee is and has no due date. Nothing is issued for a fee of 0 (FEE 8(1): 民特; pre-suit mediation)."""
    if not _issued_on_its_day(on):
        return None
    fees = case_fees(case, calendar=court_calendar())
    if fees.main.payable <= 0:
        return None
    due = rule_fees.case_fee_due(on, calendar=court_calendar()) if fees.prepayment_required else None
    basis = "FEE 20, 22" if due else "FEE 20"
    return _issue(case, kind=FeeNotice.Kind.CASE_FEE, party=_first(case, Party.Side.PLAINTIFF),
                  amount=fees.main.payable, basis=basis, on=on, due_on=due, actor=actor)


def notice_for_counterclaim(case: Case, *, actor: User | None, on: date) -> FeeNotice | None:
    """The counterclaimant pays the counterclaim's own fee within 7 days from the day after the counterclaim (FEE
    22 "反诉案件由提起反诉的当事人自提起反诉次日起7日内交纳案件受理费"); once per case."""
    if not _issued_on_its_day(on) or case.fee_notices.filter(kind=FeeNotice.Kind.COUNTERCLAIM).exists():
        return None
    fees = case_fees(case, calendar=court_calendar())
    if fees.counterclaim is None or fees.counterclaim.payable <= 0:
        return None
    return _issue(case, kind=FeeNotice.Kind.COUNTERCLAIM, party=_first(case, Party.Side.DEFENDANT),
                  amount=fees.counterclaim.payable, basis="FEE 18, 22", on=on,
                  due_on=rule_fees.counterclaim_fee_due(on, calendar=court_calendar()), actor=actor)


def notice_for_top_up(case: Case, *, actor: User | None, on: date) -> FeeNotice | None:
    """After a conversion to ordinary procedure the plaintiff tops up the fee within 7 days of the notice (JI 199
    "原告自接到人民法院交纳诉讼费用通知之日起七日内补交案件受理费"), unless it need not prepay (FEE 20)."""
    if not _issued_on_its_day(on):
        return None
    fees = case_fees(case, calendar=court_calendar())
    if not fees.top_up:
        return None
    due = rule_fees.top_up_due(on, calendar=court_calendar()) if fees.prepayment_required else None
    return _issue(case, kind=FeeNotice.Kind.TOP_UP, party=_first(case, Party.Side.PLAINTIFF), amount=fees.top_up,
                  basis="JI 199" if due else "JI 199; FEE 20", on=on, due_on=due, actor=actor)


# --- payments ------------------------------------------------------------------------------------------------


def _record(case: Case, notice: FeeNotice, *, amount: Decimal, paid_on: date, reference: str, backend: str,
            actor: User | None) -> FeePayment:
    require_pending(case, _("take a fee payment"))
    if amount <= 0:
        raise CaseRuleError(PAYMENT_NOT_POSITIVE, code="not_positive")
    check_amount(amount)
    check_not_future(paid_on)
    if paid_on < notice.issued_on:
        raise CaseRuleError(PAYMENT_BEFORE_NOTICE, code="before_notice",
                            params={"date": paid_on, "issued": notice.issued_on})
    status = fee_status(notice)
    if status.outstanding <= 0:
        raise CaseRuleError(NOTHING_OWED, code="nothing_owed")
    if amount > status.outstanding:
        raise CaseRuleError(OVERPAYMENT, code="overpayment", params={"amount": amount, "owed": status.outstanding})
    payment = FeePayment.objects.create(notice=notice, amount=amount, paid_on=paid_on, reference=reference,
                                        backend=backend, recorded_by=actor)
    log_event(case, K.FEE_PAID, actor=actor, on=paid_on, from_state=case.state, to_state=case.state,
              basis=notice.basis[:60], notice=notice.pk, fee_kind=notice.kind, amount=amount, reference=reference,
              paid_through=backend, still_owed=status.outstanding - amount)
    return payment


@transaction.atomic
def fee_record_payment(*, notice: FeeNotice, actor: User | None, amount: Decimal, reference: str,
                       paid_on: date | None = None) -> FeePayment:
    """The court records a payment it received (a bank transfer, the cashier): its reference and date. Partial
    payments add up; more than is owed is refused."""
    case, notice = _locked_notice(notice)
    require(actor, Action.RECORD_FEE, case)
    reference = reference.strip()
    if not reference:
        raise CaseRuleError(REFERENCE_NEEDED, code="no_reference")
    check_length(_("payment reference"), reference, 64)
    if FeePayment.objects.filter(backend="", reference=reference).exists():
        raise CaseRuleError(REFERENCE_USED, code="reference_used", params={"reference": reference})
    return _record(case, notice, amount=amount, paid_on=day_or_today(paid_on), reference=reference, backend="",
                   actor=actor)


@transaction.atomic
def fee_confirm_payment(*, notice: FeeNotice, backend: str, reference: str, amount: Decimal, paid_on: date,
                        actor: User | None = None) -> FeePayment:
    """A payment the online backend confirms: recorded once, however often the provider calls back (idempotent
    by backend and reference)."""
    case, notice = _locked_notice(notice)
    existing = FeePayment.objects.filter(backend=backend, reference=reference).first()
    if existing is not None:
        if existing.notice_id != notice.pk:
            raise CaseRuleError(REFERENCE_OF_OTHER_NOTICE, code="other_notice", params={"reference": reference})
        return existing
    try:
        with transaction.atomic():
            return _record(case, notice, amount=amount, paid_on=paid_on, reference=reference[:64],
                           backend=backend, actor=actor)
    except IntegrityError:  # a simultaneous callback recorded it first
        return FeePayment.objects.get(backend=backend, reference=reference)


def fee_pay_online(*, notice: FeeNotice, actor: User | None, return_url: str = "") -> PaymentStart:
    """The party pays what it still owes through the configured backend: either it is sent to the provider's
    page (`redirect_url`), or the payment completes at once and is recorded."""
    backend = payment_backend()
    if backend is None:
        raise CaseRuleError(NO_ONLINE_PAYMENT, code="no_online_payment")
    _require_payer(actor, notice)
    require_pending(notice.case, _("take a fee payment"))
    status = fee_status(notice)
    if status.outstanding <= 0:
        raise CaseRuleError(NOTHING_OWED, code="nothing_owed")
    start = backend.start(notice=notice, amount=status.outstanding, payer=actor, return_url=return_url)
    if start.completed:
        fee_confirm_payment(notice=notice, backend=backend.name, reference=start.reference, amount=start.amount,
                            paid_on=start.paid_on or base.today(), actor=actor)
    return start


# --- relief (司法救助) ----------------------------------------------------------------------------------------


@transaction.atomic
def fee_apply_relief(*, notice: FeeNotice, actor: User | None, relief: str, reasons: str,
                     on: date | None = None) -> FeeNotice:
    """The paying party applies for a deferral, a reduction or an exemption (FEE 44 "当事人交纳诉讼费用确有困难
    的，可以…申请缓交、减交或者免交诉讼费用的司法救助"), in writing with its reasons (FEE 48); once per notice.
    JI 213 reads the application made after the notice ("申请减、缓、免未获批准而仍不预交的"), so it is taken
    while the notice is open."""
    case, notice = _locked_notice(notice)
    _require_payer(actor, notice)
    require_pending(case, _("take an application for relief"))
    base.check_choice(_("relief"), relief, [Relief.REDUCE, Relief.DEFER, Relief.WAIVE])
    reasons = reasons.strip()
    if not reasons:
        raise CaseRuleError(RELIEF_NEEDS_REASONS, code="no_reasons", article="FEE 48")
    check_length(_("reasons"), reasons, 2000)
    status = fee_status(notice)
    if status.relief_applied:
        raise CaseRuleError(RELIEF_ALREADY_APPLIED, code="relief_applied")
    if status.outstanding <= 0:
        raise CaseRuleError(NOTHING_OWED, code="nothing_owed")
    if relief == Relief.WAIVE and notice.party and notice.party.kind != Party.Kind.PERSON:
        raise CaseRuleError(WAIVER_ONLY_PERSONS, code="waiver_person", article="FEE 44")
    on = day_or_today(on)
    check_not_future(on)
    notice.relief_reason = reasons
    notice.save(update_fields=["relief_reason"])
    log_event(case, K.FEE_RELIEF, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=reasons,
              basis="FEE 44, 48", notice=notice.pk, step=APPLIED, requested=relief)
    return notice


def _check_reduction(notice: FeeNotice, status: FeeStatus, amount: Decimal | None) -> Decimal:
    floor = rule_fees.relief_reduction_floor(notice.amount)
    if amount is None or amount < floor:
        raise CaseRuleError(REDUCTION_TOO_SMALL, code="reduction_small", article="FEE 46", params={"floor": floor})
    if amount >= notice.amount or notice.amount - amount < status.paid:
        raise CaseRuleError(REDUCTION_TOO_LARGE, code="reduction_large", params={"paid": status.paid})
    return amount


@transaction.atomic
def fee_decide_relief(*, notice: FeeNotice, actor: User | None, decision: str, amount: Decimal | None = None,
                      deferred_to: date | None = None, reason: str = "", on: date | None = None) -> FeeNotice:
    """The court decides the application (FEE 45-47): a reduction of at least 30% (FEE 46), an exemption for a
    natural person only (FEE 44), a deferral that moves the due date, or a refusal with written reasons (FEE 48).
    A reduction or exemption is stated in the decision (FEE 51), which the event keeps."""
    case, notice = _locked_notice(notice)
    require(actor, Action.DECIDE_FEE_RELIEF, case)
    require_pending(case, _("decide on relief"))
    if decision not in DECISIONS:
        raise CaseRuleError(UNKNOWN_DECISION, code="choice", params={"value": decision})
    status = fee_status(notice)
    if not status.relief_pending:
        raise CaseRuleError(RELIEF_NOT_APPLIED, code="relief_not_applied", article="FEE 44")
    on = day_or_today(on)
    check_not_future(on)
    reason = reason.strip()
    check_length(_("reasons"), reason, NOTE_MAX_LENGTH)
    payload: dict[str, object] = {"notice": notice.pk, "decision": decision}
    if decision == REFUSED:
        if not reason:
            raise CaseRuleError(REFUSAL_NEEDS_REASONS, code="no_reasons", article="FEE 48")
        basis = "FEE 48"
    elif decision == Relief.WAIVE:
        if notice.party and notice.party.kind != Party.Kind.PERSON:
            raise CaseRuleError(WAIVER_ONLY_PERSONS, code="waiver_person", article="FEE 44")
        if status.paid:
            raise CaseRuleError(REDUCTION_TOO_LARGE, code="reduction_large", params={"paid": status.paid})
        notice.relief, notice.relief_amount = Relief.WAIVE, notice.amount
        basis = "FEE 44, 45, 51"
    elif decision == Relief.REDUCE:
        notice.relief, notice.relief_amount = Relief.REDUCE, _check_reduction(notice, status, amount)
        payload["reduced_by"] = notice.relief_amount
        basis = "FEE 46, 51"
    else:
        current = status.due_on or notice.issued_on
        if deferred_to is None or deferred_to <= current:
            raise CaseRuleError(DEFERRAL_NOT_LATER, code="deferral_not_later", article="FEE 47",
                                params={"due": current})
        latest = within_a_year(deferred_to)
        if latest is not None:
            raise CaseRuleError(DEFERRAL_TOO_FAR, code="deferral_far", params={"latest": latest})
        notice.relief, notice.deferred_to = Relief.DEFER, deferred_to
        payload["deferred_to"] = deferred_to
        basis = "FEE 47"
    notice.save(update_fields=["relief", "relief_amount", "deferred_to"])
    log_event(case, K.FEE_RELIEF, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=reason,
              basis=basis, step=REFUSED if decision == REFUSED else GRANTED, **payload)
    return notice


# --- non-payment --------------------------------------------------------------------------------------------


def overdue_notices(case: Case, on: date | None = None) -> list[FeeStatus]:
    """The plaintiff's fee notices past due and unpaid, with no relief pending: what JI 213 (and JI 199 for a
    top-up) lets the judge rule on. Never acted on by itself."""
    on = on or base.today()
    if case.state not in ACTIVE_STATES:
        return []
    return [s for s in case_fee_statuses(case) if s.notice.kind != FeeNotice.Kind.COUNTERCLAIM
            and s.overdue(on) and not s.relief_pending]


def fee_deem_withdrawn(*, notice: FeeNotice, actor: User | None, on: date | None = None, reason: str = "") -> Case:
    """The judge's ruling for non-payment: JI 213 "原告应当预交而未预交案件受理费，人民法院应当通知其预交，通知后仍
    不预交或者申请减、缓、免未获批准而仍不预交的，裁定按撤诉处理" (JI 199 likewise for an unpaid top-up). The case
    closes as deemed withdrawn (`case_close`, with its event) on the ruling's date."""
    case = notice.case
    require(actor, Action.DECIDE, case)
    on = day_or_today(on)
    with transaction.atomic():
        case, notice = _locked_notice(notice)
        if notice.kind == FeeNotice.Kind.COUNTERCLAIM:
            raise CaseRuleError(COUNTERCLAIM_NOT_THE_SUIT, code="counterclaim", article="JI 213")
        status = fee_status(notice)
        if status.due_on is None:
            raise CaseRuleError(NO_DUE_DATE, code="no_due_date", article="FEE 20")
        if status.relief_pending:
            raise CaseRuleError(RELIEF_PENDING, code="relief_pending", article="JI 213")
        if not status.overdue(on):
            raise CaseRuleError(NOT_OVERDUE, code="not_overdue", article="JI 213", params={"due": status.due_on})
        text = reason.strip() or _(DEEMED_WITHDRAWAL_REASON) % {
            "kind": notice.get_kind_display(), "amount": status.outstanding, "due": status.due_on,
            "issued": notice.issued_on}
        return case_close(case=case, actor=actor, mode=ClosingMode.DEEMED_WITHDRAWAL, ruling_on=on, reason=text)


__all__ = [
    "APPLIED", "COUNTERCLAIM_NOT_THE_SUIT", "DEFERRAL_NOT_LATER", "DEFERRAL_TOO_FAR", "FeeStatus", "GRANTED",
    "NOTHING_OWED", "NOT_OVERDUE", "NOT_THE_PAYER", "NO_DUE_DATE", "NO_ONLINE_PAYMENT", "OVERPAYMENT",
    "PAYMENT_BEFORE_NOTICE", "PAYMENT_NOT_POSITIVE", "REDUCTION_TOO_LARGE", "REDUCTION_TOO_SMALL", "REFERENCE_NEEDED",
    "REFERENCE_OF_OTHER_NOTICE", "REFERENCE_USED", "REFUSAL_NEEDS_REASONS", "REFUSED", "RELIEF_ALREADY_APPLIED",
    "RELIEF_NEEDS_REASONS", "RELIEF_NOT_APPLIED", "RELIEF_PENDING", "WAIVER_ONLY_PERSONS",
    "acts_for_payer", "case_fee_statuses", "fee_apply_relief", "fee_confirm_payment", "fee_decide_relief",
    "fee_deem_withdrawn", "fee_pay_online", "fee_record_payment", "fee_status", "notice_for_counterclaim",
    "notice_for_top_up", "notices_at_acceptance", "overdue_notices", "owed_by_case", "relief_steps",
]
