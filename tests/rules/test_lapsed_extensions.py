"""A simple-procedure extension lapses on conversion to ordinary procedure (JI 258(3); CPL 152; TL2000 Art. 2).

JI 258: "案件转为普通程序审理的，审理期限自人民法院立案之日计算。"
CPL 152: "人民法院适用普通程序审理的案件，应当在立案之日起六个月内审结。有特殊情况需要延长的，经本院院长批准，
可以延长六个月；还需要延长的，报请上级人民法院批准。"
TL2000 Art. 2: "适用普通程序审理的第一审民事案件，期限为六个月；有特殊情况需要延长的，经本院院长批准，可以延长六个月，
还需延长的，报请上一级人民法院批准，可以再延长三个月。"
interchange.md: "An extension approved under simple procedure (its start_on before converted_on) lapses with the
conversion".

Filed 2024-01-10 under simple procedure; +1 month approved 2024-03-20; converted to ordinary 2024-04-01.
"""

from datetime import date

import pytest

from court.rules.errors import RuleViolation
from court.rules.terms import Period, check_extension, check_extension_timing, compute_term, counted_extensions

FILED = date(2024, 1, 10)
CONVERTED = date(2024, 4, 1)
SIMPLE_EXTENSION = Period("extension", date(2024, 3, 20), months=1)


def _term(*periods: Period, **kwargs):
    kwargs.setdefault("converted_on", CONVERTED)
    return compute_term(filed_on=FILED, procedure="ordinary", periods=[SIMPLE_EXTENSION, *periods], **kwargs)


def test_the_simple_extension_does_not_lengthen_the_ordinary_term() -> None:
    """Six months from filing: 2024-07-10 (a Wednesday), extended deadline the same; closed 07-25 is late."""
    term = _term(closed_on=date(2024, 7, 25))
    assert term.normal_deadline == date(2024, 7, 10)
    assert term.extended_deadline == date(2024, 7, 10)
    assert term.extension_months == 0
    assert term.within_term is False


def test_without_the_conversion_date_every_extension_counts() -> None:
    """Legacy rows with no converted_on (interchange.md: optional): the documented convention counts them all."""
    term = _term(closed_on=date(2024, 7, 25), converted_on=None)
    assert (term.extension_months, term.extended_deadline, term.within_term) == (1, date(2024, 8, 12), True)


def test_the_ordinary_ladder_reaches_fifteen_months_from_filing_and_no_further() -> None:
    """President +6 on 2024-06-20 → 2025-01-10; the higher court's +3 → 2025-04-10 (15 months from filing)."""
    president = Period("extension", date(2024, 6, 20), months=6)
    term = _term(president, as_of=date(2024, 6, 20))
    assert (term.extension_months, term.extended_deadline) == (6, date(2025, 1, 10))
    higher = Period("extension", date(2024, 12, 1), months=3)
    assert _term(president, higher, as_of=date(2024, 12, 1)).extended_deadline == date(2025, 4, 10)


def test_an_extension_approved_on_the_conversion_day_counts_for_ordinary() -> None:
    """interchange.md says "before converted_on": one approved that day is the ordinary procedure's."""
    same_day = Period("extension", CONVERTED, months=6)
    periods = [SIMPLE_EXTENSION, same_day]
    assert counted_extensions(periods, procedure="ordinary", converted_on=CONVERTED, until=date(2024, 5, 1)) == [same_day]


def test_a_case_still_simple_keeps_its_extension() -> None:
    term = compute_term(filed_on=FILED, procedure="simple", periods=[SIMPLE_EXTENSION], as_of=date(2024, 4, 1),
                        converted_on=None)
    assert term.extended_deadline == date(2024, 5, 10)


def test_the_tl2019_timing_is_measured_against_the_ordinary_term() -> None:
    """TL2019 Art. 1 (15 days before expiry): applying on 2024-07-01 for a term ending 2024-07-10 is late."""
    deadline = _term(as_of=date(2024, 7, 1)).extended_deadline
    assert deadline == date(2024, 7, 10)
    with pytest.raises(RuleViolation) as err:
        check_extension_timing(applied_on=date(2024, 7, 1), normal_or_current_deadline=deadline)
    assert err.value.code == "extension_applied_late"
    check_extension_timing(applied_on=date(2024, 6, 25), normal_or_current_deadline=deadline)


def test_the_presidents_six_months_are_still_open_after_the_lapsed_simple_extension() -> None:
    """The ladder counts only ordinary extensions: the president's +6 is the first (CPL 152)."""
    check_extension(procedure="ordinary", granted=[], months=6, approver="president")
