"""The guided filing in the browser, in Chinese and English: a party starts a draft, fills two steps (the second
saved by the autosave alone), uploads two evidence files (a fake PDF and an oversized file are refused next to the
field), closes the browser; signs in again in a new browser, finds the draft under My drafts, finishes and submits,
and sees the "received" page; submitting again from the old review page files nothing more."""

from __future__ import annotations

import io

import pytest

from court.cases.models import Case, CaseState
from court.portal.models import FilingDraft

from .conftest import sign_in
from .filing_steps import fill_claims, fill_facts, go_to, start_draft

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
TEXT_AS_PDF = "这不是PDF，只是改了名字的文本文件。\n".encode()


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (20, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def _file(name: str, mime: str, data: bytes) -> dict:
    return {"name": name, "mimeType": mime, "buffer": data}


@pytest.fixture(autouse=True)
def case_files(tmp_path, settings):
    settings.STORAGES = settings.STORAGES | {"case_files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "files")}}}
    settings.FANJIAN_UPLOAD_MAX_MB = 1


def _add(page, name: str, file: dict) -> None:
    page.fill("input[name=evidence-name]", name)
    page.fill("input[name=evidence-source]", "原告持有")
    page.set_input_files("input[name=evidence-file]", files=[file])
    with page.expect_navigation():
        page.click("form.guided button[name=action][value=add]")


def _wait_saved(page) -> None:
    page.wait_for_function("() => { const s = document.querySelector('.autosave-status');"
                           " return s && s.textContent.trim() !== '' && !s.classList.contains('error'); }",
                           timeout=15_000)


def _first_session(page, live_server, screenshots, lang: str) -> FilingDraft:
    sign_in(page, live_server, "party")
    start_draft(page, live_server)
    draft = FilingDraft.objects.get()
    # Step 1: the cause found with the search box (the server's bounded list), picked with a click.
    page.fill("input[name=q]", "民间借贷")
    page.locator(".cause-results button.pick", has_text="民间借贷纠纷").first.click()
    assert page.locator("select[name=cause] option:checked").inner_text().strip().endswith("民间借贷纠纷")
    page.screenshot(path=str(screenshots / f"filing-court-{lang}.png"), full_page=True)
    with page.expect_navigation():
        page.click("form.guided .submitbar button.btn-primary[name=goto]")
    assert page.url.endswith("/parties/")
    # Step 2: typed, then saved by the autosave alone (no button pressed).
    page.fill("input[name=plaintiffs-0-address]", "蓝田县蓝关街道1号")
    page.fill("input[name=defendants-0-name]", "李四")
    page.fill("input[name=defendants-0-address]", "蓝田县华胥镇2号")
    _wait_saved(page)
    draft.refresh_from_db()
    assert draft.data["parties"]["defendants-0-name"] == "李四"
    go_to(page, "evidence")
    # A text file renamed .pdf and an oversized PDF: refused next to the file field, the typed line kept.
    _add(page, "伪造文件", _file("借条.pdf", "application/pdf", TEXT_AS_PDF))
    error = page.locator("[data-field='file'] .error")
    assert error.count() == 1 and "借条.pdf" in error.inner_text()
    assert page.input_value("input[name=evidence-name]") == "伪造文件"
    page.screenshot(path=str(screenshots / f"filing-fake-pdf-{lang}.png"), full_page=True)
    _add(page, "超大文件", _file("录像.pdf", "application/pdf", PDF + b"0" * (1024 * 1024 + 10)))
    error = page.locator("[data-field='file'] .error")
    assert "录像.pdf" in error.inner_text() and "1.0" in error.inner_text()
    assert draft.files.count() == 0
    _add(page, "借条", _file("借条.pdf", "application/pdf", PDF))
    _add(page, "转账记录", _file("转账记录.png", "image/png", _png()))
    assert page.locator("table.evidence-files tbody tr").count() == 2
    page.screenshot(path=str(screenshots / f"filing-evidence-{lang}.png"), full_page=True)
    return draft


def _second_session(page, live_server, screenshots, lang: str, draft: FilingDraft) -> Case:
    sign_in(page, live_server, "party")
    page.goto(f"{live_server.url}/file/")
    row = page.locator(f"#my-drafts tr[data-draft='{draft.pk}']")
    assert "民间借贷纠纷" in row.inner_text() and "李四" in row.inner_text()
    page.screenshot(path=str(screenshots / f"filing-my-drafts-{lang}.png"), full_page=True)
    with page.expect_navigation():
        row.locator("a.btn").click()
    assert page.locator("table.evidence-files tbody tr").count() == 2  # the files survived the closed browser
    go_to(page, "parties")
    assert page.input_value("input[name=defendants-0-name]") == "李四"
    go_to(page, "claims")
    fill_claims(page, (("判令被告归还借款人民币38000元", "38000"), ("判令被告支付利息", "1520.50")))
    go_to(page, "claims")
    assert "39,520.50" in page.inner_text("[data-total]")  # computed on the server
    go_to(page, "facts")
    fill_facts(page)
    go_to(page, "review")
    assert "39,520.50" in page.inner_text("main") and page.locator(".fee-estimate .money").count() >= 1
    page.screenshot(path=str(screenshots / f"filing-review-{lang}.png"), full_page=True)
    stale = page.context.new_page()  # the review page as it stays in the history (Back)
    stale.goto(page.url)
    with page.expect_navigation():
        page.click("form[data-submit-once] button[type=submit]")
    assert page.url.endswith("/received/"), page.url
    case = Case.objects.get()
    assert case.state == CaseState.FILED and case.evidence_items == 2 and case.documents.count() == 2
    assert ("民诉法第126条" if lang == "zh" else "CPL 126") in page.inner_text("main")
    page.screenshot(path=str(screenshots / f"filing-received-{lang}.png"), full_page=True)
    with stale.expect_navigation():
        stale.click("form[data-submit-once] button[type=submit]")  # submit again from the old page
    assert stale.url.endswith(f"/cases/{case.pk}/")
    assert Case.objects.count() == 1 and case.events.filter(kind="submitted").count() == 1
    return case


def _journey(new_page, live_server, screenshots, lang: str, locale: str) -> None:
    violations: list[str] = []
    first = new_page(locale)
    first.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    draft = _first_session(first, live_server, screenshots, lang)
    first.context.close()  # the browser closed: nothing but the server keeps the draft
    second = new_page(locale)
    second.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    case = _second_session(second, live_server, screenshots, lang, draft)
    draft.refresh_from_db()
    assert draft.case == case
    assert violations == []  # filing.js and the pages keep the CSP (no inline script or style)


def test_guided_filing_across_two_sessions_in_english(new_page, live_server, party, court, screenshots):
    _journey(new_page, live_server, screenshots, "en", "en-US")


def test_guided_filing_across_two_sessions_in_chinese(new_page, live_server, party, court, screenshots, chinese):
    _journey(new_page, live_server, screenshots, "zh", "zh-CN")
