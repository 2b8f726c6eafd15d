"""Rollback from the model card: administrators only, POST with CSRF, a reason required, one atomic switch,
logged with who, when, why and the version it replaced."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from court.cases.services import CaseRuleError
from triage import registry
from triage.models import ModelActivation, ModelVersion
from triage.services import model_version_activate

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(trained, models_dir):
    """v1 then v2, promoted in turn by training (no actor)."""
    for name in ("v1", "v2"):
        registry.register(registry.write_version(trained.router, trained.report, directory=models_dir, version=name))
        registry.activate(name)
    return ModelVersion.objects.get(version="v1"), ModelVersion.objects.get(version="v2")


def _active() -> str:
    return ModelVersion.objects.get(is_active=True).version


def test_every_activation_is_logged_with_the_version_it_replaced(two_versions):
    v1, v2 = two_versions
    first, second = ModelActivation.objects.order_by("at", "id")
    assert (first.version, first.previous, first.kind, first.actor) == (v1, None, "first", None)
    assert (second.version, second.previous, second.kind) == (v2, v1, "promotion")
    registry.activate("v2")  # already active: nothing to log
    assert ModelActivation.objects.count() == 2


def test_the_service_rolls_back_with_a_reason_and_records_who(two_versions, admin):
    v1, v2 = two_versions
    mv = model_version_activate(version="v1", actor=admin, reason="  v2 over-predicts 借款合同 cases  ")
    assert mv == v1 and _active() == "v1" and registry.active_router().version == "v1"
    act = ModelActivation.objects.first()
    assert (act.version, act.previous, act.kind, act.actor, act.reason) == (
        v1, v2, "rollback", admin, "v2 over-predicts 借款合同 cases")
    v1.refresh_from_db()
    assert v1.activated_at == ModelVersion.objects.get(version="v1").activated_at is not None


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_rollback_needs_a_reason(two_versions, admin, reason):
    with pytest.raises(CaseRuleError, match="Say why"):
        model_version_activate(version="v1", actor=admin, reason=reason)
    assert _active() == "v2" and ModelActivation.objects.count() == 2


def test_only_an_administrator_may_roll_back(two_versions, judge, filing_officer):
    for user in (judge, filing_officer):
        with pytest.raises(PermissionDenied):
            model_version_activate(version="v1", actor=user, reason="because")
    assert _active() == "v2"


def test_broken_files_keep_the_active_model(two_versions, admin, models_dir):
    (models_dir / "triage-v1.txt").write_text("tampered")
    registry.clear_cache()
    with pytest.raises(CaseRuleError, match="cannot be loaded"):
        model_version_activate(version="v1", actor=admin, reason="try")
    assert _active() == "v2"
    with pytest.raises(CaseRuleError, match="already the active"):
        model_version_activate(version="v2", actor=admin, reason="again")


def test_the_active_card_offers_the_rollback_to_the_previous_version(two_versions, admin, client):
    client.force_login(admin)
    page = client.get(reverse("triage:active_card"))
    assert page.context["rollback_to"].version == "v1"
    html = page.content.decode()
    assert f'action="{reverse("triage:activate", args=["v1"])}"' in html and 'name="csrfmiddlewaretoken"' in html
    assert 'name="reason"' in html and "required" in html


def test_rollback_on_the_page(two_versions, admin, client):
    client.force_login(admin)
    url = reverse("triage:activate", args=["v1"])
    assert client.get(url).status_code == 405
    response = client.post(url, {"reason": "", "shown": "v2"}, follow=True)
    assert _active() == "v2" and response.redirect_chain[-1][0] == reverse("triage:card", args=["v2"])
    assert "Say why" in response.content.decode()
    response = client.post(url, {"reason": "rule AUC dropped in May", "shown": "v2"}, follow=True)
    assert _active() == "v1"
    html = response.content.decode()
    assert "v1 is now the active triage model (it replaced v2)." in html
    act = ModelActivation.objects.first()
    assert (act.actor, act.reason, act.previous.version) == (admin, "rule AUC dropped in May", "v2")
    assert f'<tr data-activation="{act.pk}">' in html and "rule AUC dropped in May" in html and str(admin) in html
    (row,) = [r for r in response.context["versions"] if r["mv"].version == "v1"]
    assert row["activation"] == act


def test_rollback_is_refused_without_the_csrf_token(two_versions, admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post(reverse("triage:activate", args=["v1"]), {"reason": "no token"})
    assert response.status_code == 403 and _active() == "v2"


@pytest.mark.parametrize("name", ["judge", "filing_officer", "clerk", "party"])
def test_rollback_is_refused_to_everyone_else(two_versions, client, request, name):
    client.force_login(request.getfixturevalue(name))
    response = client.post(reverse("triage:activate", args=["v1"]), {"reason": "I think so"})
    assert response.status_code == 403 and _active() == "v2"
    assert ModelActivation.objects.count() == 2
