"""The evidence step (证据目录 with a file per line, checked like every case document), the amounts of the claims
(bounded; a money claim of 0 yuan questioned), the cause search and the fee estimate before submitting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from court.cases.bounds import AMOUNT_MAX, EVIDENCE_PER_UPLOAD_MAX
from court.cases.models import Case, CaseDocument, CaseEvent, Cause
from court.cases.selectors import catalogue_for
from court.cases.term import today
from court.portal.filing import steps
from court.portal.filing.views import SEARCH_LIMIT
from court.portal.models import DraftFile
from tests.casefile.conftest import FAKES, PDF, case_files_dir, image_bytes, stored_files, upload  # noqa: F401
from tests.web.conftest import page_text

from .filing_helpers import add_evidence, claims, fill, file_online, filing_data, post_step, start, submit


def test_a_complaint_with_two_evidence_files(party, court, cause, as_user, case_files_dir,  # noqa: F811
                                             django_capture_on_commit_callbacks):
    client = as_user(party)
    with django_capture_on_commit_callbacks(execute=True):
        response = file_online(client, filing_data(court, cause), evidence=[
            ("借条", upload("借条.pdf", PDF)), ("转账记录", upload("转账.png", image_bytes("PNG"), "image/png"))])
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.evidence_items == 2  # derived from the list
    assert list(case.evidence.values_list("name", "source", "document__content_type")) == [
        ("借条", "原告", "application/pdf"), ("转账记录", "原告", "image/png")]
    assert case.events.filter(kind=CaseEvent.Kind.EVIDENCE_ADDED).count() == 1
    doc = case.evidence.get(number=1).document
    assert doc.file.read() == PDF and doc.uploaded_by == party and doc.original_name == "借条.pdf"
    # The files live in the case file now; the submitted draft keeps its lines but no second copy.
    assert sorted(p.name for p in stored_files(case_files_dir)) == sorted(
        d.file.name.rsplit("/", 1)[-1] for d in CaseDocument.objects.all())
    assert list(DraftFile.objects.values_list("name", "file")) == [("借条", ""), ("转账记录", "")]


def test_a_fake_pdf_is_refused_next_to_its_field_and_the_typed_line_is_kept(party, court, as_user,
                                                                             case_files_dir):  # noqa: F811
    client = as_user(party)
    draft = start(client)
    response = add_evidence(client, draft, "网页截图", upload("page.pdf", FAKES["html"]), purpose="证明催款")
    assert response.status_code == 200 and not DraftFile.objects.exists()
    assert "file" in response.context["line"].errors
    assert "“page.pdf” is not a PDF or an image" in page_text(response)
    assert response.context["line"]["name"].value() == "网页截图"
    draft.refresh_from_db()
    assert draft.data["evidence"]["evidence-purpose"] == "证明催款"  # saved as typed
    assert stored_files(case_files_dir) == []


def test_an_oversized_file_is_refused_with_the_limit(party, court, as_user, settings):
    settings.FANJIAN_UPLOAD_MAX_MB = 1
    client = as_user(party)
    draft = start(client)
    response = add_evidence(client, draft, "录像截图", upload("big.pdf", PDF + b"0" * (1024 * 1024)))
    assert response.status_code == 200 and not DraftFile.objects.exists()
    assert response.context["line"].errors["file"] == ["“big.pdf” is 1.0 MB; a file may be at most 1 MB."]


def test_a_draft_takes_at_most_the_evidence_one_submission_takes(party, court, as_user):
    client = as_user(party)
    draft = start(client)
    for i in range(EVIDENCE_PER_UPLOAD_MAX):
        add_evidence(client, draft, f"证据{i}", upload(f"{i}.pdf", PDF))
    response = add_evidence(client, draft, "多一份", upload("more.pdf", PDF))
    assert draft.files.count() == EVIDENCE_PER_UPLOAD_MAX
    assert f"at most {EVIDENCE_PER_UPLOAD_MAX} pieces of evidence" in page_text(response)


def test_removing_an_evidence_line(party, court, as_user, case_files_dir,  # noqa: F811
                                   django_capture_on_commit_callbacks):
    client = as_user(party)
    draft = start(client)
    add_evidence(client, draft, "借条", upload("借条.pdf", PDF))
    item = draft.files.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:draft_file_remove", args=[draft.pk, item.pk]))
    assert not draft.files.exists() and stored_files(case_files_dir) == []


def test_continuing_with_a_file_chosen_adds_it_first(party, court, as_user):
    client = as_user(party)
    draft = start(client)
    response = post_step(client, draft, steps.EVIDENCE, {"evidence-name": "借条", "evidence-file": upload("a.pdf", PDF)},
                         goto=steps.REVIEW)
    assert response.status_code == 302 and draft.files.get().name == "借条"


# --- amounts -----------------------------------------------------------------------------------------------

def test_a_zero_yuan_loan_claim_is_questioned_and_files_once_confirmed(party, court, cause, as_user):
    client = as_user(party)
    data = filing_data(court, cause) | claims(("判令被告归还借款", "0"))
    draft = start(client)
    fill(client, draft, data)
    page = client.get(reverse("portal:draft_step", args=[draft.pk, steps.CLAIMS]))
    assert page.context["form"].errors["zero_confirmed"] == [
        f"“{cause.name}” is a claim for money, but the claims add up to 0 yuan: give the amount of each claim, or "
        "tick this box to confirm that you claim no money."]
    assert submit(client, draft).status_code == 200 and not Case.objects.exists()
    post_step(client, draft, steps.CLAIMS, data | {"zero_confirmed": "on"}, goto=steps.FACTS)
    assert submit(client, draft).status_code == 302
    assert Case.objects.get().claim_amount == 0


def test_a_zero_claim_of_a_cause_without_money_is_not_questioned(party, court, as_user):
    from court.cases.selectors import cause_by_name

    divorce = cause_by_name("离婚纠纷", today())
    client = as_user(party)
    draft = start(client)
    fill(client, draft, filing_data(court, divorce) | claims(("判令原告与被告离婚", "")))
    assert submit(client, draft).status_code == 302


@pytest.mark.parametrize("amount", ["99999999999999.99", "1000000000000", "-1"])
def test_an_amount_out_of_bounds_is_refused_next_to_the_field(party, court, cause, as_user, amount):
    client = as_user(party)
    draft = start(client)
    response = post_step(client, draft, steps.CLAIMS, claims(("归还借款", amount)), goto=steps.FACTS)
    assert response.status_code == 200 and response.context["items"].forms[0].errors["amount"]
    assert response.context["items"].forms[0]["amount"].value() == amount


def test_a_total_over_the_bound_is_refused(party, court, cause, as_user):
    client = as_user(party)
    draft = start(client)
    response = post_step(client, draft, steps.CLAIMS, claims(("本金", str(AMOUNT_MAX)), ("利息", "1")),
                         goto=steps.FACTS)
    assert "less than 1,000,000,000,000 yuan" in " ".join(response.context["items"].non_form_errors())


def test_the_largest_amount_is_stored_exactly(party, court, cause, as_user):
    file_online(as_user(party), filing_data(court, cause) | claims(("本金", str(AMOUNT_MAX))))
    assert Case.objects.get().claim_amount == Decimal("999999999999.99")


def test_too_many_claims_build_no_more_forms_than_allowed(party, court, cause, as_user):
    client = as_user(party)
    draft = start(client)
    response = post_step(client, draft, steps.CLAIMS, claims(("归还借款", "1")) | {"claims-TOTAL_FORMS": "100000000"},
                         goto=steps.FACTS)
    assert len(response.context["items"].forms) <= steps.CLAIM_ITEMS_MAX


# --- the cause search and the fee estimate -----------------------------------------------------------------

def test_the_cause_search_is_bounded_and_in_catalogue_order(party, court, as_user):
    client = as_user(party)
    body = client.get(reverse("portal:cause_search"), {"q": "纠纷"}).json()
    assert len(body["results"]) == SEARCH_LIMIT and body["more"] is True
    catalogue = catalogue_for(today())
    expected = list(Cause.objects.filter(catalogue=catalogue, name__icontains="纠纷").values_list("pk", flat=True)
                    [:SEARCH_LIMIT])
    assert [r["id"] for r in body["results"]] == expected
    found = client.get(reverse("portal:cause_search"), {"q": "民间借贷"}).json()["results"]
    assert [r["name"] for r in found] == ["民间借贷纠纷"]
    assert client.get(reverse("portal:cause_search"), {"q": "x" * 5000}).status_code == 200


def test_the_search_works_without_javascript(party, court, cause, as_user):
    client = as_user(party)
    draft = start(client)
    url = reverse("portal:draft_step", args=[draft.pk, steps.COURT])
    page = client.get(url, {"q": "民间借贷"})
    assert f'href="?pick={cause.pk}"' in page.content.decode()
    picked = client.get(url, {"pick": str(cause.pk)})
    assert picked.context["form"]["cause"].value() == str(cause.pk)


def test_the_review_shows_the_fee_estimate_of_the_fee_rules(party, court, cause, as_user):
    from court.rules.fees import property_fee

    client = as_user(party)
    draft = start(client)
    fill(client, draft, filing_data(court, cause))
    review = client.get(reverse("portal:draft_step", args=[draft.pk, steps.REVIEW]))
    fee = review.context["fee"]
    assert fee.main.payable == property_fee(Decimal(30000)) == Decimal("550.00")
    assert "550.00 yuan" in page_text(review) and "FEE 13(1)" in page_text(review)
