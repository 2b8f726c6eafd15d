"""The court fee as the party meets it: a notice with what is owed and by when (FEE 20-22), payments against it,
and the relief the court grants (司法救助: reduction, deferral, waiver, FEE 44-51)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..bounds import AmountField


class FeeNotice(models.Model):
    """One 交纳诉讼费用通知: the case fee at acceptance, the counterclaim's fee or a top-up after conversion."""

    class Kind(models.TextChoices):
        CASE_FEE = "case_fee", _("Case fee (案件受理费)")
        COUNTERCLAIM = "counterclaim", _("Counterclaim fee")
        TOP_UP = "top_up", _("Top-up after conversion (JI 199)")

    class Relief(models.TextChoices):
        NONE = "", _("None")
        REDUCE = "reduce", _("Reduced (减交)")
        DEFER = "defer", _("Deferred (缓交)")
        WAIVE = "waive", _("Waived (免交)")

    case = models.ForeignKey("Case", on_delete=models.PROTECT, related_name="fee_notices")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CASE_FEE)
    party = models.ForeignKey("Party", on_delete=models.PROTECT, null=True, blank=True, related_name="fee_notices",
                              verbose_name=_("payer"))
    amount = AmountField(_("amount (yuan)"), max_digits=16, decimal_places=2)
    basis = models.CharField(_("legal basis"), max_length=120, blank=True)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due by"), null=True, blank=True)
    relief = models.CharField(_("relief"), max_length=8, choices=Relief.choices, blank=True, default="")
    relief_amount = AmountField(_("relief amount (yuan)"), max_digits=16, decimal_places=2, default=Decimal(0))
    relief_reason = models.TextField(_("relief reasons"), max_length=2000, blank=True)
    deferred_to = models.DateField(_("deferred to"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee notice")
        verbose_name_plural = _("fee notices")
        ordering = ["case", "issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class FeePayment(models.Model):
    """A payment against a notice: recorded by the court (a bank reference) or confirmed by a payment backend."""

    notice = models.ForeignKey(FeeNotice, on_delete=models.PROTECT, related_name="payments")
    amount = AmountField(_("amount (yuan)"), max_digits=16, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment reference"), max_length=64)
    backend = models.CharField(_("paid through"), max_length=40, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fee payment")
        verbose_name_plural = _("fee payments")
        ordering = ["notice", "paid_on", "id"]
        constraints = [models.UniqueConstraint(fields=["backend", "reference"], name="fee_payment_reference_unique")]

    def __str__(self) -> str:
        return f"{self.amount} {self.reference}"
