"""Re-triage after each event that changes the picture: a new recommendation, never a silent change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.models import Party, ServiceAttempt
from court.cases.services import PartyInput
from triage.models import Recommendation

pytestmark = pytest.mark.django_db


def _recs(case):
    return list(Recommendation.objects.filter(case=case).order_by("created_at", "id"))


def test_filing_a_complaint_triages_it(make_case, active_model, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(state="filed")
    (rec,) = _recs(case)
    assert rec.trigger == "submitted" and rec.version_label == active_model.version
    assert 0 <= rec.p_complex <= 1 and rec.reasons
    assert case.events.filter(kind="triaged").count() == 1


def _add_party(case, judge):
    services.party_add(case=case, actor=judge, data=PartyInput(side=Party.Side.DEFENDANT, name="王五"))


def _amend(case, judge):
    services.case_amend_amount(case=case, actor=judge, amount=Decimal("900000"), reason="增加诉讼请求")


def _counterclaim(case, judge):
    services.case_record_counterclaim(case=case, actor=judge, reason="被告反诉")


def _failed_service(case, judge):
    defendant = case.parties.filter(side=Party.Side.DEFENDANT).first()
    attempt = services.service_send(case=case, actor=judge, document=ServiceAttempt.Document.SUMMONS,
                                    channel=ServiceAttempt.Channel.POST, party=defendant, on=date(2024, 3, 10))
    services.service_record(attempt=attempt, actor=judge, served=False, on=date(2024, 3, 12),
                            failure_reason="查无此人")


def _appraisal(case, judge):
    services.period_start(case=case, actor=judge, kind="appraisal", start_on=date(2024, 3, 15), reason="申请鉴定")


@pytest.mark.parametrize("trigger, act", [
    ("party_added", _add_party), ("amount_amended", _amend), ("counterclaim", _counterclaim),
    ("service_failed", _failed_service), ("period_started", _appraisal),
])
def test_each_trigger_makes_a_new_recommendation(trigger, act, make_case, judge, active_model,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(state="service", filed_on=date(2024, 3, 1))
    before = _recs(case)
    with django_capture_on_commit_callbacks(execute=True):
        act(case, judge)
    after = _recs(case)
    assert len(after) == len(before) + 1
    newest = after[-1]
    assert newest.trigger == trigger
    # the earlier ones are superseded, except the one the acceptance decided (accepted or overridden at filing)
    assert all(r.status == Recommendation.Status.SUPERSEDED for r in after[:-1] if not r.decided_at_filing)
    assert newest.status == Recommendation.Status.OPEN
    event = case.events.filter(kind="triaged").order_by("-at", "-id").first()
    assert event.payload["trigger"] == trigger and event.payload["recommendation"] == newest.pk
    assert event.payload["previous_route"] == (before[-1].route if before else "")


def test_a_counterclaim_moves_a_small_claim_out_of_small_claims(make_case, judge, active_model,
                                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(state="service", amount=Decimal("3000"))
        services.case_record_counterclaim(case=case, actor=judge, reason="被告反诉")
    newest = _recs(case)[-1]
    assert "small_claims" not in newest.allowed_routes
    assert newest.route == "ordinary" or newest.rule_code == "counterclaim"


def test_a_triage_failure_never_breaks_the_case_service(make_case, active_model, monkeypatch,
                                                        django_capture_on_commit_callbacks):
    from triage import services as triage_services

    def boom(**kwargs):
        raise RuntimeError("model exploded")

    monkeypatch.setattr(triage_services, "case_triage", boom)
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(state="filed")
    assert case.pk and not _recs(case)


def test_a_changed_route_is_announced_on_the_case_page(make_case, judge, active_model, client,
                                                       django_capture_on_commit_callbacks):
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(state="service", amount=Decimal("3000"))
    first = _recs(case)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        services.party_add(case=case, actor=judge, data=PartyInput(side=Party.Side.DEFENDANT, name="赵六",
                                                                   address_known=False, address=""))
    newest = _recs(case)[-1]
    assert newest.route == "ordinary" and newest.rule_code == "defendant_whereabouts_unknown"
    client.force_login(judge)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert ('data-flag="route-changed"' in page) is (first.route != newest.route)
