"""A lawyer files for a named client: once the complaint is in (`case_submitted`, after commit), each plaintiff
the lawyer represents is linked to the client's account, found by the identity number given in the complaint
(and, where the lawyer gave an e-address, only if it is the account's); otherwise, with an e-mail address, the
client is invited to sign up and join with a code. The lawyer is the plaintiff's representative already
(`court.cases.services.parties.create_party`)."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from court.cases.models import Case, Party
from court.cases.services import K, log_event
from court.cases.term import today
from court.org.models import Role, User

from . import mail
from .codes import _create, open_code
from .identity import normalise_id

log = logging.getLogger(__name__)


def client_account(party: Party) -> User | None:
    """The one active party account with this party's identity number (and its e-address, if one was given)."""
    number = normalise_id(party.id_number)
    if not number:
        return None
    found = list(User.objects.filter(role=Role.PARTY, is_active=True, id_number=number)[:2])
    if len(found) != 1:
        return None
    account = found[0]
    given = (party.e_address or "").strip().lower()
    if given and given != account.email.lower():
        return None
    return account


def _email_address(text: str) -> str:
    text = (text or "").strip()
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


def link_clients_of_filing(sender: Any, case: Case, actor: User | None, **kwargs: Any) -> None:
    if actor is None or actor.role != Role.LAWYER:
        return
    plaintiffs = case.parties.filter(side=Party.Side.PLAINTIFF, user__isnull=True, representatives__user=actor)
    for party in plaintiffs.distinct():
        with transaction.atomic():
            account = client_account(party)
            if account is not None:
                party.user = account
                party.save(update_fields=["user"])
                log_event(case, K.NOTE, actor=actor, on=today(), from_state=case.state, to_state=case.state,
                          reason=_("The client's account was linked to %(party)s by the identity number.")
                          % {"party": party}, basis="OLR 7", entry="client_linked", party=party.pk)
                continue
            address = _email_address(party.e_address)
            # A complaint entered with an earlier receipt date (a counter filing typed in later, the demo's
            # replay of past years) has nobody waiting for an invitation now.
            if not address or open_code(party) is not None or (case.submitted_on or today()) < today():
                continue
            code = _create(party, actor, why=_("invitation of the client by e-mail"))
        try:
            mail.send("invitation", address, {
                "party": party, "case": case, "lawyer": actor, "code": code.display,
                "signup_url": mail.absolute_url(reverse("portal:signup")),
                "join_url": mail.absolute_url(reverse("portal:join") + f"?code={code.code}"),
            })
        except (smtplib.SMTPException, OSError):  # the filing stands; the court can still issue a code
            log.exception("could not send the invitation for party %s", party.pk)
