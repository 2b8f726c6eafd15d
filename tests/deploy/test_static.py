"""Static files through whitenoise (settings: FANJIAN_STATIC_MANIFEST, on by default in the production profile).

After `collectstatic` into a STATIC_ROOT, with DEBUG off, the WSGI app serves every asset under a name that
carries its content hash, gzip-compressed on request and cached for ten years (immutable); the pages link those
names and keep their Content-Security-Policy. Without the manifest (development, tests, the demo) the app serves
static/ directly with a short max-age, and no `collectstatic` is needed."""

from __future__ import annotations

import gzip
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILE = ROOT / "court" / "settings.py"
CHART = "vendor/chartjs/chart.umd.min.js"
TEN_YEARS = "max-age=315360000"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def collected(tmp_path, settings, monkeypatch):
    """The static settings court/settings.py builds with FANJIAN_STATIC_MANIFEST on, and `collectstatic` run."""
    monkeypatch.setenv("FANJIAN_STATIC_MANIFEST", "true")
    monkeypatch.setenv("STATIC_ROOT", str(tmp_path / "static"))
    built = runpy.run_path(str(SETTINGS_FILE))
    settings.DEBUG = False
    settings.STATIC_ROOT = built["STATIC_ROOT"]
    settings.STORAGES = settings.STORAGES | {"staticfiles": built["STORAGES"]["staticfiles"]}
    settings.WHITENOISE_USE_FINDERS = built["WHITENOISE_USE_FINDERS"]
    settings.WHITENOISE_AUTOREFRESH = built["WHITENOISE_AUTOREFRESH"]
    call_command("collectstatic", "--noinput", verbosity=0)
    return Path(built["STATIC_ROOT"])


def test_a_collected_file_is_served_under_its_hashed_name_compressed_and_cached_for_years(collected):
    url = static(CHART)
    assert re.fullmatch(r"/static/vendor/chartjs/chart\.umd\.min\.[0-9a-f]{12}\.js", url), url
    client = Client()  # a new client loads the middleware, and so whitenoise's file list, afresh
    response = client.get(url)
    assert response.status_code == 200
    assert TEN_YEARS in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/javascript")
    assert _body(response) == (ROOT / "static" / CHART).read_bytes()

    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(_body(zipped)) == (ROOT / "static" / CHART).read_bytes()

    unhashed = client.get("/static/" + CHART)  # the plain name still answers, but may change: a short max-age
    assert unhashed.status_code == 200 and TEN_YEARS not in unhashed["Cache-Control"]


def test_the_sign_in_page_links_hashed_assets_that_are_served_and_keeps_its_csp(collected, settings):
    client = Client()
    page = client.get("/login/")
    assert page.status_code == 200
    assert page["Content-Security-Policy"] == settings.SECURITY_CSP
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.content.decode())
    assert assets and all(re.search(r"\.[0-9a-f]{12}\.\w+$", a) for a in assets), assets
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and TEN_YEARS in response["Cache-Control"], asset


def test_without_the_manifest_static_is_served_from_the_source_folder():
    response = Client().get("/static/css/fanjian.css")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=60, public"
    assert _body(response) == (ROOT / "static" / "css" / "fanjian.css").read_bytes()


def test_the_production_profile_turns_the_manifest_on():
    env = {**os.environ, "DJANGO_PROFILE": "production", "DJANGO_SECRET_KEY": "x" * 64, "DATABASE_URL": "",
           "DJANGO_SETTINGS_MODULE": "court.settings"}
    env.pop("FANJIAN_STATIC_MANIFEST", None)
    out = subprocess.run([sys.executable, "-c", "from django.conf import settings; "
                          "print(settings.STORAGES['staticfiles']['BACKEND'], settings.WHITENOISE_USE_FINDERS)"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.split() == ["whitenoise.storage.CompressedManifestStaticFilesStorage", "False"]
