"""The mediation chain of the tests: a village, its elder, the town's judicial office, a court mediator."""

from __future__ import annotations

from datetime import date

import pytest

from court.cases.models import Case, Party
from court.mediation import services as med
from court.mediation.models import Mediation
from court.org.models import Area, MediationOrganisation, MediatorOrg, Role, User

RECEIVED = date(2024, 3, 1)  # a Friday
DIVERTED = date(2024, 3, 4)


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def village(court) -> Area:
    return Area.objects.create(court=court, town="蓝关街道", village="鹿塬村", population=2400)


@pytest.fixture
def other_village(court) -> Area:
    return Area.objects.create(court=court, town="汤峪镇", village="塘子村", population=1800)


def _mediator(username, court, org) -> User:
    return User.objects.create_user(username=username, password="pw-" + username, role=Role.MEDIATOR, court=court,
                                    display_name=username, mediation_organisation=org)


@pytest.fixture
def elder(court, village) -> User:
    org = MediationOrganisation.objects.create(court=court, kind=MediatorOrg.VILLAGE_ELDER, name="鹿塬村乡贤调解室",
                                               area=village)
    return _mediator("elder", court, org)


@pytest.fixture
def far_elder(court, other_village) -> User:
    org = MediationOrganisation.objects.create(court=court, kind=MediatorOrg.VILLAGE_ELDER, name="塘子村乡贤调解室",
                                               area=other_village)
    return _mediator("far_elder", court, org)


@pytest.fixture
def court_mediator(court) -> User:
    org = MediationOrganisation.objects.create(court=court, kind=MediatorOrg.COURT, name="诉讼服务中心调解室")
    return _mediator("court_mediator", court, org)


@pytest.fixture
def complaint(make_case) -> Case:
    return make_case(state="filed", filed_on=date(2024, 3, 3))  # received 2024-03-01


@pytest.fixture
def diverted(complaint, filing_officer, village) -> Mediation:
    return med.prefiling_divert(case=complaint, actor=filing_officer, consent=True, area=village, on=DIVERTED)


@pytest.fixture
def assigned(diverted, filing_officer, elder) -> Mediation:
    return med.prefiling_assign(mediation=diverted, actor=filing_officer, mediator=elder, on=DIVERTED)


def parties(case: Case) -> list[Party]:
    return list(case.parties.order_by("side_rank", "id"))
