"""Mediation after filing (OMR 24: "适用普通程序的调解期限为十五日，适用简易程序的调解期限为七日，各方当事人同意延长的，
不受此限。立案后延长的调解期限不计入审理期限"), entrusted to the chain, online sessions with consent (OMR 4, 16) and
statements (OMR 18)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from court.cases import services
from court.cases.models import Case, CaseState, PeriodKind
from court.cases.services import CaseRuleError
from court.mediation import services as med
from court.mediation.models import Mediation, Statement

START = date(2024, 3, 22)
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def entrusted(make_case, clerk, elder) -> Mediation:
    case = make_case(state="heard", procedure="simple")
    return med.mediation_start_in_case(case=case, actor=clerk, mediator=elder, entrusted=True, on=START)


def test_entrusted_mediation_has_its_own_seven_day_deadline(entrusted, elder):
    assert entrusted.stage == Mediation.Stage.ENTRUSTED and entrusted.mediator == elder
    assert entrusted.due_on == START + timedelta(days=7)
    assert entrusted.organisation.name == "鹿塬村乡贤调解室"


def test_ordinary_procedure_has_fifteen_days(make_case, clerk, court_mediator):
    case = make_case(state="heard", procedure="ordinary")
    m = med.mediation_start_in_case(case=case, actor=clerk, mediator=court_mediator, on=START)
    assert m.stage == Mediation.Stage.ANNEXED and m.due_on == START + timedelta(days=15)


def test_entrusted_goes_to_the_chain_not_the_court(make_case, clerk, court_mediator):
    case = make_case(state="heard")
    with pytest.raises(CaseRuleError) as err:
        med.mediation_start_in_case(case=case, actor=clerk, mediator=court_mediator, entrusted=True, on=START)
    assert err.value.text == med.ENTRUSTED_NEEDS_CHAIN


def test_the_agreed_extension_is_not_counted_in_the_term(entrusted, elder):
    before = Case.objects.get(pk=entrusted.case_id)
    med.mediation_extend(mediation=entrusted, actor=elder, until=START + timedelta(days=20), on=START + timedelta(days=5))
    end = START + timedelta(days=12)
    med.mediation_end_in_case(mediation=entrusted, actor=elder, outcome="failed", reason="分歧较大", on=end)
    case = Case.objects.get(pk=entrusted.case_id)
    assert case.state == CaseState.HEARD  # OMR 21: "立案后委托调解的，调解不成后，人民法院应当恢复审理"
    period = case.periods.get(kind=PeriodKind.MEDIATION_EXTENSION)
    assert (period.start_on, period.end_on) == (START + timedelta(days=7), end)
    assert case.excluded_days == (before.excluded_days or 0) + 5


def test_agreement_keeps_the_case_for_the_mediation_document(entrusted, elder, judge):
    med.mediation_end_in_case(mediation=entrusted, actor=elder, outcome="agreement", on=START + timedelta(days=3))
    case = Case.objects.get(pk=entrusted.case_id)
    assert case.state == CaseState.MEDIATION  # TL2000 Art. 10: it closes when the 调解书 reaches the last party
    services.case_close(case=case, actor=judge, mode="mediation",
                        mediation_served_on=[START + timedelta(days=5)] * 2)
    assert Case.objects.get(pk=case.pk).closed_on == START + timedelta(days=5)


def test_online_session_needs_each_partys_consent(entrusted, elder, party):
    at = datetime.combine(START + timedelta(days=2), time(10), TZ)
    with pytest.raises(CaseRuleError) as err:
        med.session_schedule(mediation=entrusted, actor=elder, starts_at=at)
    assert err.value.code == "online_consent"
    for p in entrusted.case.parties.all():
        services.party_record_consents(party=p, actor=None, online_mediation=True, on=START)
    session = med.session_schedule(mediation=entrusted, actor=elder, starts_at=at)
    assert session.online
    with pytest.raises(CaseRuleError):  # in person needs a place
        med.session_schedule(mediation=entrusted, actor=elder, starts_at=at, online=False)


def test_statements_from_the_parties_and_the_mediator(entrusted, elder, party, stranger):
    s = med.statement_add(mediation=entrusted, actor=party, text="同意分期归还", kind=Statement.Kind.PROPOSAL)
    assert s.party.name == "张三"
    med.statement_add(mediation=entrusted, actor=elder, text="建议分三期")
    with pytest.raises(CaseRuleError) as err:
        med.statement_add(mediation=entrusted, actor=stranger, text="我也说两句")
    assert err.value.text == med.NOT_YOUR_MEDIATION
