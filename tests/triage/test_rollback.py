"""Roll back to any earlier version: from the command line and from the admin."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from triage import registry
from triage.models import ModelVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(trained, models_dir):
    for name in ("v1", "v2"):
        registry.register(registry.write_version(trained.router, trained.report, directory=models_dir, version=name))
    registry.activate("v2")


def test_triage_activate_rolls_back_to_an_earlier_version(two_versions, capsys):
    call_command("triage_activate", "v1")
    assert ModelVersion.objects.get(is_active=True).version == "v1"
    assert registry.active_router().version == "v1"
    assert "v1" in capsys.readouterr().out


def test_triage_activate_names_an_unknown_version(two_versions):
    with pytest.raises(CommandError, match="nope"):
        call_command("triage_activate", "nope")
    assert ModelVersion.objects.get(is_active=True).version == "v2"


def test_the_admin_action_activates_the_selected_version(two_versions, client, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.cn", "pw-root")
    client.force_login(superuser)
    v1 = ModelVersion.objects.get(version="v1")
    response = client.post(reverse("admin:triage_modelversion_changelist"),
                           {"action": "activate_version", "_selected_action": [v1.pk]})
    assert response.status_code == 302
    assert ModelVersion.objects.get(is_active=True).version == "v1"
    page = client.get(reverse("admin:triage_modelversion_change", args=[v1.pk]))
    assert page.status_code == 200 and b"cause_amount_rule" in page.content
