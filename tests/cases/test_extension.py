"""Extensions of the term (延长审限): who approves, how much, and when (CPL 152, 164, 168; TL2000 Art. 2; TL2019 Art. 1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from court.cases import services
from court.cases.models import CaseEvent, CasePeriod, PeriodKind, Procedure
from court.cases.services import CaseRuleError
from court.cases.term import court_calendar
from court.rules import terms as rules
from court.rules.terms import deadline

from .conftest import fresh, last_event

K = CaseEvent.Kind
ON = date(2024, 4, 1)


def _extend(case, actor, months=1, on=ON, **kwargs) -> CasePeriod:
    return services.case_extend(case=case, actor=actor, months=months, reason="案情复杂需要鉴定", on=on, **kwargs)


def test_the_president_extends_a_simple_case_by_one_month(make_case, admin):
    case = make_case(state="heard")
    period = _extend(case, admin)
    assert (period.kind, period.months, period.approver) == (PeriodKind.EXTENSION, 1, CasePeriod.Approver.PRESIDENT)
    case = fresh(case)
    assert case.extension_months == 1
    assert case.extended_deadline == deadline(case.filed_on, 4, 0, court_calendar())
    event = last_event(case)
    assert (event.kind, event.actor, event.from_state, event.to_state) == (K.EXTENDED, admin, "heard", "heard")
    assert "CPL 164" in event.basis


def test_a_simple_case_is_extended_to_four_months_at_most(make_case, admin):
    case = make_case(state="heard")
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, months=2)
    assert err.value.text == rules.SIMPLE_EXTENSION_CAP and "JI 258(1)" in err.value.article
    _extend(case, admin)
    with pytest.raises(CaseRuleError):
        _extend(case, admin, on=ON + timedelta(days=1))


def test_a_small_claims_case_is_extended_by_one_month_once(make_case, admin):
    case = make_case(state="heard", procedure=Procedure.SMALL_CLAIMS, amount=1000)
    _extend(case, admin, on=date(2024, 4, 10))
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, on=date(2024, 4, 11))
    assert err.value.text == rules.SMALL_CLAIMS_EXTENSION_CAP and err.value.article == "CPL 168"


def test_an_ordinary_case_goes_to_the_president_then_the_higher_court(make_case, admin):
    case = make_case(state="heard", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, months=3, higher_court=True)
    assert err.value.text == rules.ORDINARY_FIRST_BY_PRESIDENT
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, months=7)
    assert err.value.text == rules.ORDINARY_PRESIDENT_CAP
    _extend(case, admin, months=6)
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, months=1, on=ON + timedelta(days=1))
    assert err.value.text == rules.ORDINARY_FURTHER_BY_HIGHER_COURT
    _extend(case, admin, months=3, higher_court=True, on=ON + timedelta(days=1))
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, months=1, higher_court=True, on=ON + timedelta(days=2))
    assert err.value.text == rules.ORDINARY_HIGHER_COURT_CAP and err.value.article == "TL2000 Art. 2"
    assert fresh(case).extended_deadline == deadline(case.filed_on, 15, 0, court_calendar())


@pytest.mark.parametrize("who", ["judge", "clerk", "filing_officer"])
def test_only_the_president_approves_an_extension(make_case, request, who):
    with pytest.raises(PermissionDenied) as err:
        _extend(make_case(state="heard"), request.getfixturevalue(who))
    assert "CPL 152" in str(err.value)


def test_an_administrator_who_is_not_president_may_not_approve(make_case, admin):
    admin.is_president = False
    admin.save()
    with pytest.raises(PermissionDenied):
        _extend(make_case(state="heard"), admin)


def test_the_application_comes_fifteen_days_before_expiry(make_case, admin):
    case = make_case(state="heard")
    expiry = fresh(case).normal_deadline
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, on=expiry - timedelta(days=14))
    assert err.value.text == rules.EXTENSION_APPLIED_LATE and err.value.article == "TL2019 Art. 1"
    assert _extend(case, admin, on=expiry - timedelta(days=15)).months == 1


def test_the_president_decides_five_days_before_expiry(make_case, admin):
    case = make_case(state="heard")
    expiry = fresh(case).normal_deadline
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, applied_on=expiry - timedelta(days=20), on=expiry - timedelta(days=4))
    assert err.value.code == "decided_late" and err.value.article == "TL2019 Art. 1"
    period = _extend(case, admin, applied_on=expiry - timedelta(days=20), on=expiry - timedelta(days=5))
    assert period.start_on == expiry - timedelta(days=5)


def test_an_extension_is_not_approved_before_it_is_applied_for(make_case, admin):
    with pytest.raises(CaseRuleError) as err:
        _extend(make_case(state="heard"), admin, applied_on=ON + timedelta(days=1))
    assert err.value.text == services.EXTENSION_DECIDED_BEFORE_APPLICATION


def test_a_foreign_related_case_has_no_term_to_extend(make_case, admin):
    with pytest.raises(CaseRuleError) as err:
        _extend(make_case(state="heard", foreign_related=True, procedure=Procedure.ORDINARY), admin)
    assert err.value.article == "CPL 287"


def test_an_extension_states_its_reasons(make_case, admin):
    with pytest.raises(CaseRuleError) as err:
        services.case_extend(case=make_case(state="heard"), actor=admin, months=1, reason="", on=ON)
    assert err.value.text == services.EXTENSION_NEEDS_REASON


def test_a_closed_case_is_not_extended(make_case, admin):
    with pytest.raises(CaseRuleError) as err:
        _extend(make_case(state="closed"), admin)
    assert err.value.code == "transition"


def test_after_conversion_the_first_ordinary_extension_is_the_presidents(make_case, admin, judge):
    case = make_case(state="service")
    _extend(case, admin, on=date(2024, 3, 20))
    services.case_convert_procedure(case=case, actor=judge, to=Procedure.ORDINARY, reason="案情复杂",
                                    on=date(2024, 3, 25))
    assert _extend(case, admin, months=6, on=date(2024, 4, 1)).approver == CasePeriod.Approver.PRESIDENT


def test_after_conversion_the_president_is_asked_in_time_for_the_ordinary_term_not_the_lapsed_one(make_case, admin,
                                                                                                   judge):
    """JI 258: "案件转为普通程序审理的，审理期限自人民法院立案之日计算" and TL2019 Art. 1: "应当在期限届满十五日前向本院院长
    提出申请". Filed 2024-01-10 (simple), +1 month 2024-03-20, converted 2024-04-01: the ordinary term ends 2024-07-10
    (the simple month lapsed), so an application on 2024-07-01 is late; one on 2024-06-20 reaches 2025-01-10."""
    case = make_case(state="service", filed_on=date(2024, 1, 10))
    _extend(case, admin, on=date(2024, 3, 20))
    services.case_convert_procedure(case=case, actor=judge, to=Procedure.ORDINARY, reason="案情复杂",
                                    on=date(2024, 4, 1))
    case = fresh(case)
    assert (case.extension_months, case.extended_deadline) == (0, date(2024, 7, 10))
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, months=6, on=date(2024, 7, 1))
    assert err.value.code == "extension_applied_late" and err.value.article == "TL2019 Art. 1"
    _extend(case, admin, months=6, on=date(2024, 6, 20))
    case = fresh(case)
    assert (case.extension_months, case.extended_deadline) == (6, date(2025, 1, 10))


def test_a_special_procedure_case_is_extended_by_thirty_days(make_case, admin):
    """CPL 187: "有特殊情况需要延长的，由本院院长批准"; TL2000 Art. 2: "可以延长三十日" — once."""
    case = make_case(state="service", filed_on=date(2024, 9, 10))
    type(case).objects.filter(pk=case.pk).update(case_type="民特")
    case = fresh(case)
    _extend(case, admin, on=date(2024, 9, 20))
    case = fresh(case)
    assert case.extended_deadline == date(2024, 11, 11)
    assert "CPL 187" in last_event(case).basis
    with pytest.raises(CaseRuleError) as err:
        _extend(case, admin, on=date(2024, 9, 21))
    assert err.value.code == "extension_cap" and "CPL 187" in err.value.article
