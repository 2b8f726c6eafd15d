"""Applications a party makes to the court in a pending case, each decided by a ruling of the judge: a
withdrawal of the suit (撤诉申请, CPL 148; JI 238) and an objection to jurisdiction (管辖异议, CPL 130)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Application(models.Model):
    class Kind(models.TextChoices):
        WITHDRAWAL = "withdrawal", _("Application to withdraw the suit (撤诉申请)")
        JURISDICTION_OBJECTION = "jurisdiction", _("Objection to jurisdiction (管辖异议)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the judge's ruling")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    case = models.ForeignKey("Case", on_delete=models.PROTECT, related_name="applications")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    party = models.ForeignKey("Party", on_delete=models.PROTECT, related_name="applications", verbose_name=_("party"))
    text = models.TextField(_("reasons"), max_length=5000)
    document = models.ForeignKey("CaseDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("document"))
    filed_on = models.DateField(_("filed on"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("filed by"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    ruling = models.TextField(_("ruling"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["case", "filed_on", "id"]
        indexes = [models.Index(fields=["status", "kind"], name="application_status_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"
