"""Model versions on disk and in the database.

A version is `triage-<version>.txt` (the router), `triage-<version>.dur-q50.txt` / `.dur-q90.txt` (the
duration model) and `triage-<version>.json` (the card: data window, rows, features and categories,
metrics, baselines, code version, sha256 of each file). Every file is written to a temporary file in the
same directory and moved into place with os.replace, the card last, so a reader never sees half a version.
A `ModelVersion` row records each version; exactly one is active (a partial unique constraint).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import lightgbm as lgb
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .features import FeatureSpec
from .models import ModelActivation, ModelVersion
from .predict import Router

log = logging.getLogger(__name__)

CARD_FORMAT = "fanjian-triage/1"
PREFIX = "triage-"
UNKNOWN_VERSION = "There is no model version %(version)s."
SHA_MISMATCH = "The model file %(file)s does not match the SHA-256 in its card; refusing to load it."
NOT_A_CARD = "%(file)s is not a Fanjian triage model card."

_cache: dict[tuple[str, str], Router] = {}
_lock = threading.Lock()


def models_dir(directory: str | Path | None = None) -> Path:
    return Path(directory) if directory is not None else Path(settings.FANJIAN_MODELS_DIR)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same directory and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; model files are for every reader of the directory
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_version_name(model_text: str) -> str:
    now = datetime.now(ZoneInfo(settings.TIME_ZONE))
    return f"{now:%Y%m%d-%H%M%S}-{sha256_bytes(model_text.encode())[:6]}"


def write_version(router: Router, report: dict[str, Any], *, directory: str | Path | None = None,
                  version: str | None = None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write the router, its duration models and its card; returns the card (with `version` and file hashes)."""
    target = models_dir(directory)
    text = router.booster.model_to_string()
    if version is None:
        version = base = new_version_name(text)
        n = 1
        while (target / f"{PREFIX}{version}.json").exists():  # same second, same model: keep both
            n += 1
            version = f"{base}-{n}"
    files: dict[str, dict[str, str]] = {}
    payloads = {"router": (f"{PREFIX}{version}.txt", text)}
    for name, booster in router.duration.items():
        payloads[f"duration_{name}"] = (f"{PREFIX}{version}.dur-{name}.txt", booster.model_to_string())
    for key, (filename, body) in payloads.items():
        data = body.encode()
        atomic_write(target / filename, data)
        files[key] = {"file": filename, "sha256": sha256_bytes(data)}
    from .train import code_version  # late: train imports heavy modules

    card = {
        "format": CARD_FORMAT,
        "version": version,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "code_version": code_version(),
        **router.spec.to_json(),
        "calibration": router.calibration,
        **report,
        "files": files,
        **(extra or {}),
    }
    atomic_write(target / f"{PREFIX}{version}.json", json.dumps(card, ensure_ascii=False, indent=1).encode())
    router.version = version
    router.card = card
    return card


def read_card(path: Path) -> dict[str, Any]:
    card = json.loads(path.read_text(encoding="utf-8"))
    if card.get("format") != CARD_FORMAT:
        raise ValueError(NOT_A_CARD % {"file": path.name})
    return card


def register(card: dict[str, Any], *, card_file: str | None = None) -> ModelVersion:
    """The ModelVersion row for `card` (created once; registering again returns the same row)."""
    try:
        with transaction.atomic():
            mv, _created = ModelVersion.objects.get_or_create(
                version=card["version"],
                defaults={"card_file": card_file or f"{PREFIX}{card['version']}.json",
                          "model_file": card["files"]["router"]["file"],
                          "sha256": card["files"]["router"]["sha256"], "card": card},
            )
    except IntegrityError:  # registered concurrently
        mv = ModelVersion.objects.get(version=card["version"])
    return mv


@transaction.atomic
def activate(version: str, *, actor: Any = None, reason: str = "") -> ModelVersion:
    """Make `version` the one active model (promotion or rollback), appending a `ModelActivation` that names
    the previously active version, `actor` (None: training or a command) and `reason`."""
    # Lock the rows so two activations serialise; the partial unique constraint backs this up.
    rows = list(ModelVersion.objects.select_for_update().filter(is_active=True))
    try:
        target = ModelVersion.objects.select_for_update().get(version=version)
    except ModelVersion.DoesNotExist:
        raise ValueError(UNKNOWN_VERSION % {"version": version}) from None
    ModelVersion.objects.filter(pk__in=[r.pk for r in rows if r.pk != target.pk]).update(is_active=False)
    if not target.is_active:
        previous = next((r for r in rows if r.pk != target.pk), None)
        target.is_active = True
        target.activated_at = timezone.now()
        target.save(update_fields=["is_active", "activated_at"])
        kind = (ModelActivation.Kind.FIRST if previous is None
                else ModelActivation.Kind.ROLLBACK if (target.created_at, target.pk) < (previous.created_at, previous.pk)
                else ModelActivation.Kind.PROMOTION)
        ModelActivation.objects.create(version=target, previous=previous, kind=kind, actor=actor,
                                       reason=reason.strip())
    return target


def _base_of(mv: ModelVersion | dict[str, Any]) -> Path:
    if isinstance(mv, ModelVersion) and Path(mv.card_file).is_absolute():
        return Path(mv.card_file).parent
    return models_dir()


def card_file_name(path: Path) -> str:
    """The card's name relative to FANJIAN_MODELS_DIR when it is there, else its absolute path."""
    path = path.resolve()
    return path.name if path.parent == models_dir().resolve() else str(path)


def load(mv: ModelVersion | dict[str, Any], *, directory: str | Path | None = None) -> Router:
    """The Router of a version, verified against its sha256 and cached per process."""
    card = mv.card if isinstance(mv, ModelVersion) else mv
    key = (card["version"], card["files"]["router"]["sha256"])
    with _lock:
        if key in _cache:
            return _cache[key]
    base = models_dir(directory) if directory is not None else _base_of(mv)
    boosters = {}
    for name, meta in card["files"].items():
        data = (base / meta["file"]).read_bytes()
        if sha256_bytes(data) != meta["sha256"]:
            raise ValueError(SHA_MISMATCH % {"file": meta["file"]})
        boosters[name] = lgb.Booster(model_str=data.decode())
    router = Router(
        version=card["version"], booster=boosters.pop("router"), spec=FeatureSpec.from_json(card),
        calibration=card["calibration"],
        duration={name.removeprefix("duration_"): b for name, b in boosters.items()}, card=card,
    )
    with _lock:
        _cache[key] = router
    return router


def shipped_cards(directory: str | Path | None = None) -> list[tuple[Path, dict[str, Any]]]:
    """Cards in the models directory, newest version last; a card marked `shipped` sorts after the rest."""
    out = []
    base = models_dir(directory)
    if not base.is_dir():
        return out
    for path in sorted(base.glob(f"{PREFIX}*.json")):
        try:
            out.append((path, read_card(path)))
        except (ValueError, OSError, json.JSONDecodeError):
            log.warning("Skipping unreadable model card %s", path)
    out.sort(key=lambda pc: (bool(pc[1].get("shipped")), pc[1]["version"]))
    return out


def ensure_shipped_registered(directory: str | Path | None = None) -> ModelVersion | None:
    """If no version is registered yet, register and activate the shipped card (idempotent)."""
    if ModelVersion.objects.exists():
        return ModelVersion.objects.filter(is_active=True).first()
    cards = shipped_cards(directory)
    if not cards:
        return None
    path, card = cards[-1]
    register(card, card_file=card_file_name(path))
    try:
        return activate(card["version"])
    except IntegrityError:  # another process activated it first
        return ModelVersion.objects.filter(is_active=True).first()


def active_version() -> ModelVersion | None:
    mv = ModelVersion.objects.filter(is_active=True).first()
    return mv if mv is not None else ensure_shipped_registered()


def active_router() -> Router | None:
    """The active model, registering the shipped one on first use; None when there is none or it is broken."""
    mv = active_version()
    if mv is None:
        return None
    try:
        return load(mv)
    except (OSError, ValueError, lgb.basic.LightGBMError):
        log.exception("Cannot load the active triage model %s", mv.version)
        return None


def clear_cache() -> None:
    with _lock:
        _cache.clear()
