"""Online payment of court fees through a pluggable backend (`FANJIAN_PAYMENT_BACKEND`, a dotted path; empty: no
online payment, the court records payments by hand).

A backend is asked to `start` a payment for a fee notice: it answers either with an address to send the party
to (a bank's or a payment provider's page) or, like `FakePaymentBackend`, with a payment already completed. The
provider's callback is turned into a `PaymentConfirmation` by `parse_callback` (which must refuse a forged one);
`services.fee_confirm_payment` records it once, whatever the number of callbacks (idempotent by reference).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string



class PaymentError(Exception):
    """A callback the backend does not recognise (forged, malformed or for another backend)."""


@dataclass(frozen=True)
class PaymentStart:
    """What `start` answers: a `redirect_url` to send the party to, or `completed` with its reference."""

    reference: str
    amount: Decimal
    redirect_url: str = ""
    completed: bool = False
    paid_on: date | None = None  # None: today


@dataclass(frozen=True)
class PaymentConfirmation:
    """A payment the provider confirms: which notice, its reference, how much and on what day."""

    notice_id: int
    reference: str
    amount: Decimal
    paid_on: date


class PaymentBackend:
    """The interface a payment provider implements."""

    #: Stored with each payment (`FeePayment.backend`); a reference is unique within its backend.
    name = ""

    def start(self, *, notice: Any, amount: Decimal, payer: Any, return_url: str) -> PaymentStart:
        raise NotImplementedError

    def parse_callback(self, data: Mapping[str, str]) -> PaymentConfirmation:
        raise NotImplementedError


class FakePaymentBackend(PaymentBackend):
    """For tests and the demo: every payment completes at once with a generated reference. Its callbacks are
    signed with the site's secret key (`sign`), so that a posted confirmation cannot be made up."""

    name = "fake"

    def start(self, *, notice: Any, amount: Decimal, payer: Any, return_url: str) -> PaymentStart:
        reference = "FAKE-" + secrets.token_hex(6).upper()
        return PaymentStart(reference=reference, amount=amount, completed=True)  # paid today

    @staticmethod
    def _digest(notice_id: Any, reference: str, amount: Any, paid_on: Any) -> str:
        message = f"{notice_id}|{reference}|{amount}|{paid_on}".encode()
        return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()

    def sign(self, confirmation: PaymentConfirmation) -> dict[str, str]:
        """The callback's fields as the provider would post them."""
        fields = {"notice": str(confirmation.notice_id), "reference": confirmation.reference,
                  "amount": str(confirmation.amount), "paid_on": confirmation.paid_on.isoformat()}
        fields["signature"] = self._digest(fields["notice"], fields["reference"], fields["amount"],
                                           fields["paid_on"])
        return fields

    def parse_callback(self, data: Mapping[str, str]) -> PaymentConfirmation:
        try:
            notice, reference = str(data["notice"]), str(data["reference"])
            amount, paid_on, signature = str(data["amount"]), str(data["paid_on"]), str(data["signature"])
        except KeyError as exc:
            raise PaymentError(f"missing field {exc}") from None
        if not hmac.compare_digest(self._digest(notice, reference, amount, paid_on), signature):
            raise PaymentError("bad signature")
        try:
            return PaymentConfirmation(notice_id=int(notice), reference=reference[:64], amount=Decimal(amount),
                                       paid_on=date.fromisoformat(paid_on))
        except (ValueError, InvalidOperation):
            raise PaymentError("malformed field") from None


def payment_backend() -> PaymentBackend | None:
    """The configured backend, or None when online payment is off."""
    path = getattr(settings, "FANJIAN_PAYMENT_BACKEND", "")
    return import_string(path)() if path else None
