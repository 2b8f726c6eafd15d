"""Model versions on disk: atomic writes with sha256 in the card; one active version in the database."""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from django.db import IntegrityError, transaction

from triage import registry
from triage.models import ModelVersion


def test_a_version_is_the_model_text_and_a_card_with_hashes(trained, models_dir):
    card = registry.write_version(trained.router, trained.report, directory=models_dir)
    files = sorted(p.name for p in models_dir.iterdir())
    assert files == sorted([card["files"][k]["file"] for k in card["files"]] + [f"triage-{card['version']}.json"])
    for meta in card["files"].values():
        assert hashlib.sha256((models_dir / meta["file"]).read_bytes()).hexdigest() == meta["sha256"]
    on_disk = json.loads((models_dir / f"triage-{card['version']}.json").read_text(encoding="utf-8"))
    assert on_disk["version"] == card["version"] and on_disk["code_version"]
    assert on_disk["features"] and on_disk["categories"]["cause"]
    assert {"fit", "holdout"} <= set(on_disk["data_window"]) and on_disk["rows"]["closed_cases"] > 0
    assert {"auc", "brier"} <= set(on_disk["metrics"]) and "cause_amount_rule" in on_disk["baselines"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(models_dir, monkeypatch):
    target = models_dir / "triage-x.json"
    registry.atomic_write(target, b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        registry.atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in models_dir.iterdir()] == ["triage-x.json"]


def test_it_refuses_a_model_file_that_does_not_match_its_card(trained, models_dir):
    card = registry.write_version(trained.router, trained.report, directory=models_dir)
    path = models_dir / card["files"]["router"]["file"]
    path.write_text(path.read_text() + "\n", encoding="utf-8")
    registry.clear_cache()
    with pytest.raises(ValueError, match="SHA-256"):
        registry.load(card, directory=models_dir)


def test_a_loaded_version_scores_like_the_trained_router(trained, models_dir, synth):
    card = registry.write_version(trained.router, trained.report, directory=models_dir)
    registry.clear_cache()
    loaded = registry.load(card, directory=models_dir)
    assert (loaded.proba(synth.head(200)) - trained.router.proba(synth.head(200))).__abs__().max() < 1e-9
    assert set(loaded.duration) == {"q50", "q90"}


@pytest.mark.django_db
def test_only_one_version_can_be_active(trained, models_dir):
    a = registry.register(registry.write_version(trained.router, trained.report, directory=models_dir, version="a"))
    b = registry.register(registry.write_version(trained.router, trained.report, directory=models_dir, version="b"))
    registry.activate("a")
    registry.activate("b")
    assert list(ModelVersion.objects.filter(is_active=True)) == [b]
    a.refresh_from_db()
    with pytest.raises(IntegrityError), transaction.atomic():
        ModelVersion.objects.filter(pk=a.pk).update(is_active=True)


@pytest.mark.django_db
def test_the_shipped_card_is_registered_and_activated_once(trained, models_dir):
    card = registry.write_version(trained.router, trained.report, directory=models_dir, extra={"shipped": True})
    assert registry.ensure_shipped_registered().version == card["version"]
    assert registry.ensure_shipped_registered().version == card["version"]
    assert ModelVersion.objects.count() == 1
    assert registry.active_router().version == card["version"]


@pytest.mark.django_db
def test_without_any_model_the_router_is_absent_and_the_check_warns(models_dir):
    from triage.checks import check_active_model

    assert registry.active_router() is None
    assert [w.id for w in check_active_model()] == ["triage.W001"]


@pytest.mark.django_db
def test_the_check_is_quiet_with_an_active_model(active_model):
    from triage.checks import check_active_model

    assert check_active_model() == []
