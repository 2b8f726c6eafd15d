"""Uploading into the case file: permission, content, a random stored name outside the web root, the event,
and no file left behind when the transaction does not commit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from court.cases import services
from court.cases.models import CaseDocument, CaseEvent
from court.cases.services import documents as documents_service

from .conftest import FAKES, PDF, image_bytes, stored_files, upload


def test_a_party_uploads_a_document_with_its_event(recent, party, case_files_dir):
    case = recent()
    doc = services.document_upload(case=case, actor=party, kind="application", title="延期举证申请",
                                   file=upload("申请书.pdf", PDF))
    assert (doc.content_type, doc.size, doc.original_name, doc.uploaded_by) == ("application/pdf", len(PDF),
                                                                                 "申请书.pdf", party)
    event = case.events.get(kind=CaseEvent.Kind.DOCUMENT_ADDED)
    assert event.actor == party and event.reason == "延期举证申请" and event.payload["document"] == doc.pk
    assert event.payload["sha256"] == doc.sha256 and event.basis == "OLR 11"
    [path] = stored_files(case_files_dir)
    assert path.read_bytes() == PDF


def test_the_stored_name_is_random_and_outside_the_web_root(recent, party, case_files_dir):
    case = recent()
    names = [services.document_upload(case=case, actor=party, kind="evidence", title="借条",
                                      file=upload("借条.pdf", PDF)).file.name for _ in range(2)]
    assert names[0] != names[1]
    for name in names:
        assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{32}", name) and "借条" not in name
    # The default location is var/case-files, under no static directory and no URL.
    default = Path(settings.FANJIAN_CASE_FILES_DIR).resolve()
    for static in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]:
        assert not default.is_relative_to(static.resolve())
    with pytest.raises(NotImplementedError):
        CaseDocument.objects.first().file.url  # noqa: B018


def test_a_fake_pdf_is_refused_by_the_service_and_nothing_is_stored(recent, party, case_files_dir):
    case = recent()
    with pytest.raises(services.CaseRuleError) as refused:
        services.document_upload(case=case, actor=party, kind="evidence", title="x", file=upload("x.pdf", FAKES["html"]))
    assert refused.value.code == "not_pdf_or_image"
    assert not CaseDocument.objects.exists() and stored_files(case_files_dir) == []


def test_only_those_on_the_case_may_upload(recent, stranger, other_judge, judge, lawyer):
    case = recent()
    for outsider in (stranger, other_judge):
        with pytest.raises(PermissionDenied):
            services.document_upload(case=case, actor=outsider, kind="other", title="x", file=upload("x.pdf", PDF))
    for allowed in (judge, lawyer):
        services.document_upload(case=case, actor=allowed, kind="other", title="x", file=upload("x.pdf", PDF))
    assert case.documents.count() == 2


def test_internal_documents_are_the_courts_and_logged_as_internal(recent, judge, party):
    case = recent()
    with pytest.raises(PermissionDenied):
        services.document_upload(case=case, actor=party, kind="other", title="x", file=upload("x.pdf", PDF),
                                 internal=True)
    services.document_upload(case=case, actor=judge, kind="other", title="合议笔录", file=upload("x.png", image_bytes("PNG")),
                             internal=True)
    assert case.events.filter(kind=CaseEvent.Kind.INTERNAL_DOCUMENT_ADDED).count() == 1
    assert not case.events.filter(kind=CaseEvent.Kind.DOCUMENT_ADDED).exists()


def test_a_failed_database_write_leaves_no_file(recent, party, case_files_dir, monkeypatch):
    case = recent()

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(documents_service, "log_event", broken)
    with pytest.raises(RuntimeError):
        services.document_upload(case=case, actor=party, kind="other", title="x", file=upload("x.pdf", PDF))
    assert stored_files(case_files_dir) == [] and not CaseDocument.objects.exists()


def test_an_enclosing_block_that_rolls_back_removes_the_files(recent, party, case_files_dir):
    case = recent()
    with pytest.raises(ZeroDivisionError), services.atomic_with_files():
        services.document_upload(case=case, actor=party, kind="other", title="x", file=upload("x.pdf", PDF))
        services.evidence_add(case=case, actor=party, items=[services.EvidenceInput(name="借条", file=upload("y.pdf", PDF))])
        assert len(stored_files(case_files_dir)) == 2
        1 / 0  # noqa: B018
    assert stored_files(case_files_dir) == [] and not CaseDocument.objects.exists()


def test_a_case_file_is_bounded(recent, party, monkeypatch):
    case = recent()
    monkeypatch.setattr(documents_service, "DOCUMENTS_PER_CASE_MAX", 1)
    services.document_upload(case=case, actor=party, kind="other", title="x", file=upload("x.pdf", PDF))
    with pytest.raises(services.CaseRuleError, match="at most 1 documents"):
        services.document_upload(case=case, actor=party, kind="other", title="y", file=upload("y.pdf", PDF))
