"""The API's write endpoints beyond filing: documents and evidence for the case file (OLR 11; CPL 67), submissions
in an asynchronous hearing (OLR 20), the defendant's answer (CPL 128), applications (CPL 148, 130) and fee
payments and relief (FEE 20-22, 44-48). Each goes through the service the case page uses and writes its
CaseEvent; another party gets a 404, the court's staff the page's 403, the anonymous a 401; an idempotent replay
gets the first response and writes once; bad input is a problem naming the field."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from court.api.views.common import NAME_THE_PARTY, ONLY_PARTIES_STEP
from court.cases import services
from court.cases.models import (
    Application,
    AsyncStage,
    AsyncSubmission,
    AsyncWindow,
    CaseDocument,
    CaseEvent,
    EvidenceItem,
    FeeNotice,
    FeePayment,
    Hearing,
    Party,
    PeriodKind,
)
from court.cases.services.applications import (
    ANSWER_NEEDS_CONTENT,
    ANSWER_ONLY_DEFENDANT,
    APPLICATION_ALREADY_PENDING,
    OBJECTION_ONLY_DEFENDANT,
)
from court.cases.services.async_hearings import ASYNC_NOT_ASYNC, ASYNC_WINDOW_CLOSED, ASYNC_WINDOW_NOT_OPEN
from court.cases.services.fees import NO_ONLINE_PAYMENT, NOTHING_OWED
from court.cases.term import today
from court.org.models import Role, User
from tests.casefile.conftest import FAKES, stored_files
from tests.hearings.conftest import ahead, book

from .conftest import PDF, upload

URL = "/api/v1/cases/"
K = CaseEvent.Kind
S, E, R = AsyncStage.STATEMENTS, AsyncStage.EVIDENCE, AsyncStage.RESPONSES


def problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json", response.content
    return response.json()


def fields(response) -> list[str]:
    return [e["field"] for e in problem(response)["errors"]]


def events(case, kind) -> list[CaseEvent]:
    return list(case.events.filter(kind=kind).order_by("id"))


@pytest.fixture(scope="module")
def openapi():
    """The API's OpenAPI schema, as /api/v1/openapi.json serves it, for schemathesis to check responses against."""
    import json

    import schemathesis
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    return schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(
        SchemaGenerator().get_schema(request=None, public=True))))


@pytest.fixture
def conforms(openapi):
    """`conforms(operation_id, response)`: the response's status, content type, headers and body are those the
    schema documents (schemathesis's own checks, as in test_schemathesis.py; it raises otherwise)."""
    import requests
    from schemathesis.core.transport import Response
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [status_code_conformance, content_type_conformance, response_headers_conformance,
              response_schema_conformance]

    def check(operation_id: str, response) -> None:
        operation = openapi.find_operation_by_id(operation_id)
        path = response.wsgi_request.get_full_path()
        request = requests.Request(method=operation.method.upper(), url="http://testserver" + path).prepare()
        received = Response(status_code=response.status_code, headers={k.lower(): [v] for k, v in response.items()},
                            content=response.content, request=request, elapsed=0.0, verify=False)
        path_parameters = {"id" if k == "pk" else k: v for k, v in response.resolver_match.kwargs.items()}
        operation.Case(path_parameters=path_parameters).validate_response(received, checks=checks)

    return check


@pytest.fixture
def defendant_user(db) -> User:
    return User.objects.create_user(username="defendant", password="pw-defendant", role=Role.PARTY)


@pytest.fixture
def served(make_case, defendant_user):
    """An ordinary case served on the defendant 7 days ago: its 15-day answer period (CPL 128) runs; the
    defendant has an account (`defendant_user`), the plaintiff is `party`, represented by `lawyer`."""
    case = make_case(state="service", procedure="ordinary", filed_on=today() - timedelta(days=10))
    Party.objects.filter(case=case, side=Party.Side.DEFENDANT).update(user=defendant_user)
    return case


@pytest.fixture
def async_case(make_case, judge, defendant_user):
    """A case with a scheduled asynchronous hearing whose statements' window is open today (OLR 20)."""
    case = make_case(state="service", filed_on=today() - timedelta(days=30))
    Party.objects.filter(case=case, side=Party.Side.DEFENDANT).update(user=defendant_user)
    hearing = book(case, judge, ahead(1), mode=Hearing.Mode.ASYNC, all_parties_consent=True, respond_by=ahead(9))
    services.async_windows_set(hearing=hearing, actor=judge, windows=[
        (S, today(), ahead(2)), (E, ahead(1), ahead(4)), (R, ahead(5), ahead(7))])
    return case, hearing


def _shift(hearing, days: int) -> None:
    """Let `days` pass: every window moves that many days into the past."""
    for w in AsyncWindow.objects.filter(hearing=hearing):
        AsyncWindow.objects.filter(pk=w.pk).update(opens_on=w.opens_on - timedelta(days=days),
                                                   closes_on=w.closes_on - timedelta(days=days))


def plaintiff(case) -> Party:
    return case.parties.get(side=Party.Side.PLAINTIFF)


def defendant(case) -> Party:
    return case.parties.get(side=Party.Side.DEFENDANT)


# --- asynchronous hearings (OLR 20) ---------------------------------------------------------------------------

def test_a_party_submits_in_the_open_window_through_the_service(api, async_case, party, conforms):
    case, hearing = async_case
    response = api(party).post(f"{URL}{case.pk}/async-submissions/",
                               {"stage": S, "text": "原告陈述：借款未还。", "file": upload("借条.pdf", PDF)},
                               format="multipart")
    assert response.status_code == 201, response.content
    conforms("cases_async_submissions_create", response)
    body = response.json()
    assert (body["hearing"], body["stage"], body["party"], body["text"]) == (hearing.pk, S, plaintiff(case).pk,
                                                                            "原告陈述：借款未还。")
    submission = AsyncSubmission.objects.get()
    assert submission.submitted_by == party and submission.document.case_id == case.pk
    assert body["document"]["id"] == submission.document_id and not submission.document.internal
    [event] = events(case, K.ASYNC_SUBMITTED)
    assert event.actor == party and event.basis == "OLR 20" and event.payload["stage"] == S


def test_everyone_on_the_case_reads_the_windows_and_every_submission(api, async_case, party, defendant_user,
                                                                     judge, conforms):
    case, hearing = async_case
    services.async_submit(hearing=hearing, actor=defendant_user, party=defendant(case), stage=S, text="被告陈述",
                          file=upload("d.pdf", PDF))
    assert api(party).post(f"{URL}{case.pk}/async-submissions/", {"stage": S, "text": "原告陈述"},
                           format="json").status_code == 201
    conforms("cases_async_hearings_list", api(party).get(f"{URL}{case.pk}/async-hearings/"))
    conforms("cases_async_submissions_list", api(party).get(f"{URL}{case.pk}/async-submissions/"))
    for reader in (party, defendant_user, judge):
        [listed] = api(reader).get(f"{URL}{case.pk}/async-hearings/").json()["results"]
        assert listed["id"] == hearing.pk and [w["stage"] for w in listed["windows"]] == [S, E, R]
        assert [w["open_now"] for w in listed["windows"]] == [True, False, False]
        assert [s["text"] for s in listed["windows"][0]["submissions"]] == ["被告陈述", "原告陈述"]
    flat = api(party).get(f"{URL}{case.pk}/async-submissions/", {"stage": S}).json()["results"]
    assert [s["party_name"] for s in flat] == [defendant(case).name, plaintiff(case).name]
    assert api(party).get(flat[0]["document"]["download"]).status_code == 200  # the other side's file
    assert api(party).get(f"{URL}{case.pk}/async-submissions/", {"stage": R}).json()["count"] == 0


def test_reading_the_async_hearings_takes_the_same_queries_however_many_submissions(api, async_case, party,
                                                                                    lawyer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case, hearing = async_case
    client = api(party)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            for path in ("async-hearings/", "async-submissions/"):
                assert client.get(f"{URL}{case.pk}/{path}").status_code == 200
        return len(captured.captured_queries)

    services.async_submit(hearing=hearing, actor=party, party=plaintiff(case), stage=S, text="一",
                          file=upload("1.pdf", PDF))
    queries()  # the token's first use of the test is recorded (`last_used_at`); the reads that follow write nothing
    few = queries()
    for n in range(5):
        services.async_submit(hearing=hearing, actor=lawyer, party=plaintiff(case), stage=S, text=f"补充{n}",
                              file=upload(f"{n}.pdf", PDF))
    assert queries() == few


def test_a_late_submission_is_refused_with_the_rules_message(api, async_case, party, conforms):
    case, hearing = async_case
    _shift(hearing, 3)  # the statements' window closed yesterday
    response = api(party).post(f"{URL}{case.pk}/async-submissions/", {"stage": S, "text": "迟到的陈述"},
                               format="json")
    assert response.status_code == 422
    conforms("cases_async_submissions_create", response)
    body = problem(response)
    closed = AsyncWindow.objects.get(hearing=hearing, stage=S).closes_on
    assert body["detail"] == ASYNC_WINDOW_CLOSED % {"stage": "Statements", "date": closed}
    assert (body["code"], body["article"], fields(response)) == ("window_closed", "OLR 20", ["stage"])
    early = api(party).post(f"{URL}{case.pk}/async-submissions/", {"stage": R, "text": "答复"}, format="json")
    opens = AsyncWindow.objects.get(hearing=hearing, stage=R).opens_on
    assert problem(early)["detail"] == ASYNC_WINDOW_NOT_OPEN % {"stage": "Responses", "date": opens}
    assert not AsyncSubmission.objects.exists() and not events(case, K.ASYNC_SUBMITTED)


def test_async_submissions_refuse_strangers_staff_and_the_anonymous(api, async_case, stranger, judge, clerk):
    case, _hearing = async_case
    url = f"{URL}{case.pk}/async-submissions/"
    data = {"stage": S, "text": "陈述", "party": plaintiff(case).pk}
    assert problem(api(stranger).post(url, data, format="json"))["status"] == 404
    assert api(stranger).get(f"{URL}{case.pk}/async-hearings/").status_code == 404
    for staff in (judge, clerk):  # the court does not submit for a party (OLR 20)
        response = api(staff).post(url, data, format="json")
        assert response.status_code == 403 and problem(response)["detail"] == ONLY_PARTIES_STEP
    assert api().post(url, data, format="json").status_code == 401
    assert not AsyncSubmission.objects.exists()


def test_a_party_may_not_submit_for_the_other_side(api, async_case, party):
    case, _hearing = async_case
    response = api(party).post(f"{URL}{case.pk}/async-submissions/",
                               {"stage": S, "text": "冒名陈述", "party": defendant(case).pk}, format="json")
    assert response.status_code == 403 and not AsyncSubmission.objects.exists()


def test_an_async_submission_replayed_with_its_key_is_filed_once(api, async_case, lawyer):
    case, _hearing = async_case
    client = api(lawyer)
    send = lambda: client.post(f"{URL}{case.pk}/async-submissions/",  # noqa: E731
                               {"stage": S, "text": "代理意见", "file": upload("a.pdf", PDF)}, format="multipart",
                               HTTP_IDEMPOTENCY_KEY="async-1")
    first, again = send(), send()
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert AsyncSubmission.objects.count() == 1 and len(events(case, K.ASYNC_SUBMITTED)) == 1
    assert CaseDocument.objects.filter(case=case).count() == 1


def test_bad_async_input_names_the_field(api, async_case, party, make_case, case_files_dir):
    case, _hearing = async_case
    client = api(party)
    url = f"{URL}{case.pk}/async-submissions/"
    assert fields(client.post(url, {"stage": S}, format="json")) == ["text"]
    assert fields(client.post(url, {"stage": "closing", "text": "x"}, format="json")) == ["stage"]
    assert fields(client.post(url, {"stage": S, "text": "x" * 5001}, format="json")) == ["text"]
    fake = client.post(url, {"stage": S, "text": "x", "file": upload("a.pdf", FAKES["html"])}, format="multipart")
    assert fields(fake) == ["file"] and "is not a PDF or an image" in problem(fake)["errors"][0]["message"]
    other = make_case(state="service")
    assert fields(client.post(url, {"stage": S, "text": "x", "party": defendant(other).pk}, format="json")) == ["party"]
    assert fields(client.post(url, {"stage": S, "text": "x", "hearing": 999999}, format="json")) == ["hearing"]
    assert fields(client.get(url, {"hearing": "one"})) == ["hearing"]
    no_async = client.post(f"{URL}{other.pk}/async-submissions/", {"stage": S, "text": "x"}, format="json")
    assert no_async.status_code == 422 and fields(no_async) == ["hearing"]
    assert problem(no_async)["detail"] == ASYNC_NOT_ASYNC
    assert not AsyncSubmission.objects.exists() and stored_files(case_files_dir) == []


# --- documents and evidence -------------------------------------------------------------------------------------

def test_a_party_uploads_a_document_through_the_service(api, recent, party, conforms):
    case = recent(state="service")
    response = api(party).post(f"{URL}{case.pk}/documents/",
                               {"kind": "other", "title": "补充说明", "internal": True, "file": upload("a.pdf", PDF)},
                               format="multipart")
    assert response.status_code == 201, response.content
    conforms("cases_documents_create", response)
    doc = CaseDocument.objects.get(case=case)
    assert response["Location"] == f"/api/v1/documents/{doc.pk}/download/" and response.json()["id"] == doc.pk
    assert doc.uploaded_by == party and doc.title == "补充说明" and not doc.internal  # `internal` is the court's
    [event] = events(case, K.DOCUMENT_ADDED)
    assert event.actor == party and event.payload["document"] == doc.pk
    assert [d["id"] for d in api(party).get(f"{URL}{case.pk}/documents/").json()["results"]] == [doc.pk]


def test_the_team_may_file_an_internal_document(api, recent, judge):
    case = recent(state="service")
    response = api(judge).post(f"{URL}{case.pk}/documents/", {"kind": "other", "title": "审理报告", "internal": True,
                                                              "file": upload("r.pdf", PDF)}, format="multipart")
    assert response.status_code == 201 and CaseDocument.objects.get(case=case).internal
    assert len(events(case, K.INTERNAL_DOCUMENT_ADDED)) == 1


def test_document_uploads_refuse_strangers_other_staff_and_the_anonymous(api, recent, stranger, filing_officer,
                                                                         admin):
    case = recent(state="service")
    url = f"{URL}{case.pk}/documents/"
    send = lambda client: client.post(url, {"kind": "other", "title": "x", "file": upload("a.pdf", PDF)},  # noqa: E731
                                      format="multipart")
    assert send(api(stranger)).status_code == 404
    for user in (filing_officer, admin):  # they see the case; the case file after 立案 is the team's and parties'
        assert send(api(user)).status_code == 403
    assert send(api()).status_code == 401
    assert not CaseDocument.objects.exists()


def test_a_document_replayed_with_its_key_is_stored_once(api, recent, party, case_files_dir):
    case = recent(state="service")
    client = api(party)
    send = lambda: client.post(f"{URL}{case.pk}/documents/",  # noqa: E731
                               {"kind": "other", "title": "说明", "file": upload("a.pdf", PDF)}, format="multipart",
                               HTTP_IDEMPOTENCY_KEY="doc-1")
    first, again = send(), send()
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    assert CaseDocument.objects.count() == 1 and len(stored_files(case_files_dir)) == 1
    assert len(events(case, K.DOCUMENT_ADDED)) == 1


def test_bad_document_input_names_the_field(api, recent, party, case_files_dir):
    case = recent(state="service")
    client = api(party)
    url = f"{URL}{case.pk}/documents/"
    assert fields(client.post(url, {"kind": "other", "file": upload("a.pdf", PDF)}, format="multipart")) == ["title"]
    assert fields(client.post(url, {"kind": "verdict", "title": "x", "file": upload("a.pdf", PDF)},
                              format="multipart")) == ["kind"]
    assert fields(client.post(url, {"kind": "other", "title": "x"}, format="multipart")) == ["file"]
    assert fields(client.post(url, {"kind": "other", "title": "x", "file": upload("a.pdf", FAKES["zip"])},
                              format="multipart")) == ["file"]
    assert fields(client.post(url, {"kind": "other", "title": "x" * 201, "file": upload("a.pdf", PDF)},
                              format="multipart")) == ["title"]
    assert client.post(url, {"kind": "other", "title": "x"}, format="json").status_code == 415
    assert not CaseDocument.objects.exists() and stored_files(case_files_dir) == []


def test_a_party_adds_evidence_to_the_list(api, recent, party, lawyer, stranger, judge, conforms):
    case = recent(state="service")
    response = api(lawyer).post(f"{URL}{case.pk}/evidence/", {"name": "转账记录", "source": "银行", "pages": 2,
                                                              "file": upload("t.pdf", PDF)}, format="multipart")
    assert response.status_code == 201, response.content
    conforms("cases_evidence_create", response)
    conforms("cases_evidence_list", api(party).get(f"{URL}{case.pk}/evidence/"))
    item = EvidenceItem.objects.get(case=case)
    assert response.json()["number"] == item.number and item.late and item.added_by == lawyer
    [event] = events(case, K.EVIDENCE_ADDED)
    assert event.actor == lawyer and event.payload["numbers"] == [item.number]
    case.refresh_from_db()
    assert case.evidence_items == 1  # derived from the list (Case.count_evidence)
    listed = api(party).get(f"{URL}{case.pk}/evidence/").json()["results"]
    assert [(e["name"], e["document"]["id"]) for e in listed] == [("转账记录", item.document_id)]
    assert api(stranger).post(f"{URL}{case.pk}/evidence/", {"name": "x", "file": upload("t.pdf", PDF)},
                              format="multipart").status_code == 404
    assert fields(api(party).post(f"{URL}{case.pk}/evidence/", {"name": "x", "pages": 0,
                                                                "file": upload("t.pdf", PDF)},
                                  format="multipart")) == ["pages"]
    assert api(judge).get(f"{URL}{case.pk}/evidence/").status_code == 200


# --- the answer (CPL 128) ---------------------------------------------------------------------------------------

def test_the_defendant_answers_with_a_file_and_evidence(api, served, defendant_user, conforms):
    response = api(defendant_user).post(f"{URL}{served.pk}/answers/", {
        "text": "借款已归还", "file": upload("answer.pdf", PDF), "evidence_name": "还款凭证",
        "evidence_file": upload("receipt.pdf", PDF)}, format="multipart")
    assert response.status_code == 201, response.content
    conforms("cases_answers_create", response)
    body = response.json()
    [event] = events(served, K.ANSWER_FILED)
    assert event.actor == defendant_user and event.reason == "借款已归还" and event.payload["late"] is False
    assert (body["party"], body["late"], body["text"]) == (defendant(served).pk, False, "借款已归还")
    assert body["answer_due"] == event.payload["answer_due"] and body["document"]["id"] == event.payload["document_id"]
    assert [e["name"] for e in body["evidence"]] == ["还款凭证"]
    assert served.evidence.get(name="还款凭证").added_by == defendant_user


def test_the_answer_is_the_defendants(api, served, party, stranger, judge):
    url = f"{URL}{served.pk}/answers/"
    no_defendant = api(party).post(url, {"text": "答辩"}, format="json")  # the plaintiff acts for no defendant
    assert fields(no_defendant) == ["party"]
    assert problem(no_defendant)["errors"][0]["message"] == NAME_THE_PARTY % {"count": 0}
    wrong_side = api(party).post(url, {"text": "答辩", "party": plaintiff(served).pk}, format="json")
    assert wrong_side.status_code == 422 and problem(wrong_side)["detail"] == ANSWER_ONLY_DEFENDANT
    assert fields(wrong_side) == ["party"]
    assert api(party).post(url, {"text": "答辩", "party": defendant(served).pk}, format="json").status_code == 403
    assert api(stranger).post(url, {"text": "答辩"}, format="json").status_code == 404
    assert problem(api(judge).post(url, {"text": "答辩"}, format="json"))["detail"] == ONLY_PARTIES_STEP
    assert api().post(url, {"text": "答辩"}, format="json").status_code == 401
    assert not events(served, K.ANSWER_FILED)


def test_an_answer_needs_content_and_is_filed_once_per_key(api, served, defendant_user):
    client = api(defendant_user)
    url = f"{URL}{served.pk}/answers/"
    empty = client.post(url, {"text": "  "}, format="json")
    assert empty.status_code == 422 and problem(empty)["detail"] == ANSWER_NEEDS_CONTENT
    assert fields(empty) == ["text"]
    assert fields(client.post(url, {"text": "x", "evidence_file": upload("e.pdf", PDF)},
                              format="multipart")) == ["evidence_name"]
    first = client.post(url, {"text": "答辩意见"}, format="json", HTTP_IDEMPOTENCY_KEY="answer-1")
    again = client.post(url, {"text": "答辩意见"}, format="json", HTTP_IDEMPOTENCY_KEY="answer-1")
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    assert len(events(served, K.ANSWER_FILED)) == 1


# --- applications (CPL 148, 130) --------------------------------------------------------------------------------

def test_the_plaintiff_applies_to_withdraw_and_reads_its_applications(api, served, party, defendant_user,
                                                                      conforms):
    response = api(party).post(f"{URL}{served.pk}/applications/",
                               {"kind": "withdrawal", "text": "双方已和解", "file": upload("w.pdf", PDF)},
                               format="multipart")
    assert response.status_code == 201, response.content
    conforms("cases_applications_create", response)
    conforms("cases_applications_list", api(party).get(f"{URL}{served.pk}/applications/"))
    application = Application.objects.get()
    assert response.json()["id"] == application.pk and response.json()["status"] == "pending"
    assert (application.party, application.filed_by, application.document is not None) == (plaintiff(served), party,
                                                                                           True)
    [event] = events(served, K.APPLICATION_FILED)
    assert event.actor == party and event.payload["application_id"] == application.pk
    assert event.basis == "CPL 148; JI 238"
    again = api(party).post(f"{URL}{served.pk}/applications/", {"kind": "withdrawal", "text": "再次申请"},
                            format="json")
    assert again.status_code == 422 and problem(again)["detail"] == APPLICATION_ALREADY_PENDING
    assert fields(again) == ["kind"]
    assert [a["id"] for a in api(party).get(f"{URL}{served.pk}/applications/").json()["results"]] == [application.pk]
    mine = api(defendant_user).get(f"{URL}{served.pk}/applications/", {"mine": "true"}).json()
    assert mine["count"] == 0
    assert fields(api(party).get(f"{URL}{served.pk}/applications/", {"mine": "perhaps"})) == ["mine"]


def test_the_defendant_objects_to_jurisdiction_and_the_period_starts(api, served, defendant_user):
    response = api(defendant_user).post(f"{URL}{served.pk}/applications/",
                                        {"kind": "jurisdiction", "text": "被告住所地不在本院辖区"}, format="json")
    assert response.status_code == 201, response.content
    assert Application.objects.get().party == defendant(served)
    assert served.periods.filter(kind=PeriodKind.JURISDICTION_OBJECTION, end_on__isnull=True).exists()
    assert len(events(served, K.APPLICATION_FILED)) == 1


def test_applications_refuse_the_wrong_side_strangers_staff_and_bad_input(api, served, party, stranger, judge):
    url = f"{URL}{served.pk}/applications/"
    wrong = api(party).post(url, {"kind": "jurisdiction", "text": "管辖异议", "party": plaintiff(served).pk},
                            format="json")
    assert wrong.status_code == 422 and problem(wrong)["detail"] == OBJECTION_ONLY_DEFENDANT
    assert fields(wrong) == ["party"]
    assert fields(api(party).post(url, {"kind": "jurisdiction", "text": "x"}, format="json")) == ["party"]
    assert api(stranger).post(url, {"kind": "withdrawal", "text": "x"}, format="json").status_code == 404
    assert api(stranger).get(url).status_code == 404
    assert api(judge).post(url, {"kind": "withdrawal", "text": "x"}, format="json").status_code == 403
    assert api(judge).get(url).status_code == 200
    assert fields(api(party).post(url, {"kind": "appeal", "text": "x"}, format="json")) == ["kind"]
    assert fields(api(party).post(url, {"kind": "withdrawal"}, format="json")) == ["text"]
    assert not Application.objects.exists()


def test_an_application_replayed_with_its_key_is_filed_once(api, served, lawyer):
    client = api(lawyer)
    send = lambda: client.post(f"{URL}{served.pk}/applications/",  # noqa: E731
                               {"kind": "withdrawal", "text": "撤诉"}, format="json", HTTP_IDEMPOTENCY_KEY="app-1")
    first, again = send(), send()
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    assert Application.objects.count() == 1 and len(events(served, K.APPLICATION_FILED)) == 1


# --- fees (FEE 20-22, 44-48) ------------------------------------------------------------------------------------

@pytest.fixture
def notice(recent, settings):
    settings.FANJIAN_PAYMENT_BACKEND = "court.cases.payments.FakePaymentBackend"
    case = recent(state="service")
    return FeeNotice.objects.create(case=case, amount=Decimal("1050.00"), basis="FEE 13", issued_on=case.filed_on,
                                    due_on=case.filed_on + timedelta(days=7))


def test_the_plaintiff_pays_a_fee_notice_online_once(api, notice, party, conforms):
    case, client = notice.case, api(party)
    url = f"{URL}{case.pk}/fees/{notice.pk}/payments/"
    first = client.post(url, format="json", HTTP_IDEMPOTENCY_KEY="pay-1")
    again = client.post(url, format="json", HTTP_IDEMPOTENCY_KEY="pay-1")
    assert first.status_code == again.status_code == 201, first.content
    conforms("cases_fees_payments_create", first)
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    payment = FeePayment.objects.get()
    body = first.json()
    assert (body["amount"], body["completed"], body["reference"]) == ("1050.00", True, payment.reference)
    assert body["payment"]["id"] == payment.pk and payment.backend == "fake"
    [event] = events(case, K.FEE_PAID)
    assert event.actor == party and event.payload["notice"] == notice.pk and event.payload["still_owed"] == "0.00"
    paid_up = client.post(url, format="json")
    assert paid_up.status_code == 422 and problem(paid_up)["detail"] == NOTHING_OWED


def test_fee_payments_refuse_strangers_staff_other_notices_and_no_backend(api, notice, party, stranger, judge,
                                                                          make_case, settings):
    case = notice.case
    url = f"{URL}{case.pk}/fees/{notice.pk}/payments/"
    assert api(stranger).post(url, format="json").status_code == 404
    assert api(judge).post(url, format="json").status_code == 403  # the court records payments on the case page
    assert api().post(url, format="json").status_code == 401
    other = make_case(state="service")
    elsewhere = FeeNotice.objects.create(case=other, amount=Decimal("50.00"), issued_on=other.filed_on)
    assert api(party).post(f"{URL}{case.pk}/fees/{elsewhere.pk}/payments/", format="json").status_code == 404
    settings.FANJIAN_PAYMENT_BACKEND = ""
    off = api(party).post(url, format="json")
    assert off.status_code == 422 and problem(off)["detail"] == NO_ONLINE_PAYMENT
    assert not FeePayment.objects.exists() and not events(case, K.FEE_PAID)


def test_the_payer_applies_for_fee_relief(api, notice, party, judge, conforms):
    case = notice.case
    url = f"{URL}{case.pk}/fees/{notice.pk}/relief/"
    assert fields(api(party).post(url, {"relief": "defer"}, format="json")) == ["reasons"]
    assert fields(api(party).post(url, {"relief": "forgive", "reasons": "x"}, format="json")) == ["relief"]
    assert api(judge).post(url, {"relief": "defer", "reasons": "x"}, format="json").status_code == 403
    data = {"relief": "defer", "reasons": "失业，暂无收入"}
    first = api(party).post(url, data, format="json", HTTP_IDEMPOTENCY_KEY="relief-1")
    again = api(party).post(url, data, format="json", HTTP_IDEMPOTENCY_KEY="relief-1")
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    conforms("cases_fees_relief_create", first)
    assert first.json() == {"notice": notice.pk, "relief": "defer", "reasons": "失业，暂无收入",
                            "applied_on": today().isoformat()}
    [event] = events(case, K.FEE_RELIEF)
    assert event.actor == party and event.payload["step"] == "applied" and event.payload["requested"] == "defer"



