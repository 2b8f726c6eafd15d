"""One-time links: account confirmation (Django's token generator, spent once the account is active) and the
confirmation of a new e-mail address (a signed value naming the account, the old and the new address)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing

EMAIL_CHANGE_SALT = "court.portal.email-change"
EMAIL_CHANGE_MAX_AGE = 3 * 24 * 3600


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "court.portal.tokens.ActivationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


activation_token = ActivationTokenGenerator()


def email_change_token(user: Any, new_email: str) -> str:
    return signing.dumps({"u": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT, compress=True)


def read_email_change_token(token: str) -> dict[str, Any] | None:
    try:
        return signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        return None
