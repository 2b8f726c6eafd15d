"""Case numbers (案号) under the SPC rules on case numbers (法〔2015〕137号, amended 法〔2018〕335号).

Format (Art. 3): （year）court code + type code + serial + 号, with 之一, 之二 … for follow-on rulings (Art. 10);
a specialised tribunal's mark (知 intellectual property, 海 maritime, 铁 railway) may stand between the court
code and the type code (law-digest §6). Before 2016 numbers read （2015）朝民初字第123号 (`LegacyCaseNumber`).
"""

import re
from dataclasses import dataclass
from typing import Any

from ._i18n import _

TYPE_CODES: dict[str, str] = {
    "民初": "civil first instance",
    "民终": "civil second instance",
    "民监": "civil supervision",
    "民申": "civil retrial application review",
    "民抗": "civil procuratorial protest",
    "民再": "civil retrial",
    "民撤": "third-party revocation suit",
    "民特": "special procedure",
    "民特监": "supervision of special-procedure cases",
    "民催": "public-notice summons",
    "民督": "payment order",
    "民督监": "supervision of payment orders",
    "民破": "bankruptcy",
    "民算": "compulsory liquidation",
    "民他": "other civil matters",
    "民辖": "jurisdiction",
    "民辖终": "appeal on jurisdiction",
    "民辖监": "supervision of jurisdiction rulings",
    "民诉前调": "pre-suit mediation",
    "财保": "pre-suit property preservation",
    "证保": "evidence preservation",
}

# Art. 4: high-court codes are province abbreviations; 军 is the PLA court, 兵 the XPCC branch.
PROVINCE_CODES = frozenset("京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新军兵")
SUPREME_COURT_CODE = "最高法"

#: Specialised marks between the court code and the type code, e.g. （2023）京73知民初5号 (law-digest §6).
SPECIAL_CODES = frozenset("知海铁")
#: The last year of the （year）…字第N号 form; the current form applies from 2016 (法〔2015〕137号).
LAST_LEGACY_YEAR = 2015

_CHINESE_NUMERAL = "一二三四五六七八九十百千"
_COURT_RE = re.compile(rf"^(?:{SUPREME_COURT_CODE}|[{''.join(sorted(PROVINCE_CODES))}](?:\d{{2}}|\d{{4}})?)$")
_SUFFIX_RE = re.compile(rf"^(?:之[{_CHINESE_NUMERAL}]+)?$")
_NUMBER_RE = re.compile(
    r"^[（(](?P<year>[^）)]*)[）)](?P<middle>.+?)(?P<serial>\d+)号(?P<suffix>.*)$"
)
_TYPES_LONGEST_FIRST = sorted(TYPE_CODES, key=len, reverse=True)
_TYPE_ALTERNATION = "|".join(map(re.escape, _TYPES_LONGEST_FIRST))
_LEGACY_RE = re.compile(
    rf"^[（(](?P<year>\d{{4}})[）)](?P<court>[^\d（）()]+?)(?P<type>{_TYPE_ALTERNATION})字第(?P<serial>[1-9]\d*)号"
    rf"(?P<suffix>(?:之[{_CHINESE_NUMERAL}]+)?)$"
)

NOT_READABLE = _(
    "%(text)r is not a case number this importer can read: expected （2023）陕0122民初1234号 or, before 2016, "
    "（2015）朝民初字第123号."
)
LEGACY_FORM_ENDED = _(
    "%(text)r: the （year）…字第N号 form ended in 2016; from 2016 write （2017）京0105民初5号."
)
class CaseNumberError(ValueError):
    """A malformed case number; `template` and `params` let the display layer translate it."""

    def __init__(self, template: str, **params: Any) -> None:
        super().__init__(template % params)
        self.template = template
        self.params = params


def is_valid_court_code(code: str) -> bool:
    """最高法, a province abbreviation, or it followed by 2 (intermediate) or 4 (basic) digits (Arts 4-5)."""
    return bool(_COURT_RE.match(code))


@dataclass(frozen=True)
class CaseNumber:
    """A civil case number, e.g. （2024）陕0122民初123号, or （2023）京73知民初5号 with a specialised mark."""

    year: int
    court_code: str
    type_code: str
    serial: int
    suffix: str = ""
    special: str = ""  # 知, 海 or 铁 (SPECIAL_CODES), between the court code and the type code

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 9999:
            raise CaseNumberError(_("The year %(year)s must have four digits."), year=self.year)
        if not is_valid_court_code(self.court_code):
            raise CaseNumberError(
                _("%(code)r is not a court code: expected 最高法, or a province abbreviation optionally "
                "followed by 2 digits (intermediate court) or 4 digits (basic court)."),
                code=self.court_code,
            )
        if self.type_code not in TYPE_CODES:
            raise CaseNumberError(_("%(code)r is not a known civil type code."), code=self.type_code)
        if self.special and self.special not in SPECIAL_CODES:
            raise CaseNumberError(_("%(code)r is not a specialised court mark such as 知."), code=self.special)
        if self.serial < 1:
            raise CaseNumberError(_("The serial number must be 1 or more, not %(serial)s."), serial=self.serial)
        if not _SUFFIX_RE.match(self.suffix):
            raise CaseNumberError(
                _("%(suffix)r is not a follow-on suffix such as 之一 or 之二."), suffix=self.suffix
            )

    def format(self, half_width: bool = False) -> str:
        """The number as printed: full-width brackets by default."""
        left, right = ("(", ")") if half_width else ("（", "）")
        return f"{left}{self.year}{right}{self.court_code}{self.special}{self.type_code}{self.serial}号{self.suffix}"

    def __str__(self) -> str:
        return self.format()

    @classmethod
    def parse(cls, text: str) -> "CaseNumber":
        """Parse a case number with full- or half-width brackets; raise CaseNumberError (a ValueError)."""
        raw = text.strip()
        if re.search(r"\d+-\d+号", raw):
            raise CaseNumberError(
                _("%(text)r is a combined number (such as 18775-18776号); give one case number."), text=text
            )
        if "字第" in raw:
            _refuse_legacy_form(raw, text)
        match = _NUMBER_RE.match(raw)
        if not match:
            if any(code in raw for code in TYPE_CODES):
                raise CaseNumberError(NOT_READABLE, text=text)
            raise CaseNumberError(
                _("%(text)r is not a case number of the form （year）court code + type code + serial + 号."),
                text=text,
            )
        year_text = match["year"]
        if not re.fullmatch(r"\d{4}", year_text):
            raise CaseNumberError(_("The year %(year)r in %(text)r must be four digits."), year=year_text, text=text)
        serial_text = match["serial"]
        if serial_text.startswith("0"):
            raise CaseNumberError(
                _("The serial number %(serial)r in %(text)r must not start with 0."), serial=serial_text, text=text
            )
        middle = match["middle"]
        type_code = next((code for code in _TYPES_LONGEST_FIRST if middle.endswith(code)), None)
        if type_code is None:
            raise CaseNumberError(_("%(text)r has no known civil type code (such as 民初)."), text=text)
        court_code = middle[: -len(type_code)]
        special = ""
        if court_code[-1:] in SPECIAL_CODES and is_valid_court_code(court_code[:-1]):
            court_code, special = court_code[:-1], court_code[-1]
        if not is_valid_court_code(court_code):
            raise CaseNumberError(
                _("%(code)r in %(text)r is not a court code: expected 最高法, or a province abbreviation "
                "optionally followed by 2 digits (intermediate court) or 4 digits (basic court)."),
                code=court_code,
                text=text,
            )
        suffix = match["suffix"]
        if not _SUFFIX_RE.match(suffix):
            raise CaseNumberError(
                _("%(suffix)r after 号 in %(text)r is not a follow-on suffix such as 之一."), suffix=suffix, text=text
            )
        return cls(int(year_text), court_code, type_code, int(serial_text), suffix, special)


def _refuse_legacy_form(raw: str, text: str) -> None:
    """A number written in the pre-2016 form is not a current one: say which form it needs."""
    match = _LEGACY_RE.match(raw)
    if match and int(match["year"]) > LAST_LEGACY_YEAR:
        raise CaseNumberError(LEGACY_FORM_ENDED, text=text)
    raise CaseNumberError(NOT_READABLE, text=text)


@dataclass(frozen=True)
class LegacyCaseNumber:
    """A number of the form used until 2015, e.g. （2015）朝民初字第123号: kept as written (brackets full-width).

    `court` is the court's old abbreviation (朝, 京二中 …), not a court code of Arts 4-5, so it is never
    compared with one; the number is outside the court × type × year sequences of today's numbers."""

    year: int
    court: str
    type_code: str
    serial: int
    suffix: str = ""

    def format(self, half_width: bool = False) -> str:
        left, right = ("(", ")") if half_width else ("（", "）")
        return f"{left}{self.year}{right}{self.court}{self.type_code}字第{self.serial}号{self.suffix}"

    def __str__(self) -> str:
        return self.format()

    @classmethod
    def parse(cls, text: str) -> "LegacyCaseNumber":
        raw = text.strip()
        match = _LEGACY_RE.match(raw)
        if not match:
            raise CaseNumberError(NOT_READABLE, text=text)
        if int(match["year"]) > LAST_LEGACY_YEAR:
            raise CaseNumberError(LEGACY_FORM_ENDED, text=text)
        return cls(int(match["year"]), match["court"], match["type"], int(match["serial"]), match["suffix"])


def parse_case_number(text: str) -> "CaseNumber | LegacyCaseNumber":
    """A current number (`CaseNumber`), or before 2016 one of the （2015）朝民初字第123号 form; a number
    this cannot read raises CaseNumberError saying which form it expected."""
    if "字第" in text:
        try:
            return LegacyCaseNumber.parse(text)
        except CaseNumberError:
            pass
    return CaseNumber.parse(text)
