"""Redis as django-q2's broker and as the cache (settings: REDIS_URL): a real task through a real qcluster.

Runs against the Redis server at 127.0.0.1:6379 (database 15, emptied of our keys afterwards) and is skipped
with a message when none answers. The cluster and the client are separate processes on one SQLite file, as
in a deployment they are separate machines on one PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"no Redis server at {REDIS_URL}: {exc}")
    return client


def _manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_a_task_runs_through_a_qcluster_with_redis_as_broker_and_cache(tmp_path, migrated_sqlite):
    client = _redis_or_skip()
    env = {**os.environ, "DATABASE_URL": "", "SQLITE_PATH": str(migrated_sqlite(tmp_path / "q.sqlite3")),
           "REDIS_URL": REDIS_URL,
           "Q_WORKERS": "1", "DJANGO_SETTINGS_MODULE": "court.settings",
           # A queue of its own: another cluster on the same Redis (a parallel test run) cannot take the task.
           "Q_CLUSTER_NAME": f"fanjian-test-{uuid.uuid4().hex[:12]}"}
    cluster = subprocess.Popen([sys.executable, "manage.py", "qcluster"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    key = f"fanjian-test-{uuid.uuid4().hex}"
    try:
        out = _manage(env, "shell", "-c", (
            "from django.core.cache import cache, caches; "
            "from django_q.brokers import get_broker; from django_q.tasks import async_task, result; "
            f"cache.set('{key}', 'cached', 60); "
            "print('BROKER', type(get_broker()).__name__, 'CACHE', type(caches['default']).__name__); "
            "task = async_task('math.copysign', 2, -1); "
            "print('RESULT', result(task, wait=240000))"))
    finally:
        cluster.terminate()
        cluster.wait(timeout=60)
    assert "BROKER Redis CACHE RedisCache" in out
    assert "RESULT -2.0" in out  # computed by the cluster's worker, taken from the Redis queue
    assert client.get(f":1:{key}") is not None  # the cache wrote to Redis (Django's key prefix ":1:")
    client.delete(f":1:{key}")
