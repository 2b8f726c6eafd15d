"""Changing the procedure (CPL 160, 169-170; JI 258, 260, 264, 278): the term still runs from filing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services
from court.cases.models import CaseEvent, Panel, Procedure
from court.cases.services import CaseRuleError
from court.cases.term import court_calendar
from court.rules import procedure as rules
from court.rules.terms import deadline

from .conftest import fresh, last_event

K = CaseEvent.Kind
ON = date(2024, 3, 15)


def _convert(case, judge, to, on=ON, **kwargs):
    return services.case_convert_procedure(case=case, actor=judge, to=to, reason="案情复杂", on=on, **kwargs)


def test_small_claims_become_simple_when_unsuitable(make_case, judge):
    case = _convert(make_case(state="service", procedure=Procedure.SMALL_CLAIMS, amount=1000), judge, Procedure.SIMPLE)
    assert case.procedure == Procedure.SIMPLE and case.initial_procedure == Procedure.SMALL_CLAIMS
    event = last_event(case)
    assert event.kind == K.CONVERTED and "CPL 169" in event.basis
    assert (event.payload["from_procedure"], event.payload["to_procedure"]) == ("small_claims", "simple")


def test_a_simple_case_becomes_ordinary_before_its_term_expires(make_case, judge):
    case = _convert(make_case(state="heard"), judge, Procedure.ORDINARY, panel=Panel.COLLEGIAL)
    case = fresh(case)
    assert case.procedure == Procedure.ORDINARY and case.converted_on == ON and case.panel == Panel.COLLEGIAL
    # JI 258(3): six months from the original filing date, not from the conversion.
    assert case.normal_deadline == deadline(case.filed_on, 6, 0, court_calendar())
    assert "JI 258" in last_event(case).basis


def test_a_simple_case_cannot_become_ordinary_after_its_term_expired(make_case, judge):
    case = make_case(state="heard")
    expiry = fresh(case).normal_deadline
    with pytest.raises(CaseRuleError) as err:
        _convert(case, judge, Procedure.ORDINARY, on=expiry + timedelta(days=1))
    assert err.value.text == rules.SIMPLE_TERM_EXPIRED and "JI 258(2)" in err.value.article
    assert _convert(case, judge, Procedure.ORDINARY, on=expiry).procedure == Procedure.ORDINARY


def test_the_simple_term_for_conversion_counts_excluded_periods(make_case, judge, clerk):
    case = make_case(state="heard")
    services.period_start(case=case, actor=clerk, kind="appraisal", start_on=date(2024, 3, 22),
                          end_on=date(2024, 4, 21))
    expiry = fresh(case).normal_deadline
    assert expiry >= deadline(case.filed_on, 3, 30, court_calendar())
    assert _convert(case, judge, Procedure.ORDINARY, on=expiry).procedure == Procedure.ORDINARY


def test_an_ordinary_case_is_never_converted_back_after_a_hearing(make_case, judge):
    case = make_case(state="heard", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        _convert(case, judge, Procedure.SIMPLE, parties_agree=True)
    assert err.value.text == rules.ORDINARY_HEARD and err.value.article == "JI 260"


def test_an_ordinary_case_becomes_simple_only_by_agreement_before_the_hearing(make_case, judge):
    case = make_case(state="service", procedure=Procedure.ORDINARY)
    with pytest.raises(CaseRuleError) as err:
        _convert(case, judge, Procedure.SIMPLE)
    assert err.value.text == rules.ORDINARY_TO_SIMPLE_NEEDS_AGREEMENT and "CPL 160" in err.value.article
    case = _convert(case, judge, Procedure.SIMPLE, parties_agree=True)
    assert case.procedure == Procedure.SIMPLE and "CPL 160(2)" in last_event(case).basis


def test_agreement_cannot_override_a_ji_257_bar(make_case, judge):
    case = make_case(state="accepted", procedure=Procedure.ORDINARY, defendant_address_known=False)
    with pytest.raises(CaseRuleError) as err:
        _convert(case, judge, Procedure.SIMPLE, parties_agree=True)
    assert "JI 257(1)" in err.value.article


def test_no_case_is_converted_into_small_claims(make_case, judge):
    with pytest.raises(CaseRuleError) as err:
        _convert(make_case(state="service"), judge, Procedure.SMALL_CLAIMS)
    assert err.value.text == rules.NO_CONVERSION_INTO_SMALL_CLAIMS


@pytest.mark.parametrize(("to", "code"), [(Procedure.SIMPLE, "same_procedure"), ("fast", "choice")])
def test_the_target_procedure_must_be_a_different_known_one(make_case, judge, to, code):
    with pytest.raises(CaseRuleError) as err:
        _convert(make_case(state="service"), judge, to)
    assert err.value.code == code


def test_a_conversion_ruling_gives_its_reasons(make_case, judge):
    with pytest.raises(CaseRuleError) as err:
        services.case_convert_procedure(case=make_case(state="service"), actor=judge, to="ordinary", reason="", on=ON)
    assert err.value.article == "JI 258(2)"


def test_a_closed_case_keeps_its_procedure(make_case, judge):
    with pytest.raises(CaseRuleError) as err:
        _convert(make_case(state="closed"), judge, Procedure.ORDINARY, on=date(2024, 3, 27))
    assert err.value.code == "transition"
