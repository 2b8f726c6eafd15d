"""Case numbers (案号): SPC rules on case numbers, Arts 3-10 (law-digest §6)."""

import pytest

from court.rules.case_numbers import (
    LEGACY_FORM_ENDED,
    NOT_READABLE,
    TYPE_CODES,
    CaseNumber,
    CaseNumberError,
    LegacyCaseNumber,
    is_valid_court_code,
    parse_case_number,
)


def test_it_formats_with_full_width_brackets_by_default() -> None:
    number = CaseNumber(2024, "陕0122", "民初", 123)
    assert number.format() == "（2024）陕0122民初123号"
    assert str(number) == "（2024）陕0122民初123号"
    assert number.format(half_width=True) == "(2024)陕0122民初123号"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（2024）陕0122民初123号", CaseNumber(2024, "陕0122", "民初", 123)),
        ("(2024)陕0122民初123号", CaseNumber(2024, "陕0122", "民初", 123)),
        ("（2018）沪01民初937号之三", CaseNumber(2018, "沪01", "民初", 937, "之三")),
        ("（2021）川0104民诉前调801号", CaseNumber(2021, "川0104", "民诉前调", 801)),
        ("（2024）浙02民诉前调595号", CaseNumber(2024, "浙02", "民诉前调", 595)),
        ("（2023）最高法民申1号", CaseNumber(2023, "最高法", "民申", 1)),
        ("（2023）陕民辖终5号", CaseNumber(2023, "陕", "民辖终", 5)),
        ("（2023）陕01民辖5号", CaseNumber(2023, "陕01", "民辖", 5)),
        ("（2023）粤0703民特监2号", CaseNumber(2023, "粤0703", "民特监", 2)),
        ("（2023）粤0703民特2号", CaseNumber(2023, "粤0703", "民特", 2)),
        ("（2023）粤0705民督监3号", CaseNumber(2023, "粤0705", "民督监", 3)),
        ("（2022）京0105财保12号", CaseNumber(2022, "京0105", "财保", 12)),
        ("  （2024）陕0122民初123号之十二 ", CaseNumber(2024, "陕0122", "民初", 123, "之十二")),
    ],
)
def test_it_parses_full_and_half_width_numbers_with_the_longest_type_code(text: str, expected: CaseNumber) -> None:
    assert CaseNumber.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    ["（2024）陕0122民初123号", "（2018）沪01民初937号之三", "（2023）最高法民辖监7号"],
)
def test_parsing_and_formatting_round_trip(text: str) -> None:
    assert CaseNumber.parse(text).format() == text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2024陕0122民初123号", "is not a case number"),
        ("（24）陕0122民初123号", "four digits"),
        ("（2024）陕0122民初123", "is not a case number"),
        ("（2024）陕0122民X123号", "no known civil type code"),
        ("（2024）陕0122刑初123号", "no known civil type code"),
        ("（2024）陕012民初123号", "is not a court code"),
        ("（2024）美0122民初123号", "is not a court code"),
        ("（2024）陕0122民初0123号", "must not start with 0"),
        ("（2024）陕0122民初123号之A", "follow-on suffix"),
        ("（2016）粤0304民初18775-18776号之一", "combined number"),
    ],
)
def test_a_malformed_number_raises_a_value_error_naming_the_problem(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        CaseNumber.parse(text)


def test_a_case_number_cannot_be_built_from_invalid_parts() -> None:
    with pytest.raises(ValueError):
        CaseNumber(2024, "陕0122", "民初", 0)
    with pytest.raises(ValueError):
        CaseNumber(2024, "陕0122", "民初二", 1)
    with pytest.raises(ValueError):
        CaseNumber(2024, "0122", "民初", 1)


@pytest.mark.parametrize(
    ("code", "valid"),
    [("最高法", True), ("陕", True), ("粤07", True), ("陕0122", True), ("内01", True), ("兵0101", True),
     ("陕012", False), ("陕01223", False), ("0122", False), ("最高", False), ("", False)],
)
def test_court_codes_are_a_province_with_two_or_four_digits(code: str, valid: bool) -> None:
    assert is_valid_court_code(code) is valid


def test_the_type_code_table_holds_the_civil_codes() -> None:
    expected = {"民初", "民终", "民监", "民申", "民抗", "民再", "民撤", "民特", "民特监", "民催", "民督", "民督监",
                "民破", "民算", "民他", "民辖", "民辖终", "民辖监", "民诉前调", "财保", "证保"}
    assert set(TYPE_CODES) == expected
    assert all(TYPE_CODES.values())


def test_a_specialised_mark_stands_between_the_court_and_the_type_code() -> None:
    """law-digest §6: （2023）京73知民初5号 — 京73 (the Beijing IP court), 知, 民初, 5."""
    number = CaseNumber.parse("（2023）京73知民初5号")
    assert (number.court_code, number.special, number.type_code, number.serial) == ("京73", "知", "民初", 5)
    assert number.format() == "（2023）京73知民初5号"
    assert CaseNumber.parse("（2023）京0491知民初5号").court_code == "京0491"


def test_a_pre_2016_number_is_read_as_written() -> None:
    """Before 2016 numbers read （2015）朝民初字第123号: kept verbatim, brackets full-width, 朝 not a court code."""
    number = parse_case_number("(2015)朝民初字第123号")
    assert isinstance(number, LegacyCaseNumber)
    assert (number.year, number.court, number.type_code, number.serial) == (2015, "朝", "民初", 123)
    assert number.format() == "（2015）朝民初字第123号"
    assert parse_case_number("（2015）京二中民终字第12号之一").suffix == "之一"
    assert parse_case_number("（2024）陕0122民初123号") == CaseNumber(2024, "陕0122", "民初", 123)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("（2017）朝民初字第5号", LEGACY_FORM_ENDED),  # the old form after it ended
        ("（2023）陕0122民初号", NOT_READABLE),  # 民初 is there: say what was expected, not "no type code"
    ],
)
def test_an_unreadable_number_says_which_form_was_expected(text: str, message: str) -> None:
    with pytest.raises(CaseNumberError) as err:
        parse_case_number(text)
    assert err.value.template == message
    assert "（2015）朝民初字第123号" in str(err.value) or "（2017）京0105民初5号" in str(err.value)
