"""The web app under gunicorn with deploy/gunicorn.conf.py, as deployed: the production profile, a migrated
SQLite file, `collectstatic`, and a reverse proxy's X-Forwarded-Proto. It binds a free loopback port (port 0,
read back from gunicorn's log), serves the sign-in page and a hashed static file through whitenoise, writes the
access log in the configured format, and stops on SIGTERM."""

from __future__ import annotations

import http.client
import os
import re
import runpy
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

pytest.importorskip("gunicorn", reason="gunicorn is not installed (it is in the `test` and `load` extras)")

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def _manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _wait_for_port(log: Path, proc: subprocess.Popen, deadline: float) -> int:
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read_text(errors="replace"))
        if found:
            return int(found.group(1))
        assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)
    raise AssertionError("gunicorn did not start listening:\n" + log.read_text(errors="replace")[-3000:])


def _wait_for_page(port: int, proc: subprocess.Popen, log: Path, deadline: float) -> tuple[int, dict, bytes]:
    while True:
        try:
            return _get(port, "/login/", PROXY)
        except (ConnectionError, http.client.HTTPException, TimeoutError):
            assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "no worker answered:\n" + log.read_text(errors="replace")[-3000:]
            time.sleep(0.3)


def test_gunicorn_serves_the_app_and_its_static_files_with_the_deployment_config(tmp_path, migrated_sqlite):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "GUNICORN_", "FANJIAN_STATIC"))}
    env |= {"DJANGO_SETTINGS_MODULE": "court.settings", "DJANGO_PROFILE": "production", "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "gunicorn-test-" + "k" * 50, "DATABASE_URL": "",
            "SQLITE_PATH": str(migrated_sqlite(tmp_path / "fanjian.sqlite3")),
            "STATIC_ROOT": str(tmp_path / "static"),
            "FANJIAN_CASE_FILES_DIR": str(tmp_path / "case-files"),
            "GUNICORN_BIND": "127.0.0.1:0", "GUNICORN_WORKERS": "2", "GUNICORN_TIMEOUT": "120"}
    _manage(env, "collectstatic", "--noinput", "-v0")

    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:  # started from another directory: the config finds the project itself
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(CONFIG)], cwd=tmp_path, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        port = _wait_for_port(log, proc, deadline)
        status, headers, body = _wait_for_page(port, proc, log, deadline)
        assert status == 200
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["strict-transport-security"].startswith("max-age=31536000")
        html = body.decode()
        assert 'name="username"' in html

        # Without the proxy's word that the client used HTTPS, the production profile sends it there.
        status, headers, _ = _get(port, "/login/")
        assert status == 301 and headers["location"] == f"https://127.0.0.1:{port}/login/"

        css = re.search(r'href="(/static/css/fanjian\.[0-9a-f]{12}\.css)"', html)
        assert css, html[:2000]
        status, headers, body = _get(port, css.group(1), PROXY)
        assert status == 200 and headers["content-type"].startswith("text/css")
        assert "max-age=315360000" in headers["cache-control"] and "immutable" in headers["cache-control"]
        assert body == (tmp_path / "static" / css.group(1).removeprefix("/static/")).read_bytes()
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    text = log.read_text(errors="replace")
    assert proc.returncode == 0 and "Shutting down: Master" in text
    assert re.search(r'127\.0\.0\.1 203\.0\.113\.7 \[[^]]+\] "GET /login/ HTTP/1\.1" 200 \d+ \d+ms "', text), text


def test_the_example_environment_builds_the_settings_once_a_secret_key_is_filled_in(monkeypatch):
    lines = [line for line in (ROOT / "deploy" / "env.example").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    example = dict(line.split("=", 1) for line in lines)
    assert all(re.fullmatch(r"[A-Z0-9_]+", key) and " #" not in value for key, value in example.items()), lines
    for key in [k for k in os.environ if k.startswith(("S3_", "GUNICORN_", "FANJIAN_STATIC", "DJANGO_"))]:
        monkeypatch.delenv(key)
    for key, value in example.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):  # the example's empty key: no start
        runpy.run_path(str(ROOT / "court" / "settings.py"))

    monkeypatch.setenv("DJANGO_SECRET_KEY", "example-" + "s" * 56)
    built = runpy.run_path(str(ROOT / "court" / "settings.py"))
    assert built["STORAGES"]["case_files"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert built["STORAGES"]["case_files"]["OPTIONS"]["endpoint_url"] == example["S3_ENDPOINT_URL"]
    assert built["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert built["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    config = runpy.run_path(str(CONFIG))
    assert config["bind"] == ["127.0.0.1:8000"] and config["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert config["workers"] == 2 * len(os.sched_getaffinity(0)) + 1 and config["max_requests"] == 1000


def test_a_bad_gunicorn_setting_stops_the_start(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "many")
    with pytest.raises(ImproperlyConfigured, match="GUNICORN_WORKERS"):
        runpy.run_path(str(CONFIG))
