"""Terms follow the case type: 民特 (CPL 187; TL2000 Art. 2), 民诉前调 (OMR 24), 民督 (CPL 227), 民终 (CPL 183).

CPL 187: "人民法院适用特别程序审理的案件，应当在立案之日起三十日内或者公告期满后三十日内审结。有特殊情况需要延长的，
由本院院长批准。"
TL2000 Art. 2: "适用特别程序审理的民事案件，期限为三十日；有特殊情况需要延长的，经本院院长批准，可以延长三十日".
OMR 24: "立案前在线调解期限为三十日。各方当事人同意延长的，不受此限。"
CPL 227: "…应当在受理之日起十五日内向债务人发出支付令".
"""

from datetime import date

import pytest

from court.rules.errors import RuleViolation
from court.rules.terms import (
    NO_COURT_EXTENSION,
    SPECIAL_EXTENSION_CAP,
    Period,
    TermUnit,
    check_extension,
    compute_term,
    pre_suit_mediation_due,
    term_spec,
)


def test_a_special_procedure_case_is_tried_within_thirty_days_of_filing() -> None:
    """Filed 2024-09-10: 30 days from the next day end 2024-10-10 (the National Day holidays fall inside)."""
    term = compute_term(filed_on=date(2024, 9, 10), procedure="simple", periods=[], as_of=date(2024, 9, 20),
                        case_type="民特")
    assert (term.base_days, term.base_months) == (30, None)
    assert term.normal_deadline == term.extended_deadline == date(2024, 10, 10)


def test_the_presidents_thirty_days_reach_a_monday() -> None:
    """+30 days: 2024-11-09 is a Saturday, so the term ends Monday 2024-11-11 (CPL 85)."""
    extension = Period("extension", date(2024, 9, 20), months=1)
    term = compute_term(filed_on=date(2024, 9, 10), procedure="simple", periods=[extension],
                        closed_on=date(2024, 11, 11), case_type="民特")
    assert term.extended_deadline == date(2024, 11, 11)
    assert (term.within_normal_term, term.within_term) == (False, True)


def test_a_special_procedure_term_is_extended_once_by_the_president() -> None:
    check_extension(procedure="simple", granted=[], months=1, approver="president", case_type="民特")
    with pytest.raises(RuleViolation) as err:
        check_extension(procedure="simple", granted=[(1, "president")], months=1, approver="president",
                        case_type="民特")
    assert (err.value.message, err.value.article) == (SPECIAL_EXTENSION_CAP, "CPL 187; TL2000 Art. 2")
    with pytest.raises(RuleViolation) as err:
        check_extension(procedure="simple", granted=[], months=1, approver="higher_court", case_type="民特")
    assert err.value.code == "extension_by_president"


def test_pre_suit_mediation_has_no_trial_term() -> None:
    """OMR 24's thirty days are a mediation period, not a 审限: the ledger reports no deadline."""
    spec = term_spec("民诉前调", "simple")
    assert (spec.unit, spec.amount, spec.counts_as_trial_term) == (TermUnit.DAYS, 30, False)
    term = compute_term(filed_on=date(2024, 3, 1), procedure="simple", periods=[], closed_on=date(2024, 4, 10),
                        case_type="民诉前调")
    assert term.elapsed_days == 40
    assert (term.normal_deadline, term.extended_deadline, term.within_term) == (None, None, None)
    with pytest.raises(RuleViolation) as err:
        check_extension(procedure="simple", granted=[], months=1, approver="president", case_type="民诉前调")
    assert (err.value.message, err.value.article) == (NO_COURT_EXTENSION, "OMR 24")


def test_a_payment_order_issues_within_fifteen_days() -> None:
    """CPL 227: filed 2024-03-01 → 2024-03-16 is a Saturday → Monday 2024-03-18."""
    term = compute_term(filed_on=date(2024, 3, 1), procedure="simple", periods=[], as_of=date(2024, 3, 5),
                        case_type="民督")
    assert term.normal_deadline == date(2024, 3, 18)


def test_first_instance_terms_still_follow_the_procedure() -> None:
    assert term_spec("民初", "small_claims").amount == 2
    assert term_spec("民初", "simple").amount == 3
    assert (term_spec("民初", "ordinary").amount, term_spec("民初", "ordinary").article) == (6, "CPL 152")
    assert term_spec("民终", "ordinary").amount == 3


def test_a_pre_suit_mediation_runs_thirty_days_from_the_mediators_acceptance() -> None:
    """OMR 24: accepted 2024-03-01 → 2024-03-31 is a Sunday → Monday 2024-04-01."""
    assert pre_suit_mediation_due(date(2024, 3, 1)) == date(2024, 4, 1)
