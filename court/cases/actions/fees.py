"""Court fees on the case page: the court records a payment, the paying party applies for relief (司法救助,
FEE 44-48), the court decides it (FEE 45-47), and the judge rules the suit deemed withdrawn for non-payment
(JI 213). The party's online payment is a button on the fee block (`views.fees.fee_pay`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import User

from .. import services
from ..access import Action
from ..bounds import amount_form_field
from ..forms import TEXT_SMALL, LabelledChoiceField, date_field
from ..models import ACTIVE_STATES, Case, FeeNotice
from ..services.fees import REFUSED, acts_for_payer, case_fee_statuses, overdue_notices
from .base import ActionSpec, CaseActionForm, CaseContext, preselect

AMOUNT_NEEDED = _("FEE 46: give the amount the fee is reduced by.")
DATE_NEEDED = _("FEE 47: give the day the fee is deferred to.")


def _label(notice: FeeNotice) -> str:
    due = notice.deferred_to or notice.due_on
    return f"{notice.get_kind_display()} · {notice.amount} · {due or '—'}"


def _open_ids(case: Case, *, pending: bool | None = None, applied: bool | None = None,
              user: User | None = None) -> list[int]:
    out = []
    for status in case_fee_statuses(case):
        if status.outstanding <= 0:
            continue
        if pending is not None and status.relief_pending != pending:
            continue
        if applied is not None and status.relief_applied != applied:
            continue
        if user is not None and not user.is_superuser and not acts_for_payer(user, status.notice):
            continue
        out.append(status.notice.pk)
    return out


class _NoticeForm(CaseActionForm):
    notice = LabelledChoiceField(label=_("Fee notice"), queryset=FeeNotice.objects.none(), label_fn=_label)

    def notice_ids(self) -> list[int]:
        raise NotImplementedError

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notice"].queryset = FeeNotice.objects.filter(pk__in=self.notice_ids())
        preselect(self.fields["notice"])


class FeeRecordPaymentForm(_NoticeForm):
    spec = ActionSpec("fee_record", _("Record a fee payment"), _("The payment was recorded."), "fees",
                      needs=Action.RECORD_FEE)

    amount = amount_form_field(_("Amount (yuan)"), min_value=Decimal("0.01"))
    reference = forms.CharField(label=_("Payment reference"), max_length=64)
    paid_on = date_field(_("Paid on"))

    def notice_ids(self) -> list[int]:
        return _open_ids(self.case)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.case.state in ACTIVE_STATES and bool(_open_ids(ctx.case))

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.fee_record_payment(notice=d["notice"], actor=user, amount=d["amount"],
                                           reference=d["reference"], paid_on=d["paid_on"])


class FeeReliefApplyForm(_NoticeForm):
    spec = ActionSpec("fee_relief_apply", _("Apply for fee relief (司法救助)"),
                      _("Your application for relief was sent to the court."), "fees", needs=Action.FOR_PARTY)

    relief = forms.ChoiceField(label=_("Relief asked for"), choices=[
        (FeeNotice.Relief.DEFER, _("Deferral (缓交, FEE 47)")), (FeeNotice.Relief.REDUCE, _("Reduction (减交, FEE 46)")),
        (FeeNotice.Relief.WAIVE, _("Exemption (免交, FEE 45; natural persons only)"))])
    reasons = forms.CharField(label=_("Why paying is truly difficult (FEE 48)"), widget=TEXT_SMALL, max_length=2000)

    def notice_ids(self) -> list[int]:
        return _open_ids(self.case, applied=False, user=self.user)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.case.state in ACTIVE_STATES and bool(_open_ids(ctx.case, applied=False, user=ctx.user))

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.fee_apply_relief(notice=d["notice"], actor=user, relief=d["relief"], reasons=d["reasons"])


class FeeReliefDecideForm(_NoticeForm):
    spec = ActionSpec("fee_relief_decide", _("Decide on fee relief"), _("The decision on relief was recorded."),
                      "fees", needs=Action.DECIDE_FEE_RELIEF)

    decision = forms.ChoiceField(label=_("Decision"), choices=[
        (FeeNotice.Relief.DEFER, _("Defer (缓交, FEE 47)")), (FeeNotice.Relief.REDUCE, _("Reduce (减交, FEE 46)")),
        (FeeNotice.Relief.WAIVE, _("Exempt (免交, FEE 45)")), (REFUSED, _("Refuse (FEE 48: give reasons)"))])
    amount = amount_form_field(_("Reduced by (yuan; at least 30%)"), required=False)
    deferred_to = date_field(_("Deferred to"), required=False)
    reason = forms.CharField(label=_("Reasons"), widget=TEXT_SMALL, required=False)

    def notice_ids(self) -> list[int]:
        return _open_ids(self.case, pending=True)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.case.state in ACTIVE_STATES and bool(_open_ids(ctx.case, pending=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == FeeNotice.Relief.REDUCE and data.get("amount") is None:
            self.add_error("amount", AMOUNT_NEEDED)
        if data.get("decision") == FeeNotice.Relief.DEFER and data.get("deferred_to") is None:
            self.add_error("deferred_to", DATE_NEEDED)
        return data

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.fee_decide_relief(notice=d["notice"], actor=user, decision=d["decision"], amount=d["amount"],
                                          deferred_to=d["deferred_to"], reason=d["reason"])


class FeeDeemWithdrawnForm(_NoticeForm):
    """JI 213: offered only when a plaintiff's fee is past due and unpaid with no relief pending; the judge
    confirms the ruling, nothing happens by itself."""

    spec = ActionSpec("fee_deem_withdrawn", _("Rule the suit withdrawn for non-payment (按撤诉处理)"),
                      _("The suit was ruled withdrawn for non-payment of the fee."), "closing", needs=Action.DECIDE,
                      danger=True)

    ruling_on = date_field(_("Ruling dated"))
    reason = forms.CharField(label=_("Note"), widget=TEXT_SMALL, required=False)

    def notice_ids(self) -> list[int]:
        return [s.notice.pk for s in overdue_notices(self.case)]

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return bool(overdue_notices(ctx.case))

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.fee_deem_withdrawn(notice=d["notice"], actor=user, on=d["ruling_on"], reason=d["reason"])
