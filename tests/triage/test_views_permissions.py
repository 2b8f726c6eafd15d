"""Who may see the triage pages and act on recommendations, role by role."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from triage.models import Recommendation
from triage.services import case_triage

pytestmark = pytest.mark.django_db

ROLES = ["judge", "assistant", "clerk", "other_judge", "filing_officer", "mediator", "admin", "party", "lawyer",
         "stranger"]


@pytest.fixture
def people(request):
    return {name: request.getfixturevalue(name) for name in ROLES}


@pytest.mark.parametrize("url_name", ["triage:threshold", "triage:versions"])
def test_only_the_administrator_sees_the_model_pages(url_name, people, client, active_model):
    for name, user in people.items():
        client.force_login(user)
        expected = 200 if name == "admin" else 403
        assert client.get(reverse(url_name)).status_code == expected, name
    client.logout()
    assert client.get(reverse(url_name)).status_code == 302


def test_the_threshold_page_shows_the_curve_and_the_administrator_sets_the_threshold(admin, judge, court, client,
                                                                                     active_model):
    client.force_login(admin)
    page = client.get(reverse("triage:threshold"))
    assert b"<polyline" in page.content and page.context["curve"]
    response = client.post(reverse("triage:threshold"), {"threshold": "0.35", "band": "0.05"})
    assert response.status_code == 302
    court.refresh_from_db()
    assert court.triage_threshold == Decimal("0.350") and court.triage_review_band == Decimal("0.050")
    client.post(reverse("triage:threshold"), {"threshold": "7", "band": "0.05"})
    court.refresh_from_db()
    assert court.triage_threshold == Decimal("0.350")
    client.force_login(judge)
    assert client.post(reverse("triage:threshold"), {"threshold": "0.9", "band": "0"}).status_code == 403


def test_the_versions_page_shows_cards_drift_and_override_rate(admin, client, active_model, make_case,
                                                               filing_officer):
    case = make_case(state="filed")
    rec = case_triage(case=case, trigger="submitted")
    from triage.services import recommendation_decide
    recommendation_decide(recommendation=rec, actor=filing_officer, accept=False,
                          route="ordinary" if rec.route != "ordinary" else "simple", reason="证据复杂")
    from datetime import timedelta

    from court.cases.term import today
    make_case(state="accepted", filed_on=today() - timedelta(days=10))
    client.force_login(admin)
    page = client.get(reverse("triage:versions"))
    assert page.status_code == 200
    assert active_model.version.encode() in page.content
    assert page.context["drift"] and {"feature", "psi", "level"} <= set(page.context["drift"][0])
    (row,) = [r for r in page.context["rows"] if r["mv"] == active_model]
    assert row["override"]["overridden"] == 1 and row["override"]["rate"] == 1.0
    assert client.get(reverse("triage:card", args=[active_model.version])).status_code == 200


def _decide(client, rec, **data):
    return client.post(reverse("triage:decide", args=[rec.pk]), {"decision": "accept", **data})


@pytest.mark.parametrize("stage, allowed, hidden", [
    ("filed", {"filing_officer"}, {"judge", "assistant", "clerk", "other_judge", "mediator", "stranger"}),
    ("accepted", {"judge"}, {"other_judge", "mediator", "stranger"}),
])
def test_deciding_is_for_the_filing_officer_at_filing_and_the_judge_after(stage, allowed, hidden, people, client,
                                                                         make_case, active_model):
    case = make_case(state=stage)
    for name, user in people.items():
        rec = case_triage(case=case, trigger="manual")
        client.force_login(user)
        response = _decide(client, rec)
        rec.refresh_from_db()
        if name in allowed:
            assert response.status_code == 302 and rec.status == Recommendation.Status.ACCEPTED, name
        else:
            assert response.status_code == (404 if name in hidden else 403), name
            assert rec.status == Recommendation.Status.OPEN, name
        retriage = client.post(reverse("triage:retriage", args=[case.pk]))
        assert retriage.status_code == (302 if name in allowed else 404 if name in hidden else 403), name


def test_an_override_without_a_reason_is_refused_on_the_page(filing_officer, client, make_case, active_model):
    case = make_case(state="filed")
    rec = case_triage(case=case, trigger="submitted")
    client.force_login(filing_officer)
    _decide(client, rec, decision="override", route="ordinary" if rec.route != "ordinary" else "simple", reason="")
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OPEN
    assert not case.events.filter(kind="triage_decided").exists()


def test_the_case_page_shows_the_panel_to_staff_with_forms_only_for_who_may_decide(judge, clerk, party, client,
                                                                                    make_case, active_model):
    case = make_case(state="accepted")
    case_triage(case=case, trigger="manual")
    url = reverse("case_detail", args=[case.pk])
    client.force_login(judge)
    page = client.get(url).content.decode()
    assert 'id="h-triage"' in page and 'name="reason"' in page and "data-route=" in page
    client.force_login(clerk)
    page = client.get(url).content.decode()
    assert 'id="h-triage"' in page and 'name="reason"' not in page
    client.force_login(party)
    assert 'id="h-triage"' not in client.get(url).content.decode()
