"""Templates are versioned: an edit (in the admin or through the service) adds a version and leaves the old one as
it was, so an issued document keeps the text it was made from; the template language is sandboxed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from court.paperwork import engine, services
from court.paperwork.models import DocumentTemplate, IssuedDocument, TemplateKind

from .conftest import pdf_bytes, pdf_text

T = TemplateKind


def test_every_kind_has_a_default_version_in_both_languages(db):
    for language in ("zh-hans", "en"):
        for kind in T.values:
            template = DocumentTemplate.objects.get(kind=kind, language=language, active=True)
            assert template.version == 1 and template.body.strip()


def test_editing_adds_a_version_and_an_issued_document_keeps_its_own(make_case, clerk, admin, tmp_path):
    case = make_case()
    first = services.document_generate(case=case, actor=clerk, kind=T.RESPONSE, language="zh-hans")
    v1 = DocumentTemplate.objects.get(kind=T.RESPONSE, language="zh-hans", active=True)
    v2 = services.template_save(kind=T.RESPONSE, language="zh-hans", title=v1.title,
                                body=v1.body + "\n本院地址：蓝田县蓝关街道法院路1号。", actor=admin, note="地址")
    v1.refresh_from_db()
    assert (v1.version, v1.active, v2.version, v2.active) == (1, False, 2, True)
    assert v2.changed_by == admin and "本院地址" not in v1.body
    second = services.document_generate(case=case, actor=clerk, kind=T.RESPONSE, language="zh-hans")
    assert IssuedDocument.objects.get(document=first).template == v1
    assert IssuedDocument.objects.get(document=second).template == v2
    assert "本院地址" not in pdf_text(pdf_bytes(first), tmp_path)
    assert "本院地址" in pdf_text(pdf_bytes(second), tmp_path)
    assert DocumentTemplate.objects.filter(kind=T.RESPONSE, language="zh-hans").count() == 2


def test_an_administrator_edits_a_template_in_the_admin_as_a_new_version(admin):
    v1 = DocumentTemplate.objects.get(kind=T.ACCEPTANCE, language="zh-hans", active=True)
    client = Client()
    client.force_login(admin)
    assert client.get(f"/admin/paperwork/documenttemplate/{v1.pk}/change/").status_code == 200
    response = client.post(f"/admin/paperwork/documenttemplate/{v1.pk}/change/",
                           {"title": "受理案件通知书", "body": v1.body + "\n联系电话：029-00000000", "note": "电话"})
    assert response.status_code == 302, response.content.decode()[:3000]
    v1.refresh_from_db()
    v2 = DocumentTemplate.objects.get(kind=T.ACCEPTANCE, language="zh-hans", active=True)
    assert (v1.version, v1.active, "029-00000000" in v1.body) == (1, False, False)
    assert (v2.version, v2.changed_by, v2.note) == (2, admin, "电话")
    # Nothing is deleted: the admin offers no delete.
    assert client.post(f"/admin/paperwork/documenttemplate/{v1.pk}/delete/", {"post": "yes"}).status_code == 403
    assert DocumentTemplate.objects.filter(pk=v1.pk).exists()


def test_the_admin_refuses_a_template_that_does_not_compile_next_to_the_text(admin):
    v1 = DocumentTemplate.objects.get(kind=T.ACCEPTANCE, language="en", active=True)
    client = Client()
    client.force_login(admin)
    response = client.post(f"/admin/paperwork/documenttemplate/{v1.pk}/change/",
                           {"title": v1.title, "body": "{% if case.number %}never closed", "note": ""})
    assert response.status_code == 200 and "cannot be read" in response.content.decode()
    assert DocumentTemplate.objects.filter(kind=T.ACCEPTANCE, language="en").count() == 1


@pytest.mark.parametrize("role", ["judge", "clerk", "filing_officer", "party"])
def test_only_administrators_open_the_templates_in_the_admin(role, request):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    assert client.get("/admin/paperwork/documenttemplate/").status_code in (302, 403)


@pytest.mark.parametrize("body", ["{% load static %}", "{% include 'base.html' %}", "{% extends 'base.html' %}",
                                  "{% debug %}", "{{ case.number|safe }}", "{% url 'home' %}",
                                  "{% csrf_token %}", "{{ x|pprint }}"])
def test_the_template_language_is_sandboxed(body):
    with pytest.raises(ValidationError):
        engine.check(body)


def test_the_facts_are_data_not_models(make_case, clerk):
    """A template reaches no method or manager: the context is plain data (facts.document_facts)."""
    from datetime import date

    from court.paperwork.facts import document_facts

    case = make_case()
    facts = document_facts(case, language="en", on=date(2024, 3, 2))

    def plain(value):
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return isinstance(value, (str, int, bool, type(None)))

    assert plain(facts)
    assert engine.render("{{ case.delete }}{{ parties.0.name }}", facts) == "张三"


def test_the_font_has_every_character_of_the_default_texts():
    """A rebuilt subset (court/pdf/fonts/build.py) keeps every character of the Python sources, so the defaults."""
    from court.pdf import covers
    from court.paperwork.services import DEFAULTS

    for texts in DEFAULTS.values():
        for title, body in texts.values():
            assert covers(title + body), title


def test_the_font_covers_both_levels_of_gb2312_for_names():
    """The 6,763 hanzi of GB 2312, level two (rows 56-87) included: rarer surnames such as 冼 and 芈 render."""
    from court.pdf import covers
    from court.pdf.fonts.build import gb2312_hanzi

    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763 and "冼" in hanzi and "芈" in hanzi
    assert covers(hanzi)
