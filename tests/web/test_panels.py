from __future__ import annotations

import pytest
from django.urls import reverse

from court.cases import panels


@pytest.fixture
def provider():
    def show(case, user):
        return "cases/_test_panel.html", {"note": f"panel for {case.pk}"}

    yield show
    panels.unregister_case_panel(show)


def test_a_registered_panel_is_on_the_case_page(recent, judge, as_user, provider, settings, tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "_test_panel.html").write_text("<p id='test-panel'>{{ panel.note }} {{ case.case_number }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    panels.register_case_panel(provider)
    case = recent(state="service")
    html = as_user(judge).get(reverse("case_detail", args=[case.pk])).content.decode()
    assert f"<p id='test-panel'>panel for {case.pk} {case.case_number}</p>" in html


def test_a_failing_panel_does_not_break_the_case_page(recent, judge, as_user):
    def broken(case, user):
        raise RuntimeError("boom")

    panels.register_case_panel(broken)
    try:
        case = recent(state="service")
        assert as_user(judge).get(reverse("case_detail", args=[case.pk])).status_code == 200
    finally:
        panels.unregister_case_panel(broken)


def test_the_triage_template_is_included_for_staff_only_when_it_exists(recent, judge, party):
    case = recent(state="service")
    names = [name for name, _ctx in panels.get_case_panels(case, judge)]
    exists = panels._template_exists("triage/_case_panel.html")
    assert ("triage/_case_panel.html" in names) == exists
    assert "triage/_case_panel.html" not in [name for name, _ctx in panels.get_case_panels(case, party)]
