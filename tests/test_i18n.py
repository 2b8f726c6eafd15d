"""Chinese is the default language, English one click away, and the Chinese catalogue complete and faithful."""

from __future__ import annotations

import ast
import html
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from court.cases import services
from court.cases.services import CaseRuleError
from court.cases.term import today

PO_FILE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([A-Za-z_]+\)[sdrf]|%[sdr]|%%|\{[A-Za-z_]*\}")


def _catalogue() -> list[dict]:
    """The .po entries: msgid, msgid_plural, msgstr (every form), flags."""
    entries: list[dict] = []
    entry: dict | None = None
    field = ""
    for line in [*PO_FILE.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry is not None and entry.get("msgid") is not None:
                entries.append(entry)
            entry = None
            continue
        if entry is None:
            entry = {"msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field.startswith("msgstr"):
                entry["msgstr"][field] += value
            else:
                entry[field] += value
        else:
            field, _, literal = line.partition(" ")
            value = ast.literal_eval(literal)
            if field.startswith("msgstr"):
                entry["msgstr"][field] = value
            else:
                entry[field] = value
    return [e for e in entries if e["msgid"]]


def test_the_catalogue_has_many_messages_and_no_untranslated_or_fuzzy_one():
    entries = _catalogue()
    assert len(entries) > 500
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_every_translation_keeps_the_placeholders_of_its_message():
    for e in _catalogue():
        wanted = Counter(PLACEHOLDER.findall(e["msgid_plural"] or e["msgid"]))
        if "python-format" not in e["flags"]:
            wanted.pop("%%", None)
        for form, text in e["msgstr"].items():
            got = Counter(PLACEHOLDER.findall(text))
            if "python-format" not in e["flags"]:
                got.pop("%%", None)
            assert got == wanted, (e["msgid"], form, text)


def test_the_compiled_catalogue_is_in_the_tree():
    assert PO_FILE.with_suffix(".mo").stat().st_size > 10_000


def test_a_fresh_visitor_gets_the_site_in_chinese(client, chinese):
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "登录" in page
    assert "Sign in" not in page
    assert ">简体中文</option>" in page and ">English</option>" in page  # each language in its own name


def test_a_signed_in_judge_sees_the_docket_in_chinese(chinese, judge, team, make_case):
    make_case(state="accepted", filed_on=today())
    client = Client()
    client.force_login(judge)
    page = html.unescape(client.get(reverse("docket")).content.decode())
    assert "案件台账" in page
    assert "案号" in page and "法定审限届满日" in page
    assert "Case number" not in page


def test_the_language_switch_turns_the_site_into_english(chinese, judge):
    client = Client()
    client.force_login(judge)
    assert "案件台账" in client.get(reverse("docket")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("docket")})
    assert response.status_code == 302
    page = client.get(reverse("docket")).content.decode()
    assert '<html lang="en">' in page
    assert "Docket of" in page and "Case number" in page
    assert "案件台账" not in page


def test_a_legal_rule_refusal_is_given_in_chinese_by_default(chinese, judge, make_case):
    case = make_case(state="accepted", filed_on=today())  # simple procedure
    with pytest.raises(CaseRuleError) as refused:
        services.service_send(case=case, actor=judge, document="summons", channel="publication")
    assert refused.value.text.startswith("民诉法解释第140条")
    assert "公告送达" in refused.value.text


def test_a_legal_rule_refusal_on_the_case_page_is_in_chinese(chinese, judge, make_case):
    case = make_case(state="accepted", filed_on=today())
    defendant = case.parties.filter(side="defendant").first()
    client = Client()
    client.force_login(judge)
    response = client.post(reverse("case_service_send", args=[case.pk]), {
        "service_send-document": "summons", "service_send-channel": "publication",
        "service_send-party": defendant.pk, "service_send-on": today().isoformat()})
    page = html.unescape(response.content.decode())
    assert "民诉法解释第140条：适用简易程序和小额诉讼程序的案件不适用公告送达" in page


def test_the_same_refusal_reads_in_english_when_english_is_active(judge, make_case):
    case = make_case(state="accepted", filed_on=today())
    with pytest.raises(CaseRuleError) as refused:
        services.service_send(case=case, actor=judge, document="summons", channel="publication")
    assert refused.value.text.startswith("JI 140: publication service is barred")


def test_a_rule_module_message_is_translated_where_it_is_shown(chinese, judge, make_case):
    case = make_case(state="heard", filed_on=today() - timedelta(days=60), procedure="ordinary")
    with pytest.raises(CaseRuleError) as refused:
        services.case_convert_procedure(case=case, actor=judge, to="simple", reason="双方同意", on=today(),
                                        parties_agree=True)
    assert "民诉法解释第260条" in refused.value.text


def test_legal_bases_on_the_timeline_read_as_chinese_citations(chinese):
    from court.cases.articles import basis_display

    assert basis_display("CPL 126; REG2015 Art. 8", "zh-hans") == "民诉法第126条；《登记立案规定》第8条"
    assert basis_display("JI 257(1); TL2019 Art. 1", "zh-hans") == (
        "民诉法解释第257条第1项；《延长审限和延期开庭规定》第1条")
    assert basis_display("CPL 126; REG2015 Art. 8", "en") == "CPL 126; REG2015 Art. 8"


def test_an_item_cited_alone_is_placed_in_its_paragraph():
    """TL2000 Art. 10 para 2 "（三）邮寄送达的，以交邮日期为结案时间" and OLR Art. 4 para 2 "（四）当事人仅主动选择或者
    同意对部分诉讼环节适用在线诉讼的…" are items of the second paragraph, cited by the item alone."""
    from court.cases.articles import basis_display

    assert basis_display("TL2000 Art. 10(3)", "zh-hans") == "《审限规定》第10条第2款第3项"
    assert basis_display("OLR 4(4); TL2000 Art. 10", "zh-hans") == "《在线诉讼规则》第4条第2款第4项；《审限规定》第10条"
