"""Issue 14: internal material (docket notes, triage, other parties' contact data) is hidden from mediators from
outside the court and from parties; a mediator sees live mediations only; a filing officer sees no team's notes.
One test per role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from court.cases import services
from court.cases.access import cases_for_user, is_external, sees_notes
from court.cases.models import Party
from court.cases.term import today
from court.org.models import MediatorOrg, Role, User
from tests.web.conftest import page_text

NOTE = "内部笔录：法官认为原告证据不足"
ADDRESS = "蓝田县蓝关街道"  # the defendants' service address (tests.factories)
E_ADDRESS = "zhangsan@example.cn"  # the plaintiff's electronic address


@pytest.fixture
def mediated(recent, judge, mediator):
    case = recent(state="service")
    services.case_note(case=case, actor=judge, text=NOTE)
    services.case_start_mediation(case=case, actor=judge, mediator=mediator)
    case.refresh_from_db()
    return case


@pytest.fixture
def court_mediator(court):
    return User.objects.create_user(username="med_court", password="x", role=Role.MEDIATOR, court=court,
                                    mediator_org=MediatorOrg.COURT)


def _page(client, case) -> str:
    response = client.get(reverse("case_detail", args=[case.pk]))
    assert response.status_code == 200
    return page_text(response)


@pytest.mark.parametrize("org", [MediatorOrg.VILLAGE_ELDER, MediatorOrg.POLICE_STATION,
                                 MediatorOrg.MEDIATION_COMMITTEE, MediatorOrg.JUDICIAL_OFFICE])
def test_an_outside_mediator_sees_no_notes_triage_or_contact_data(mediated, mediator, as_user, org):
    mediator.mediator_org = org
    mediator.save()
    assert is_external(mediator)
    client = as_user(mediator)
    assert client.get(reverse("case_detail", args=[mediated.pk])).context["panels"] == []  # no triage panel
    page = _page(client, mediated)
    assert NOTE not in page and "Docket note" not in page
    assert ADDRESS not in page and E_ADDRESS not in page
    assert "张三" in page  # the names of the parties they mediate between


def test_a_mediator_sees_live_mediations_only(mediated, judge, mediator, as_user):
    assert list(cases_for_user(mediator)) == [mediated]
    services.case_end_mediation(case=mediated, actor=judge, reason="调解不成")
    assert not cases_for_user(mediator).exists()
    client = as_user(mediator)
    assert client.get(reverse("case_detail", args=[mediated.pk])).status_code == 404
    assert "张三" not in page_text(client.get(reverse("mediations")))


def test_the_mediator_who_ends_a_mediation_is_sent_home_not_to_a_404(mediated, mediator, as_user, act):
    response = act(as_user(mediator), mediated, "mediation_end", reason="调解不成", on=str(today()))
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_a_court_mediator_is_court_staff(court, mediated, court_mediator, as_user, judge):
    mediated.mediator = court_mediator
    mediated.save(update_fields=["mediator"])
    assert not is_external(court_mediator)
    page = _page(as_user(court_mediator), mediated)
    assert ADDRESS in page and NOTE in page


def test_a_filing_officer_sees_no_team_notes(mediated, filing_officer, as_user):
    assert not sees_notes(filing_officer, mediated)
    page = _page(as_user(filing_officer), mediated)
    assert NOTE not in page


def test_the_team_and_the_administrator_see_the_notes(mediated, judge, clerk, admin, as_user):
    for user in (judge, clerk, admin):
        assert NOTE in _page(as_user(user), mediated), user


def test_a_party_sees_its_own_contact_data_but_not_the_other_sides(mediated, party, as_user):
    page = _page(as_user(party), mediated)
    assert NOTE not in page
    assert E_ADDRESS in page  # the plaintiff's own e-address
    assert ADDRESS not in page  # the defendant's address
    assert mediated.parties.filter(side=Party.Side.DEFENDANT).exists()
