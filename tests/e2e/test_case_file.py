"""The electronic case file in the browser, in Chinese and English: a party files online with two evidence files
and finds them in the case file; a fake PDF and an oversized file are refused with a message next to the field."""

from __future__ import annotations

import pytest

from court.cases.models import Case, Cause

from .conftest import sign_in
from .filing_steps import add_evidence, fill_claims, fill_court, fill_facts, fill_parties, go_to, start_draft, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
FAKE_PDF = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (20, 90, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def case_files(tmp_path, settings):
    settings.STORAGES = settings.STORAGES | {"case_files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "files")}}}
    settings.FANJIAN_UPLOAD_MAX_MB = 1


def _file(name: str, mime: str, data: bytes) -> dict:
    return {"name": name, "mimeType": mime, "buffer": data}


def _file_with_evidence(page, live_server, screenshots, lang: str) -> Case:
    """Through the guided filing; the evidence step checks each file as it is added."""
    cause = Cause.objects.get(name="民间借贷纠纷", catalogue__version="2025")
    start_draft(page, live_server)
    fill_court(page, cause)
    fill_parties(page)
    fill_claims(page)
    fill_facts(page)
    add_evidence(page, "借条", _file("借条.pdf", "application/pdf", PDF), source="原告持有", purpose="证明双方存在借贷关系")
    # A web page renamed .pdf: refused next to its field, the typed line kept, nothing listed.
    add_evidence(page, "转账记录", _file("转账记录.pdf", "application/pdf", FAKE_PDF), pages="2")
    error = page.locator("[data-field='file'] .error")
    assert error.count() == 1 and "转账记录.pdf" in error.inner_text(), page.inner_text("main")
    assert page.input_value("input[name=evidence-pages]") == "2"
    assert page.locator("table.evidence-files tbody tr").count() == 1
    page.locator("form.guided").screenshot(path=str(screenshots / f"casefile-refused-{lang}.png"))
    add_evidence(page, "转账记录", _file("转账记录.png", "image/png", _png()), pages="2")
    assert page.locator("table.evidence-files tbody tr").count() == 2
    go_to(page, "review")
    submit(page)
    case = Case.objects.get()
    with page.expect_navigation():
        page.click(f"a[href='/cases/{case.pk}/']")
    assert case.evidence_items == 2 and case.documents.count() == 2
    return case


def _refuse_oversized(page) -> str:
    page.click("#upload-document summary")
    page.fill("input[name=document-title]", "庭审录像截图")
    page.set_input_files("input[name=document-file]",
                         files=[_file("录像.pdf", "application/pdf", PDF + b"0" * (1024 * 1024 + 10))])
    page.click("#upload-document button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page.locator("#upload-document [data-field='file'] .error").inner_text()


def test_a_party_files_with_two_evidence_files_in_english(new_page, live_server, party, cause, screenshots):
    page = new_page()
    sign_in(page, live_server, "party")
    case = _file_with_evidence(page, live_server, screenshots, "en")
    section = page.inner_text("#case-file")
    assert "Case file" in section and "借条" in section and "转账记录" in section
    assert page.locator("#evidence-list tbody tr").count() == 2
    with page.expect_download() as info:
        page.locator("#evidence-list a", has_text="Download").first.click()
    assert info.value.suggested_filename == "借条.pdf"
    message = _refuse_oversized(page)
    assert message == "“录像.pdf” is 1.0 MB; a file may be at most 1 MB."
    assert case.documents.count() == 2
    page.locator("#case-file").screenshot(path=str(screenshots / "casefile-en.png"))


def test_a_party_files_with_two_evidence_files_in_chinese(new_page, live_server, party, cause, screenshots, chinese):
    page = new_page()
    sign_in(page, live_server, "party")
    assert page.get_attribute("html", "lang") == "zh-hans"
    case = _file_with_evidence(page, live_server, screenshots, "zh")
    assert page.locator("#documents tbody tr").count() == 2
    section = page.inner_text("#case-file")
    assert "借条" in section and "转账记录" in section
    message = _refuse_oversized(page)
    assert "录像.pdf" in message and "1.0" in message
    assert case.documents.count() == 2
    page.locator("#case-file").screenshot(path=str(screenshots / "casefile-zh.png"))
