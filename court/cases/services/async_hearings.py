"""Asynchronous hearings (OLR 20): "经各方当事人同意，人民法院可以指定当事人在一定期限内，分别登录诉讼平台，以非同步的
方式开展调解、证据交换、调查询问、庭审等诉讼活动" (quoted from the statute; the issue's shortened quote differs).
The judge sets a window per stage (statements, evidence, responses); each party
submits in the portal within the window, its files going into the case file (`documents.document_upload`);
everyone on the case sees the submissions; a late one is refused; the record closes when the last window has
ended (`hearing_async_close`, which records the hearing as held on that day through `hearing_hold`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User

from ..access import Action, require, require_for_party
from ..models import AsyncStage, AsyncSubmission, AsyncWindow, DocumentKind, Hearing, Party
from ..term import today
from .base import CaseRuleError, K, check_length, locked, log_event, within_a_year
from .documents import atomic_with_files, document_upload
from .hearing_booking import check_term
from .hearings import hearing_hold

#: A submission's text (characters).
ASYNC_TEXT_MAX_LENGTH = 5_000
STAGE_ORDER = list(AsyncStage.values)

ASYNC_NOT_ASYNC = gettext_noop("OLR 20: windows and submissions belong to a scheduled asynchronous hearing.")
ASYNC_NO_WINDOWS = gettext_noop("OLR 20: set at least one window (在一定期限内) for the parties to submit in.")
ASYNC_WINDOW_BACKWARDS = gettext_noop("The window for %(stage)s closes before it opens.")
ASYNC_WINDOW_ORDER = gettext_noop(
    "The stages follow each other: statements, then evidence, then responses; %(stage)s opens or closes too early."
)
ASYNC_WINDOW_IN_PAST = gettext_noop("A window opens today or later, not on %(date)s.")
ASYNC_WINDOW_BEFORE_NOTICE = gettext_noop("A window opens after the parties were notified (%(date)s).")
ASYNC_WINDOW_TOO_FAR = gettext_noop("A window closes at most a year ahead, by %(date)s.")
ASYNC_WINDOWS_STARTED = gettext_noop("The windows cannot change once the first one has opened (%(date)s).")
ASYNC_NO_SUCH_WINDOW = gettext_noop("OLR 20: the judge has set no window for %(stage)s.")
ASYNC_WINDOW_NOT_OPEN = gettext_noop("OLR 20: the window for %(stage)s opens on %(date)s.")
ASYNC_WINDOW_CLOSED = gettext_noop("OLR 20: the window for %(stage)s closed on %(date)s; a late submission is refused.")
ASYNC_NEEDS_TEXT = gettext_noop("Write the statement, the evidence's description or the response.")
ASYNC_NOT_OF_CASE = gettext_noop("This party is not a party of the hearing's case.")
ASYNC_STILL_OPEN = gettext_noop("OLR 20: the record closes when the last window ends, after %(date)s.")


def _scheduled_async(hearing: Hearing) -> Hearing:
    hearing = Hearing.objects.select_for_update().select_related("case").get(pk=hearing.pk)
    if hearing.mode != Hearing.Mode.ASYNC or hearing.status != Hearing.Status.SCHEDULED:
        raise CaseRuleError(ASYNC_NOT_ASYNC, code="not_async", article="OLR 20")
    return hearing


def _stage_label(stage: str) -> str:
    return str(AsyncStage(stage).label)


@transaction.atomic
def async_windows_set(*, hearing: Hearing, actor: User | None,
                      windows: Sequence[tuple[str, date, date]]) -> list[AsyncWindow]:
    """OLR 20: the judge sets the days within which the parties submit each stage, in order, from today (and not
    before the notice), within the term (CPL 152, 164) and a year; not once the first window has opened. The
    hearing then runs from the first window's day to the last one's (`respond_by`)."""
    case = locked(hearing.case)
    require(actor, Action.DECIDE, case)
    hearing = _scheduled_async(hearing)
    now = today()
    first_open = hearing.windows.order_by("opens_on").values_list("opens_on", flat=True).first()
    if first_open is not None and first_open <= now:
        raise CaseRuleError(ASYNC_WINDOWS_STARTED, code="windows_started", params={"date": first_open})
    ordered = sorted(((s, o, c) for s, o, c in windows if s in STAGE_ORDER), key=lambda w: STAGE_ORDER.index(w[0]))
    if not ordered or len({s for s, _o, _c in ordered}) != len(ordered) or len(ordered) != len(windows):
        raise CaseRuleError(ASYNC_NO_WINDOWS, code="no_windows", article="OLR 20")
    previous: tuple[str, date, date] | None = None
    for stage, opens_on, closes_on in ordered:
        label = {"stage": _stage_label(stage)}
        if closes_on < opens_on:
            raise CaseRuleError(ASYNC_WINDOW_BACKWARDS, code="window_backwards", params=label)
        if opens_on < now:
            raise CaseRuleError(ASYNC_WINDOW_IN_PAST, code="window_past", params={"date": opens_on})
        if hearing.notified_on and opens_on < hearing.notified_on:
            raise CaseRuleError(ASYNC_WINDOW_BEFORE_NOTICE, code="window_before_notice",
                                params={"date": hearing.notified_on})
        if previous is not None and (opens_on < previous[1] or closes_on < previous[2]):
            raise CaseRuleError(ASYNC_WINDOW_ORDER, code="window_order", params=label)
        previous = (stage, opens_on, closes_on)
    last = ordered[-1][2]
    if (latest := within_a_year(last)) is not None:
        raise CaseRuleError(ASYNC_WINDOW_TOO_FAR, code="too_far", params={"date": latest})
    check_term(case, last)
    hearing.windows.all().delete()
    created = [AsyncWindow.objects.create(hearing=hearing, stage=s, opens_on=o, closes_on=c) for s, o, c in ordered]
    tz = timezone.get_current_timezone()
    hearing.starts_at = datetime.combine(ordered[0][1], time(0), tz)
    hearing.ends_at = datetime.combine(last + timedelta(days=1), time(0), tz)
    hearing.respond_by = last
    hearing.save(update_fields=["starts_at", "ends_at", "respond_by"])
    log_event(case, K.ASYNC_WINDOWS_SET, actor=actor, on=now, basis="OLR 20", hearing=hearing.pk,
              windows=[{"stage": s, "opens_on": o.isoformat(), "closes_on": c.isoformat()} for s, o, c in ordered])
    return created


def async_submit(*, hearing: Hearing, actor: User | None, party: Party, stage: str, text: str,
                 file: Any = None) -> AsyncSubmission:
    """OLR 20: a party (or its representative; the court does not submit for it) submits within the stage's
    window; a file goes into the case file; a submission before the window opens or after it closed is refused."""
    with atomic_with_files():
        case = locked(hearing.case)
        hearing = _scheduled_async(hearing)
        if party.case_id != case.pk:
            raise CaseRuleError(ASYNC_NOT_OF_CASE, code="not_of_case")
        require_for_party(actor, party, staff=None)
        window = hearing.windows.filter(stage=stage).first()
        if window is None:
            raise CaseRuleError(ASYNC_NO_SUCH_WINDOW, code="no_window", article="OLR 20",
                                params={"stage": stage if stage not in STAGE_ORDER else _stage_label(stage)})
        now = today()
        label = _stage_label(stage)
        if now < window.opens_on:
            raise CaseRuleError(ASYNC_WINDOW_NOT_OPEN, code="window_not_open", article="OLR 20",
                                params={"stage": label, "date": window.opens_on})
        if now > window.closes_on:
            raise CaseRuleError(ASYNC_WINDOW_CLOSED, code="window_closed", article="OLR 20",
                                params={"stage": label, "date": window.closes_on})
        text = (text or "").strip()
        if not text:
            raise CaseRuleError(ASYNC_NEEDS_TEXT, code="no_text")
        check_length(_("submission"), text, ASYNC_TEXT_MAX_LENGTH)
        document = None
        if file is not None:
            kind = DocumentKind.EVIDENCE if stage == AsyncStage.EVIDENCE else DocumentKind.OTHER
            document = document_upload(case=case, actor=actor, kind=kind, title=f"{label}：{party.name}",
                                       file=file, on=now)
        submission = AsyncSubmission.objects.create(window=window, party=party, submitted_by=actor,
                                                    submitted_at=timezone.now(), text=text, document=document)
        log_event(case, K.ASYNC_SUBMITTED, actor=actor, on=now, basis="OLR 20", hearing=hearing.pk, stage=stage,
                  party=party.name)
    return submission


def last_window_closes(hearing: Hearing) -> date | None:
    return hearing.windows.order_by("-closes_on").values_list("closes_on", flat=True).first()


def hearing_async_close(*, hearing: Hearing, actor: User | None, note: str = "") -> Hearing:
    """OLR 20: once the last window has ended the record closes and the hearing is held on that window's last
    day (`hearing_hold`, which checks the permission). `actor=None` is the nightly job."""
    hearing = Hearing.objects.get(pk=hearing.pk)
    if hearing.mode != Hearing.Mode.ASYNC or hearing.status != Hearing.Status.SCHEDULED:
        raise CaseRuleError(ASYNC_NOT_ASYNC, code="not_async", article="OLR 20")
    last = last_window_closes(hearing)
    if last is None:
        raise CaseRuleError(ASYNC_NO_WINDOWS, code="no_windows", article="OLR 20")
    if today() <= last:
        raise CaseRuleError(ASYNC_STILL_OPEN, code="async_open", article="OLR 20", params={"date": last})
    return hearing_hold(hearing=hearing, actor=actor, on=last, note=note or _("Asynchronous record closed (OLR 20)."))
