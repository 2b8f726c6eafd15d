"""Guided filing through its steps (网上立案, OLR 9): what the one-page form proved, proved again through the steps
— filing and the decision date (CPL 126), a lawyer's representation, third parties, the parties' rules — plus
the itemised claims, their server-side total and the fee estimate before submitting.

CPL 126: "人民法院应当保障当事人依照法律规定享有的起诉权利。对符合本法第一百二十二条的起诉，必须受理。符合起诉条件的，
应当在七日内立案，并通知当事人；"
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from court.cases.models import Case, CaseEvent, CaseState, Party
from court.cases.term import court_calendar, today
from court.portal.filing import steps
from court.portal.models import FilingDraft
from court.rules.periods import filing_decision_due
from tests.web.conftest import page_text

from .filing_helpers import claims, fill, file_online, filing_data, management, post_step, start, submit
from .filing_helpers import party as party_form


def test_file_case_lists_the_drafts_and_starts_one(party, court, cause, as_user):
    client = as_user(party)
    page = client.get(reverse("file_case"))
    assert page.status_code == 200 and "Start a new complaint" in page_text(page)
    draft = start(client)
    assert draft.owner == party and draft.step == steps.COURT
    response = client.get(reverse("portal:draft_step", args=[draft.pk, "court"]))
    assert cause in response.context["form"].fields["cause"].queryset
    assert 'name="version"' in response.content.decode()


def test_a_party_files_online_and_sees_the_decision_date(party, court, cause, as_user):
    client = as_user(party)
    response = file_online(client, filing_data(court, cause))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:draft_received", args=[response.draft.pk])
    assert case.state == CaseState.FILED and case.filed_by == party and case.defendant_count == 2
    assert case.parties.get(side=Party.Side.PLAINTIFF).user == party
    assert case.claim_amount == Decimal("30000.00") and case.claims == "1. 判令被告归还借款3万元（30,000.00元）"
    due = filing_decision_due(today(), calendar=court_calendar())
    page = page_text(client.get(response["Location"]))
    assert "Your complaint was received" in page and due.isoformat() in page and "CPL 126" in page
    case_page = page_text(client.get(reverse("case_detail", args=[case.pk])))
    assert "Filed, awaiting decision" in case_page
    draft = FilingDraft.objects.get()
    assert draft.case == case and draft.submitted_at is not None


def test_a_lawyer_files_for_a_client_and_represents_the_plaintiff(lawyer, court, cause, as_user):
    assert file_online(as_user(lawyer), filing_data(court, cause)).status_code == 302
    plaintiff = Party.objects.get(side=Party.Side.PLAINTIFF)
    rep = plaintiff.representatives.get()
    assert rep.user == lawyer and rep.law_firm == "秦岭律师事务所" and plaintiff.user is None
    assert plaintiff.case.lawyer_represented is True


def test_a_lawyer_represents_every_plaintiff_and_a_party_is_only_the_first(lawyer, party, court, cause, as_user):
    data = filing_data(court, cause) | management("plaintiffs", 2) | party_form("plaintiffs", 1, "赵六")
    file_online(as_user(lawyer), data)
    assert all(p.representatives.get().user == lawyer for p in Party.objects.filter(side=Party.Side.PLAINTIFF))
    file_online(as_user(party), data)
    case = Case.objects.filter(filed_by=party).get()
    users = list(case.parties.filter(side=Party.Side.PLAINTIFF).order_by("id").values_list("user", flat=True))
    assert users == [party.pk, None]


def test_a_complaint_without_a_defendant_stays_on_its_step_with_the_message(party, court, cause, as_user):
    client = as_user(party)
    draft = start(client)
    data = filing_data(court, cause) | management("defendants", 1) | {"defendants-0-name": ""}
    response = post_step(client, draft, steps.PARTIES, data, goto=steps.CLAIMS)
    assert response.status_code == 200 and response.context["formsets"][1][0].errors[0]["name"]
    draft.refresh_from_db()
    assert draft.data[steps.PARTIES]["plaintiffs-0-name"] == "张三"  # kept as typed, errors and all
    fill(client, draft, data)
    response = submit(client, draft)
    assert response.status_code == 200 and not Case.objects.exists()
    assert response.context["ok"][steps.PARTIES] is False and "“Parties” is not complete" in page_text(response)


def test_e_service_consent_needs_an_address(party, court, cause, as_user):
    client = as_user(party)
    draft = start(client)
    response = post_step(client, draft, steps.PARTIES, filing_data(court, cause) | {"plaintiffs-0-e_address": ""},
                         goto=steps.CLAIMS)
    assert response.status_code == 200 and "Give the electronic address" in page_text(response)


def test_third_parties_are_added_through_their_formset(party, court, cause, as_user):
    data = filing_data(court, cause) | management("third", 1) | party_form("third", 0, "某银行", kind="entity")
    file_online(as_user(party), data)
    case = Case.objects.get()
    assert case.third_party_count == 1
    assert case.events.filter(kind=CaseEvent.Kind.SUBMITTED).count() == 1


def test_court_staff_cannot_file_online(judge, filing_officer, admin, court, cause, as_user):
    for user in (judge, filing_officer, admin):
        client = as_user(user)
        assert client.get(reverse("file_case")).status_code == 403
        assert client.post(reverse("file_case")).status_code == 403
    assert not FilingDraft.objects.exists()


def test_a_party_filer_starts_with_its_own_details(party, court, as_user):
    client = as_user(party)
    draft = start(client)
    response = client.get(reverse("portal:draft_step", args=[draft.pk, steps.PARTIES]))
    assert response.context["formsets"][0][0].forms[0]["name"].value() == str(party)


# --- claims itemised -----------------------------------------------------------------------------------------

def test_the_claims_are_itemised_and_the_total_is_computed_on_the_server(party, court, cause, as_user):
    client = as_user(party)
    data = filing_data(court, cause) | claims(("归还借款", "30000"), ("支付利息", "1250.50"),
                                              ("诉讼费由被告承担", ""))
    draft = start(client)
    fill(client, draft, data)
    page = client.get(reverse("portal:draft_step", args=[draft.pk, steps.CLAIMS]))
    assert page.context["total"] == Decimal("31250.50") and "31,250.50 yuan" in page_text(page)
    review = client.get(reverse("portal:draft_step", args=[draft.pk, steps.REVIEW]))
    assert review.context["total"] == Decimal("31250.50")
    submit(client, draft)
    case = Case.objects.get()
    assert case.claim_amount == Decimal("31250.50")
    assert case.claims.splitlines() == ["1. 归还借款（30,000.00元）", "2. 支付利息（1,250.50元）", "3. 诉讼费由被告承担"]


def test_the_autosave_returns_the_server_total(party, court, cause, as_user):
    client = as_user(party)
    draft = start(client)
    body = {"step": "claims", "version": str(draft.version)} | claims(("归还借款", "100"), ("利息", "0.5"))
    response = client.post(reverse("portal:draft_save", args=[draft.pk]), body)
    assert response.status_code == 200 and response.json()["total"] == "100.50 yuan"
