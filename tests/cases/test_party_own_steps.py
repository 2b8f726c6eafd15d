"""Each party's own consents (OLR 4) and service address (送达地址确认书, JI 137), given by the party itself, its
lawyer, or recorded by the trial team."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from court.cases import services
from court.cases.access import can_for_party
from court.cases.models import CaseEvent, Party
from court.org.models import Role, User

from .conftest import defendant, fresh, last_event

ON = date(2024, 3, 10)


@pytest.fixture
def case(make_case):
    return make_case(state="service", filed_on=date(2024, 3, 1))


def plaintiff(case):
    return case.parties.get(side=Party.Side.PLAINTIFF)


def test_the_party_gives_its_own_consents_one_by_one(case, party):
    """OLR 4(4): "当事人仅主动选择或者同意对部分诉讼环节适用在线诉讼的，人民法院不得推定其对其他诉讼环节均同意适用在线诉讼"."""
    services.party_record_consents(party=plaintiff(case), actor=party, online_hearing=True, on=ON)
    p = plaintiff(case)
    assert p.online_hearing_consent is True and p.online_mediation_consent is False
    event = last_event(case)
    assert event.kind == CaseEvent.Kind.CONSENTS_RECORDED and event.actor == party
    assert event.payload == {"party_id": p.pk, "party": p.name, "side": p.side, "online_hearing_consent": True}


def test_the_lawyer_gives_its_clients_consents(case, lawyer):
    services.party_record_consents(party=plaintiff(case), actor=lawyer, online_mediation=True, on=ON)
    assert plaintiff(case).online_mediation_consent is True


def test_court_staff_keep_recording_consents(case, clerk):
    services.party_record_consents(party=defendant(case), actor=clerk, online_hearing=True, on=ON)
    assert defendant(case).online_hearing_consent is True


@pytest.mark.parametrize("who", ["party", "lawyer", "stranger", "other_judge", "filing_officer", "mediator"])
def test_nobody_else_consents_for_the_defendant(request, case, who):
    actor = request.getfixturevalue(who)
    assert not can_for_party(actor, defendant(case))
    with pytest.raises(PermissionDenied):
        services.party_record_consents(party=defendant(case), actor=actor, online_hearing=True, on=ON)
    with pytest.raises(PermissionDenied):
        services.party_confirm_address(party=defendant(case), actor=actor, address="x", on=ON)


def test_the_party_confirms_a_new_service_address(case, party):
    """送达地址确认书: JI 137 "其在第一审程序中确认的送达地址可以作为第二审程序…的送达地址"."""
    services.party_confirm_address(party=plaintiff(case), actor=party, address="西安市雁塔区1号",
                                   e_address="new@example.cn", on=ON)
    p = plaintiff(case)
    assert (p.address, p.e_address, p.address_confirmed_on) == ("西安市雁塔区1号", "new@example.cn", ON)
    event = last_event(case)
    assert event.kind == CaseEvent.Kind.ADDRESS_CONFIRMED and event.basis == "JI 137; OLR 29"
    assert event.payload["address"] == "西安市雁塔区1号" and event.payload["changed"] == ["address", "e_address"]


def test_an_address_makes_an_unknown_defendant_known(make_case, clerk):
    case = make_case(state="accepted", procedure="ordinary", defendant_address_known=False, filed_on=date(2024, 3, 1))
    assert fresh(case).defendant_address_known is False
    services.party_confirm_address(party=defendant(case), actor=clerk, address="蓝田县城关1号",
                                   e_address="li@example.cn", on=ON)
    assert fresh(case).defendant_address_known is True


def test_e_service_keeps_its_electronic_address(case, party):
    """CPL 90: electronic service "经受送达人同意" to an address the party gives."""
    with pytest.raises(services.CaseRuleError) as exc:
        services.party_confirm_address(party=plaintiff(case), actor=party, address="西安", e_address="", on=ON)
    assert exc.value.text == services.CONSENT_NEEDS_E_ADDRESS


def test_an_address_is_needed(case, party):
    with pytest.raises(services.CaseRuleError) as exc:
        services.party_confirm_address(party=plaintiff(case), actor=party, address=" ", e_address="", on=ON)
    assert exc.value.text == services.ADDRESS_NEEDED


def test_a_defendant_who_joined_acts_for_itself_only(case):
    user = User.objects.create_user(username="d", password="x", role=Role.PARTY)
    Party.objects.filter(pk=defendant(case).pk).update(user=user)
    services.party_confirm_address(party=defendant(case), actor=user, address="蓝田县2号", e_address="d@example.cn",
                                   on=ON)
    assert defendant(case).address_confirmed_on == ON
    with pytest.raises(PermissionDenied):
        services.party_record_consents(party=plaintiff(case), actor=user, online_hearing=True, on=ON)
