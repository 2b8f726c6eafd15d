"""Document templates (one row per version) and the documents issued from them.

A template is edited only by adding a version (`services.template_save`): the row of an older version never
changes, so every issued document keeps the exact text it was made from (`IssuedDocument.template`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The text of a template is bounded like every text (court/cases/bounds.py's spirit).
BODY_MAX_LENGTH = 20_000


class TemplateKind(models.TextChoices):
    ACCEPTANCE = "acceptance", _("Notice of acceptance (受理通知书)")
    RESPONSE = "response", _("Notice to respond (应诉通知书)")
    EVIDENCE = "evidence", _("Notice on evidence (举证通知书)")
    FEE = "fee", _("Notice to pay the court fee (交纳诉讼费用通知)")
    SUMMONS = "summons", _("Summons (传票)")
    ANNOUNCEMENT = "announcement", _("Hearing announcement (开庭公告)")
    RULING_CONVERSION = "ruling_conversion", _("Ruling: conversion to ordinary procedure (裁定书)")
    RULING_REJECTION = "ruling_rejection", _("Ruling: complaint not accepted (裁定书)")
    RULING_WITHDRAWAL = "ruling_withdrawal", _("Ruling: withdrawal permitted (裁定书)")
    MEDIATION = "mediation", _("Mediation document (调解书)")
    JUDGMENT = "judgment", _("Judgment skeleton (判决书)")
    SERVICE_RECEIPT = "service_receipt", _("Proof of service (送达回证)")
    E_SERVICE_PROOF = "e_service_proof", _("Proof of electronic service (电子送达凭证)")


class TemplateLanguage(models.TextChoices):
    CHINESE = "zh-hans", _("Chinese")
    ENGLISH = "en", _("English")


class DocumentTemplate(models.Model):
    """One version of the template of one kind of document in one language. At most one version of a kind and
    language is active; issuing uses the active one."""

    kind = models.CharField(_("kind of document"), max_length=24, choices=TemplateKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=TemplateLanguage.choices,
                                default=TemplateLanguage.CHINESE)
    version = models.PositiveIntegerField(_("version"), editable=False)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(
        _("text"), max_length=BODY_MAX_LENGTH,
        help_text=_("Lines starting with “# ” are the title, “## ” a centred line, “> ” a right-aligned line; lines "
                    "starting with “|” make a table (cells separated by “|”); a blank line ends a paragraph. Case "
                    "facts are inserted with {{ case.number }}, {{ plaintiffs_names }} …; the tags if, for, with and "
                    "the usual filters are allowed."))
    active = models.BooleanField(_("active"), default=True, editable=False)
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("changed by"), editable=False)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["kind", "language", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language", "version"], name="paperwork_template_version_unique"),
            models.UniqueConstraint(fields=["kind", "language"], condition=models.Q(active=True),
                                    name="paperwork_one_active_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.get_language_display()} · v{self.version}"


class IssuedDocument(models.Model):
    """A document the court generated: the file in the case file, the template version it was made from, what it
    was about (hearing, service attempt, fee notice, addressee) and the service attempt that served it."""

    document = models.OneToOneField("cases.CaseDocument", on_delete=models.PROTECT, related_name="issued",
                                    verbose_name=_("file in the case file"))
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="issued_documents")
    kind = models.CharField(_("kind of document"), max_length=24, choices=TemplateKind.choices)
    template = models.ForeignKey(DocumentTemplate, on_delete=models.PROTECT, related_name="issued",
                                 verbose_name=_("template version"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("addressee"))
    hearing = models.ForeignKey("cases.Hearing", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    fee_notice = models.ForeignKey("cases.FeeNotice", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    about_attempt = models.ForeignKey("cases.ServiceAttempt", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("proof of this service attempt"))
    served_by = models.ForeignKey("cases.ServiceAttempt", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("served by"))
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("issued by"))
    issued_at = models.DateTimeField(_("generated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["case", "issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.template.version}"
