"""The chain as records, managed in the admin by the court's administrators (court.org.roles; OMR 5 para 2, 27:
the court manages and publishes the organisations and mediators it invites)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from court.org.models import MediationOrganisation, MediatorOrg, Role, User


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_administrators_manage_the_chain_and_the_areas(admin, judge, village):
    assert admin.has_perm("org.add_mediationorganisation") and admin.has_perm("org.change_area")
    assert not admin.has_perm("org.delete_mediationorganisation")  # deactivated, never deleted
    assert not judge.has_perm("org.add_mediationorganisation")
    client = _client(admin)
    response = client.post(reverse("admin:org_mediationorganisation_add"), {
        "court": admin.court_id, "kind": MediatorOrg.POLICE_STATION, "name": "蓝关派出所", "area": village.pk,
        "scope": "邻里纠纷", "active": "on",
        "mediators-TOTAL_FORMS": "0", "mediators-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert MediationOrganisation.objects.get(name="蓝关派出所").area == village
    assert _client(judge).get(reverse("admin:org_mediationorganisation_changelist")).status_code == 302


def test_the_organisation_sets_the_mediators_kind(court, elder):
    assert elder.mediator_org == MediatorOrg.VILLAGE_ELDER
    police = MediationOrganisation.objects.create(court=court, kind=MediatorOrg.POLICE_STATION, name="派出所")
    elder.mediation_organisation = police
    elder.save(update_fields=["mediation_organisation"])
    assert User.objects.get(pk=elder.pk).mediator_org == MediatorOrg.POLICE_STATION
    plain = User.objects.create_user(username="m2", password="x", role=Role.MEDIATOR,
                                     mediator_org=MediatorOrg.COURT)
    assert plain.mediator_org == MediatorOrg.COURT  # the choice field still works without a record
