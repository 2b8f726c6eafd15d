"""Filing: a complaint is received, corrected, refused or accepted (CPL 122-126; REG2015; OLR 9)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.models import Case, CaseEvent, CaseState, Cause, Party, Procedure
from court.cases.selectors import wage_threshold_for
from court.cases.services import CaseRuleError, FilingInput, PartyInput
from court.org.models import Court, Team, WageThreshold
from court.rules import procedure as rules
from court.rules.periods import filing_decision_due

from .conftest import last_event

RECEIVED = date(2024, 2, 28)
K = CaseEvent.Kind


def _file(court, cause, *, defendants: int = 1, amount: Decimal = Decimal(30000), **kwargs) -> Case:
    parties = [PartyInput(side=Party.Side.PLAINTIFF, name="张三")]
    parties += [PartyInput(side=Party.Side.DEFENDANT, name=f"李四{i}") for i in range(defendants)]
    filing = FilingInput(cause=cause, claim_amount=amount, parties=parties, **kwargs)
    return services.case_submit(court=court, filing=filing, actor=None, on=RECEIVED)


def _wage() -> Decimal:
    return wage_threshold_for("陕", date(2024, 3, 1)).average_wage


def _accept(case, officer, procedure=Procedure.SIMPLE, **kwargs) -> Case:
    kwargs.setdefault("on", date(2024, 3, 1))
    return services.case_accept(case=case, actor=officer, procedure=procedure, **kwargs)


def test_a_submitted_complaint_waits_for_a_decision_within_seven_days(court, cause, party):
    case = _file(court, cause)
    assert case.state == CaseState.FILED and case.submitted_on == RECEIVED and case.case_number is None
    event = last_event(case)
    assert event.kind == K.SUBMITTED and event.to_state == CaseState.FILED and "CPL 126" in event.basis
    assert event.payload["decision_due"] == filing_decision_due(RECEIVED).isoformat()


def test_it_refuses_a_complaint_without_a_plaintiff(court, cause):
    filing = FilingInput(cause=cause, claim_amount=Decimal(1), parties=[PartyInput(side="defendant", name="李四")])
    with pytest.raises(CaseRuleError) as err:
        services.case_submit(court=court, filing=filing, actor=None, on=RECEIVED)
    assert "CPL 122" in err.value.text and err.value.article == "CPL 122"


def test_the_filing_officer_asks_for_correction_once_listing_everything(make_case, filing_officer):
    case = make_case(state="filed")
    services.case_request_correction(case=case, actor=filing_officer, items="补充被告身份信息", on=RECEIVED)
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION
    assert last_event(case).basis == "REG2015 Art. 7" and last_event(case).reason == "补充被告身份信息"


def test_a_correction_request_must_list_the_items(make_case, filing_officer):
    case = make_case(state="filed")
    with pytest.raises(CaseRuleError) as err:
        services.case_request_correction(case=case, actor=filing_officer, items="  ")
    assert err.value.text == services.CORRECTION_NEEDS_ITEMS


def test_the_decision_period_restarts_the_day_after_the_corrected_complaint(make_case, filing_officer, party):
    case = make_case(state="filed")
    services.case_request_correction(case=case, actor=filing_officer, items="补充证据", on=RECEIVED)
    corrected = RECEIVED + timedelta(days=10)
    services.case_resubmit(case=case, actor=party, on=corrected)
    case.refresh_from_db()
    assert case.state == CaseState.FILED and case.corrected_on == corrected
    event = last_event(case)
    assert event.kind == K.RESUBMITTED and (event.from_state, event.to_state) == (CaseState.CORRECTION, CaseState.FILED)
    assert event.payload["decision_due"] == filing_decision_due(case.submitted_on, corrected).isoformat()
    assert date.fromisoformat(event.payload["decision_due"]) > corrected + timedelta(days=6)


@pytest.mark.parametrize("correct_first", [False, True])
def test_a_complaint_is_refused_by_a_reasoned_ruling(make_case, filing_officer, correct_first):
    case = make_case(state="filed")
    if correct_first:
        services.case_request_correction(case=case, actor=filing_officer, items="补充", on=RECEIVED)
    services.case_reject(case=case, actor=filing_officer, reason="不属于人民法院受理民事诉讼的范围", on=RECEIVED)
    case.refresh_from_db()
    assert case.state == CaseState.REJECTED and "REG2015 Art. 9" in last_event(case).basis


def test_a_refusal_without_reasons_is_refused(make_case, filing_officer):
    case = make_case(state="filed")
    with pytest.raises(CaseRuleError) as err:
        services.case_reject(case=case, actor=filing_officer, reason=" ")
    assert err.value.text == services.REJECT_NEEDS_REASON and err.value.article == "REG2015 Art. 9"


def test_acceptance_allocates_the_number_and_assigns_the_team(make_case, filing_officer, team, judge):
    case = make_case(state="filed")
    case = services.case_accept(case=case, actor=filing_officer, procedure=Procedure.SIMPLE, team=team,
                                on=date(2024, 3, 1))
    assert case.state == CaseState.ACCEPTED and case.filed_on == date(2024, 3, 1)
    assert case.case_number == "（2024）陕0122民初1号" and (case.year, case.serial) == (2024, 1)
    assert case.procedure == case.initial_procedure == Procedure.SIMPLE
    assert case.team == team and case.judge == judge
    assert case.normal_deadline is not None and case.term_as_of == date(2024, 3, 1)
    event = last_event(case)
    assert (event.kind, event.from_state, event.to_state) == (K.ACCEPTED, "filed", "accepted")
    assert event.actor == filing_officer


def test_acceptance_with_only_a_judge_takes_the_judges_team(make_case, filing_officer, judge, team):
    case = _accept(make_case(state="filed"), filing_officer, judge=judge)
    assert case.team == team


def test_it_refuses_to_accept_without_a_defendant(court, cause, filing_officer):
    case = _file(court, cause, defendants=0)
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer)
    assert err.value.text == services.NEEDS_DEFENDANT and err.value.article == "CPL 122"
    assert Case.objects.get(pk=case.pk).state == CaseState.FILED


def test_it_refuses_to_accept_twice(make_case, filing_officer):
    case = make_case(state="accepted")
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer)
    assert err.value.code == "transition"


def test_it_refuses_an_acceptance_dated_before_the_complaint_arrived(make_case, filing_officer):
    case = make_case(state="filed")
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer, on=case.submitted_on - timedelta(days=1))
    assert err.value.article == "CPL 126"


def test_it_refuses_an_unknown_procedure(make_case, filing_officer):
    with pytest.raises(CaseRuleError) as err:
        _accept(make_case(state="filed"), filing_officer, procedure="fast")
    assert err.value.code == "choice"


def test_it_refuses_a_judge_outside_the_team(make_case, filing_officer, team, other_judge):
    with pytest.raises(CaseRuleError) as err:
        _accept(make_case(state="filed"), filing_officer, team=team, judge=other_judge)
    assert err.value.text == services.NOT_ON_TEAM


def test_it_refuses_a_team_of_another_court(make_case, filing_officer):
    other = Court.objects.create(code="陕0123", name="other", province="陕")
    foreign_team = Team.objects.create(court=other, code="X", name="X")
    with pytest.raises(CaseRuleError) as err:
        _accept(make_case(state="filed"), filing_officer, team=foreign_team)
    assert err.value.text == services.TEAM_OF_OTHER_COURT


# --- the procedure the law allows (JI 257; CPL 165-166) -------------------------------------------------

def test_simple_procedure_is_refused_when_the_defendant_cannot_be_found(make_case, filing_officer):
    case = make_case(state="filed", defendant_address_known=False)
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer, procedure=Procedure.SIMPLE)
    assert err.value.text == rules.BAR_ADDRESS_UNKNOWN and "JI 257(1)" in err.value.article
    assert _accept(case, filing_officer, procedure=Procedure.ORDINARY).procedure == Procedure.ORDINARY


def test_simple_procedure_is_refused_for_numerous_parties(make_case, filing_officer):
    case = make_case(state="filed", defendants=rules.NUMEROUS_PARTIES)
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer, procedure=Procedure.SIMPLE)
    assert "JI 257(3)" in err.value.text


@pytest.mark.parametrize(("flag", "article"), [("remanded", "JI 257(2)"), ("public_interest", "JI 257(5)")])
def test_simple_procedure_is_refused_for_remands_and_public_interest(make_case, filing_officer, flag, article):
    case = make_case(state="filed")
    Case.objects.filter(pk=case.pk).update(**{flag: True})
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer, procedure=Procedure.SIMPLE)
    assert article in err.value.text and article in err.value.article


def test_small_claims_up_to_half_the_average_wage_are_accepted(make_case, filing_officer):
    limit = _wage() / 2
    case = _accept(make_case(state="filed", amount=limit), filing_officer, procedure=Procedure.SMALL_CLAIMS)
    assert case.procedure == Procedure.SMALL_CLAIMS


def test_small_claims_above_the_limit_are_refused_unless_both_sides_agree(make_case, filing_officer):
    wage = _wage()
    case = make_case(state="filed", amount=wage / 2 + 1)
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer, procedure=Procedure.SMALL_CLAIMS)
    assert err.value.text == rules.BAR_AMOUNT_ABOVE_LIMIT and err.value.article == "CPL 165"
    case = _accept(case, filing_officer, procedure=Procedure.SMALL_CLAIMS, parties_agree=True)
    assert case.procedure == Procedure.SMALL_CLAIMS


def test_small_claims_by_agreement_stop_at_twice_the_average_wage(make_case, filing_officer):
    wage = _wage()
    case = make_case(state="filed", amount=wage * 2 + 1)
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer, procedure=Procedure.SMALL_CLAIMS, parties_agree=True)
    assert err.value.article == "CPL 165"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"appraisal_requested": True}, rules.BAR_APPRAISAL),
    ({"foreign_related": True}, rules.BAR_FOREIGN),
    ({"defendant_address_known": False}, rules.BAR_PARTY_MISSING),
])
def test_small_claims_are_refused_where_cpl_166_bars_them(make_case, filing_officer, kwargs, message):
    case = make_case(state="filed", amount=Decimal(1000), **kwargs)
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer, procedure=Procedure.SMALL_CLAIMS)
    assert err.value.text == message and "CPL 166" in err.value.article


def test_small_claims_are_refused_for_personal_status(court, filing_officer):
    # CPL 166(1) "人身关系、财产确权案件": the cause's claim nature says so (Cause.personal_status is retired).
    divorce = Cause.objects.get(name="离婚纠纷", claim_nature="status", catalogue__version="2025")
    case = _file(court, divorce, amount=Decimal(1000))
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer, procedure=Procedure.SMALL_CLAIMS)
    assert err.value.text == rules.BAR_STATUS_OR_OWNERSHIP and err.value.article == "CPL 166(1)"


def test_small_claims_are_refused_without_a_published_wage_figure(make_case, filing_officer):
    case = make_case(state="filed", amount=Decimal(1000))
    WageThreshold.objects.all().delete()
    with pytest.raises(CaseRuleError) as err:
        _accept(case, filing_officer, procedure=Procedure.SMALL_CLAIMS)
    assert err.value.text == rules.BAR_NO_THRESHOLD and "JI 272" in err.value.article


def test_a_party_added_before_acceptance_updates_the_filing_facts(make_case, filing_officer):
    case = make_case(state="filed")
    services.party_add(case=case, actor=filing_officer,
                       data=PartyInput(side=Party.Side.DEFENDANT, name="王五", address_known=False))
    case.refresh_from_db()
    assert case.defendant_count == 2 and case.defendant_address_known is False
    with pytest.raises(CaseRuleError):
        _accept(case, filing_officer, procedure=Procedure.SIMPLE)
