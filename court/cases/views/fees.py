"""Paying a court fee online: the party's button on its case page (`fee_pay`) and the payment provider's callback
(`fee_callback`). The court's own steps (recording a payment, relief, the ruling for non-payment) are case-page
actions (`court.cases.actions.fees`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import services
from ..access import get_case_for_user
from ..models import ACTIVE_STATES, FeeNotice
from ..payments import PaymentError, payment_backend
from ..services.fees import ClosingRefund, acts_for_payer, case_fee_statuses, closing_refund
from ..templatetags.fanjian import yuan
from ..term import today


@login_required
@require_POST
def fee_pay(request: HttpRequest, pk: int, notice_pk: int) -> HttpResponse:
    """Pay what is still owed on one notice of the user's case through the payment backend."""
    case = get_case_for_user(request.user, pk)
    try:
        notice = case.fee_notices.get(pk=notice_pk)
    except FeeNotice.DoesNotExist:
        raise Http404 from None
    back = reverse("case_detail", args=[case.pk]) + "#fees"
    try:
        start = services.fee_pay_online(notice=notice, actor=request.user,
                                        return_url=request.build_absolute_uri(back))
    except services.CaseRuleError as exc:
        messages.error(request, exc.text)
        return HttpResponseRedirect(back)
    if start.redirect_url:
        return HttpResponseRedirect(start.redirect_url)
    messages.success(request, _("Paid: %(amount)s, reference %(reference)s.")
                     % {"amount": yuan(start.amount), "reference": start.reference})
    return HttpResponseRedirect(back)


@csrf_exempt
@require_POST
def fee_callback(request: HttpRequest, backend: str) -> HttpResponse:
    """The provider confirms a payment (signed; idempotent by reference): 200 once recorded, again or not."""
    active = payment_backend()
    if active is None or active.name != backend:
        raise Http404
    try:
        confirmation = active.parse_callback(request.POST)
    except PaymentError:
        return HttpResponseBadRequest("bad callback")
    notice = FeeNotice.objects.filter(pk=confirmation.notice_id).first()
    if notice is None:
        raise Http404
    try:
        services.fee_confirm_payment(notice=notice, backend=active.name, reference=confirmation.reference,
                                     amount=confirmation.amount, paid_on=confirmation.paid_on)
    except services.CaseRuleError as exc:
        return HttpResponse(exc.text, status=409, content_type="text/plain; charset=utf-8")
    return HttpResponse("OK", content_type="text/plain")


def fee_rows(case: Any, user: Any) -> list[dict[str, Any]]:
    """The fee notices of the case page: what is owed, paid and by when, and whether `user` may pay online now."""
    online = payment_backend() is not None and case.state in ACTIVE_STATES
    on = today()
    rows = []
    for status in case_fee_statuses(case):
        rows.append({"status": status, "overdue": status.overdue(on),
                     "can_pay": online and status.outstanding > 0 and acts_for_payer(user, status.notice)})
    return rows


def fee_refund(case: Any, rows: list[dict[str, Any]], **known: Any) -> ClosingRefund | None:
    """The case fee paid back after closing (FEE 15-16, 53), from the statuses `fee_rows` already read (and the
    case's fees and decision status, `known`, where the page has them)."""
    return closing_refund(case, [row["status"] for row in rows], **known) if rows else None
