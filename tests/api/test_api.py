"""The API reads through `court.cases.access` and writes through the services: what each role gets, the
problem documents, pagination, tokens and filing a complaint with its evidence."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from court.api.models import ApiToken
from court.api.problems import PROBLEM_JSON
from court.api.tokens import create_token
from court.cases import services
from court.cases.bounds import AMOUNT_TOO_LARGE_MESSAGE
from court.cases.models import Case, CaseDocument, CaseEvent, FeeNotice
from court.cases.services.filing import NO_PLAINTIFF

from .conftest import PDF, complaint, upload

URL = "/api/v1/"


def problem(response) -> dict:
    assert response["Content-Type"] == PROBLEM_JSON, response.content
    return response.json()


# --- authentication ---------------------------------------------------------------------------------------

def test_anonymous_gets_a_401_problem_with_the_bearer_challenge(api):
    response = api().get(URL + "cases/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert problem(response)["status"] == 401


def test_a_token_is_stored_hashed_and_shown_once(party):
    token, key = create_token(party, name="firm system")
    assert key.startswith("fj_" + token.prefix)
    row = ApiToken.objects.get()
    assert key not in (row.digest, row.prefix) and len(row.digest) == 64


@pytest.mark.parametrize("spoil", ["wrong secret", "revoked", "expired", "inactive user"])
def test_a_spoiled_token_opens_nothing(api, party, spoil):
    from datetime import timedelta

    from django.utils import timezone

    token, key = create_token(party, name="t")
    if spoil == "wrong secret":
        key = key[:-4] + "AAAA"
    elif spoil == "revoked":
        token.revoked_at = timezone.now()
        token.save()
    elif spoil == "expired":
        token.expires_at = timezone.now() - timedelta(seconds=1)
        token.save()
    else:
        party.is_active = False
        party.save()
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = client.get(URL + "me/")
    assert response.status_code == 401 and problem(response)["detail"].startswith("The API token is not valid")


def test_a_user_revokes_their_own_token_and_not_anothers(api, party, stranger):
    own, _key = create_token(party, name="mine")
    theirs, _other = create_token(stranger, name="theirs")
    client = api(party)
    assert client.delete(f"{URL}tokens/{theirs.pk}/").status_code == 404
    assert client.delete(f"{URL}tokens/{own.pk}/").status_code == 204
    own.refresh_from_db()
    theirs.refresh_from_db()
    assert own.revoked_at is not None and theirs.revoked_at is None
    assert [t["name"] for t in client.get(URL + "tokens/").json()["results"]] == ["test"]


def test_the_session_works_but_a_post_needs_the_csrf_token(as_user, party, court, cause):
    client = as_user(party)
    client.handler.enforce_csrf_checks = True
    assert client.get(URL + "me/").json()["role"] == "party"
    response = client.post(URL + "filings/", json.dumps(complaint(court, cause)), content_type="application/json")
    assert response.status_code == 403 and "CSRF" in problem(response)["detail"]
    assert not Case.objects.exists()


def test_the_account_page_creates_shows_once_and_revokes_a_token(as_user, party, api):
    client = as_user(party)
    response = client.post(reverse("api_tokens"), {"token-name": "律所系统", "token-days": "30"})
    key = response.context["new_key"]
    assert key.startswith("fj_") and key in response.content.decode()
    assert key not in client.get(reverse("api_tokens")).content.decode()
    bearer = api()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert bearer.get(URL + "me/").status_code == 200
    token = ApiToken.objects.get(user=party)
    client.post(reverse("api_tokens"), {"revoke": str(token.pk)})
    assert bearer.get(URL + "me/").status_code == 401


def test_the_throttle_answers_429_as_a_problem(api, party, settings):
    settings.FANJIAN_API_RATES = settings.FANJIAN_API_RATES | {"user": "3/min"}
    client = api(party)
    statuses = [client.get(URL + "me/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(URL + "me/")
    assert problem(response)["status"] == 429 and int(response["Retry-After"]) > 0


# --- reading ----------------------------------------------------------------------------------------------

def test_a_party_reads_its_case_without_the_other_sides_contact_data(api, party, recent):
    case = recent(state="service")
    body = api(party).get(f"{URL}cases/{case.pk}/").json()
    assert body["case_number"] == case.case_number and "team" not in body and "net_trial_days" not in body
    own, other = body["parties"]
    assert own["name"] == "张三" and own["e_address"] == "zhangsan@example.cn"
    assert other["name"] == "李四0" and other["address"] is None and other["id_number"] is None


def test_a_stranger_gets_the_same_404_for_another_partys_case_as_for_none(api, stranger, recent):
    case = recent(state="service")
    client = api(stranger)
    seen, missing = client.get(f"{URL}cases/{case.pk}/"), client.get(f"{URL}cases/{case.pk + 1000}/")
    assert seen.status_code == missing.status_code == 404
    assert problem(seen)["detail"] == problem(missing)["detail"] == "You do not have access to this case."
    assert client.get(URL + "cases/").json()["count"] == 0


def test_internal_documents_are_hidden_from_the_party_and_the_download_is_an_attachment(api, party, judge, recent):
    case = recent(state="service")
    public = services.document_upload(case=case, actor=judge, kind="other", title="传票", file=upload("a.pdf", PDF))
    internal = services.document_upload(case=case, actor=judge, kind="other", title="审理报告",
                                        file=upload("b.pdf", PDF), internal=True)
    client = api(party)
    listed = client.get(f"{URL}cases/{case.pk}/documents/").json()["results"]
    assert [d["id"] for d in listed] == [public.pk]
    download = client.get(listed[0]["download"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment") and b"".join(download.streaming_content) == PDF
    assert client.get(f"{URL}documents/{internal.pk}/download/").status_code == 404
    assert api(judge).get(f"{URL}documents/{internal.pk}/download/").status_code == 200


def test_hearings_and_fees_of_the_case(api, party, recent):
    from datetime import timedelta

    case = recent(state="scheduled", days_ago=40)
    FeeNotice.objects.create(case=case, amount="1050.00", basis="FEE 13", issued_on=case.filed_on,
                             due_on=case.filed_on + timedelta(days=7))
    client = api(party)
    hearings = client.get(f"{URL}cases/{case.pk}/hearings/").json()["results"]
    assert [h["status"] for h in hearings] == ["scheduled"] and hearings[0]["room"] == "第一法庭"
    fees = client.get(f"{URL}cases/{case.pk}/fees/").json()["results"]
    assert [(f["amount"], f["basis"]) for f in fees] == [("1050.00", "FEE 13")]


def test_notices_are_the_users_own(api, party, stranger, recent):
    from court.portal.models import Notice

    case = recent(state="service")
    Notice.objects.create(recipient=party, case=case, kind="hearing", subject="开庭通知", body="…", key="k1")
    Notice.objects.create(recipient=stranger, kind="other", subject="别人的", body="…", key="k2")
    assert [n["subject"] for n in api(party).get(URL + "notices/").json()["results"]] == ["开庭通知"]


def test_pagination_is_bounded(api, judge, recent):
    for _ in range(3):
        recent(state="accepted")
    client = api(judge)
    page = client.get(URL + "docket/", {"page_size": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert len(client.get(URL + "docket/", {"page_size": 100000}).json()["results"]) == 3  # capped at 100
    assert problem(client.get(URL + "docket/", {"page": 99}))["status"] == 404


def test_the_docket_is_for_staff_and_its_filters_are_checked(api, judge, party, recent):
    recent(state="accepted")
    assert problem(api(party).get(URL + "docket/"))["status"] == 403
    response = api(judge).get(URL + "docket/", {"sort": "nonsense"})
    assert response.status_code == 400 and problem(response)["errors"][0]["field"] == "sort"
    rows = api(judge).get(URL + "docket/").json()["results"]
    assert len(rows) == 1 and rows[0]["team"] == "审判团队A" and rows[0]["days_left"] is not None


def test_the_filing_queue_is_the_filing_desks(api, filing_officer, judge, make_case):
    case = make_case(state="filed")
    assert [c["id"] for c in api(filing_officer).get(URL + "filing-queue/").json()["results"]] == [case.pk]
    assert api(judge).get(URL + "filing-queue/").status_code == 403


def test_metrics_for_the_administrator_with_the_dashboards_bounds(api, admin, party, recent):
    recent(state="closed", days_ago=60)
    client = api(admin)
    body = client.get(URL + "metrics/", {"from": "2020-01-01", "to": "2020-12-31"}).json()
    assert body["from"] == "2020-01-01" and "received" in body["figures"]
    too_long = client.get(URL + "metrics/", {"from": "1000-01-01"})
    assert too_long.status_code == 400 and problem(too_long)["errors"][0]["message"].startswith("Give a date from")
    assert api(party).get(URL + "metrics/").status_code == 403


# --- filing -------------------------------------------------------------------------------------------------

def test_a_party_files_a_complaint_through_the_service(api, party, court, cause):
    response = api(party).post(URL + "filings/", complaint(court, cause), format="json")
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert response["Location"] == f"/api/v1/cases/{case.pk}/"
    assert response.json()["state"] == "filed" and response.json()["decision_due"]
    assert case.filed_by == party and case.parties.get(side="plaintiff").user == party
    assert case.events.filter(kind=CaseEvent.Kind.SUBMITTED).count() == 1
    assert [c["id"] for c in api(party).get(URL + "filings/").json()["results"]] == [case.pk]


def test_a_lawyer_files_for_the_client_and_represents_every_plaintiff(api, lawyer, court, cause):
    data = complaint(court, cause)
    data["plaintiffs"].append({"name": "王五", "address_known": False})
    assert api(lawyer).post(URL + "filings/", data, format="json").status_code == 201
    case = Case.objects.get()
    assert case.lawyer_represented and all(p.representatives.get().user == lawyer
                                           for p in case.parties.filter(side="plaintiff"))


def test_a_complaint_with_evidence_files_multipart(api, party, court, cause, case_files_dir):
    data = complaint(court, cause, evidence=[{"name": "借条", "source": "原告", "pages": 1, "file": "f1"}])
    response = api(party).post(URL + "filings/", {"complaint": json.dumps(data), "f1": upload("借条.pdf", PDF)},
                               format="multipart")
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert case.evidence_items == 1 and case.evidence.get().document.content_type == "application/pdf"


def test_a_fake_evidence_file_is_refused_at_its_field_and_nothing_is_stored(api, party, court, cause,
                                                                              case_files_dir):
    from tests.casefile.conftest import FAKES, stored_files

    data = complaint(court, cause, evidence=[{"name": "借条", "file": "f1"}, {"name": "网页", "file": "f2"}])
    response = api(party).post(URL + "filings/", {"complaint": json.dumps(data), "f1": upload("a.pdf", PDF),
                                                  "f2": upload("page.pdf", FAKES["html"])}, format="multipart")
    assert response.status_code == 400
    assert [e["field"] for e in problem(response)["errors"]] == ["evidence[1].file"]
    assert not Case.objects.exists() and not CaseDocument.objects.exists() and stored_files(case_files_dir) == []


def test_invalid_fields_are_named_as_paths(api, party, court, cause):
    data = complaint(court, cause, claim_amount="99999999999999.99")
    data["defendants"] = [{"name": "李四", "address_known": True, "address": ""}]
    data["plaintiffs"][0]["e_service_consent"] = True
    response = api(party).post(URL + "filings/", data, format="json")
    assert response.status_code == 400
    fields = {e["field"] for e in problem(response)["errors"]}
    assert "claim_amount" in fields and not Case.objects.exists()
    response = api(party).post(URL + "filings/", complaint(court, cause) | {
        "plaintiffs": [{"name": "张三", "address": "x", "e_service_consent": True}],
        "defendants": [{"name": "李四", "address": ""}]}, format="json")
    assert {e["field"] for e in problem(response)["errors"]} == {"plaintiffs[0].e_address", "defendants[0].address"}


def test_a_refusal_of_the_service_is_a_422_with_its_code_and_article(api, party, court, cause, monkeypatch):
    def refuse(**kwargs):
        raise services.CaseRuleError(NO_PLAINTIFF, code="no_plaintiff", article="CPL 122")

    monkeypatch.setattr(services, "case_submit", refuse)
    response = api(party).post(URL + "filings/", complaint(court, cause), format="json")
    body = problem(response)
    assert response.status_code == 422 and body["code"] == "no_plaintiff" and body["article"] == "CPL 122"
    assert body["errors"] == [{"field": "plaintiffs", "message": "CPL 122(1): a complaint needs at least one plaintiff."}]
    assert body["type"] == "urn:fanjian:problem:rule:no_plaintiff"


def test_only_parties_and_lawyers_file(api, judge, court, cause):
    response = api(judge).post(URL + "filings/", complaint(court, cause), format="json")
    assert response.status_code == 403 and not Case.objects.exists()


def test_the_amount_bound_holds_on_the_api_too(api, party, court, cause):
    response = api(party).post(URL + "filings/", complaint(court, cause, claim_amount="1000000000000.00"),
                               format="json")
    assert response.status_code == 400 and problem(response)["errors"][0]["field"] == "claim_amount"
    assert AMOUNT_TOO_LARGE_MESSAGE  # the forms' message; the wire format refuses first
