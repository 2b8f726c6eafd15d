"""`manage.py backup` and `restore`: a round trip reproduces every row of every table and every stored file;
a damaged archive, another migration state or a database that already holds cases are refused untouched."""

from __future__ import annotations

import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from court.cases import services
from court.cases.models import Case, CaseDocument, CaseEvent
from court.ops import backup as ops
from tests.casefile.conftest import PDF, image_bytes, stored_files, upload
from tests.web.conftest import recent  # noqa: F401

# Real commits (the restore runs its own transaction); `catalogue_present` puts back what a flush removed.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalogue_present")]


@pytest.fixture
def files(tmp_path, settings):
    location = tmp_path / "case-files"
    settings.STORAGES = settings.STORAGES | {"case_files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(location)}}}
    settings.FANJIAN_MODELS_DIR = tmp_path / "models"
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "triage-1.txt").write_text("tree\n", encoding="utf-8")
    return location


@pytest.fixture
def court_with_files(recent, party, judge, files):
    case = recent()
    services.document_upload(case=case, actor=party, kind="application", title="延期举证申请",
                             file=upload("申请书.pdf", PDF))
    services.document_upload(case=case, actor=judge, kind="other", title="庭审照片", internal=True,
                             file=upload("photo.png", image_bytes("PNG"), "image/png"))
    services.case_note(case=case, actor=judge, text="先调解")
    return case


def _files(location: Path) -> dict[str, bytes]:
    return {p.relative_to(location).as_posix(): p.read_bytes() for p in stored_files(location)}


def test_a_round_trip_reproduces_every_row_and_every_file(court_with_files, files, tmp_path):
    before_rows, before_files = ops.table_snapshot(), _files(files)
    assert before_rows["cases.caseevent"] and len(before_files) == 2
    archive = tmp_path / "backup.tar.gz"
    out = StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "2 case files" in out.getvalue()

    # Lose everything: a new case written after the backup, the stored files, the model registry.
    services.case_note(case=court_with_files, actor=court_with_files.judge, text="备份之后")
    for path in stored_files(files):
        path.unlink()
    (tmp_path / "models" / "triage-1.txt").unlink()

    call_command("restore", str(archive), "--replace", stdout=StringIO())
    assert ops.table_snapshot() == before_rows
    assert _files(files) == before_files
    assert (tmp_path / "models" / "triage-1.txt").read_text(encoding="utf-8") == "tree\n"
    # The restored court works on: new rows take fresh keys, the event log is still append-only.
    event = services.case_note(case=Case.objects.get(), actor=court_with_files.judge, text="恢复之后")
    assert CaseEvent.objects.filter(reason="恢复之后").exists()
    with pytest.raises(TypeError):
        CaseEvent.objects.first().delete()
    assert event is not None


def test_a_database_with_cases_is_refused_without_replace(court_with_files, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    with pytest.raises(CommandError, match="already holds 1 cases"):
        call_command("restore", str(archive), stdout=StringIO())


def test_a_damaged_archive_is_refused_before_anything_changes(court_with_files, files, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for info in src.getmembers():
            data = src.extractfile(info).read()
            if info.name.startswith("files/case_files/"):
                data = data[:-1] + b"X"
            info.size = len(data)
            import io
            dst.addfile(info, io.BytesIO(data))
    rows = ops.table_snapshot()
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(damaged), "--replace", stdout=StringIO())
    assert ops.table_snapshot() == rows
    (tmp_path / "junk.tar.gz").write_bytes(b"not a tar")
    with pytest.raises(CommandError, match="is not a Fanjian backup"):
        call_command("restore", str(tmp_path / "junk.tar.gz"), stdout=StringIO())


def test_another_migration_state_is_refused(court_with_files, tmp_path, monkeypatch):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    real = ops.migration_state
    monkeypatch.setattr(ops, "migration_state", lambda using="default": real(using)[:-1])
    with pytest.raises(CommandError, match="another migration state"):
        call_command("restore", str(archive), "--replace", stdout=StringIO())
    assert CaseDocument.objects.count() == 2
