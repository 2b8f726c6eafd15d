"""Identity numbers of the people who sign up (OLR 7): pure checks, no Django.

- The resident ID (居民身份证号码, GB 11643-1999): 6 digits of the address code, the birth date as YYYYMMDD, a
  3-digit sequence and a check character, ISO 7064 MOD 11-2 over the first 17 digits (`X` stands for 10).
- A lawyer's licence number (律师执业证号): 17 digits.
- A mobile number (实名手机号码): a mainland number 1[3-9]xxxxxxxxx (with or without +86), or an international
  one written +<country code><number>.
"""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_RESIDENT_ID = re.compile(r"^[1-9]\d{16}[\dX]$")
_LICENCE = re.compile(r"^\d{17}$")
_MAINLAND_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_INTERNATIONAL = re.compile(r"^\+[1-9]\d{6,14}$")


def normalise_id(text: str) -> str:
    """Spaces dropped, letters upper-cased (a resident ID's check character `x` is `X`)."""
    return re.sub(r"\s+", "", text or "").upper()


def resident_id_check_char(first17: str) -> str:
    """The check character of a resident ID from its first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def resident_id_problem(text: str, *, today: date) -> str:
    """"" when `text` is a valid 18-character resident ID; otherwise "format", "birth_date" or "check_digit"."""
    number = normalise_id(text)
    if not _RESIDENT_ID.match(number):
        return "format"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "birth_date"
    if born > today or born.year < 1900:
        return "birth_date"
    if resident_id_check_char(number[:17]) != number[17]:
        return "check_digit"
    return ""


def is_licence_number(text: str) -> bool:
    return bool(_LICENCE.match(normalise_id(text)))


def normalise_phone(text: str) -> str:
    return re.sub(r"[\s-]+", "", text or "")


def is_mobile_number(text: str) -> bool:
    number = normalise_phone(text)
    return bool(_MAINLAND_MOBILE.match(number) or _INTERNATIONAL.match(number))
