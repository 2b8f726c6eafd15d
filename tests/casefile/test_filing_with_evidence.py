"""The online complaint lists its evidence with a file per line; the count is the list's."""

from __future__ import annotations

from django.urls import reverse

from court.cases.models import Case, CaseDocument, CaseEvent
from tests.web.conftest import page_text
from tests.web.test_filing import filing_data

from .conftest import FAKES, PDF, image_bytes, stored_files, upload


def _evidence(*lines):
    data = {"evidence-TOTAL_FORMS": str(len(lines)), "evidence-INITIAL_FORMS": "0"}
    for i, (name, file) in enumerate(lines):
        data |= {f"evidence-{i}-name": name, f"evidence-{i}-source": "原告", f"evidence-{i}-purpose": "证明借款",
                 f"evidence-{i}-pages": "1", f"evidence-{i}-file": file}
    return data


def test_a_complaint_with_two_evidence_files(party, court, cause, as_user):
    data = filing_data(court, cause) | _evidence(("借条", upload("借条.pdf", PDF)),
                                                 ("转账记录", upload("转账.png", image_bytes("PNG"), "image/png")))
    response = as_user(party).post(reverse("file_case"), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.evidence_items == 2  # derived, whatever was typed
    assert list(case.evidence.values_list("name", "document__content_type")) == [
        ("借条", "application/pdf"), ("转账记录", "image/png")]
    assert case.events.filter(kind=CaseEvent.Kind.EVIDENCE_ADDED).count() == 1


def test_a_fake_pdf_is_refused_next_to_its_field_and_nothing_is_filed(party, court, cause, as_user,
                                                                      case_files_dir):
    data = filing_data(court, cause) | _evidence(("借条", upload("借条.pdf", PDF)),
                                                 ("网页", upload("page.pdf", FAKES["html"])))
    response = as_user(party).post(reverse("file_case"), data)
    assert response.status_code == 200 and not Case.objects.exists() and not CaseDocument.objects.exists()
    assert "file" in response.context["evidence"].forms[1].errors
    assert "“page.pdf” is not a PDF or an image" in page_text(response)
    assert stored_files(case_files_dir) == []


def test_an_oversized_file_is_refused_with_the_limit(party, court, cause, as_user, settings):
    settings.FANJIAN_UPLOAD_MAX_MB = 1
    data = filing_data(court, cause) | _evidence(("录像截图", upload("big.pdf", PDF + b"0" * (1024 * 1024))))
    response = as_user(party).post(reverse("file_case"), data)
    assert response.status_code == 200 and not Case.objects.exists()
    assert response.context["evidence"].forms[0].errors["file"] == ["“big.pdf” is 1.0 MB; a file may be at most 1 MB."]


def test_more_evidence_lines_than_the_cap_are_refused(party, court, cause, as_user):
    lines = [(f"证据{i}", upload(f"{i}.pdf", PDF)) for i in range(51)]
    response = as_user(party).post(reverse("file_case"), filing_data(court, cause) | _evidence(*lines))
    assert response.status_code == 200 and not Case.objects.exists()
