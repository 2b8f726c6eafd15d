"""Idempotency keys (the IETF `Idempotency-Key` header) on every POST that creates something.

The first request with a key runs and, if it succeeds (2xx), its response is stored with the key, the user and a
fingerprint of the request (path, fields and the SHA-256 of every file) in the same transaction as the work. A
retry with the same key and request gets the stored response again (`Idempotent-Replayed: true`) and creates
nothing; the same key with another request is refused (422). Two parallel requests with one key file once: the
unique (user, key) constraint makes the second wait for the first's transaction and then replay it. A response
that is not a success is not stored (nothing was created), so the client may retry with the same key. Records
expire after `TTL`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework.request import Request
from rest_framework.response import Response

from court.cases import services

from .models import IdempotencyRecord
from .problems import Problem

HEADER = "Idempotency-Key"
TTL = timedelta(hours=24)
KEY_MAX_LENGTH = 255

BAD_KEY = gettext_noop("The Idempotency-Key must be 1 to 255 printable ASCII characters.")
KEY_REUSED = gettext_noop("This Idempotency-Key was used for a different request.")
KEY_IN_FLIGHT = gettext_noop("A request with this Idempotency-Key is still being processed: retry shortly.")


class _Undo(Exception):
    """Leaves the transaction (deleting stored files) for a response that is not a success."""

    def __init__(self, response: Response):
        self.response = response


def _valid(key: str) -> bool:
    return 0 < len(key) <= KEY_MAX_LENGTH and all(32 <= ord(ch) < 127 for ch in key)


def fingerprint(request: Request) -> str:
    """The request's path, its fields (JSON or form) and the content digests of its files."""
    data = request.data
    fields: Any
    if hasattr(data, "lists"):
        fields = {key: values for key, values in data.lists() if key not in request.FILES}
    else:
        fields = data
    files = []
    for name, uploads in sorted(request.FILES.lists()):
        for upload in uploads:
            sha = hashlib.sha256()
            for chunk in upload.chunks():
                sha.update(chunk)
            upload.seek(0)
            files.append([name, upload.name, upload.size, sha.hexdigest()])
    text = json.dumps({"path": request.path, "fields": fields, "files": files}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _replay(record: IdempotencyRecord) -> Response:
    headers = {"Idempotent-Replayed": "true"}
    if record.location:
        headers["Location"] = record.location
    return Response(record.body, status=record.status, headers=headers)


def idempotent(view: Callable[..., Response]) -> Callable[..., Response]:
    """Wrap an APIView's `post`: honour the Idempotency-Key header (optional; without it each POST runs)."""

    @wraps(view)
    def wrapper(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(HEADER)
        if key is None:
            return view(self, request, *args, **kwargs)
        if not _valid(key):
            raise Problem(400, _(BAD_KEY), errors=[{"field": HEADER, "message": _(BAD_KEY)}], code="idempotency_key")
        user, print_ = request.user, fingerprint(request)
        try:
            with services.atomic_with_files():  # the record, the work and its files commit together or not at all
                IdempotencyRecord.objects.filter(user=user, key=key, created_at__lt=timezone.now() - TTL).delete()
                try:
                    with transaction.atomic():
                        record = IdempotencyRecord.objects.create(user=user, key=key, fingerprint=print_)
                except IntegrityError:
                    record = None
                if record is None:
                    earlier = IdempotencyRecord.objects.filter(user=user, key=key).first()
                    if earlier is None or earlier.status is None:
                        raise Problem(409, _(KEY_IN_FLIGHT), code="idempotency_in_flight")
                    if earlier.fingerprint != print_:
                        raise Problem(422, _(KEY_REUSED), errors=[{"field": HEADER, "message": _(KEY_REUSED)}],
                                      code="idempotency_key_reused")
                    return _replay(earlier)
                response = view(self, request, *args, **kwargs)
                if not 200 <= response.status_code < 300:
                    raise _Undo(response)
                record.status = response.status_code
                record.body = json.loads(json.dumps(response.data, default=str))
                record.location = response.get("Location", "")[:200]
                record.save(update_fields=["status", "body", "location"])
                return response
        except _Undo as undo:
            return undo.response

    return wrapper
