"""Deadlines running out: once a day (django-q2, `notice_reminders --schedule`; by hand `notice_reminders`) the
parties are reminded of a fee due within `REMINDER_DAYS` (FEE 22; a deferral's new date, FEE 47), a defendant's
answer period ending (CPL 128; `services.answer_periods`) and a correction deadline (REG2015 Art. 7). Each
reminder once: its `Notice.key` names the deadline and its day, so a second run that day, or the next day,
adds nothing (a deadline moved to a new day is reminded again)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases.models import ACTIVE_STATES, Case, CaseState, FeeNotice, Party, ServiceAttempt
from court.cases.services import answer_periods
from court.cases.services.fees import fee_status, payer_side
from court.cases.templatetags.fanjian import yuan
from court.cases.term import today
from court.org.models import User

from ..models import Notice
from . import OUTSIDE_ROLES, _users_of, create, deliver, texts

REMINDER_DAYS = 2
#: A complaint served longer ago than this has no answer period left to remind of (30 days at most, CPL 285).
ANSWER_LOOKBACK_DAYS = 45


def _accounts(ids: Iterable[int]) -> list[User]:
    return list(User.objects.filter(pk__in=set(ids), is_active=True, role__in=OUTSIDE_ROLES))


def _remind(users: list[User], case: Case, key: str, subject: str, body: str, params: dict[str, object]) -> list[Notice]:
    out = []
    for user in users:
        with translation.override(texts.language_of(user)):
            label = case.case_number or _("your complaint of %(date)s") % {"date": case.submitted_on}
            notice = create(recipient=user, case=case, kind=Notice.Kind.DEADLINE,
                            subject=_(subject) % {"case": label}, body=_(body) % params, key=key)
        if notice is not None:
            out.append(notice)
    return out


FEE_SUBJECT = gettext_noop("Fee due soon: %(case)s")
FEE_BODY = gettext_noop("%(amount)s is still owed on the %(kind)s and is due by %(due)s. If it is not paid, the "
                        "suit may be deemed withdrawn (JI 213).")
ANSWER_SUBJECT = gettext_noop("Answer period ending: %(case)s")
ANSWER_BODY = gettext_noop("The answer period of %(party)s ends on %(due)s (CPL 128).")
CORRECTION_SUBJECT = gettext_noop("Correction deadline: %(case)s")
CORRECTION_BODY = gettext_noop("The corrections the court asked for are due by %(due)s (REG2015 Art. 7).")


def _fees(on: date, horizon: date) -> list[Notice]:
    due_soon = Q(deferred_to__range=(on, horizon)) | Q(deferred_to__isnull=True, due_on__range=(on, horizon))
    out: list[Notice] = []
    for notice in FeeNotice.objects.filter(due_soon, case__state__in=ACTIVE_STATES).select_related("case", "party"):
        status = fee_status(notice)
        if status.outstanding <= 0:
            continue
        parties = notice.case.parties.filter(side=payer_side(notice)).prefetch_related("representatives")
        out += _remind(_accounts(_users_of(parties)), notice.case, f"fee-due:{notice.pk}:{status.due_on}",
                       FEE_SUBJECT, FEE_BODY, {"amount": yuan(status.outstanding), "due": status.due_on,
                                               "kind": notice.get_kind_display()})
    return out


def _answers(on: date, horizon: date) -> list[Notice]:
    served_lately = Case.objects.filter(
        state__in=ACTIVE_STATES, service_attempts__document=ServiceAttempt.Document.COMPLAINT,
        service_attempts__status=ServiceAttempt.Status.SERVED,
        service_attempts__served_on__gte=on - timedelta(days=ANSWER_LOOKBACK_DAYS)).distinct()
    out: list[Notice] = []
    for case in served_lately.exclude(answer_period_waived=True):
        for party, period in answer_periods(case):
            if period.ends_on is None or not on <= period.ends_on <= horizon:
                continue
            users = _accounts(_users_of(Party.objects.filter(pk=party.pk).prefetch_related("representatives")))
            out += _remind(users, case, f"answer:{party.pk}:{period.ends_on}", ANSWER_SUBJECT, ANSWER_BODY,
                           {"party": party.name, "due": period.ends_on})
    return out


def _corrections(on: date, horizon: date) -> list[Notice]:
    from court.cases.services.correction import correction_request

    out: list[Notice] = []
    for case in Case.objects.filter(state=CaseState.CORRECTION):
        request = correction_request(case)
        if request is None or request.due_on is None or not on <= request.due_on <= horizon:
            continue
        ids = _users_of(case.parties.filter(side=Party.Side.PLAINTIFF).prefetch_related("representatives"))
        if case.filed_by_id:
            ids.add(case.filed_by_id)
        out += _remind(_accounts(ids), case, f"correction:{case.pk}:{request.due_on}", CORRECTION_SUBJECT,
                       CORRECTION_BODY, {"due": request.due_on})
    return out


def send_reminders(on: date | None = None) -> list[Notice]:
    """Create today's reminders (none twice) and send them after commit; returns the new notices."""
    on = on or today()
    horizon = on + timedelta(days=REMINDER_DAYS)
    with transaction.atomic():
        created = _fees(on, horizon) + _answers(on, horizon) + _corrections(on, horizon)
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: deliver(ids))
    return created

