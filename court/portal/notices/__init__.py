"""Notices to parties (诉讼通知): each step of a case the parties should hear of becomes a `Notice` for every
party and lawyer with an account on the case (never the person who took the step), shown in the in-app inbox
and, after the transaction commits, sent by e-mail (Django's e-mail backend) and text message
(`court.portal.sms`). What each step says is declared once in `texts.EVENT_NOTICES`; `Notice.key` makes each
notice once-only (the event, or the reminder and its day).

A step recorded more than `NEWS_DAYS` after the day it took effect (a paper file typed in later, the demo's
replay of past years) is history, not news: nobody is notified of it.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from court.cases.models import Case, CaseEvent, FeeNotice, Party, ServiceAttempt
from court.cases.term import today
from court.org.models import Role, User

from .. import mail
from ..models import Notice
from ..sms import send_sms
from . import texts

log = logging.getLogger(__name__)

NEWS_DAYS = 7
OUTSIDE_ROLES = (Role.PARTY, Role.LAWYER)


def _users_of(parties: Iterable[Party]) -> set[int]:
    ids: set[int] = set()
    for party in parties:
        if party.user_id:
            ids.add(party.user_id)
        ids.update(rep.user_id for rep in party.representatives.all() if rep.user_id)
    return ids


def recipients(case: Case, audience: str, *, event: CaseEvent | None = None) -> list[User]:
    """The active party and lawyer accounts of `case` that `audience` names (see `texts`)."""
    parties = case.parties.prefetch_related("representatives")
    ids: set[int] = set()
    if audience == texts.PAYER and event is not None:
        notice = FeeNotice.objects.filter(pk=(event.payload or {}).get("notice")).select_related("party").first()
        side = notice.party.side if notice and notice.party_id else Party.Side.PLAINTIFF
        ids = _users_of(parties.filter(side=side))
    elif audience == texts.SERVED and event is not None:
        attempt = ServiceAttempt.objects.filter(pk=(event.payload or {}).get("attempt"), case=case).first()
        ids = _users_of(parties.filter(pk=attempt.party_id)) if attempt and attempt.party_id else _users_of(parties)
    elif audience == texts.FILER:
        ids = _users_of(parties.filter(side=Party.Side.PLAINTIFF))
        if case.filed_by_id:
            ids.add(case.filed_by_id)
    else:
        ids = _users_of(parties)
        if case.filed_by_id:
            ids.add(case.filed_by_id)
    return list(User.objects.filter(pk__in=ids, is_active=True, role__in=OUTSIDE_ROLES).order_by("pk"))


def create(*, recipient: User, case: Case | None, kind: str, subject: str, body: str, key: str) -> Notice | None:
    """One notice, unless `recipient` has the notice `key` already (then None)."""
    if Notice.objects.filter(recipient=recipient, key=key).exists():
        return None
    try:
        with transaction.atomic():
            return Notice.objects.create(recipient=recipient, case=case, kind=kind, subject=subject[:200],
                                         body=body[:5000], key=key[:120])
    except IntegrityError:  # the same notice, created at the same moment elsewhere
        return None


def notify_event(event: CaseEvent) -> list[Notice]:
    """The notices of one case event (inside the service's transaction); e-mail and SMS after commit."""
    text = texts.text_for(event)
    if text is None or event.on < today() - timedelta(days=NEWS_DAYS):
        return []
    created = []
    for user in recipients(event.case, text.audience, event=event):
        if event.actor_id == user.pk:
            continue
        with translation.override(texts.language_of(user)):
            subject, body = texts.render(text, event)
        notice = create(recipient=user, case=event.case, kind=text.kind, subject=subject, body=body,
                        key=f"event:{event.pk}")
        if notice is not None:
            created.append(notice)
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: deliver(ids))
    return created


def on_case_event(sender: Any, instance: CaseEvent, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """post_save receiver of CaseEvent (connected in `PortalConfig.ready`)."""
    if created and not raw:
        notify_event(instance)


def deliver(ids: Iterable[int]) -> None:
    """E-mail and text each notice not sent yet (after commit; a failed send leaves the notice in the inbox)."""
    for notice in Notice.objects.filter(pk__in=list(ids)).select_related("recipient", "case"):
        user = notice.recipient
        with translation.override(texts.language_of(user)):
            if user.email and notice.emailed_at is None:
                _email(notice)
            if user.phone and notice.sms_sent_at is None:
                _sms(notice)


def _email(notice: Notice) -> None:
    link = mail.absolute_url(reverse("portal:notice", args=[notice.pk]))
    body = f"{notice.body}\n\n{_('Read it in your inbox:')} {link}\n"
    try:
        send_mail(notice.subject, body, settings.DEFAULT_FROM_EMAIL, [notice.recipient.email])
    except (smtplib.SMTPException, OSError):
        log.exception("could not e-mail notice %s", notice.pk)
        return
    Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())


def _sms(notice: Notice) -> None:
    try:
        send_sms(notice.recipient.phone, f"{notice.subject} — {_('see your inbox at the online court')}")
    except OSError:
        log.exception("could not text notice %s", notice.pk)
        return
    Notice.objects.filter(pk=notice.pk).update(sms_sent_at=timezone.now())


def notices_for(user: User):  # type: ignore[no-untyped-def]
    """The notices `user` may read: their own, nobody else's."""
    if not user.is_authenticated:
        return Notice.objects.none()
    return Notice.objects.filter(recipient=user).select_related("case")


def unread_count(user: User) -> int:
    if not user.is_authenticated or user.role not in OUTSIDE_ROLES:
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()
