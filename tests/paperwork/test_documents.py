"""Every kind of court document, in Chinese and English, rendered from its template with the case's facts into a
PDF whose text extracts (pdftotext finds the case number and the parties, plaintiffs first) and whose only font is
embedded; the law each document records is checked before it is issued."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from court.cases import services as case_services
from court.cases.models import CaseDocument, DocumentKind, Party, Procedure, ServiceAttempt
from court.cases.term import today
from court.paperwork import services
from court.paperwork.models import IssuedDocument, TemplateKind

from .conftest import font_dicts, pdf_bytes, pdf_objects, pdf_text

T = TemplateKind
LANGUAGES = ("zh-hans", "en")


@pytest.fixture
def recent_case(make_case):
    def make(days_ago: int = 10, **kwargs):
        kwargs.setdefault("filed_on", today() - timedelta(days=days_ago))
        return make_case(**kwargs)

    return make


def _subject(kind: str, recent_case, judge, filing_officer) -> tuple:
    """(case, actor, keyword arguments) for a case that has what `kind` records."""
    if kind in (T.SUMMONS, T.ANNOUNCEMENT):
        case = recent_case(state="scheduled")
        return case, judge, {"hearing": case.hearings.get(), "party": case.parties.first(),
                             "on": case.filed_on + timedelta(days=5)}
    if kind == T.RULING_CONVERSION:
        case = recent_case(state="service")
        case_services.case_convert_procedure(case=case, actor=judge, to=Procedure.ORDINARY,
                                             reason="案情复杂，需要评估鉴定", on=today())
        return case, judge, {}
    if kind == T.RULING_REJECTION:
        case = recent_case(state="filed")
        case_services.case_reject(case=case, actor=filing_officer, reason="原告的起诉不属于人民法院受理民事诉讼的范围",
                                  on=case.submitted_on)
        return case, filing_officer, {}
    if kind == T.RULING_WITHDRAWAL:
        case = recent_case(days_ago=40, state="closed", mode="withdrawal")
        return case, judge, {}
    if kind in (T.SERVICE_RECEIPT, T.E_SERVICE_PROOF):
        case = recent_case(state="accepted")
        attempt = case_services.service_send(case=case, actor=judge, document=ServiceAttempt.Document.COMPLAINT,
                                             channel=ServiceAttempt.Channel.ELECTRONIC,
                                             party=case.parties.get(name="李四0"), on=today())
        case_services.service_record(attempt=attempt, actor=judge, served=True, on=today())
        attempt.refresh_from_db()
        return case, judge, {"service_attempt": attempt}
    return recent_case(state="accepted"), judge, {}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", T.values)
def test_every_template_renders_the_case_facts_in_both_languages(kind, language, recent_case, judge,
                                                                  filing_officer, tmp_path):
    case, actor, extra = _subject(kind, recent_case, judge, filing_officer)
    case.refresh_from_db()
    document = services.document_generate(case=case, actor=actor, kind=kind, language=language, **extra)
    text = pdf_text(pdf_bytes(document), tmp_path)
    flat = "".join(text.split())  # pdftotext wraps lines; the facts are checked without the layout's breaks
    assert case.court.name in flat
    assert "张三" in flat and "李四0" in flat, text
    if kind != T.RULING_REJECTION:  # a refused complaint has no case number
        assert case.case_number in flat, text
    assert case.cause.name in flat
    assert document.kind == DocumentKind.NOTICE and not document.internal
    assert document.content_type == "application/pdf"
    issued = IssuedDocument.objects.get(document=document)
    assert issued.kind == kind and issued.template.language == language and issued.template.active
    if kind == T.E_SERVICE_PROOF:  # OLR 31: the moment the message reached the addressee's system
        sent = case.events.get(kind="service_sent")
        assert f"{timezone.localtime(sent.at):%H:%M}" in flat
    if kind in (T.SUMMONS, T.ANNOUNCEMENT):
        assert "09:00" in flat and "第一法庭" in flat  # the hearing's time in the court's zone, and its room


@pytest.mark.parametrize("kind", [T.JUDGMENT, T.MEDIATION, T.RULING_WITHDRAWAL, T.ANNOUNCEMENT])
def test_parties_are_listed_plaintiffs_first(kind, recent_case, judge, filing_officer, tmp_path):
    case, actor, extra = _subject(kind, recent_case, judge, filing_officer)
    # A defendant added before a plaintiff in id order still comes after it (Party.side_rank).
    text = "".join(pdf_text(pdf_bytes(services.document_generate(case=case, actor=actor, kind=kind, **extra)),
                            tmp_path).split())
    assert text.index("张三") < text.index("李四0")


def test_the_pdf_embeds_its_only_font_and_no_standard_cjk_font(recent_case, clerk):
    body = pdf_bytes(services.document_generate(case=recent_case(), actor=clerk, kind=T.RESPONSE))
    assert body.startswith(b"%PDF")
    assert b"STSong-Light" not in body and b"/Helvetica" not in body and b"UniGB-UCS2-H" not in body
    fonts = font_dicts(body)
    assert fonts, "the document has text"
    objects = pdf_objects(body)
    for font in fonts:
        assert b"/Subtype /TrueType" in font, font
        descriptor = re.search(rb"/FontDescriptor (\d+) 0 R", font)
        assert descriptor, font
        assert b"/FontFile2" in objects[int(descriptor.group(1))], font  # the TrueType outlines, embedded


def test_the_response_notice_says_what_cpl_128_and_130_require(recent_case, clerk, tmp_path):
    """CPL 128: "被告应当在收到之日起十五日内提出答辩状"; CPL 130: "当事人对管辖权有异议的，应当在提交答辩状期间提出"."""
    body = pdf_bytes(services.document_generate(case=recent_case(), actor=clerk, kind=T.RESPONSE,
                                                language="zh-hans"))
    text = "".join(pdf_text(body, tmp_path).split())
    assert "收到起诉状副本之日起15日内" in text and "对管辖权有异议的，应当在提交答辩状期间提出" in text


def test_the_judgment_skeleton_has_what_cpl_155_requires(recent_case, judge, tmp_path):
    """CPL 155: "判决书内容包括：（一）案由、诉讼请求、争议的事实和理由；（二）判决认定的事实和理由、适用的法律和理由；
    （三）判决结果和诉讼费用的负担；（四）上诉期间和上诉的法院。" CPL 171: fifteen days."""
    case = recent_case()
    text = "".join(pdf_text(pdf_bytes(services.document_generate(case=case, actor=judge, kind=T.JUDGMENT,
                                                                       language="zh-hans")),
                            tmp_path).split())
    for part in ("诉讼请求", "判令被告归还借款", "本院经审理认定事实如下", "本院认为", "判决如下", "案件受理费",
                 "判决书送达之日起15日内", "上诉于上一级人民法院", "审判员", "书记员"):
        assert part in text, part


def test_the_fee_notice_prints_the_fee_notice_and_fee_22s_seven_days(recent_case, filing_officer, tmp_path):
    """FEE 22: "原告自接到人民法院交纳诉讼费用通知次日起7日内交纳案件受理费"."""
    from decimal import Decimal

    from court.cases.models import FeeNotice

    case = recent_case()
    notice = FeeNotice.objects.create(case=case, amount=Decimal("1234.50"), issued_on=case.filed_on,
                                      due_on=case.filed_on + timedelta(days=8), party=case.parties.first())
    document = services.document_generate(case=case, actor=filing_officer, kind=T.FEE, language="zh-hans")
    text = "".join(pdf_text(pdf_bytes(document), tmp_path).split())
    assert "1,234.50" in text and "次日起七日内交纳" in text
    assert IssuedDocument.objects.get(document=document).fee_notice == notice


def test_a_summons_under_ordinary_procedure_needs_three_days(recent_case, judge):
    """CPL 139: "人民法院审理民事案件，应当在开庭三日前通知当事人和其他诉讼参与人"; CPL 163 frees simple procedure."""
    case = recent_case(days_ago=40, state="scheduled", procedure="ordinary")  # the hearing lies in the past
    hearing = case.hearings.get()
    day = case_services.base.local_day(hearing.starts_at)
    with pytest.raises(case_services.CaseRuleError) as refused:
        services.document_generate(case=case, actor=judge, kind=T.SUMMONS, hearing=hearing,
                                   party=case.parties.first(), on=day - timedelta(days=2))
    assert refused.value.code == "summons_too_late"
    services.document_generate(case=case, actor=judge, kind=T.SUMMONS, hearing=hearing, party=case.parties.first(),
                               on=day - timedelta(days=3))


@pytest.mark.parametrize(("kind", "code"), [(T.RULING_CONVERSION, "not_converted"),
                                             (T.RULING_WITHDRAWAL, "not_withdrawn"),
                                             (T.RULING_REJECTION, "not_rejected"),
                                             (T.SUMMONS, "needs_hearing"), (T.SERVICE_RECEIPT, "needs_attempt")])
def test_a_document_records_a_decision_that_was_taken(kind, code, recent_case, judge, filing_officer):
    case = recent_case()
    actor = filing_officer if kind == T.RULING_REJECTION else judge
    with pytest.raises(case_services.CaseRuleError) as refused:
        services.document_generate(case=case, actor=actor, kind=kind)
    assert refused.value.code == code
    assert not CaseDocument.objects.filter(case=case).exists()


def test_a_proof_of_electronic_service_needs_a_served_electronic_attempt(recent_case, judge):
    """OLR 31: "人民法院开展电子送达，应当在系统中全程留痕，并制作电子送达凭证"."""
    case = recent_case(state="service", e_consent=False)  # served by post
    with pytest.raises(case_services.CaseRuleError) as refused:
        services.document_generate(case=case, actor=judge, kind=T.E_SERVICE_PROOF,
                                   service_attempt=case.service_attempts.get())
    assert refused.value.code == "needs_e_service"


def test_a_party_name_with_markup_prints_as_written(make_case, clerk, tmp_path):
    case = make_case()
    Party.objects.filter(case=case, side=Party.Side.PLAINTIFF).update(name="<b>张&三</b>")
    text = pdf_text(pdf_bytes(services.document_generate(case=case, actor=clerk, kind=T.ACCEPTANCE)), tmp_path)
    assert "<b>张&三</b>" in text





def test_a_sending_recorded_days_later_shows_its_day_not_the_recording_time(make_case, judge, tmp_path):
    """CPL 90(2): "以送达信息到达受送达人特定系统的日期为送达日期": a back-dated record has no platform time."""
    case = make_case(state="service")  # sent on 2024-03-03, recorded today
    document = services.document_generate(case=case, actor=judge, kind=T.E_SERVICE_PROOF, language="zh-hans",
                                          service_attempt=case.service_attempts.get())
    text = "".join(pdf_text(pdf_bytes(document), tmp_path).split())
    sent = case.events.get(kind="service_sent")
    assert "2024年3月3日" in text and f"{timezone.localtime(sent.at):%H:%M}" not in text
