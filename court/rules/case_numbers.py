"""Case numbers (案号) under the SPC rules on case numbers (法〔2015〕137号, amended 法〔2018〕335号).

Format (Art. 3): （year）court code + type code + serial + 号, with 之一, 之二 … for follow-on rulings (Art. 10).
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

_CHINESE_NUMERAL = "一二三四五六七八九十百千"
_COURT_RE = re.compile(rf"^(?:{SUPREME_COURT_CODE}|[{''.join(sorted(PROVINCE_CODES))}](?:\d{{2}}|\d{{4}})?)$")
_SUFFIX_RE = re.compile(rf"^(?:之[{_CHINESE_NUMERAL}]+)?$")
_NUMBER_RE = re.compile(
    r"^[（(](?P<year>[^）)]*)[）)](?P<middle>.+?)(?P<serial>\d+)号(?P<suffix>.*)$"
)
_TYPES_LONGEST_FIRST = sorted(TYPE_CODES, key=len, reverse=True)


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
    """A civil case number, e.g. （2024）陕0122民初123号."""

    year: int
    court_code: str
    type_code: str
    serial: int
    suffix: str = ""

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
        if self.serial < 1:
            raise CaseNumberError(_("The serial number must be 1 or more, not %(serial)s."), serial=self.serial)
        if not _SUFFIX_RE.match(self.suffix):
            raise CaseNumberError(
                _("%(suffix)r is not a follow-on suffix such as 之一 or 之二."), suffix=self.suffix
            )

    def format(self, half_width: bool = False) -> str:
        """The number as printed: full-width brackets by default."""
        left, right = ("(", ")") if half_width else ("（", "）")
        return f"{left}{self.year}{right}{self.court_code}{self.type_code}{self.serial}号{self.suffix}"

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
        match = _NUMBER_RE.match(raw)
        if not match:
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
        return cls(int(year_text), court_code, type_code, int(serial_text), suffix)
