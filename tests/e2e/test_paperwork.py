"""A clerk generates the 受理通知书 on the case page and serves it electronically in one step, in Chinese and
English; the PDF lands in the case file, downloads through the access-checked view and reads as text."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest

from court.cases.models import Party, ServiceAttempt
from court.cases.term import today
from court.paperwork.models import IssuedDocument

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def case_files(tmp_path, settings):
    settings.STORAGES = settings.STORAGES | {"case_files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "files")}}}


def _generate_and_serve(new_page, live_server, make_case, clerk, screenshots, tmp_path, lang: str) -> None:
    case = make_case(filed_on=today() - timedelta(days=3))
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    page = new_page()
    sign_in(page, live_server, clerk.username)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("#generate-document summary")
    page.locator("#generate-document select[name=kind]").select_option("acceptance")
    page.locator("#generate-document select[name=language]").select_option("zh-hans" if lang == "zh" else "en")
    page.locator("#generate-document select[name=party]").select_option(str(plaintiff.pk))
    page.check("#generate-document input[name=serve]")
    page.locator("#generate-document select[name=channel]").select_option(ServiceAttempt.Channel.ELECTRONIC)
    page.locator("#generate-document").screenshot(path=str(screenshots / f"paperwork-generate-{lang}.png"))
    page.click("#generate-document button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/cases/{case.pk}/#case-file"), page.inner_text("main")[:2000]
    issued = IssuedDocument.objects.get(case=case)
    assert issued.served_by is not None and issued.served_by.channel == ServiceAttempt.Channel.ELECTRONIC
    assert issued.document.title in page.inner_text("#documents")
    assert issued.document.title in page.inner_text("#issued-documents")
    page.locator("#case-file").screenshot(path=str(screenshots / f"paperwork-case-file-{lang}.png"))
    # Downloaded as the clerk (the browser's session), through /documents/<id>/.
    response = page.request.get(f"{live_server.url}/documents/{issued.document.pk}/")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        path = tmp_path / f"acceptance-{lang}.pdf"
        path.write_bytes(response.body())
        text = "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                                      text=True).stdout.split())
        assert case.case_number in text and "张三" in text and "李四0" in text


def test_a_clerk_generates_and_serves_the_acceptance_notice_in_english(new_page, live_server, make_case, clerk,
                                                                       screenshots, tmp_path):
    _generate_and_serve(new_page, live_server, make_case, clerk, screenshots, tmp_path, "en")


def test_a_clerk_generates_and_serves_the_acceptance_notice_in_chinese(new_page, live_server, make_case, clerk,
                                                                       screenshots, tmp_path, chinese):
    _generate_and_serve(new_page, live_server, make_case, clerk, screenshots, tmp_path, "zh")
