"""The party's own steps on the case page (answer, applications, consents, service address, withdrawal of a
filing), the judge's ruling and the judge's queue: who is offered what, and who may post it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from court.cases import services
from court.cases.models import Application, CaseEvent, CaseState, DocumentKind, Party
from court.cases.term import today
from court.org.models import Role, User
from tests.casefile.conftest import PDF, case_files_dir, upload  # noqa: F401  (case files in a temporary folder)

from .conftest import page_text


def _actions(response) -> set[str]:
    return {a["spec"].slug for _label, items in response.context["action_groups"] for a in items}


@pytest.fixture
def defendant_user(db) -> User:
    return User.objects.create_user(username="defendant", password="pw-defendant", role=Role.PARTY)


@pytest.fixture
def served(recent, defendant_user):
    """An ordinary case, served 7 days ago: the defendant (its own account) is within its answer period."""
    case = recent(state="service", procedure="ordinary", days_ago=10)
    case.parties.filter(side=Party.Side.DEFENDANT).update(user=defendant_user)
    return case


def test_each_party_is_offered_its_own_steps(served, party, lawyer, defendant_user, judge, clerk, as_user):
    url = reverse("case_detail", args=[served.pk])
    assert _actions(as_user(defendant_user).get(url)) == {"answer", "apply", "my_consents", "address"}
    assert _actions(as_user(party).get(url)) == {"apply", "my_consents", "address"}
    assert {"answer", "apply", "my_consents"}.isdisjoint(_actions(as_user(judge).get(url)))
    assert "address" in _actions(as_user(clerk).get(url))  # the team records a paper 送达地址确认书
    # The party field lists only the user's own parties.
    form = as_user(defendant_user).get(url).context["action_groups"]
    answer = next(a["form"] for _l, items in form for a in items if a["spec"].slug == "answer")
    assert [p.side for p in answer.fields["party"].queryset] == ["defendant"]


def test_the_defendant_answers_with_a_file_on_the_page(served, defendant_user, as_user):
    defendant = served.parties.get(side=Party.Side.DEFENDANT)
    response = as_user(defendant_user).post(reverse("case_answer", args=[served.pk]), {
        "answer-party": defendant.pk, "answer-text": "借款已还清", "answer-file": upload("answer.pdf", PDF),
        "answer-evidence_name": "银行流水", "answer-evidence_file": upload("bank.pdf", PDF)})
    assert response.status_code == 302
    assert served.documents.filter(kind=DocumentKind.ANSWER).count() == 1
    assert served.evidence.get().name == "银行流水"


def test_a_fake_pdf_answer_is_refused_next_to_its_field(served, defendant_user, as_user):
    defendant = served.parties.get(side=Party.Side.DEFENDANT)
    response = as_user(defendant_user).post(reverse("case_answer", args=[served.pk]), {
        "answer-party": defendant.pk, "answer-text": "答辩", "answer-file": upload("x.pdf", b"<html></html>")})
    assert response.status_code == 200
    bound = next(a["form"] for _l, items in response.context["action_groups"] for a in items if a["open"])
    assert bound.errors["file"] and "答辩" in page_text(response)


def test_a_party_cannot_answer_for_another_party(served, party, defendant_user, as_user):
    """The plaintiff is not offered the answer: posting it is refused (403)."""
    defendant = served.parties.get(side=Party.Side.DEFENDANT)
    response = as_user(party).post(reverse("case_answer", args=[served.pk]),
                                   {"answer-party": defendant.pk, "answer-text": "x"})
    assert response.status_code == 403
    assert not served.events.filter(kind=CaseEvent.Kind.ANSWER_FILED).exists()


@pytest.mark.parametrize("who,status", [("stranger", 404), ("other_judge", 404), ("mediator", 404),
                                        ("filing_officer", 403), ("judge", 403), ("clerk", 403)])
def test_outsiders_and_staff_do_not_apply_for_a_party(request, served, as_user, who, status):
    plaintiff = served.parties.get(side=Party.Side.PLAINTIFF)
    response = as_user(request.getfixturevalue(who)).post(reverse("case_apply", args=[served.pk]), {
        "apply-party": plaintiff.pk, "apply-kind": Application.Kind.WITHDRAWAL, "apply-text": "x"})
    assert response.status_code == status
    assert not served.applications.exists()


def test_objection_then_ruling_through_the_pages(served, defendant_user, judge, as_user):
    defendant = served.parties.get(side=Party.Side.DEFENDANT)
    response = as_user(defendant_user).post(reverse("case_apply", args=[served.pk]), {
        "apply-party": defendant.pk, "apply-kind": Application.Kind.JURISDICTION_OBJECTION, "apply-text": "应由西安管辖"})
    assert response.status_code == 302
    app = served.applications.get()
    queue = as_user(judge).get(reverse("applications_queue"))
    assert [r["application"] for r in queue.context["rows"]] == [app]
    assert "decide_application" in _actions(as_user(judge).get(reverse("case_detail", args=[served.pk])))
    response = as_user(judge).post(reverse("case_decide_application", args=[served.pk]), {
        "decide_application-application": app.pk, "decide_application-decision": "refuse",
        "decide_application-ruling": "本院有管辖权", "decide_application-on": today().isoformat()})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Application.Status.REFUSED
    assert as_user(judge).get(reverse("applications_queue")).context["rows"] == []


@pytest.mark.parametrize("who,status", [("clerk", 403), ("assistant", 403), ("party", 403), ("lawyer", 403),
                                        ("other_judge", 404), ("filing_officer", 403), ("admin", 403)])
def test_only_the_teams_judge_rules_on_the_page(request, served, party, as_user, who, status):
    app = services.application_file(case=served, actor=party, party=served.parties.get(side=Party.Side.PLAINTIFF),
                                    kind=Application.Kind.WITHDRAWAL, text="x")
    response = as_user(request.getfixturevalue(who)).post(reverse("case_decide_application", args=[served.pk]), {
        "decide_application-application": app.pk, "decide_application-decision": "grant",
        "decide_application-ruling": "准许", "decide_application-on": today().isoformat()})
    assert response.status_code == status
    app.refresh_from_db()
    assert app.status == Application.Status.PENDING


QUEUE = {"judge": 200, "assistant": 200, "clerk": 200, "other_judge": 200, "admin": 200, "filing_officer": 403,
         "mediator": 403, "party": 403, "lawyer": 403, "stranger": 403}


@pytest.mark.parametrize("who", sorted(QUEUE))
def test_who_has_a_queue_and_what_it_lists(request, served, party, as_user, who):
    app = services.application_file(case=served, actor=party, party=served.parties.get(side=Party.Side.PLAINTIFF),
                                    kind=Application.Kind.WITHDRAWAL, text="双方和解",
                                    on=today() - timedelta(days=2))
    response = as_user(request.getfixturevalue(who)).get(reverse("applications_queue"))
    assert response.status_code == QUEUE[who]
    if response.status_code == 200:
        rows = response.context["rows"]
        expected = [] if who == "other_judge" else [app]  # another team's case is not in its queue
        assert [r["application"] for r in rows] == expected
        if rows:
            assert rows[0]["days"] == 2


def test_the_queue_lists_recent_answers(served, defendant_user, judge, as_user):
    services.answer_file(case=served, actor=defendant_user, party=served.parties.get(side=Party.Side.DEFENDANT),
                         text="答辩意见")
    answers = as_user(judge).get(reverse("applications_queue")).context["answers"]
    assert [e.case_id for e in answers] == [served.pk]


def test_the_party_confirms_its_address_on_the_page(served, party, as_user):
    plaintiff = served.parties.get(side=Party.Side.PLAINTIFF)
    response = as_user(party).post(reverse("case_address", args=[served.pk]), {
        "address-party": plaintiff.pk, "address-address": "西安市碑林区1号", "address-e_address": "z@example.cn"})
    assert response.status_code == 302
    plaintiff.refresh_from_db()
    assert plaintiff.address == "西安市碑林区1号" and plaintiff.address_confirmed_on == today()


def test_another_party_does_not_read_the_new_address_on_the_timeline(served, party, defendant_user, as_user):
    services.party_confirm_address(party=served.parties.get(side=Party.Side.PLAINTIFF), actor=party,
                                   address="西安市碑林区秘密1号", e_address="z@example.cn")
    text = page_text(as_user(defendant_user).get(reverse("case_detail", args=[served.pk])))
    assert "Service address confirmed" in text and "秘密1号" not in text


def test_the_party_gives_its_consents_on_the_page(served, defendant_user, as_user):
    defendant = served.parties.get(side=Party.Side.DEFENDANT)
    response = as_user(defendant_user).post(reverse("case_my_consents", args=[served.pk]), {
        "my_consents-party": defendant.pk, "my_consents-online_hearing": "yes"})
    assert response.status_code == 302
    defendant.refresh_from_db()
    assert defendant.online_hearing_consent is True


def test_the_filer_withdraws_a_filing_on_the_page_and_it_leaves_the_queue(make_case, party, filing_officer,
                                                                          as_user):
    case = make_case(state="filed", filed_on=today())
    assert as_user(filing_officer).post(reverse("case_withdraw_filing", args=[case.pk])).status_code == 403
    response = as_user(party).post(reverse("case_withdraw_filing", args=[case.pk]), {"withdraw_filing-reason": "和解"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.WITHDRAWN
    assert case not in as_user(filing_officer).get(reverse("filing_queue")).context["page"].object_list
    my = page_text(as_user(party).get(reverse("my_cases")))
    assert "Withdrawn before acceptance" in my
