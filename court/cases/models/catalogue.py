"""The cause-of-action catalogue (民事案件案由规定), one version per row (law-digest §10)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ClaimNature


class CauseCatalogue(models.Model):
    """A version of 民事案件案由规定, in force from `effective_from` (law-digest §10)."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    class Meta:
        verbose_name = _("cause catalogue")
        verbose_name_plural = _("cause catalogues")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Cause(models.Model):
    """A cause of action (案由) in one catalogue version, with its place in the hierarchy."""

    catalogue = models.ForeignKey(CauseCatalogue, on_delete=models.PROTECT, related_name="causes")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    claim_nature = models.CharField(
        _("nature of the claims"), max_length=16, choices=ClaimNature.choices, default=ClaimNature.MIXED,
        help_text=_("CPL 165: small claims are simple money payments; CPL 166(1): never status or title cases."),
    )

    class Meta:
        verbose_name = _("cause of action")
        verbose_name_plural = _("causes of action")
        ordering = ["catalogue", "code"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="cause_unique_code"),
            models.UniqueConstraint(fields=["catalogue", "name"], name="cause_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
