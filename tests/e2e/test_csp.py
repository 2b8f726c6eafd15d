"""Issue 14: the Content-Security-Policy forbids inline script and style; the case page and the dashboard load
under it with no violation and no console error, in Chinese and in English."""

from __future__ import annotations

from datetime import timedelta

import pytest

from court.cases import services
from court.cases.term import today

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LISTEN = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"""


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_case_page_and_the_dashboard_load_without_csp_violations(new_page, live_server, judge, admin,
                                                                      make_case, locale):
    case = make_case(state="scheduled", filed_on=today() - timedelta(days=20))
    services.case_note(case=case, actor=judge, text="笔录")
    for user, path, ready in (("judge", f"/cases/{case.pk}/", "h1"),
                              ("admin", f"/metrics/?from={today().year - 1}-01-01&to={today()}", "canvas")):
        page = new_page(locale=locale)
        errors: list[str] = []
        page.on("console", lambda msg, errors=errors: errors.append(msg.text + " " + msg.location.get("url", ""))
                if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico") else None)
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        page.on("response", lambda r, errors=errors: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.add_init_script(LISTEN)
        sign_in(page, live_server, user)
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert page.locator(ready).count() > 0
        page.click("body")  # the page's scripts attach their handlers without inline code
        violations = page.evaluate("window.__csp")
        assert not violations, (path, locale, violations)
        assert not errors, (path, locale, errors)
        expected = "zh-hans" if locale == "zh-CN" else "en"
        assert page.get_attribute("html", "lang") == expected
