"""The mediation pages per role: the list with the mediation deadline (open ones by default), the diversion, the
mediation page with each role's steps; a village elder sees only its live mediations and no internal material."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from court.cases import services
from court.cases.models import Case, CaseType
from court.mediation import services as med
from court.mediation.models import Mediation

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_list_shows_the_mediation_deadline_and_open_ones_by_default(assigned, elder):
    response = client_for(elder).get(reverse("mediations"))
    assert response.status_code == 200
    assert [r.mediation.pk for r in response.context["rows"]] == [assigned.pk]
    assert assigned.due_on.isoformat() in text(response)
    med.prefiling_fail(mediation=assigned, actor=elder, reason="被告明确拒绝", on=date(2024, 3, 10))
    assert client_for(elder).get(reverse("mediations")).context["rows"] == []
    rows = client_for(elder).get(reverse("mediations") + "?all=1").context["rows"]
    assert [r.mediation.outcome for r in rows] == [Mediation.Outcome.FAILED]


@pytest.mark.parametrize("persona", ["judge", "party", "elder"])
def test_only_the_filing_officer_diverts(complaint, persona, request):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(reverse("mediation:divert", args=[complaint.pk]), {"consent": "on"})
    assert response.status_code in (403, 404)
    assert Case.objects.get(pk=complaint.pk).case_type == CaseType.FIRST_INSTANCE


def test_diversion_without_consent_keeps_the_form(complaint, filing_officer, village):
    client = client_for(filing_officer)
    response = client.post(reverse("mediation:divert", args=[complaint.pk]), {"area": village.pk})
    assert response.status_code == 200 and med.NEEDS_CONSENT in text(response)
    assert response.context["form"]["area"].value() == str(village.pk)
    response = client.post(reverse("mediation:divert", args=[complaint.pk]), {"consent": "on", "area": village.pk})
    mediation = Mediation.objects.get()
    assert response.status_code == 302 and response.url == reverse("mediation:detail", args=[mediation.pk])


@pytest.mark.parametrize(("persona", "status"), [
    ("elder", 200), ("far_elder", 404), ("filing_officer", 200), ("party", 200), ("stranger", 404),
    ("judge", 404), ("admin", 200), ("lawyer", 200)])
def test_who_opens_a_pre_filing_mediation(assigned, persona, status, request):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("mediation:detail", args=[assigned.pk])).status_code == status


def test_the_elder_sees_its_steps_and_no_internal_document(assigned, elder, party):
    case = Case.objects.get(pk=assigned.case_id)
    services.document_upload(case=case, actor=None, kind="other", title="内部审查意见", internal=True,
                             file=SimpleUploadedFile("n.pdf", PDF))
    response = client_for(elder).get(reverse("case_detail", args=[case.pk]))
    assert "内部审查意见" not in text(response)
    steps = client_for(elder).get(reverse("mediation:detail", args=[assigned.pk])).context["steps"]
    assert steps["agreement"] and steps["fail"] and not steps["assign"] and not steps["decide"]
    party_steps = client_for(party).get(reverse("mediation:detail", args=[assigned.pk])).context["steps"]
    assert not party_steps["agreement"] and not party_steps["fail"] and party_steps["statement"]
    # A party cannot post a mediator's step.
    response = client_for(party).post(reverse("mediation:detail", args=[assigned.pk]),
                                      {"step": "agreement", "terms": "x"})
    assert response.status_code == 403


def test_the_elder_draws_the_agreement_and_the_party_signs(assigned, elder, party):
    client = client_for(elder)
    response = client.post(reverse("mediation:detail", args=[assigned.pk]), {"step": "agreement", "terms": ""})
    assert response.status_code == 200  # the form again, with its error
    response = client.post(reverse("mediation:detail", args=[assigned.pk]),
                           {"step": "agreement", "terms": "分两期归还借款"})
    assert response.status_code == 302
    plaintiff = assigned.case.parties.get(side="plaintiff")
    response = client_for(party).post(reverse("mediation:detail", args=[assigned.pk]),
                                      {"step": "sign", "party": plaintiff.pk})
    assert response.status_code == 302
    assert Mediation.objects.get(pk=assigned.pk).agreement.signatures.get().party == plaintiff
    defendant = assigned.case.parties.get(side="defendant")
    response = client_for(party).post(reverse("mediation:detail", args=[assigned.pk]),
                                      {"step": "sign", "party": defendant.pk})
    assert response.status_code == 403  # not its party


def test_the_team_starts_an_entrusted_mediation(make_case, clerk, elder, judge):
    case = make_case(state="heard")
    response = client_for(clerk).post(reverse("mediation:start", args=[case.pk]),
                                      {"mediator": elder.pk, "entrusted": "on"})
    mediation = Mediation.objects.get()
    assert response.status_code == 302 and mediation.stage == Mediation.Stage.ENTRUSTED
    assert client_for(judge).get(reverse("mediations")).context["rows"][0].mediation == mediation
