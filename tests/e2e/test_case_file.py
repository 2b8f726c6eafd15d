"""The electronic case file in the browser, in Chinese and English: a party files online with two evidence files
and finds them in the case file; a fake PDF and an oversized file are refused with a message next to the field."""

from __future__ import annotations

import pytest

from court.cases.models import Case, Cause

from .conftest import sign_in

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


def _fill_complaint(page, live_server) -> None:
    page.goto(f"{live_server.url}/file/")
    page.locator("select[name=cause]").select_option(str(Cause.objects.get(name="民间借贷纠纷").pk))
    page.fill("input[name=claim_amount]", "38000.00")
    page.fill("textarea[name=claims]", "判令被告归还借款人民币38000元")
    page.fill("textarea[name=facts]", "被告于2025年3月向原告借款38000元，到期未还。")
    page.fill("input[name=plaintiffs-0-name]", "张三")
    page.fill("input[name=plaintiffs-0-address]", "蓝田县蓝关街道1号")
    page.fill("input[name=defendants-0-name]", "李四")
    page.fill("input[name=defendants-0-address]", "蓝田县华胥镇2号")


def _attach(page, second: dict) -> None:
    page.set_input_files("input[name=evidence-0-file]", files=[_file("借条.pdf", "application/pdf", PDF)])
    page.set_input_files("input[name=evidence-1-file]", files=[second])


def _file_with_evidence(page, live_server, screenshots, lang: str) -> Case:
    _fill_complaint(page, live_server)
    page.fill("input[name=evidence-0-name]", "借条")
    page.fill("input[name=evidence-0-source]", "原告持有")
    page.fill("textarea[name=evidence-0-purpose]", "证明双方存在借贷关系")
    page.click("#evidence [data-add-form]")
    page.fill("input[name=evidence-1-name]", "转账记录")
    page.fill("input[name=evidence-1-pages]", "2")
    # First a web page renamed .pdf: refused next to its field, nothing filed.
    _attach(page, _file("转账记录.pdf", "application/pdf", FAKE_PDF))
    page.click("form.filing .submitbar button[type=submit]")
    page.wait_for_load_state("networkidle")
    error = page.locator("[data-field='file'] .error")
    assert error.count() == 1 and "转账记录.pdf" in error.inner_text(), page.inner_text("#evidence")
    assert not Case.objects.exists()
    page.locator("#evidence").screenshot(path=str(screenshots / f"casefile-refused-{lang}.png"))
    # The browser keeps no file across a refused post: attach both again, the second a real image.
    _attach(page, _file("转账记录.png", "image/png", _png()))
    page.click("form.filing .submitbar button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert Case.objects.exists(), page.inner_text("main")[:2000]
    case = Case.objects.get()
    assert page.url.endswith(f"/cases/{case.pk}/")
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
