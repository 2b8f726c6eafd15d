"""Simple fixed-window counters in the cache: how many times a key did something in the last hour.

Sign-ups and password-reset requests are counted per e-mail address and per IP address (REMOTE_ADDR, never a
client-sent header), wrong join codes per user; django-axes throttles the sign-in itself.
"""

from __future__ import annotations

from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(scope: str, key: str) -> str:
    return f"portal:throttle:{scope}:{key.strip().lower()}"


def count(scope: str, key: str) -> int:
    return int(cache.get(_key(scope, key), 0))


def exceeded(scope: str, keys: list[str], limit: int) -> bool:
    """Whether any of `keys` has reached `limit` in this window."""
    return any(count(scope, key) >= limit for key in keys if key)


def hit(scope: str, keys: list[str]) -> None:
    """Count one more for each key; the window starts with the first hit."""
    for key in keys:
        if not key:
            continue
        name = _key(scope, key)
        if cache.add(name, 1, WINDOW_SECONDS):
            continue
        try:
            cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.add(name, 1, WINDOW_SECONDS)


def client_address(request) -> str:  # type: ignore[no-untyped-def]
    return request.META.get("REMOTE_ADDR", "") or ""
