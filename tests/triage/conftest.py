"""Triage fixtures: one small trained router per session, an isolated models directory per test."""

from __future__ import annotations

import pandas as pd
import pytest

from triage import registry
from triage.train import train_from_frame

from .synth import synth_frame

PLAN_ROWS = 4000


def planner_frames(n: int = PLAN_ROWS, seed: int = 2023) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The demo planner's interchange rows (pure, no database)."""
    from court.demo.plan import plan_court

    cases, periods = plan_court(n, seed).interchange_rows()
    return pd.DataFrame(cases), pd.DataFrame(periods)


@pytest.fixture(scope="session")
def plan_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    return planner_frames()


@pytest.fixture(scope="session")
def synth() -> pd.DataFrame:
    return synth_frame(3000, seed=11)


@pytest.fixture(scope="session")
def trained(synth):
    """A small router (few rounds) trained on the synthetic frame, shared by the tests that need a model."""
    return train_from_frame(synth, rounds=60)


@pytest.fixture(autouse=True)
def models_dir(tmp_path, settings):
    """Every test gets its own empty models directory, so the shipped model never leaks in unasked."""
    directory = tmp_path / "models"
    directory.mkdir()
    settings.FANJIAN_MODELS_DIR = directory
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # personas are made per test
    registry.clear_cache()
    yield directory
    registry.clear_cache()


@pytest.fixture
def active_model(db, trained, models_dir):
    """The session's router written to the models directory, registered and active."""
    card = registry.write_version(trained.router, trained.report, directory=models_dir)
    registry.register(card)
    return registry.activate(card["version"])
