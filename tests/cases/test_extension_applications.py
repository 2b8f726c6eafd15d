"""Term extension applications (TL2019 Art. 1): "独任审判员或合议庭应当在期限届满十五日前向本院院长提出申请，并说明详细情况和
理由。院长应当在期限届满五日前作出决定。" The judge applies, the president decides in a queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from court.cases import services
from court.cases.models import Case, CaseEvent, PeriodKind
from court.cases.services import CaseRuleError


@pytest.fixture
def running(make_case):
    case = make_case(state="heard")  # simple procedure: three months from 2024-03-01
    return case, case.normal_deadline


def test_the_judge_applies_15_days_before_expiry_and_the_president_approves(running, judge, admin):
    case, deadline = running
    event = services.extension_apply(case=case, actor=judge, months=1, reason="鉴定意见尚未出具",
                                     on=deadline - timedelta(days=15))
    assert (event.kind, event.basis, event.payload["months"]) == (CaseEvent.Kind.EXTENSION_APPLIED, "TL2019 Art. 1", 1)
    assert list(services.pending_extensions(Case.objects.all())) == [event]
    services.extension_decide(case=case, actor=admin, approve=True, on=deadline - timedelta(days=6))
    period = case.periods.get(kind=PeriodKind.EXTENSION)
    assert period.months == 1 and period.reason == "鉴定意见尚未出具"
    extended = case.events.filter(kind=CaseEvent.Kind.EXTENDED).get()
    assert extended.payload["applied_on"] == (deadline - timedelta(days=15)).isoformat()
    assert not services.pending_extensions(Case.objects.all()).exists()


def test_an_application_later_than_15_days_before_expiry_is_refused(running, judge):
    case, deadline = running
    with pytest.raises(CaseRuleError) as err:
        services.extension_apply(case=case, actor=judge, months=1, reason="鉴定", on=deadline - timedelta(days=14))
    assert (err.value.code, err.value.article) == ("extension_applied_late", "TL2019 Art. 1")


def test_reasons_are_required_and_one_application_pends_at_a_time(running, judge):
    case, deadline = running
    with pytest.raises(CaseRuleError) as err:
        services.extension_apply(case=case, actor=judge, months=1, reason=" ", on=deadline - timedelta(days=20))
    assert err.value.code == "no_reason"
    services.extension_apply(case=case, actor=judge, months=1, reason="鉴定", on=deadline - timedelta(days=20))
    with pytest.raises(CaseRuleError) as err:
        services.extension_apply(case=case, actor=judge, months=1, reason="鉴定", on=deadline - timedelta(days=19))
    assert err.value.code == "pending"


def test_the_president_refuses_with_reasons_and_a_late_approval_is_refused(running, judge, admin):
    case, deadline = running
    services.extension_apply(case=case, actor=judge, months=1, reason="鉴定", on=deadline - timedelta(days=20))
    with pytest.raises(CaseRuleError) as err:  # "院长应当在期限届满五日前作出决定"
        services.extension_decide(case=case, actor=admin, approve=True, on=deadline - timedelta(days=4))
    assert err.value.code == "decided_late"
    with pytest.raises(CaseRuleError) as err:
        services.extension_decide(case=case, actor=admin, approve=False, reason="", on=deadline - timedelta(days=6))
    assert err.value.code == "no_reason"
    event = services.extension_decide(case=case, actor=admin, approve=False, reason="理由不充分",
                                      on=deadline - timedelta(days=6))
    assert event.kind == CaseEvent.Kind.EXTENSION_REFUSED
    assert not case.periods.filter(kind=PeriodKind.EXTENSION).exists()
    with pytest.raises(CaseRuleError) as err:
        services.extension_decide(case=case, actor=admin, approve=True, on=deadline - timedelta(days=6))
    assert err.value.code == "none_pending"


@pytest.mark.parametrize("who", ["assistant", "clerk", "other_judge", "admin", "party", "lawyer", "filing_officer"])
def test_only_the_case_s_judge_applies(running, request, who):
    case, deadline = running
    with pytest.raises(PermissionDenied):
        services.extension_apply(case=case, actor=request.getfixturevalue(who), months=1, reason="鉴定",
                                 on=deadline - timedelta(days=20))


@pytest.mark.parametrize("who", ["judge", "assistant", "clerk", "other_judge", "party", "filing_officer"])
def test_only_the_president_decides(running, judge, request, who):
    case, deadline = running
    services.extension_apply(case=case, actor=judge, months=1, reason="鉴定", on=deadline - timedelta(days=20))
    with pytest.raises(PermissionDenied):
        services.extension_decide(case=case, actor=request.getfixturevalue(who), approve=True,
                                  on=deadline - timedelta(days=6))
