"""Backup and restore of a court: every row of the database and every stored file, in one archive.

A backup is a tar file holding
- `manifest.json`: the format, when and from which database it was taken, the migration state, the row count
  of each model and the SHA-256 and size of every member;
- `data/<app>.<model>.jsonl`: each model's rows in Django's JSON-lines serialisation with their own keys,
  written in dependency order;
- `files/case_files/<name>`: every file a row of the database names in the case-file storage (case documents,
  draft evidence), read through the storage API, so an S3-compatible store is backed up the same way;
- `files/models/<name>`: the triage model registry (FANJIAN_MODELS_DIR).

The rows are read in one transaction (REPEATABLE READ on PostgreSQL, one read snapshot on SQLite), so the
archive is consistent. `restore` checks the archive against its manifest before it touches anything, writes
the files, then replaces every table's rows in one transaction: a failed restore leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

FORMAT = "fanjian-backup/1"
#: Rows that mean nothing after a restore: sessions (everyone signs in again) and django-q2's queue (tasks are
#: queued again by their schedules). Content types and permissions are restored with their own keys.
EXCLUDED = frozenset({"sessions.session", "django_q.ormq"})
CHUNK = 2000

NOT_AN_ARCHIVE = gettext_noop("%(path)s is not a Fanjian backup: %(reason)s")
MIGRATIONS_DIFFER = gettext_noop(
    "The backup was taken at another migration state (%(detail)s). Run `manage.py migrate` to the same "
    "release first."
)
NOT_EMPTY = gettext_noop(
    "The database already holds %(count)s cases: restore into an empty database, or pass --replace to replace "
    "everything in it with the backup."
)
CHECKSUM_MISMATCH = gettext_noop("%(member)s does not match its checksum in the manifest: the archive is damaged.")
FILE_DIFFERS = gettext_noop("The stored file %(name)s exists with other content; pass --replace to overwrite it.")


class BackupError(Exception):
    def __init__(self, message: str, **params: Any) -> None:
        self.message, self.params = message, params
        super().__init__(message % params if params else message)

    def __str__(self) -> str:
        return _(self.message) % self.params if self.params else _(self.message)


@dataclass
class Summary:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete, managed model but the excluded ones, parents before the rows that refer to them."""
    app_models = {}
    for config in apps.get_app_configs():
        chosen = [m for m in config.get_models() if m._meta.managed and not m._meta.proxy
                  and m._meta.label_lower not in EXCLUDED]
        if chosen:
            app_models[config] = chosen
    return serializers.sort_dependencies([(c, ms) for c, ms in app_models.items()], allow_cycles=True)


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def migration_state(using: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _add(tar: tarfile.TarFile, name: str, data: bytes, manifest: dict[str, Any]) -> None:
    _add_stream(tar, name, io.BytesIO(data), len(data), _sha256(data), manifest)


def _add_stream(tar: tarfile.TarFile, name: str, handle: IO[bytes], size: int, digest: str,
                manifest: dict[str, Any]) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o640
    tar.addfile(info, handle)
    manifest["members"][name] = {"sha256": digest, "size": size}


class _HashingWriter(io.RawIOBase):
    """A text sink for the serializer that writes UTF-8 to a temporary file and hashes it on the way."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target, self.hash, self.size = target, hashlib.sha256(), 0

    def write(self, text: str) -> int:  # type: ignore[override]
        data = text.encode("utf-8")
        self.target.write(data)
        self.hash.update(data)
        self.size += len(data)
        return len(text)


def _snapshot(using: str) -> Any:
    """A transaction whose reads all see one moment of the database."""
    atomic = transaction.atomic(using=using)
    atomic.__enter__()
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
    return atomic


def _rows(model: type[models.Model], using: str) -> Iterator[models.Model]:
    return model._default_manager.using(using).order_by("pk").iterator(chunk_size=CHUNK)


def backup(path: Path, *, using: str = DEFAULT_DB_ALIAS, models_dir: Path | None = None) -> Summary:
    """Write the archive to `path` (written to a temporary name and renamed, so a killed backup leaves no
    half archive under the final name)."""
    path = Path(path)
    models_dir = Path(models_dir or settings.FANJIAN_MODELS_DIR)
    summary = Summary()
    manifest: dict[str, Any] = {
        "format": FORMAT, "created_at": timezone.now().isoformat(), "vendor": connections[using].vendor,
        "migrations": migration_state(using), "rows": {}, "members": {}, "files": [],
    }
    storage = storages["case_files"]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        atomic = _snapshot(using)
        try:
            names: set[str] = set()
            for model in backed_up_models():
                label = model._meta.label_lower
                fields = _file_fields(model)
                counted = [0]

                def rows(model=model, fields=fields, counted=counted):  # noqa: ANN001, ANN202
                    for obj in _rows(model, using):
                        counted[0] += 1
                        for f in fields:
                            name = getattr(obj, f.attname)
                            if name:
                                names.add(str(name))
                        yield obj

                with tempfile.TemporaryFile() as spool:
                    sink = _HashingWriter(spool)
                    serializers.serialize("jsonl", rows(), stream=sink)
                    spool.seek(0)
                    _add_stream(tar, f"data/{label}.jsonl", spool, sink.size, sink.hash.hexdigest(), manifest)
                manifest["rows"][label] = summary.rows[label] = counted[0]
                manifest.setdefault("order", []).append(label)
        finally:
            atomic.__exit__(None, None, None)
        for name in sorted(names):
            with storage.open(name, "rb") as handle:
                data = handle.read()
            _add(tar, f"files/case_files/{name}", data, manifest)
            manifest["files"].append(name)
            summary.files += 1
            summary.bytes += len(data)
        if models_dir.is_dir():
            for file in sorted(p for p in models_dir.rglob("*") if p.is_file()):
                _add(tar, f"files/models/{file.relative_to(models_dir).as_posix()}", file.read_bytes(), manifest)
        _add_manifest(tar, manifest)
    partial.replace(path)
    return summary


def _add_manifest(tar: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    info = tarfile.TarInfo("manifest.json")
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o640
    tar.addfile(info, io.BytesIO(data))


def _members(path: Path) -> Iterator[tuple[str, IO[bytes]]]:
    try:
        with tarfile.open(path, "r:*") as tar:
            for info in tar:
                if info.isfile():
                    handle = tar.extractfile(info)
                    if handle is not None:
                        yield info.name, handle
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise BackupError(NOT_AN_ARCHIVE, path=str(path), reason=str(exc)) from None


def read_manifest(path: Path) -> dict[str, Any]:
    """The archive's manifest, after every member has been checked against its checksum (read as a stream:
    a large archive is never held in memory)."""
    digests: dict[str, str] = {}
    manifest: dict[str, Any] | None = None
    for name, handle in _members(path):
        if name == "manifest.json":
            try:
                manifest = json.loads(handle.read())
            except ValueError:
                raise BackupError(NOT_AN_ARCHIVE, path=str(path), reason="manifest.json") from None
            continue
        digest = hashlib.sha256()
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
        digests[name] = digest.hexdigest()
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        reason = manifest.get("format") if isinstance(manifest, dict) else "manifest.json"
        raise BackupError(NOT_AN_ARCHIVE, path=str(path), reason=str(reason))
    for name, meta in manifest["members"].items():
        if digests.get(name) != meta["sha256"]:
            raise BackupError(CHECKSUM_MISMATCH, member=name)
    return manifest


def _check_migrations(manifest: dict[str, Any], using: str) -> None:
    taken = {tuple(x) for x in manifest["migrations"]}
    here = {tuple(x) for x in migration_state(using)}
    if taken != here:
        missing = sorted(taken - here)[:3]
        extra = sorted(here - taken)[:3]
        detail = "; ".join(filter(None, [
            "not applied here: " + ", ".join(f"{a}.{n}" for a, n in missing) if missing else "",
            "applied here only: " + ", ".join(f"{a}.{n}" for a, n in extra) if extra else "",
        ]))
        raise BackupError(MIGRATIONS_DIFFER, detail=detail)


def _write_files(path: Path, *, replace: bool, models_dir: Path) -> int:
    """Put every file of the archive back; returns how many case files it holds."""
    storage = storages["case_files"]
    count = 0
    case_prefix, models_prefix = "files/case_files/", "files/models/"
    for member, handle in _members(path):
        if member.startswith(case_prefix):
            name, data = member[len(case_prefix):], handle.read()
            count += 1
            if storage.exists(name):
                with storage.open(name, "rb") as existing:
                    if _sha256(existing.read()) == _sha256(data):
                        continue
                if not replace:
                    raise BackupError(FILE_DIFFERS, name=name)
                storage.delete(name)
            saved = storage.save(name, ContentFile(data))
            if saved != name:  # the storage renamed it: the rows would point at nothing
                storage.delete(saved)
                raise BackupError(FILE_DIFFERS, name=name)
        elif member.startswith(models_prefix):
            target = models_dir / member[len(models_prefix):]
            data = handle.read()
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_bytes() != data:
                with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
                    tmp.write(data)
                Path(tmp.name).replace(target)
    return count


def _flush(model_list: Iterable[type[models.Model]], using: str) -> None:
    connection = connections[using]
    tables = [m._meta.db_table for m in model_list]
    tables += [f.m2m_db_table() for m in model_list for f in m._meta.local_many_to_many
               if f.remote_field.through._meta.auto_created]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the append-only trigger lets rows go only with this set
            cursor.execute("SET LOCAL fanjian.allow_event_purge = 'on'")
        for sql in statements:
            cursor.execute(sql)


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS, replace: bool = False,
            models_dir: Path | None = None) -> Summary:
    """Restore the archive at `path` into the database `using` (migrated to the backup's state)."""
    path = Path(path)
    manifest = read_manifest(path)
    _check_migrations(manifest, using)
    from court.cases.models import Case

    existing = Case.objects.using(using).count()
    if existing and not replace:
        raise BackupError(NOT_EMPTY, count=existing)
    summary = Summary()
    summary.files = _write_files(path, replace=replace, models_dir=Path(models_dir or settings.FANJIAN_MODELS_DIR))
    model_list = backed_up_models()
    connection = connections[using]
    data_prefix = "data/"
    with transaction.atomic(using=using):
        _flush(model_list, using)
        with connection.constraint_checks_disabled():
            for member, handle in _members(path):
                if not member.startswith(data_prefix):
                    continue
                label = member[len(data_prefix):-len(".jsonl")]
                stream = io.TextIOWrapper(handle, encoding="utf-8")
                for obj in serializers.deserialize("jsonl", stream, using=using):
                    obj.save(using=using)
                summary.rows[label] = manifest["rows"][label]
        connection.check_constraints()
        ContentType.objects.clear_cache()
        sequences = connection.ops.sequence_reset_sql(no_style(), model_list)
        if sequences:
            with connection.cursor() as cursor:
                for sql in sequences:
                    cursor.execute(sql)
    return summary


def table_snapshot(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """Every backed-up row, serialised, per model: what a round trip must reproduce."""
    out: dict[str, list[str]] = {}
    for model in backed_up_models():
        buffer: IO[str] = io.StringIO()
        serializers.serialize("jsonl", _rows(model, using), stream=buffer)
        out[model._meta.label_lower] = buffer.getvalue().splitlines()
    return out
