"""The join code of a party (案件查询码): printed on the documents served on the party, it lets the party's
account (or its lawyer's) into the case once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from court.cases.models.documents import case_files_storage

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


class FilingDraft(models.Model):
    """A complaint being prepared in the guided filing (网上立案, OLR 9), saved on the server as the filer types,
    so that it survives a closed browser. `data` holds each step's fields as typed (strings, never trusted);
    `version` rises with every save, so that a stale tab cannot overwrite a newer one. Once submitted, `case` is
    set under a row lock and the draft is read-only: submitting again (Back, a double click, a retried request)
    returns that case instead of filing twice."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="filing_drafts",
                              verbose_name=_("owner"))
    data = models.JSONField(_("what has been typed"), default=dict, blank=True)
    step = models.CharField(_("step"), max_length=16, default="court")
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="draft",
                                verbose_name=_("filed as"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("filing draft")
        verbose_name_plural = _("filing drafts")
        ordering = ["owner", "-updated_at", "-id"]

    def __str__(self) -> str:
        return str(_("Draft #%(id)s") % {"id": self.pk})


class DraftFile(models.Model):
    """An evidence file uploaded into a draft: checked like a case document (content, size) and stored the same
    way; on submission it becomes the case document of its evidence-list line."""

    draft = models.ForeignKey(FilingDraft, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    name = models.CharField(_("name of the evidence"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)
    purpose = models.TextField(_("what it proves"), max_length=1000, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    file = models.FileField(_("file"), storage=case_files_storage, max_length=100, blank=True)
    original_name = models.CharField(_("file name as uploaded"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    content_type = models.CharField(_("content type"), max_length=40, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("draft evidence file")
        verbose_name_plural = _("draft evidence files")
        ordering = ["draft", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Notice(models.Model):
    """A notice to a party or lawyer (诉讼通知): stored with the case, shown in the in-app inbox, and sent by
    e-mail (Django's e-mail backend) and, where configured, SMS (`FANJIAN_SMS_BACKEND`). `key` makes a notice
    idempotent: the same event or reminder never notifies the same person twice."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction requested")
        ACCEPTED = "accepted", _("Case accepted")
        REJECTED = "rejected", _("Complaint not accepted")
        FEE_DUE = "fee_due", _("Fee due")
        DOCUMENT_SERVED = "served", _("Document served")
        HEARING = "hearing", _("Hearing date")
        HEARING_CHANGED = "hearing_changed", _("Hearing changed")
        DEADLINE = "deadline", _("Deadline running out")
        RULING = "ruling", _("Ruling on an application")
        OTHER = "other", _("Notice")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices",
                                  verbose_name=_("recipient"))
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="notices",
                             verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=5000)
    key = models.CharField(_("deduplication key"), max_length=120)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    sms_sent_at = models.DateTimeField(_("text message sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["recipient", "-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notice_recipient_key_unique")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_recipient_unread")]

    def __str__(self) -> str:
        return self.subject
