"""The portal's settings come from the environment, typed, with the console e-mail backend by default."""

from __future__ import annotations

from tests.test_settings import _check


def _show(env: dict[str, str], name: str):  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    from tests.test_settings import ROOT

    full = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_", "FANJIAN_"))}
    full.update(env)
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                          env={**full, "DJANGO_SETTINGS_MODULE": "court.settings"})


def test_e_mail_goes_to_the_console_unless_a_backend_is_set():
    assert _show({}, "EMAIL_BACKEND").stdout.strip() == "django.core.mail.backends.console.EmailBackend"
    smtp = _show({"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}, "EMAIL_BACKEND")
    assert smtp.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


def test_the_portal_bounds_are_typed_and_positive():
    bad = _check({"FANJIAN_JOIN_ATTEMPT_LIMIT": "ten"})
    assert bad.returncode != 0 and "FANJIAN_JOIN_ATTEMPT_LIMIT='ten' is not an integer" in bad.stderr
    zero = _check({"FANJIAN_SIGNUP_LIMIT": "0"})
    assert zero.returncode != 0 and "must be positive" in zero.stderr
    site = _check({"FANJIAN_SITE_URL": "ftp://court.example"})
    assert site.returncode != 0 and "FANJIAN_SITE_URL" in site.stderr
