"""What the journeys of test_journeys.py share: a clock the live server shares, a desk of signed-in people, one
action of the case page's panel, one document from the paperwork panel (selectors by name and value, so that
they work in both languages; the expected texts are the catalogue's, in the page's language)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone, translation

from court.cases.actions import ACTIONS
from court.cases.models import Case, Party
from court.paperwork.models import IssuedDocument

from .conftest import sign_in

#: The browser's language → the site's language (parametrized as in test_hearings.py).
LOCALES = [("zh-CN", "zh-hans"), ("en-US", "en")]


def tr(text: Any, lang: str) -> str:
    """`text` (a lazy string or a msgid) as the page in `lang` shows it."""
    with translation.override(lang):
        return translation.gettext(text) if isinstance(text, str) else str(text)


class Clock:
    """The process's clock, moved forward by whole days.

    pytest-django's live server runs in a thread of the test process and reads the same
    `django.utils.timezone.now` (through `timezone.localdate`, which `court.cases.term.today` and every date field's
    default use): pages, services and the nightly job all see the day the journey has reached. It starts at noon of
    the real day, court time, so that no journey crosses midnight while it runs. The browser's own clock is not
    moved; no page of these journeys reads it."""

    def __init__(self, monkeypatch: Any) -> None:
        real_now = timezone.now
        local = timezone.localtime(real_now())
        self._offset = local.replace(hour=12, minute=0, second=0, microsecond=0) - local
        monkeypatch.setattr(timezone, "now", lambda: real_now() + self._offset)

    def today(self) -> date:
        return timezone.localdate()

    def travel_to(self, day: date) -> date:
        assert day >= self.today(), f"the clock goes forward only ({self.today()} → {day})"
        self._offset += timedelta(days=(day - self.today()).days)
        assert self.today() == day
        return day


class Desk:
    """The people of a journey, each signed in on a browser page of their own (in the journey's language).

    `at(username)` signs in again after the clock moved (a session lasts two weeks; and a user comes back on another
    day in a fresh browser)."""

    def __init__(self, new_page: Any, live_server: Any, locale: str, lang: str) -> None:
        self.new_page, self.live_server, self.locale, self.lang = new_page, live_server, locale, lang

    def at(self, username: str, case: Case | None = None) -> Any:
        page = self.new_page(locale=self.locale)
        sign_in(page, self.live_server, username)
        assert page.get_attribute("html", "lang") == self.lang
        if case is not None:
            self.open(page, case)
        return page

    def open(self, page: Any, case: Case) -> None:
        page.goto(f"{self.live_server.url}/cases/{case.pk}/")


def _submit(page: Any, scope: str) -> None:
    with page.expect_navigation():
        page.click(f"{scope} button[type=submit]")
    page.wait_for_load_state("domcontentloaded")


def act(page: Any, slug: str, lang: str, *, fill: dict[str, str] | None = None,
        select: dict[str, str] | None = None, check: tuple[str, ...] = (), ok: bool = True) -> None:
    """Open the action `slug` on the case page, fill it in (field names without the form's prefix), submit it and
    see its message (`ok`) or its refusal on the form (not `ok`)."""
    scope = f"#action-{slug}"
    if page.get_attribute(scope, "open") is None:
        page.click(f"{scope} summary")
    for name, value in (select or {}).items():
        page.select_option(f"{scope} select[name='{slug}-{name}']", value)
    for name in check:  # before filling: a choice can show the fields it needs
        if "=" in name:  # a radio button: name=value
            name, value = name.split("=", 1)
            page.check(f"{scope} input[name='{slug}-{name}'][value='{value}']")
        else:
            page.check(f"{scope} input[name='{slug}-{name}']")
    for name, value in (fill or {}).items():
        page.fill(f"{scope} [name='{slug}-{name}']", value)
    _submit(page, scope)
    done = tr(ACTIONS[slug].spec.done, lang)
    messages = page.locator(".messages")
    shown = messages.inner_text() if messages.count() else ""
    if ok:
        assert done in shown, page.locator(scope).inner_text() if page.locator(scope).count() else shown
    else:
        assert done not in shown and page.get_attribute(scope, "open") is not None


def generate(page: Any, case: Case, *, kind: str, party: Party, channel: str | None = None) -> IssuedDocument:
    """Generate a document of `kind` for `party` from the "Court documents" panel (in the page's language) and,
    with `channel`, serve it at once; back on the case file."""
    scope = "#generate-document"
    if page.get_attribute(scope, "open") is None:
        page.click(f"{scope} summary")
    page.select_option(f"{scope} select[name=kind]", kind)
    page.select_option(f"{scope} select[name=party]", str(party.pk))
    if channel:
        page.check(f"{scope} input[name=serve]")
        page.select_option(f"{scope} select[name=channel]", channel)
    _submit(page, scope)
    assert page.url.endswith(f"/cases/{case.pk}/#case-file"), page.inner_text("main")[:2000]
    return IssuedDocument.objects.select_related("document", "template", "served_by").filter(
        case=case, kind=kind, party=party).latest("pk")
