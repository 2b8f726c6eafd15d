"""Text that a spreadsheet would run as a formula, made harmless in every CSV and Excel file we write.

A cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return before one) is a formula to Excel,
LibreOffice and WPS: a team code or a judge's name such as `=HYPERLINK(...)` taken from an import would run
on the desk of whoever opens the export (CSV injection, OWASP). `escape_formula` puts an apostrophe before
such text, which the spreadsheet shows as text; numbers are written as numbers and never escaped (a negative
amount is a number, not text).

So that export_cases loads again with import_cases, a text that already begins with an apostrophe is escaped
too, and the importer (`unescape_formula`) takes one apostrophe off a cell that begins with an apostrophe
followed by one of these characters or by another apostrophe: `=X` is written `'=X` and read back `=X`;
`'=X` is written `''=X` and read back `'=X`. A cell such as `'t Hooft`, an apostrophe before anything
else, is read as written.
"""

from __future__ import annotations

from typing import Any

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_LEADS = (*FORMULA_LEADS, "'")


def escape_formula(text: str) -> str:
    """`text` as a spreadsheet cell that is never evaluated."""
    if text.startswith(_ESCAPED_LEADS):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """The text `escape_formula` was given (one escaping apostrophe off)."""
    if text.startswith("'") and text[1:2] and text[1:2] in _ESCAPED_LEADS:
        return text[1:]
    return text


def safe_cell(value: Any) -> Any:
    """A value for a CSV or Excel row: text escaped, numbers, dates and None as they are."""
    return escape_formula(value) if isinstance(value, str) else value
