"""Text messages to parties (短信), through a pluggable backend (`FANJIAN_SMS_BACKEND`, a dotted path): the console
backend prints them (development, the demo), `LocmemSmsBackend` keeps them in `outbox` (tests), `NullSmsBackend`
sends nothing. A real gateway implements `send(phone, text)`."""

from __future__ import annotations

import sys
from typing import ClassVar

from django.conf import settings
from django.utils.module_loading import import_string

#: A text message longer than this is cut (a long SMS is 5 parts of 67 Chinese characters at most).
SMS_MAX_CHARS = 300


class SmsBackend:
    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class NullSmsBackend(SmsBackend):
    def send(self, phone: str, text: str) -> None:
        return None


class ConsoleSmsBackend(SmsBackend):
    def send(self, phone: str, text: str) -> None:
        sys.stdout.write(f"SMS to {phone}: {text}\n")
        sys.stdout.flush()


class LocmemSmsBackend(SmsBackend):
    """Keeps every message in the class-level `outbox`, like Django's locmem e-mail backend."""

    outbox: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> None:
        type(self).outbox.append((phone, text))


def sms_backend() -> SmsBackend:
    path = getattr(settings, "FANJIAN_SMS_BACKEND", "") or "court.portal.sms.NullSmsBackend"
    return import_string(path)()


def send_sms(phone: str, text: str) -> None:
    sms_backend().send(phone, text[:SMS_MAX_CHARS])
