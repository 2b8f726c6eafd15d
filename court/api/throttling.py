"""Request rates of the API, per user (or per address for anonymous requests); the settings'
`FANJIAN_API_RATES` hold them and are read at each request, so that tests and deployments can change them."""

from __future__ import annotations

from django.conf import settings
from rest_framework import throttling


class _SettingsRate:
    scope = ""

    def get_rate(self) -> str:  # type: ignore[override]
        return settings.FANJIAN_API_RATES[self.scope]


class AnonThrottle(_SettingsRate, throttling.AnonRateThrottle):
    scope = "anon"


class UserThrottle(_SettingsRate, throttling.UserRateThrottle):
    scope = "user"


class WriteThrottle(_SettingsRate, throttling.UserRateThrottle):
    """POSTs that create something (complaints): a tighter rate of their own."""

    scope = "write"

    def allow_request(self, request, view):  # type: ignore[no-untyped-def]
        if request.method != "POST":
            return True
        return super().allow_request(request, view)
