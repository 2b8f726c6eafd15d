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
    # 送达地址确认书 (JI 137; 送达地址规定 Art. 3): the day the party last confirmed its service addresses.
    address_confirmed_on = models.DateField(_("service address confirmed on"), null=True, blank=True)
    # Derived from `side` on save, so that every list (pages, exports, PDFs) shows plaintiffs, then defendants,
    # then third parties with one plain column ordering (CPL 122's order of the complaint).
    side_rank = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "side_rank", "id"]

    def __str__(self) -> str:
        return f"{self.get_side_display()} {self.name}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.side_rank = SIDE_RANK.get(self.side, len(SIDE_RANK))
        if kwargs.get("update_fields") is not None and "side" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "side_rank"}
        super().save(*args, **kwargs)


#: The order of the sides in every list of parties: plaintiffs, defendants, third parties.
SIDE_RANK = {Party.Side.PLAINTIFF: 0, Party.Side.DEFENDANT: 1, Party.Side.THIRD_PARTY: 2}


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
