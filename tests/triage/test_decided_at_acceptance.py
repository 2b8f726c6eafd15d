"""The acceptance (立案, case_accept) decides the open recommendation: accepted when the filing officer chose the
recommended route, overridden (with the reason and the acceptor) otherwise; a failure of triage never undoes it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from court.cases import services
from court.cases.models import CaseState
from triage import services as triage_services
from triage.models import Recommendation
from triage.services import case_triage, recommendation_decide

pytestmark = pytest.mark.django_db

ON = date(2024, 3, 1)


@pytest.fixture
def filed(make_case, active_model, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(state="filed")
    rec = Recommendation.objects.get(case=case)
    assert rec.status == Recommendation.Status.OPEN
    return case, rec


def _accept(case, officer, team, procedure, capture):
    with capture(execute=True):
        return services.case_accept(case=case, actor=officer, procedure=procedure, team=team, on=ON)


def _other(rec):
    return "ordinary" if rec.route != "ordinary" else "simple"


def test_acceptance_under_the_recommended_route_accepts_it(filed, filing_officer, team,
                                                          django_capture_on_commit_callbacks):
    case, rec = filed
    _accept(case, filing_officer, team, rec.route, django_capture_on_commit_callbacks)
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.ACCEPTED and rec.decided_route == rec.route
    assert rec.decided_at_filing and rec.decided_user == filing_officer and rec.decided_at is not None
    event = case.events.get(kind="triage_decided")
    assert event.actor == filing_officer
    assert event.payload["outcome"] == "accepted" and event.payload["at_filing"] is True


def test_acceptance_under_another_route_overrides_it_with_the_reason_and_the_acceptor(
        filed, filing_officer, team, django_capture_on_commit_callbacks):
    case, rec = filed
    other = _other(rec)
    with translation.override("en"):
        _accept(case, filing_officer, team, other, django_capture_on_commit_callbacks)
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OVERRIDDEN and rec.decided_route == other
    assert rec.decided_user == filing_officer and rec.decided_at_filing
    label = str(dict(case._meta.get_field("procedure").choices)[other])
    assert rec.override_reason == f"accepted under {label} at filing"
    event = case.events.get(kind="triage_decided")
    assert event.actor == filing_officer and event.reason == rec.override_reason
    assert event.payload["recommended"] == rec.route and event.payload["decided"] == other
    assert event.payload["outcome"] == "overridden"


def test_the_reason_is_translated(filed, filing_officer, team, django_capture_on_commit_callbacks):
    case, rec = filed
    with translation.override("zh-hans"):
        _accept(case, filing_officer, team, _other(rec), django_capture_on_commit_callbacks)
    rec.refresh_from_db()
    assert rec.override_reason  # the zh-hans catalogue may not have it yet; never empty


def test_no_open_recommendation_nothing_happens(make_case, filing_officer, team, active_model,
                                               django_capture_on_commit_callbacks):
    case = make_case(state="filed")  # submitted without running the after-commit triage: no recommendation
    assert not Recommendation.objects.filter(case=case).exists()
    _accept(case, filing_officer, team, "simple", django_capture_on_commit_callbacks)
    assert not Recommendation.objects.filter(case=case).exists()
    assert not case.events.filter(kind="triage_decided").exists()


def test_a_recommendation_decided_before_acceptance_is_left_alone(filed, filing_officer, team,
                                                                 django_capture_on_commit_callbacks):
    case, rec = filed
    recommendation_decide(recommendation=rec, actor=filing_officer, accept=True)
    _accept(case, filing_officer, team, _other(rec), django_capture_on_commit_callbacks)
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.ACCEPTED and not rec.decided_at_filing
    assert case.events.filter(kind="triage_decided").count() == 1


def test_a_failing_triage_receiver_does_not_break_acceptance(filed, filing_officer, team, monkeypatch, caplog,
                                                            django_capture_on_commit_callbacks):
    case, rec = filed

    def boom(**kwargs):
        raise RuntimeError("triage is down")

    monkeypatch.setattr(triage_services, "recommendation_decide_by_acceptance", boom)
    accepted = _accept(case, filing_officer, team, rec.route, django_capture_on_commit_callbacks)
    case.refresh_from_db()
    assert accepted.case_number and case.state != CaseState.FILED and case.events.filter(kind="accepted").exists()
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OPEN
    assert "at its acceptance failed" in caplog.text


def test_a_later_retriage_opens_a_new_recommendation_the_judge_decides(filed, filing_officer, team, judge,
                                                                       django_capture_on_commit_callbacks):
    case, rec = filed
    _accept(case, filing_officer, team, _other(rec), django_capture_on_commit_callbacks)
    later = case_triage(case=case, trigger="manual")
    assert later.status == Recommendation.Status.OPEN
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OVERRIDDEN  # a decided one is not superseded
    recommendation_decide(recommendation=later, actor=judge, accept=True)
    later.refresh_from_db()
    assert later.status == Recommendation.Status.ACCEPTED and not later.decided_at_filing
    assert later.decided_user == judge


def _panel(client, user, case):
    client.force_login(user)
    with translation.override("en"):
        html = client.get(reverse("case_detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return html[html.index('id="h-triage"'):]


def test_the_panel_shows_the_decision_at_filing_and_no_buttons(filed, filing_officer, team, judge, client,
                                                              django_capture_on_commit_callbacks):
    case, rec = filed
    _accept(case, filing_officer, team, rec.route, django_capture_on_commit_callbacks)
    html = _panel(client, judge, case)
    assert 'data-decision="accepted-at-filing"' in html
    assert "Awaiting decision" not in html and "Accepted at filing" in html
    assert reverse("triage:decide", args=[rec.pk]) not in html


def test_the_panel_shows_an_override_at_filing(filed, filing_officer, team, judge, client,
                                              django_capture_on_commit_callbacks):
    case, rec = filed
    other = _other(rec)
    _accept(case, filing_officer, team, other, django_capture_on_commit_callbacks)
    html = _panel(client, judge, case)
    assert 'data-decision="overridden-at-filing"' in html
    label = str(dict(case._meta.get_field("procedure").choices)[other])
    assert f"Overridden at filing: {label}" in html
    assert reverse("triage:decide", args=[rec.pk]) not in html
