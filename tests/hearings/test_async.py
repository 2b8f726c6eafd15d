"""Asynchronous hearings as a workflow. OLR 20: "经各方当事人同意，人民法院可以指定当事人在一定期限内，分别登录诉讼平台，
以非同步的方式开展调解、证据交换、调查询问、庭审等诉讼活动。" The judge sets the windows, each party submits in them,
late submissions are refused, and the record closes (the hearing held) when the last window has ended."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from court.cases import services
from court.cases.models import AsyncStage, AsyncSubmission, AsyncWindow, CaseEvent, CaseState, Hearing, Party
from court.cases.services import CaseRuleError
from court.cases.term import today

from .conftest import ahead, book

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
S, E, R = AsyncStage.STATEMENTS, AsyncStage.EVIDENCE, AsyncStage.RESPONSES


@pytest.fixture
def async_case(recent, judge):
    case = recent()
    hearing = book(case, judge, ahead(1), mode=Hearing.Mode.ASYNC, all_parties_consent=True, respond_by=ahead(9))
    return case, hearing


def _windows(start=0):
    return [(S, ahead(start), ahead(start + 2)), (E, ahead(start + 1), ahead(start + 4)),
            (R, ahead(start + 5), ahead(start + 7))]


def _refused(code, fn, **kwargs) -> CaseRuleError:
    with pytest.raises(CaseRuleError) as err:
        fn(**kwargs)
    assert err.value.code == code, err.value.text
    return err.value


def _shift(hearing, days):
    """Let `days` pass: every window (and the hearing's start) moves that many days into the past."""
    for w in AsyncWindow.objects.filter(hearing=hearing):
        AsyncWindow.objects.filter(pk=w.pk).update(opens_on=w.opens_on - timedelta(days=days),
                                                   closes_on=w.closes_on - timedelta(days=days))
    h = Hearing.objects.get(pk=hearing.pk)
    Hearing.objects.filter(pk=h.pk).update(starts_at=h.starts_at - timedelta(days=days),
                                           respond_by=h.respond_by - timedelta(days=days))


def test_the_judge_sets_the_windows_and_the_hearing_spans_them(async_case, judge):
    case, hearing = async_case
    windows = services.async_windows_set(hearing=hearing, actor=judge, windows=_windows())
    assert [w.stage for w in windows] == [S, E, R]
    hearing.refresh_from_db()
    assert hearing.respond_by == ahead(7) and hearing.starts_at.date() <= today()
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.ASYNC_WINDOWS_SET).count() == 1


def test_only_the_judge_sets_the_windows(async_case, assistant, party):
    _case, hearing = async_case
    for actor in (assistant, party):
        with pytest.raises(PermissionDenied):
            services.async_windows_set(hearing=hearing, actor=actor, windows=_windows())


def test_windows_follow_the_stages_and_the_calendar(async_case, judge):
    _case, hearing = async_case
    _refused("window_backwards", services.async_windows_set, hearing=hearing, actor=judge,
             windows=[(S, ahead(3), ahead(2))])
    _refused("window_order", services.async_windows_set, hearing=hearing, actor=judge,
             windows=[(S, ahead(3), ahead(5)), (E, ahead(1), ahead(4))])
    _refused("window_past", services.async_windows_set, hearing=hearing, actor=judge,
             windows=[(S, today() - timedelta(days=1), ahead(2))])
    _refused("no_windows", services.async_windows_set, hearing=hearing, actor=judge, windows=[])
    deadline = _case.extended_deadline or _case.normal_deadline
    _refused("after_term", services.async_windows_set, hearing=hearing, actor=judge,
             windows=[(S, ahead(1), deadline + timedelta(days=1))])


def test_windows_cannot_change_once_one_opened(async_case, judge):
    _case, hearing = async_case
    services.async_windows_set(hearing=hearing, actor=judge, windows=_windows())
    _refused("windows_started", services.async_windows_set, hearing=hearing, actor=judge, windows=_windows(1))


def test_each_party_submits_in_its_window_and_files_go_into_the_case_file(async_case, judge, party, lawyer):
    case, hearing = async_case
    services.async_windows_set(hearing=hearing, actor=judge, windows=_windows())
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    sub = services.async_submit(hearing=hearing, actor=party, party=plaintiff, stage=S, text="原告陈述：借款未还。")
    assert sub.document is None
    evidence = services.async_submit(hearing=hearing, actor=lawyer, party=plaintiff, stage=S, text="借条",
                                     file=SimpleUploadedFile("iou.pdf", PDF, content_type="application/pdf"))
    assert evidence.document.case_id == case.pk and not evidence.document.internal
    assert AsyncSubmission.objects.filter(window__hearing=hearing).count() == 2
    _refused("window_not_open", services.async_submit, hearing=hearing, actor=party, party=plaintiff, stage=R,
             text="答复")


def test_only_the_case_parties_submit(async_case, judge, clerk, stranger, party):
    case, hearing = async_case
    services.async_windows_set(hearing=hearing, actor=judge, windows=_windows())
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    for actor, for_party in ((clerk, plaintiff), (judge, plaintiff), (stranger, plaintiff), (party, defendant)):
        with pytest.raises(PermissionDenied):
            services.async_submit(hearing=hearing, actor=actor, party=for_party, stage=S, text="陈述")


def test_a_late_submission_is_refused(async_case, judge, party):
    case, hearing = async_case
    services.async_windows_set(hearing=hearing, actor=judge, windows=_windows())
    _shift(hearing, 3)  # the statements' window closed yesterday
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    err = _refused("window_closed", services.async_submit, hearing=hearing, actor=party, party=plaintiff,
                   stage=S, text="迟到的陈述")
    assert err.article == "OLR 20" and str(ahead(2) - timedelta(days=3)) in err.text
    assert services.async_submit(hearing=hearing, actor=party, party=plaintiff, stage=E, text="证据说明")


def test_the_record_closes_when_the_last_window_ends(async_case, judge, clerk):
    case, hearing = async_case
    services.async_windows_set(hearing=hearing, actor=judge, windows=_windows())
    _refused("async_open", services.hearing_async_close, hearing=hearing, actor=clerk)
    _refused("async_open", services.hearing_hold, hearing=hearing, actor=clerk, on=today())
    _shift(hearing, 7)  # the responses' window closes today: still open
    _refused("async_open", services.hearing_async_close, hearing=hearing, actor=clerk)
    _shift(hearing, 1)  # it closed yesterday
    held = services.hearing_async_close(hearing=hearing, actor=clerk)
    assert held.status == Hearing.Status.HELD
    event = CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.HEARING_HELD).get()
    assert event.on == today() - timedelta(days=1)  # held on the last window's day
    assert case.__class__.objects.get(pk=case.pk).state == CaseState.HEARD
