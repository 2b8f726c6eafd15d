"""What the server accepts at most: amounts the database stores exactly, text lengths and dates.

One place for each bound, used by the filing form and the case-page actions (`court.cases.forms`,
`court.cases.actions`), the interchange importer (`court.cases.interchange.columns`/`csvfile`) and the metrics
forms.

**Amounts.** SQLite keeps a decimal column as a double and Django reads it back with 15 significant digits
(`DatabaseOperations.get_decimalfield_converter`), then quantizes it to the field's `max_digits`. A value of
16 digits such as 99999999999999.99 comes back as 1.00000000000000E+14 and the quantize to 16 digits fails
(`decimal.InvalidOperation`, an HTTP 500 on every page that lists the case); from 10^13 a value is silently
rounded to one decimal. So every amount is below 10^12 yuan with at most two decimals (14 digits): exact in a
double, in SQLite and in PostgreSQL's numeric(16, 2) alike. `AmountField` also reads a row written before this
bound without failing.
"""

from __future__ import annotations

import decimal
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

#: Every amount (claim, counterclaim, fees) is below this, in yuan (10^12: 14 digits with the 2 decimals).
AMOUNT_LIMIT = Decimal(1000000000000)
AMOUNT_MAX = AMOUNT_LIMIT - Decimal("0.01")
AMOUNT_DECIMAL_PLACES = 2
#: The message once, for the forms (lazy) and the services (`CaseRuleError` translates it when raised).
AMOUNT_TOO_LARGE_MESSAGE = gettext_noop("The amount must be less than 1,000,000,000,000 yuan (10^12).")
AMOUNT_TOO_LARGE = _(AMOUNT_TOO_LARGE_MESSAGE)

#: Free text of a complaint and of the docket (characters).
CLAIMS_MAX_LENGTH = 5_000
FACTS_MAX_LENGTH = 20_000
NOTE_MAX_LENGTH = 2_000  # every other text of a case-page action (reasons, notes, items to correct)
#: Evidence items listed with a complaint.
EVIDENCE_ITEMS_MAX = 10_000
#: The electronic case file: documents per case, evidence items per case and per submission, and their text.
DOCUMENTS_PER_CASE_MAX = 200
EVIDENCE_PER_CASE_MAX = 200
EVIDENCE_PER_UPLOAD_MAX = 50
EVIDENCE_TEXT_MAX_LENGTH = 1_000  # what an item proves (证明目的); its name and source take 200
#: Text cells of an interchange file without a model length of their own.
CELL_MAX_LENGTH = 200

#: Dates entered on a case page: from FIRST_YEAR to a year ahead (a hearing is set at most a year ahead).
FIRST_YEAR = 1990
DAYS_AHEAD = 366
DATE_TOO_EARLY = _("Give a date from %(year)s on.")
DATE_TOO_LATE = _("Give a date no later than %(date)s (at most a year ahead).")


def amount_form_field(label: Any, **kwargs: Any) -> forms.DecimalField:
    """A form field for an amount in yuan: 0 up to AMOUNT_MAX, two decimals, with a message that says so."""
    kwargs.setdefault("min_value", Decimal(0))
    field = forms.DecimalField(label=label, max_value=AMOUNT_MAX, decimal_places=AMOUNT_DECIMAL_PLACES,
                               error_messages={"max_value": AMOUNT_TOO_LARGE}, **kwargs)
    field.widget.attrs["max"] = str(AMOUNT_MAX)
    return field


def latest_date(today: date) -> date:
    return today + timedelta(days=DAYS_AHEAD)


def check_date(value: date | None, today: date) -> None:
    """Refuse a date before FIRST_YEAR or more than a year after `today` (forms.ValidationError)."""
    if value is None:
        return
    if value.year < FIRST_YEAR:
        raise forms.ValidationError(DATE_TOO_EARLY, code="too_early", params={"year": FIRST_YEAR})
    last = latest_date(today)
    if value > last:
        raise forms.ValidationError(DATE_TOO_LATE, code="too_late", params={"date": last.isoformat()})


class AmountField(models.DecimalField):
    """A DecimalField that reads back any stored value without failing.

    The SQLite converter quantizes with `self.context`, of `max_digits` digits; a value stored before the
    bound above could round up to one digit more (99999999999999.99 → 100000000000000.00). Two spare digits
    of precision read it (rounded) instead of raising. It deconstructs as a plain DecimalField, so the
    migrations do not change."""

    @cached_property
    def context(self) -> decimal.Context:
        return decimal.Context(prec=(self.max_digits or 28) + 2)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
