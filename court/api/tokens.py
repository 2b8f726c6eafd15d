"""Personal API tokens: created on the account page or with `manage.py api_token`, shown once, stored as a
SHA-256 digest, valid until they expire or are revoked. `Authorization: Bearer <key>` authenticates."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework import authentication, exceptions

from court.org.models import User

from .models import ApiToken

KEY_PREFIX = "fj_"
PREFIX_LENGTH = 10
#: How long a token lives (days), the longest a user may ask for, and how many live tokens a user may hold.
DEFAULT_DAYS = 90
MAX_DAYS = 365
MAX_TOKENS_PER_USER = 10
#: `last_used_at` is written at most this often, so that reading through the API does not write every time.
TOUCH_EVERY = timedelta(minutes=5)

TOO_MANY_TOKENS = gettext_noop("You hold %(limit)s active API tokens already: revoke one first.")
BAD_DAYS = gettext_noop("A token lives from 1 to %(limit)s days.")
NAME_NEEDED = gettext_noop("Give the token a name (at most 60 characters).")
INVALID_TOKEN = gettext_noop("The API token is not valid, has expired or was revoked.")


class TokenRefused(ValueError):
    pass


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(user: User, *, name: str, days: int = DEFAULT_DAYS) -> tuple[ApiToken, str]:
    """A new token for `user` and its key (the only time the key exists in clear)."""
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise TokenRefused(_(NAME_NEEDED))
    if not 1 <= days <= MAX_DAYS:
        raise TokenRefused(_(BAD_DAYS) % {"limit": MAX_DAYS})
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one token at a time per user
        if active_tokens(user).count() >= MAX_TOKENS_PER_USER:
            raise TokenRefused(_(TOO_MANY_TOKENS) % {"limit": MAX_TOKENS_PER_USER})
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken.objects.create(user=user, name=name, prefix=prefix, digest=digest(key),
                                        expires_at=timezone.now() + timedelta(days=days))
    return token, key


def active_tokens(user: User):  # type: ignore[no-untyped-def]
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())


def revoke_token(user: User, pk: int) -> bool:
    """Revoke the user's own token `pk`; False if the user holds no such live token."""
    return bool(active_tokens(user).filter(pk=pk).update(revoked_at=timezone.now()))


def user_for_key(key: str) -> tuple[User, ApiToken] | None:
    """The active user and token of `key`, or None (unknown, wrong secret, expired, revoked, inactive user)."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    prefix = key[len(KEY_PREFIX):len(KEY_PREFIX) + PREFIX_LENGTH]
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, digest(key)):
        return None
    if not token.active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer fj_…` (or `Token fj_…`)."""

    keywords = ("bearer", "token")

    def authenticate(self, request):  # type: ignore[no-untyped-def]
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_(INVALID_TOKEN))
        try:
            key = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_(INVALID_TOKEN)) from None
        found = user_for_key(key)
        if found is None:
            raise exceptions.AuthenticationFailed(_(INVALID_TOKEN))
        return found

    def authenticate_header(self, request):  # type: ignore[no-untyped-def]
        return 'Bearer realm="api"'
