"""The portal's e-mails, rendered from templates/portal/email/ in the language of the moment (the user's)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """`path` as a full address: from the request when there is one, else from FANJIAN_SITE_URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.FANJIAN_SITE_URL.rstrip("/") + path


def send(template: str, to: str, context: dict[str, Any]) -> None:
    """Send `portal/email/<template>_subject.txt` and `_body.txt` to one address."""
    subject = " ".join(render_to_string(f"portal/email/{template}_subject.txt", context).split())
    body = render_to_string(f"portal/email/{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
