"""Issue 14, faults: the process training a model (a task-cluster worker, or `triage_train`) killed with
SIGKILL half-way leaves the active model as it was: still active, its files intact, nothing half-registered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from bench.common import generate
from triage import registry
from triage.models import ModelVersion, TrainingRun

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalogue_present")]


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_a_training_killed_half_way_leaves_the_active_model_untouched(active_model, models_dir, tmp_path):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs a database file another process shares: `make test` runs this with SQLITE_TEST_PATH")
    before = {p.name: p.read_bytes() for p in models_dir.iterdir()}
    cases_csv, periods_csv = tmp_path / "cases.csv", tmp_path / "periods.csv"
    generate(cases_csv, periods_csv, 20_000)
    env = {**os.environ, "DATABASE_URL": _database_url(), "FANJIAN_MODELS_DIR": str(models_dir)}
    env.pop("SQLITE_TEST_PATH", None)
    process = subprocess.Popen([sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "triage_train",
                                "--activate", "--cases", str(cases_csv), "--periods", str(periods_csv)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while not TrainingRun.objects.exists():  # the run's row is written first, then it reads and trains
        assert process.poll() is None, process.stdout.read().decode()[-2000:]
        assert time.monotonic() < deadline, "the training never started"
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the training finished before it could be killed"

    [active] = ModelVersion.objects.filter(is_active=True)
    assert active.version == active_model.version
    assert {p.name: p.read_bytes() for p in models_dir.iterdir() if p.name in before} == before
    registry.clear_cache()
    assert registry.load(active) is not None  # the active model still loads and checks out
    assert TrainingRun.objects.get().finished_at is None  # the killed run is visibly unfinished
