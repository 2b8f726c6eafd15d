"""The parties of a case and their representatives (CPL 51-64)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Party(models.Model):
    class Side(models.TextChoices):
        PLAINTIFF = "plaintiff", _("Plaintiff")
        DEFENDANT = "defendant", _("Defendant")
        THIRD_PARTY = "third_party", _("Third party")

    class Kind(models.TextChoices):
        PERSON = "person", _("Natural person")
        ENTITY = "entity", _("Legal person or other organisation")

    case = models.ForeignKey("Case", on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=100)
    id_number = models.CharField(_("ID or credit code"), max_length=40, blank=True)
    address = models.CharField(_("service address"), max_length=200, blank=True)
    address_known = models.BooleanField(_("address known"), default=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    e_service_consent = models.BooleanField(_("consents to electronic service"), default=False)
    e_address = models.CharField(_("electronic address"), max_length=200, blank=True)
    online_hearing_consent = models.BooleanField(_("consents to online hearings"), default=False)  # OLR 4(4), 21
    online_mediation_consent = models.BooleanField(_("consents to online mediation"), default=False)  # OMR 4-6
    no_domicile_in_china = models.BooleanField(  # CPL 283, 285: per party, not per case
        _("no domicile in the People's Republic of China"), default=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="party_roles"
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "side", "id"]

    def __str__(self) -> str:
        return f"{self.get_side_display()} {self.name}"


class Representative(models.Model):
    class Kind(models.TextChoices):
        LAWYER = "lawyer", _("Lawyer")
        AGENT = "agent", _("Other agent")
        LEGAL_REPRESENTATIVE = "legal", _("Legal representative")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="representatives")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.LAWYER)
    name = models.CharField(_("name"), max_length=100)
    law_firm = models.CharField(_("law firm"), max_length=100, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="representations"
    )

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self) -> str:
        return self.name
