"""Court documents: the case files in a temporary folder, PDF text through pdftotext, the PDF's font objects."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from court.cases.models import CaseDocument


@pytest.fixture(autouse=True)
def case_files_dir(tmp_path, settings) -> Path:
    location = tmp_path / "case-files"
    settings.STORAGES = settings.STORAGES | {"case_files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(location)}}}
    return location


def pdf_bytes(document: CaseDocument) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def pdf_text(body: bytes, tmp_path: Path) -> str:
    """The text a reader extracts (poppler's pdftotext, installed by `make test` as poppler-utils)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    path = tmp_path / "document.pdf"
    path.write_bytes(body)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


def font_dicts(body: bytes) -> list[bytes]:
    """The dictionaries of the PDF's font objects (reportlab writes them uncompressed)."""
    return [m.group(0) for m in re.finditer(rb"<<[^<>]*/Type /Font\b[^<>]*>>", body)]


def pdf_objects(body: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", body, re.S)}


def stored(location: Path) -> list[Path]:
    return [p for p in location.rglob("*") if p.is_file()] if location.exists() else []
