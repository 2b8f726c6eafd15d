"""Settings come from the environment through typed helpers that fail loudly on bad values."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from court.env import envbool, envint, envlist, envurl

ROOT = Path(__file__).resolve().parent.parent


def _check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    full.update(env)
    return subprocess.run([sys.executable, "manage.py", "check", *args], cwd=ROOT, env=full, capture_output=True,
                          text=True, timeout=120)


def test_envbool_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("true", True), ("Yes", True), ("on", True), ("0", False), ("false", False),
                          ("", False)]:
        monkeypatch.setenv("X_FLAG", raw)
        assert envbool("X_FLAG", not expected) is expected


def test_envbool_refuses_a_value_that_is_not_a_boolean(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='maybe' is not a boolean"):
        envbool("X_FLAG", False)


def test_envint_refuses_a_value_that_is_not_an_integer(monkeypatch):
    monkeypatch.setenv("X_INT", "12a")
    with pytest.raises(ImproperlyConfigured, match="X_INT='12a' is not an integer"):
        envint("X_INT", 1)


def test_envlist_refuses_an_empty_item(monkeypatch):
    monkeypatch.setenv("X_LIST", "a,,b")
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        envlist("X_LIST", [])


def test_envurl_refuses_an_unknown_scheme(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/x")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with one of"):
        envurl("DATABASE_URL", ("sqlite", "postgres"))


def test_database_url_switches_to_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    import dj_database_url

    assert dj_database_url.parse(envurl("DATABASE_URL", ("postgres",)))["ENGINE"] == "django.db.backends.postgresql"


def test_a_bad_debug_value_stops_the_app_with_its_name():
    result = _check({"DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG='maybe' is not a boolean" in result.stderr


def test_the_production_profile_refuses_the_development_secret():
    result = _check({"DJANGO_PROFILE": "production"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_the_production_profile_passes_the_deployment_checks_without_warnings():
    result = _check({"DJANGO_PROFILE": "production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
                     "DJANGO_ALLOWED_HOSTS": "court.example.cn", "SQLITE_PATH": ":memory:"},
                    "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_redis_url_moves_the_task_queue_to_redis():
    code = "from django.conf import settings; print(settings.Q_CLUSTER.get('redis'), 'orm' in settings.Q_CLUSTER)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"REDIS_URL": "redis://127.0.0.1:6379/0", "DJANGO_SETTINGS_MODULE": "court.settings"})
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["redis://127.0.0.1:6379/0", "False"], out.stderr


def test_commands_report_in_english_by_default_and_in_chinese_on_request(tmp_path, migrated_sqlite):
    """The importer's `line N, column C: …` reads the same in every log; FANJIAN_COMMAND_LANGUAGE switches it."""
    bad = tmp_path / "cases.csv"
    bad.write_text("case_number,case_type\n（2023）陕0122民初5号,民初\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "FANJIAN_"))}
    env["SQLITE_PATH"] = str(migrated_sqlite(tmp_path / "db.sqlite3"))
    run = [sys.executable, "manage.py", "import_cases", "--cases", str(bad), "--no-progress", "--skip-checks"]
    english = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert english.returncode != 0
    assert "line 1, column court_code: the required column is missing from the header" in english.stderr
    chinese = subprocess.run(run, cwd=ROOT, env={**env, "FANJIAN_COMMAND_LANGUAGE": "zh-hans"},
                             capture_output=True, text=True, timeout=120)
    assert "第 1 行" in chinese.stderr and "line 1" not in chinese.stderr


def test_an_unknown_command_language_stops_the_app():
    result = _check({"FANJIAN_COMMAND_LANGUAGE": "fr"})
    assert result.returncode != 0 and "FANJIAN_COMMAND_LANGUAGE='fr'" in result.stderr


def _database_settings(env: dict[str, str]) -> dict[str, object]:
    import json

    code = ("import json; from django.conf import settings; d = settings.DATABASES['default']; "
            "print(json.dumps({'engine': d['ENGINE'], 'name': str(d['NAME']), 'options': d.get('OPTIONS', {}), "
            "'age': d.get('CONN_MAX_AGE')}))")
    full = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "SQLITE_"))}
    full.update({"DJANGO_SETTINGS_MODULE": "court.settings", **env})
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT, env=full,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_sqlite_gets_its_options_whichever_way_it_is_chosen(tmp_path):
    """Issue 14: DATABASE_URL=sqlite:///… dropped the immediate transactions, timeout and WAL of SQLITE_PATH."""
    by_path = _database_settings({"SQLITE_PATH": str(tmp_path / "a.sqlite3")})
    by_url = _database_settings({"DATABASE_URL": f"sqlite:///{tmp_path / 'b.sqlite3'}"})
    for db in (by_path, by_url):
        assert db["engine"] == "django.db.backends.sqlite3"
        assert db["options"]["transaction_mode"] == "IMMEDIATE" and db["options"]["timeout"] == 20
        assert "journal_mode=WAL" in db["options"]["init_command"]
    assert by_url["name"] == str(tmp_path / "b.sqlite3")
    assert _database_settings({"SQLITE_TIMEOUT": "45"})["options"]["timeout"] == 45


def test_postgresql_gets_no_sqlite_options():
    db = _database_settings({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"})
    assert db["engine"] == "django.db.backends.postgresql" and "transaction_mode" not in db["options"]


def test_an_sqlite_url_really_opens_in_wal_with_immediate_transactions(tmp_path):
    code = ("from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); "
            "print(c.fetchone()[0], connection.transaction_mode)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "SQLITE_"))}
    env.update({"DJANGO_SETTINGS_MODULE": "court.settings", "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}"})
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["wal", "IMMEDIATE"], out.stderr


def test_login_throttling_settings_come_from_the_environment():
    code = ("from django.conf import settings; print(settings.AXES_FAILURE_LIMIT, "
            "int(settings.AXES_COOLOFF_TIME.total_seconds()), settings.AXES_ENABLED)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FANJIAN_LOGIN"))}
    env.update({"DJANGO_SETTINGS_MODULE": "court.settings", "FANJIAN_LOGIN_FAILURE_LIMIT": "3",
                "FANJIAN_LOGIN_LOCKOUT_MINUTES": "60", "FANJIAN_LOGIN_THROTTLING": "false"})
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["3", "3600", "False"], out.stderr
    result = _check({"FANJIAN_LOGIN_FAILURE_LIMIT": "five"})
    assert result.returncode != 0 and "FANJIAN_LOGIN_FAILURE_LIMIT='five' is not an integer" in result.stderr
    result = _check({"FANJIAN_LOGIN_LOCKOUT_MINUTES": "0"})
    assert result.returncode != 0 and "must be positive" in result.stderr
