"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls there unless told.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
# The browser tests' screenshots go to var/screenshots/ for a look; the README's pictures are of the demo court and
# are taken by docs/screenshots/take.py.
SCREENSHOTS = ROOT / "var" / "screenshots"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request):
    """`new_page()` → a page in a fresh browser context (its own cookies), closed after the test.

    The browser asks for English (the tests assert the English source strings) unless the test uses the
    `chinese` fixture; `new_page(locale="zh-CN")` picks the browser's language explicitly."""
    contexts = []
    default_locale = "zh-CN" if "chinese" in request.fixturenames else "en-US"

    def make(locale: str | None = None):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale=locale or default_locale)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def cause_catalogue(transactional_db):
    """A transactional test flushes the tables afterwards, migration data included: load the cause catalogue
    again when it is gone (idempotent)."""
    from court.cases.catalogue import catalogues_load_all
    from court.cases.models import Cause

    if not Cause.objects.exists():
        catalogues_load_all()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"pw-{username}")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
