"""The join code of a party (案件查询码): printed on the documents served on the party, it lets the party's
account (or its lawyer's) into the case once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: No 0/O, 1/I: a code read off paper is typed back without guessing. 32 letters, 12 of them: 60 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12


class PartyAccessCode(models.Model):
    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="access_codes",
                              verbose_name=_("party"))
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True)
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("issued by"))
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("used by"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("join code")
        verbose_name_plural = _("join codes")
        ordering = ["party", "-created_at"]

    def __str__(self) -> str:
        return f"{self.party} {self.display}"

    @property
    def display(self) -> str:
        """`ABCD-EFGH-JKLM`: the code in groups of four, as printed."""
        return "-".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_open(self) -> bool:
        return self.used_at is None and self.revoked_at is None
