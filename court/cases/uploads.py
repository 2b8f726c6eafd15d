"""What the case file accepts: PDF and images, recognised by their first bytes, never by name or by the
content type the browser sends; and at most `FANJIAN_UPLOAD_MAX_MB` megabytes.

One check (`check_upload`) for every path: the filing form and the upload forms call it for a message next to
the field, and the document service calls it again before it stores anything.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

NOT_PDF_OR_IMAGE = gettext_noop(
    "“%(name)s” is not a PDF or an image (PNG, JPEG, WebP, TIFF): only those are accepted, whatever the file is called."
)
TOO_LARGE = gettext_noop("“%(name)s” is %(size)s MB; a file may be at most %(limit)s MB.")
EMPTY_FILE = gettext_noop("“%(name)s” is empty.")

#: (content type, file extension, test on the first bytes), in the order tried.
SIGNATURES: tuple[tuple[str, str, Any], ...] = (
    ("application/pdf", ".pdf", lambda head: head.startswith(b"%PDF-")),
    ("image/png", ".png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ("image/jpeg", ".jpg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ("image/webp", ".webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    ("image/tiff", ".tif", lambda head: head[:4] in (b"II*\x00", b"MM\x00*")),
)
EXTENSIONS = {content_type: ext for content_type, ext, _test in SIGNATURES}
#: What a file input offers (a convenience for the browser only; the server decides by content).
ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,.tif,.tiff,application/pdf,image/png,image/jpeg,image/webp,image/tiff"
HEAD_BYTES = 16


class UploadRefused(ValueError):
    """A file the case file does not take; `text` is the translated message, `code` says why."""

    def __init__(self, message: str, *, code: str, params: dict[str, Any]):
        self.message, self.code, self.params = message, code, params
        self.text = _(message) % params
        super().__init__(self.text)


@dataclass(frozen=True)
class Checked:
    content_type: str
    size: int
    sha256: str
    original_name: str


def max_bytes() -> int:
    return settings.FANJIAN_UPLOAD_MAX_MB * 1024 * 1024


def sniff(head: bytes) -> str | None:
    """The content type the first bytes show, or None when they are not a PDF or an accepted image."""
    for content_type, _ext, test in SIGNATURES:
        if test(head):
            return content_type
    return None


def clean_name(name: str) -> str:
    """The uploaded name as data: its last path component, without control characters, at most 255 long."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[-255:] or "file"


def check_upload(file: Any) -> Checked:
    """Refuse (`UploadRefused`) a file that is too large, empty, or not a PDF or an image by its bytes; otherwise
    its detected content type, size, SHA-256 and cleaned original name. Reads the file in chunks and rewinds it."""
    name = clean_name(getattr(file, "name", "") or "")
    size = file.size if getattr(file, "size", None) is not None else None
    limit = max_bytes()
    params = {"name": name, "limit": settings.FANJIAN_UPLOAD_MAX_MB}
    if size is not None and size > limit:
        raise UploadRefused(TOO_LARGE, code="too_large", params=params | {"size": _megabytes(size)})
    file.seek(0)
    head = file.read(HEAD_BYTES)
    if not head:
        raise UploadRefused(EMPTY_FILE, code="empty", params=params)
    content_type = sniff(head)
    if content_type is None:
        raise UploadRefused(NOT_PDF_OR_IMAGE, code="not_pdf_or_image", params=params)
    digest, total = hashlib.sha256(head), len(head)
    for chunk in iter(lambda: file.read(64 * 1024), b""):
        digest.update(chunk)
        total += len(chunk)
        if total > limit:  # the declared size lied
            raise UploadRefused(TOO_LARGE, code="too_large", params=params | {"size": _megabytes(total)})
    file.seek(0)
    return Checked(content_type=content_type, size=total, sha256=digest.hexdigest(), original_name=name)


def download_name(original_name: str, content_type: str) -> str:
    """The name a download is saved under: the uploaded name, with the extension of what the file really is."""
    ext = EXTENSIONS.get(content_type, "")
    stem, current = os.path.splitext(original_name)
    if current.lower() in (ext, ".jpeg" if ext == ".jpg" else ext, ".tiff" if ext == ".tif" else ext):
        return original_name
    return (stem or "file") + ext


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"
