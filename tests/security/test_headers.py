"""Issue 14: no Content-Security-Policy and no `Cache-Control: no-store` on case pages and exports."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_case_pages_lists_and_exports_are_never_stored(recent, judge, admin, party, as_user):
    case = recent()
    urls = [(judge, reverse("case_detail", args=[case.pk])), (judge, reverse("docket")),
            (party, reverse("my_cases")), (admin, "/metrics/?from=2023-01-01&to=2023-12-31"),
            (admin, "/metrics/export/team.csv?from=2023-01-01&to=2023-12-31"),
            (admin, "/metrics/export/team.xlsx?from=2023-01-01&to=2023-12-31")]
    for user, url in urls:
        response = as_user(user).get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_every_page_has_a_csp_without_inline_script_or_style(recent, judge, as_user):
    case = recent()
    for response in (Client().get(reverse("login")), as_user(judge).get(reverse("case_detail", args=[case.pk]))):
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_no_template_has_inline_script_style_or_handlers():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.IGNORECASE)
    bad = re.compile(r"<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in (*inline_script.finditer(text),
                                                                          *bad.finditer(text))]
    assert not offenders, offenders
