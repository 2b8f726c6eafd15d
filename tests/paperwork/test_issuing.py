"""Who may issue which document (per role), the page and its URL per role, and serving in one step: the document
is generated into the case file and sent through the service machine in one transaction, or nothing happens."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from court.cases import services as case_services
from court.cases.models import CaseDocument, CaseState, Party, ServiceAttempt
from court.paperwork import services
from court.paperwork.models import IssuedDocument, TemplateKind

from .conftest import stored

T = TemplateKind
TEAM = ("judge", "assistant", "clerk")
OUTSIDE = ("other_judge", "mediator", "admin", "party", "lawyer", "stranger")


@pytest.mark.parametrize("role", TEAM)
def test_the_team_issues_the_teams_documents(role, request, make_case):
    case = make_case()
    document = services.document_generate(case=case, actor=request.getfixturevalue(role), kind=T.RESPONSE)
    assert document.uploaded_by == request.getfixturevalue(role)


@pytest.mark.parametrize("role", (*OUTSIDE, "filing_officer"))
def test_no_one_else_issues_the_teams_documents(role, request, make_case):
    case = make_case()
    with pytest.raises(PermissionDenied):
        services.document_generate(case=case, actor=request.getfixturevalue(role), kind=T.RESPONSE)
    assert not CaseDocument.objects.filter(case=case).exists()


def test_the_filing_officer_issues_the_filing_decisions_documents(make_case, filing_officer, clerk):
    """CPL 126: accepted, "并通知当事人"; refused, "应当在七日内作出裁定书，不予受理"."""
    case = make_case()
    services.document_generate(case=case, actor=filing_officer, kind=T.ACCEPTANCE)
    services.document_generate(case=case, actor=filing_officer, kind=T.FEE)
    refused = make_case(state="filed")
    case_services.case_reject(case=refused, actor=filing_officer, reason="不属于人民法院受理民事诉讼的范围",
                              on=refused.submitted_on)
    services.document_generate(case=refused, actor=filing_officer, kind=T.RULING_REJECTION)
    with pytest.raises(PermissionDenied):  # the ruling not to accept is the filing division's
        services.document_generate(case=refused, actor=clerk, kind=T.RULING_REJECTION)
    assert services.kinds_available(filing_officer, case) == [T.ACCEPTANCE, T.FEE]


@pytest.mark.parametrize(("role", "status"), [("judge", 200), ("assistant", 200), ("clerk", 200),
                                               ("filing_officer", 200), ("admin", 403), ("party", 403),
                                               ("lawyer", 403), ("other_judge", 404), ("stranger", 404),
                                               ("mediator", 404)])
def test_the_generate_page_per_role(role, status, request, make_case):
    case = make_case()
    client = Client()
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("case_generate_document", args=[case.pk])).status_code == status
    response = client.post(reverse("case_generate_document", args=[case.pk]),
                           {"kind": T.ACCEPTANCE, "language": "zh-hans"})
    assert response.status_code == (302 if status == 200 else status)
    assert CaseDocument.objects.filter(case=case).exists() == (status == 200)


def test_a_visitor_is_sent_to_sign_in(make_case, client):
    case = make_case()
    response = client.post(reverse("case_generate_document", args=[case.pk]), {"kind": T.ACCEPTANCE})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not CaseDocument.objects.exists()


def test_the_case_page_offers_generation_to_staff_only(make_case, clerk, party):
    case = make_case()
    page = Client()
    page.force_login(clerk)
    assert 'id="generate-document"' in page.get(reverse("case_detail", args=[case.pk])).content.decode()
    page.force_login(party)
    assert 'id="generate-document"' not in page.get(reverse("case_detail", args=[case.pk])).content.decode()


def test_served_in_one_step_and_read_by_the_party(make_case, clerk, party):
    case = make_case()
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    client = Client()
    client.force_login(clerk)
    response = client.post(reverse("case_generate_document", args=[case.pk]),
                           {"kind": T.ACCEPTANCE, "language": "zh-hans", "party": plaintiff.pk, "serve": "on",
                            "channel": ServiceAttempt.Channel.ELECTRONIC})
    assert response.status_code == 302 and response["Location"].endswith("#case-file")
    issued = IssuedDocument.objects.get(case=case)
    attempt = ServiceAttempt.objects.get(case=case, party=plaintiff, document=ServiceAttempt.Document.OTHER)
    assert issued.served_by == attempt and attempt.status == ServiceAttempt.Status.SENT
    case.refresh_from_db()
    assert case.state == CaseState.SERVICE  # the first service moves an accepted case into service
    sent = case.events.get(kind="service_sent", payload__attempt=attempt.pk)
    added = case.events.get(kind="document_added", payload__document=issued.document.pk)
    assert sent.actor == added.actor == clerk
    # The party reads it in the case file and downloads it through the access-checked view.
    reader = Client()
    reader.force_login(party)
    assert issued.document.title in reader.get(reverse("case_detail", args=[case.pk])).content.decode()
    download = reader.get(reverse("document_download", args=[issued.document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_refused_service_leaves_no_document_and_no_file(make_case, clerk, case_files_dir):
    """CPL 90: "经受送达人同意，人民法院可以采用能够确认其收悉的电子方式送达诉讼文书"."""
    case = make_case(e_consent=False)
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    with pytest.raises(case_services.CaseRuleError) as refused:
        services.document_serve(case=case, actor=clerk, kind=T.RESPONSE, party=defendant,
                                channel=ServiceAttempt.Channel.ELECTRONIC)
    assert refused.value.code == "no_consent"
    assert not CaseDocument.objects.filter(case=case).exists() and not IssuedDocument.objects.exists()
    assert not ServiceAttempt.objects.filter(case=case).exists()
    assert stored(case_files_dir) == []


def test_a_refusal_is_shown_next_to_its_field_with_what_was_chosen(make_case, clerk):
    case = make_case(e_consent=False)
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    client = Client()
    client.force_login(clerk)
    response = client.post(reverse("case_generate_document", args=[case.pk]),
                           {"kind": T.RESPONSE, "language": "en", "party": defendant.pk, "serve": "on",
                            "channel": ServiceAttempt.Channel.ELECTRONIC})
    assert response.status_code == 200
    form = response.context["form"]
    assert "CPL 90" in " ".join(form.errors["channel"])
    assert form["kind"].value() == T.RESPONSE and str(form["party"].value()) == str(defendant.pk)


def test_a_proof_of_service_is_not_served(make_case, clerk):
    case = make_case(state="service")
    with pytest.raises(case_services.CaseRuleError) as refused:
        services.document_serve(case=case, actor=clerk, kind=T.SERVICE_RECEIPT, party=case.parties.first(),
                                channel=ServiceAttempt.Channel.POST)
    assert refused.value.code == "not_servable"
