"""The filing officer or the judge accepts or overrides; an override needs a reason and is recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from court.cases.services import CaseRuleError
from triage.services import OVERRIDE_NEEDS_REASON
from triage.models import Recommendation
from triage.services import ALREADY_DECIDED, NOT_LATEST, case_triage, recommendation_decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(make_case, active_model):
    case = make_case(state="filed")
    return case, case_triage(case=case, trigger="submitted")


def test_an_override_without_a_reason_is_refused(filed, filing_officer):
    case, rec = filed
    other = "ordinary" if rec.route != "ordinary" else "simple"
    with pytest.raises(CaseRuleError) as exc:
        recommendation_decide(recommendation=rec, actor=filing_officer, accept=False, route=other, reason="  ")
    assert exc.value.text == OVERRIDE_NEEDS_REASON
    assert not case.events.filter(kind="triage_decided").exists()
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OPEN


def test_an_override_with_a_reason_is_recorded_as_a_case_event(filed, filing_officer):
    case, rec = filed
    other = "ordinary" if rec.route != "ordinary" else "simple"
    recommendation_decide(recommendation=rec, actor=filing_officer, accept=False, route=other,
                          reason="原告陈述涉及多笔借款，事实需查明")
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OVERRIDDEN
    assert rec.decided_route == other and rec.decided_user == filing_officer
    event = case.events.get(kind="triage_decided")
    assert event.actor == filing_officer and event.reason == "原告陈述涉及多笔借款，事实需查明"
    assert event.payload["recommended"] == rec.route and event.payload["decided"] == other


def test_accepting_records_the_recommended_route(filed, filing_officer):
    case, rec = filed
    recommendation_decide(recommendation=rec, actor=filing_officer, accept=True)
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.ACCEPTED and rec.decided_route == rec.route
    assert case.events.get(kind="triage_decided").payload["outcome"] == "accepted"


def test_a_decided_or_superseded_recommendation_cannot_be_decided_again(filed, filing_officer):
    case, rec = filed
    recommendation_decide(recommendation=rec, actor=filing_officer, accept=True)
    with pytest.raises(CaseRuleError) as exc:
        recommendation_decide(recommendation=rec, actor=filing_officer, accept=True)
    assert exc.value.text == ALREADY_DECIDED
    newer = case_triage(case=case, trigger="manual")
    older = Recommendation.objects.filter(case=case, status="open").exclude(pk=newer.pk)
    assert not older.exists()
    second = case_triage(case=case, trigger="manual")
    with pytest.raises(CaseRuleError) as exc:
        recommendation_decide(recommendation=newer, actor=filing_officer, accept=True)
    assert exc.value.text == NOT_LATEST
    recommendation_decide(recommendation=second, actor=filing_officer, accept=True)


def test_an_override_to_a_procedure_the_law_bars_is_refused(make_case, filing_officer, active_model):
    case = make_case(state="filed", defendant_address_known=False)
    rec = case_triage(case=case, trigger="submitted")
    assert rec.allowed_routes == ["ordinary"]
    with pytest.raises(CaseRuleError) as exc:
        recommendation_decide(recommendation=rec, actor=filing_officer, accept=False, route="simple",
                              reason="当事人同意适用简易程序")
    assert exc.value.article.startswith("JI 257(1)")


def test_the_judge_of_the_team_decides_after_filing_and_others_may_not(make_case, judge, other_judge, clerk,
                                                                        filing_officer, party, active_model):
    case = make_case(state="accepted")
    rec = case_triage(case=case, trigger="manual")
    for outsider in (other_judge, clerk, filing_officer, party):
        with pytest.raises(PermissionDenied):
            recommendation_decide(recommendation=rec, actor=outsider, accept=True)
    recommendation_decide(recommendation=rec, actor=judge, accept=True)
