"""A document is served only through the download view, to those who may see the case: everyone else gets the
same 404 (a guessed identifier tells nothing), and the response is always a download."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from court.cases import services
from court.cases.models import CaseDocument, Party
from court.org.models import MediatorOrg, Role, User
from tests.web.conftest import page_text

from .conftest import FAKES, PDF, upload


@pytest.fixture
def defendant_user(db):
    return User.objects.create_user(username="defendant", password="pw", role=Role.PARTY, display_name="李四")


@pytest.fixture
def filed(recent, party, judge, defendant_user, mediator):
    """An accepted case whose defendant has an account, with a party's document and the court's internal one."""
    case = recent()
    Party.objects.filter(case=case, side=Party.Side.DEFENDANT).update(user=defendant_user)
    public = services.document_upload(case=case, actor=party, kind="evidence", title="借条", file=upload("借条.pdf", PDF))
    internal = services.document_upload(case=case, actor=judge, kind="other", title="审理报告",
                                        file=upload("report.pdf", PDF), internal=True)
    return case, public, internal


def _get(client: Client, doc: CaseDocument):
    return client.get(reverse("document_download", args=[doc.pk]))


def test_who_may_download(filed, as_user, party, defendant_user, lawyer, judge, assistant, filing_officer, admin,
                          stranger, other_judge, mediator):
    _case, public, internal = filed
    for user in (party, defendant_user, lawyer, judge, assistant, filing_officer, admin):
        response = _get(as_user(user), public)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF
    for user in (stranger, other_judge, mediator):  # another case's party, another team, no live mediation
        assert _get(as_user(user), public).status_code == 404, user
    for user in (party, defendant_user, lawyer, stranger):  # internal: the court only
        assert _get(as_user(user), internal).status_code == 404, user
    assert _get(as_user(judge), internal).status_code == 200


def test_an_outside_mediator_reads_the_case_file_during_the_mediation_only(filed, as_user, judge, mediator):
    case, public, internal = filed
    mediator.mediator_org = MediatorOrg.VILLAGE_ELDER
    mediator.save()
    services.case_start_mediation(case=case, actor=judge, mediator=mediator)
    client = as_user(mediator)
    assert _get(client, public).status_code == 200
    assert _get(client, internal).status_code == 404


def test_anonymous_is_sent_to_sign_in(filed):
    _case, public, _internal = filed
    response = _get(Client(), public)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_guessing_the_documents_of_other_cases_gives_404(filed, make_case, stranger, as_user):
    own = make_case(plaintiff_user=stranger, lawyer=None)
    mine = services.document_upload(case=own, actor=stranger, kind="other", title="mine", file=upload("m.pdf", PDF))
    client = as_user(stranger)
    assert _get(client, mine).status_code == 200
    for pk in range(1, mine.pk + 5):
        if pk != mine.pk:
            assert client.get(reverse("document_download", args=[pk])).status_code == 404, pk


def test_the_download_is_an_attachment_never_sniffed_nor_cached(filed, as_user, party):
    _case, public, _internal = filed
    response = _get(as_user(party), public)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E5%80%9F%E6%9D%A1.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]


def test_an_image_named_like_a_program_downloads_as_what_it_is(filed, as_user, party):
    case, _public, _internal = filed
    from .conftest import image_bytes

    doc = services.document_upload(case=case, actor=party, kind="evidence", title="截图",
                                   file=upload("setup.exe", image_bytes("PNG")))
    response = _get(as_user(party), doc)
    assert response["Content-Type"] == "image/png" and 'filename="setup.png"' in response["Content-Disposition"]


def test_the_case_page_lists_what_the_viewer_may_read_and_offers_the_upload(filed, as_user, party, judge):
    case, public, internal = filed
    page = page_text(as_user(party).get(reverse("case_detail", args=[case.pk])))
    assert "Case file" in page and "借条" in page and "审理报告" not in page
    assert reverse("document_download", args=[public.pk]) in page
    assert reverse("document_download", args=[internal.pk]) not in page
    assert 'enctype="multipart/form-data"' in page and "Upload a document" in page
    assert "Internal to the court" not in page
    staff = page_text(as_user(judge).get(reverse("case_detail", args=[case.pk])))
    assert "审理报告" in staff and "Internal to the court" in staff


def test_uploading_on_the_case_page(filed, as_user, party, case_files_dir):
    case, _public, _internal = filed
    client = as_user(party)
    url = reverse("case_document_upload", args=[case.pk])
    response = client.post(url, {"document-kind": "application", "document-title": "调解申请",
                                 "document-file": upload("申请.pdf", PDF)})
    assert response.status_code == 302 and response["Location"].endswith("#case-file")
    assert case.documents.filter(title="调解申请").exists()
    refused = client.post(url, {"document-kind": "evidence", "document-title": "假的",
                                "document-file": upload("fake.pdf", FAKES["html"])})
    assert refused.status_code == 200
    assert "“fake.pdf” is not a PDF or an image" in page_text(refused)
    assert not case.documents.filter(title="假的").exists()


def test_a_stranger_cannot_post_to_a_case_file(filed, as_user, stranger, other_judge):
    case, _public, _internal = filed
    for user in (stranger, other_judge):
        response = as_user(user).post(reverse("case_document_upload", args=[case.pk]), {
            "document-kind": "other", "document-title": "x", "document-file": upload("x.pdf", PDF)})
        assert response.status_code == 404
    assert case.documents.count() == 2


def test_later_evidence_on_the_case_page(filed, as_user, lawyer):
    case, _public, _internal = filed
    response = as_user(lawyer).post(reverse("case_evidence_add", args=[case.pk]), {
        "evidence-name": "银行流水", "evidence-source": "中国银行", "evidence-purpose": "证明已交付借款",
        "evidence-pages": "3", "evidence-file": upload("流水.pdf", PDF)})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.evidence_items == 1 and case.evidence.get().late
