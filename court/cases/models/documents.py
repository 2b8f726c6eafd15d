"""The electronic case file (电子卷宗, OLR 10-16): every document of a case as a file, and the evidence list.

A `CaseDocument` is stored through Django's storage API (`STORAGES["case_files"]`, local disk outside the web
root by default) under a random name; the uploaded name is kept as data only. Nothing links to the storage:
the download view (`court.cases.views.documents`) reads it after `access.document_for_user`.

An `EvidenceItem` is one line of the evidence list (证据目录: 名称, 来源, 证明目的, pages), with the document
that holds it; `Case.evidence_items`, the count triage reads, is derived from the list (`Case.count_evidence`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseFileStorage(Storage):
    """The case-file storage, looked up in `STORAGES["case_files"]` at every call (so a deployment or a test
    that changes the setting is obeyed); a FileField's storage is otherwise fixed when the model loads."""

    @staticmethod
    def backend() -> Storage:
        return storages["case_files"]

    def _open(self, name: str, mode: str = "rb") -> Any:
        return self.backend().open(name, mode)

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        return self.backend().save(name, content, max_length=max_length)

    def delete(self, name: str) -> None:
        self.backend().delete(name)

    def exists(self, name: str) -> bool:
        return self.backend().exists(name)

    def size(self, name: str) -> int:
        return self.backend().size(name)

    def path(self, name: str) -> str:
        return self.backend().path(name)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Case files have no public URL; they are served by the download view only.")


def case_files_storage() -> Storage:
    return CaseFileStorage()


class DocumentKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    EVIDENCE = "evidence", _("Evidence")
    ANSWER = "answer", _("Answer")
    APPLICATION = "application", _("Application")
    NOTICE = "notice", _("Court notice")
    OTHER = "other", _("Other document")


class CaseDocument(models.Model):
    """One file of the case file. Its stored name is random (uuid4 hex) and never shown; its content type is the
    one detected from its bytes (`court.cases.uploads.sniff`), never the browser's."""

    Kind = DocumentKind

    case = models.ForeignKey("Case", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), storage=case_files_storage, max_length=100)
    original_name = models.CharField(_("file name as uploaded"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=40)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    internal = models.BooleanField(_("internal to the court"), default=False,
                                   help_text=_("Parties, lawyers and outside mediators never see it."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["case", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class EvidenceItem(models.Model):
    """One line of the evidence list (证据目录), numbered from 1 per case."""

    case = models.ForeignKey("Case", on_delete=models.PROTECT, related_name="evidence")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name of the evidence"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)
    purpose = models.TextField(_("what it proves"), max_length=1000, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="evidence_items", verbose_name=_("file"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("added by"))
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    late = models.BooleanField(_("added after acceptance"), default=False)

    class Meta:
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")
        ordering = ["case", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="evidence_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"
