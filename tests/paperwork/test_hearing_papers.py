"""A scheduled hearing's papers in one step (CPL 139: "应当在开庭三日前通知当事人和其他诉讼参与人。公开审理的，应当公告当事人
姓名、案由和开庭的时间、地点"): a summons served on every party, electronically where the party consented (CPL 90), and
the announcement of a public hearing; once per party and hearing; all or nothing; the trial team's."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from court.cases import services as case_services
from court.cases.models import CaseDocument, CaseEvent, Hearing, Party, ServiceAttempt
from court.cases.services import CaseRuleError, PartyInput
from court.cases.term import today
from court.paperwork import hearing_papers, services
from court.paperwork.hearing_papers import hearing_papers_issue
from court.paperwork.models import IssuedDocument, TemplateKind

from .conftest import pdf_bytes, pdf_text, stored

T = TemplateKind
Channel = ServiceAttempt.Channel


@pytest.fixture
def scheduled(make_case):
    """A simple case with a public hearing about ten days ahead; only the plaintiff consented to e-service."""
    case = make_case(state="scheduled", filed_on=today() - timedelta(days=10), e_consent=False)
    Party.objects.filter(case=case, side=Party.Side.PLAINTIFF).update(e_service_consent=True)
    return case, case.hearings.get()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_party_is_summoned_and_served_and_the_public_hearing_announced(scheduled, clerk, tmp_path):
    case, hearing = scheduled
    papers = hearing_papers_issue(hearing=hearing, actor=clerk, channel=Channel.POST, language="zh-hans")
    served = {attempt.party.name: attempt for _document, attempt in papers.summonses}
    assert set(served) == {"张三", "李四0"}
    assert served["张三"].channel == Channel.ELECTRONIC and served["李四0"].channel == Channel.POST
    assert all(a.document == ServiceAttempt.Document.SUMMONS and a.status == ServiceAttempt.Status.SENT
               for a in served.values())
    rows = IssuedDocument.objects.filter(case=case, hearing=hearing)
    assert {(r.kind, r.party.name if r.party else "") for r in rows} == {
        (T.SUMMONS, "张三"), (T.SUMMONS, "李四0"), (T.ANNOUNCEMENT, "")}
    assert {r.served_by_id for r in rows.filter(kind=T.SUMMONS)} == {a.pk for a in served.values()}
    assert rows.get(kind=T.ANNOUNCEMENT).served_by is None  # posted, not served
    assert case.events.filter(kind=CaseEvent.Kind.SERVICE_SENT, payload__document="summons").count() == 2
    text = "".join(pdf_text(pdf_bytes(papers.announcement), tmp_path).split())
    assert case.case_number in text and "张三" in text and "李四0" in text and "公开开庭" in text


def test_the_step_issues_only_what_is_missing_and_then_refuses(scheduled, clerk, judge):
    case, hearing = scheduled
    hearing_papers_issue(hearing=hearing, actor=clerk, channel=Channel.POST)
    with pytest.raises(CaseRuleError) as done:
        hearing_papers_issue(hearing=hearing, actor=clerk, channel=Channel.POST)
    assert done.value.code == "papers_done" and done.value.text == gettext(hearing_papers.PAPERS_DONE)
    case_services.party_add(case=case, actor=judge, data=PartyInput(side=Party.Side.THIRD_PARTY, name="王五"))
    again = hearing_papers_issue(hearing=hearing, actor=clerk, channel=Channel.DIRECT, electronic=False)
    assert [(a.party.name, a.channel) for _d, a in again.summonses] == [("王五", Channel.DIRECT)]
    assert again.announcement is None  # announced once
    assert IssuedDocument.objects.filter(hearing=hearing, kind=T.ANNOUNCEMENT).count() == 1


@pytest.mark.parametrize("change", [{"public": False, "private_reason": "涉及个人隐私"}, {"mode": Hearing.Mode.ASYNC}])
def test_a_hearing_in_private_or_asynchronous_is_not_announced(scheduled, clerk, change):
    """CPL 137 (in private) and OLR 20 (no time or place): nothing to announce."""
    _case, hearing = scheduled
    Hearing.objects.filter(pk=hearing.pk).update(**change)
    papers = hearing_papers_issue(hearing=hearing, actor=clerk, channel=Channel.POST)
    assert papers.announcement is None and len(papers.summonses) == 2
    assert not IssuedDocument.objects.filter(hearing=hearing, kind=T.ANNOUNCEMENT).exists()


def test_it_is_all_or_nothing(scheduled, clerk, monkeypatch, case_files_dir):
    case, hearing = scheduled

    def broken(**kwargs):
        raise CaseRuleError(services.TEMPLATE_BROKEN, code="template_broken",
                            params={"title": "开庭公告", "version": 1, "error": "unclosed tag"})

    monkeypatch.setattr(hearing_papers, "document_generate", broken)
    with pytest.raises(CaseRuleError):
        hearing_papers_issue(hearing=hearing, actor=clerk, channel=Channel.POST)
    assert not CaseDocument.objects.filter(case=case).exists() and not IssuedDocument.objects.exists()
    assert not case.service_attempts.filter(document=ServiceAttempt.Document.SUMMONS).exists()
    assert stored(case_files_dir) == []  # the two summonses' files went with the transaction


def test_the_summons_keeps_the_three_days_under_ordinary_procedure(make_case, judge):
    case = make_case(state="scheduled", filed_on=today() - timedelta(days=40), procedure="ordinary")
    with pytest.raises(CaseRuleError) as late:  # the hearing lies in the past: too late (CPL 139)
        hearing_papers_issue(hearing=case.hearings.get(), actor=judge, channel=Channel.POST)
    assert late.value.code == "summons_too_late" and not IssuedDocument.objects.exists()


def test_only_the_trial_team_issues_the_papers_and_by_a_channel_that_serves(scheduled, admin, filing_officer, party,
                                                                          other_judge, clerk):
    _case, hearing = scheduled
    for outsider in (admin, filing_officer, party, other_judge):
        with pytest.raises(PermissionDenied):
            hearing_papers_issue(hearing=hearing, actor=outsider, channel=Channel.POST)
    for channel in (Channel.PUBLICATION, Channel.ELECTRONIC, "pigeon"):
        with pytest.raises(CaseRuleError) as bad:
            hearing_papers_issue(hearing=hearing, actor=clerk, channel=channel)
        assert bad.value.code == "papers_channel"
    assert not IssuedDocument.objects.exists()


def test_the_case_page_offers_the_step_and_the_team_takes_it(scheduled, judge, admin):
    case, hearing = scheduled
    client = _client(judge)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert 'id="hearing-papers"' in page and reverse("case_hearing_papers", args=[case.pk]) in page
    assert f'{reverse("case_hearing_papers", args=[case.pk])}?hearing={hearing.pk}' in page  # from the hearing's row
    chosen = client.get(reverse("case_hearing_papers", args=[case.pk]), {"hearing": hearing.pk})
    assert chosen.status_code == 200 and chosen.context["form"]["hearing"].value() == hearing.pk
    assert 'id="hearing-papers"' not in _client(admin).get(reverse("case_detail", args=[case.pk])).content.decode()
    response = client.post(reverse("case_hearing_papers", args=[case.pk]),
                           {"hearing": hearing.pk, "electronic": "on", "channel": Channel.POST, "language": "en"})
    assert response.status_code == 302 and response["Location"].endswith("#case-file")
    assert IssuedDocument.objects.filter(case=case, hearing=hearing).count() == 3
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "Summonses served" in html.unescape(page) and 'data-kind="announcement"' in page


def test_a_refusal_is_shown_next_to_its_field_with_what_was_chosen(make_case, judge):
    case = make_case(state="scheduled", filed_on=today() - timedelta(days=40), procedure="ordinary")
    hearing = case.hearings.get()
    client = _client(judge)
    assert client.get(reverse("case_hearing_papers", args=[case.pk]), {"hearing": hearing.pk}).status_code == 200
    response = client.post(reverse("case_hearing_papers", args=[case.pk]),
                           {"hearing": hearing.pk, "channel": Channel.LEFT, "language": "en"})
    assert response.status_code == 200
    assert response.context["form"].errors["hearing"][0].startswith("CPL 139")
    assert 'value="left" selected' in response.content.decode()
    assert not IssuedDocument.objects.filter(case=case).exists()
