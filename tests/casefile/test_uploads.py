"""What the case file accepts, by content: PDF and images, never by name or the browser's content type."""

from __future__ import annotations

import pytest

from court.cases.uploads import NOT_PDF_OR_IMAGE, UploadRefused, check_upload, clean_name, download_name, sniff

from .conftest import FAKES, PDF, image_bytes, upload


@pytest.mark.parametrize(("content", "expected"), [
    (PDF, "application/pdf"),
    (image_bytes("PNG"), "image/png"),
    (image_bytes("JPEG"), "image/jpeg"),
    (image_bytes("WEBP"), "image/webp"),
    (image_bytes("TIFF"), "image/tiff"),
])
def test_real_pdfs_and_images_are_accepted_by_their_bytes(content, expected):
    checked = check_upload(upload("whatever.bin", content, "application/octet-stream"))
    assert checked.content_type == expected and checked.size == len(content) and len(checked.sha256) == 64


@pytest.mark.parametrize("kind", sorted(FAKES))
def test_html_script_archives_and_programs_renamed_pdf_are_refused(kind):
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("证据.pdf", FAKES[kind], "application/pdf"))
    assert refused.value.code == "not_pdf_or_image"
    assert refused.value.text == NOT_PDF_OR_IMAGE % {"name": "证据.pdf"}
    assert sniff(FAKES[kind]) is None


def test_an_oversized_file_is_refused_with_the_limit(settings):
    settings.FANJIAN_UPLOAD_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("big.pdf", big))
    assert refused.value.code == "too_large"
    assert refused.value.text == "“big.pdf” is 1.0 MB; a file may be at most 1 MB."


def test_a_size_that_lies_is_measured(settings):
    settings.FANJIAN_UPLOAD_MAX_MB = 1
    file = upload("big.pdf", PDF + b"0" * (1024 * 1024))
    file.size = 10  # what the client claimed
    with pytest.raises(UploadRefused, match="at most 1 MB"):
        check_upload(file)


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRefused, match="is empty"):
        check_upload(upload("empty.pdf", b""))


def test_names_are_data_only():
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("C:\\Users\\张三\\借条.pdf") == "借条.pdf"
    assert clean_name("a\x00b\r\n.pdf") == "ab.pdf"
    assert download_name("借条.pdf", "application/pdf") == "借条.pdf"
    assert download_name("photo.JPEG", "image/jpeg") == "photo.JPEG"
    assert download_name("run.exe", "application/pdf") == "run.pdf"
