"""Join codes (案件查询码): the court issues one per party, printed on the documents served on that party; the
party (or the party's lawyer) redeems it once at /portal/join/ and then sees the case like the plaintiff does
(`court.cases.access.cases_for_user` reads `Party.user` and `Representative.user`).

Each issue and each redemption appends one docket note (`CaseEvent` NOTE, payload entry "join_code" or
"join_code_used"): internal, so parties never read the codes in the timeline. The code itself is not logged.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases.access import Action, can
from court.cases.models import Case, CaseState, Party, Representative
from court.cases.services import K, log_event
from court.cases.term import today
from court.org.models import Role, User

from . import throttle
from .models import CODE_ALPHABET, CODE_LENGTH, PartyAccessCode

NOT_ISSUER = gettext_noop("Only the court's staff on this case issue join codes.")
FILE_CLOSED = gettext_noop("This case file is closed: no join code is issued for it.")
WRONG_CODE = gettext_noop("This join code is not valid. Check it against the document served on you: it has 12 "
                          "letters and digits, such as ABCD-EFGH-JKLM.")
USED_CODE = gettext_noop("This join code has already been used. If it was not you, tell the court.")
PARTY_TAKEN = gettext_noop("Another account is already linked to this party. If it is not yours, tell the court.")
ONLY_PARTIES_JOIN = gettext_noop("Only parties and lawyers join a case with a code.")
TOO_MANY_ATTEMPTS = gettext_noop("Too many wrong codes: try again in an hour.")

THROTTLE_SCOPE = "join"


class JoinRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return _(self.message)


def normalise(text: str) -> str:
    """What the party typed, as stored: letters upper-cased, dashes and spaces dropped."""
    return re.sub(r"[^0-9A-Z]", "", (text or "").upper())


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def may_issue(user: User, case: Case) -> bool:
    """The case's trial team (DOCKET), or the court's filing officers and administrators (ASSIGN)."""
    return can(user, Action.DOCKET, case) or can(user, Action.ASSIGN, case)


def open_code(party: Party) -> PartyAccessCode | None:
    return party.access_codes.filter(used_at__isnull=True, revoked_at__isnull=True).first()


def _create(party: Party, actor: User | None, *, why: str) -> PartyAccessCode:
    """A fresh code for `party`; earlier unused ones are replaced. One docket note."""
    now = timezone.now()
    PartyAccessCode.objects.filter(party=party, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                code = PartyAccessCode.objects.create(party=party, code=new_code(), created_by=actor)
            break
        except IntegrityError:  # a collision in 2^60: draw again
            continue
    else:  # pragma: no cover
        raise RuntimeError("could not draw a unique join code")
    case = party.case
    log_event(case, K.NOTE, actor=actor, on=today(), from_state=case.state, to_state=case.state,
              reason=_("Join code issued for %(party)s (%(why)s).") % {"party": party, "why": why},
              basis="OLR 7", entry="join_code", party=party.pk)
    return code


@transaction.atomic
def join_code_issue(*, party: Party, actor: User) -> PartyAccessCode:
    """Issue (or re-issue) the join code of `party`, for the documents served on it."""
    case = Case.objects.select_for_update().get(pk=party.case_id)
    if not may_issue(actor, case):
        raise PermissionDenied(_(NOT_ISSUER))
    if case.state in (CaseState.ARCHIVED, CaseState.REJECTED):
        raise PermissionDenied(_(FILE_CLOSED))
    return _create(party, actor, why=_("to be printed on the documents served"))


def join_code_redeem(*, text: str, user: User) -> Party:
    """The party whose code `text` is: `user` becomes that party (or, a lawyer, its representative).

    Raises JoinRefused with a message for the party. Wrong codes count against the user's hourly limit."""
    if user.role not in (Role.PARTY, Role.LAWYER):
        raise JoinRefused(ONLY_PARTIES_JOIN)
    key = [str(user.pk)]
    if throttle.exceeded(THROTTLE_SCOPE, key, settings.FANJIAN_JOIN_ATTEMPT_LIMIT):
        raise JoinRefused(TOO_MANY_ATTEMPTS)
    try:
        return _redeem(normalise(text), user)
    except JoinRefused:
        throttle.hit(THROTTLE_SCOPE, key)
        raise


@transaction.atomic
def _redeem(code_text: str, user: User) -> Party:
    if len(code_text) != CODE_LENGTH:
        raise JoinRefused(WRONG_CODE)
    code = (PartyAccessCode.objects.select_for_update().select_related("party__case")
            .filter(code=code_text).first())
    if code is None or code.revoked_at is not None:
        raise JoinRefused(WRONG_CODE)
    if code.used_at is not None:
        raise JoinRefused(USED_CODE)
    party = code.party
    if user.role == Role.PARTY:
        if party.user_id is not None and party.user_id != user.pk:
            raise JoinRefused(PARTY_TAKEN)
        party.user = user
        party.save(update_fields=["user"])
    elif not party.representatives.filter(user=user).exists():
        Representative.objects.create(party=party, kind=Representative.Kind.LAWYER, user=user, name=str(user),
                                      law_firm=user.law_firm)
    code.used_by, code.used_at = user, timezone.now()
    code.save(update_fields=["used_by", "used_at"])
    case = party.case
    log_event(case, K.NOTE, actor=user, on=today(), from_state=case.state, to_state=case.state,
              reason=_("%(user)s joined the case online as %(party)s with the join code.")
              % {"user": user, "party": party}, basis="OLR 7", entry="join_code_used", party=party.pk)
    return party
