"""Who may see and do what with a case: the one place object permissions live.

Every view and API that reads a case goes through `get_case_for_user` or `cases_for_user`; every
service checks one `require(actor, Action.X, case)` before it writes, and a page offers an action when
`can(user, Action.X, case)`: one `Action` per kind of step, so the two never disagree.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import MediatorOrg, Role, User

from .models import ACTIVE_STATES, Case, CaseDocument, CaseState


class Action(StrEnum):
    VIEW = "view"
    DECIDE_FILING = "decide_filing"  # accept, reject, ask for correction (filing officer)
    DOCKET = "docket"  # service, hearing scheduling, parties, periods (the team)
    DECIDE = "decide"  # convert, suspend, close (the judge)
    MEDIATE = "mediate"  # run a mediation (the mediator or the team)
    EXTEND = "extend"  # approve a term extension (the president)
    TRIAGE = "triage"  # accept or override a triage recommendation
    AMEND = "amend"  # a party or lawyer adds to their own case (counterclaim is the defendant's)
    AMEND_FILING = "amend_filing"  # resubmit a corrected complaint: the filer (AMEND) or the filing officer
    ADD_PARTY = "add_party"  # before 立案 as AMEND_FILING; afterwards the team (DOCKET)
    END_MEDIATION = "end_mediation"  # the case's mediator or the team (MEDIATE or DOCKET)
    ASSIGN = "assign"  # assign a trial team (TL2000 Art. 7): the court's filing officer or administrator
    ADD_DOCUMENT = "add_document"  # the case file and the evidence list: a party or lawyer (AMEND), the team
    # (DOCKET), or the filing officer before 立案 and with the filing decision (DECIDE_FILING; FILING_DECISION_STATES)
    WITHDRAW_FILING = "withdraw_filing"  # the filer takes the complaint back before 立案 (the filer's side only)
    FOR_PARTY = "for_party"  # a party, or its lawyer, acts for itself: its answer, applications, consents and
    # service address. Party-level: `can_for_party` / `require_for_party` check that the user is that party or
    # represents it; court staff record the same steps with DOCKET.
    RECORD_FEE = "record_fee"  # record a fee payment received by the court: the filing officer or the team
    DECIDE_FEE_RELIEF = "decide_fee_relief"  # 司法救助 (FEE 44-51): the filing officer or the judge


NOT_YOUR_CASE = gettext_noop("You do not have access to this case.")
NOT_ALLOWED = gettext_noop("Your role may not do this on this case.")


def cases_for_user(user: User) -> QuerySet[Case]:
    """The cases `user` may see: an administrator all of the court, a team its docket, a party their own."""
    qs = Case.objects.select_related("court", "cause", "team", "judge")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    if user.role in (Role.ADMINISTRATOR, Role.FILING_OFFICER):
        return qs.filter(court_id=user.court_id)
    if user.role in (Role.JUDGE, Role.ASSISTANT, Role.CLERK):
        if user.team_id is None:
            return qs.none()
        return qs.filter(court_id=user.court_id, team_id=user.team_id)
    if user.role == Role.MEDIATOR:  # live mediations only: nothing once the mediation has ended
        return qs.filter(mediator=user, state=CaseState.MEDIATION)
    if user.role == Role.PARTY:
        return qs.filter(Q(parties__user=user) | Q(filed_by=user)).distinct()
    if user.role == Role.LAWYER:
        return qs.filter(Q(parties__representatives__user=user) | Q(filed_by=user)).distinct()
    return qs.none()


def is_external(user: User) -> bool:
    """Whether `user` is outside the court: a party, a lawyer, or a mediator of the mediation chain (village
    elder, police station, judicial office, mediation committee). Outsiders see no internal material: no docket
    notes, no triage, no event workings, no contact data but their own."""
    if not user.is_authenticated or user.is_superuser:
        return False
    if user.role in (Role.PARTY, Role.LAWYER):
        return True
    return user.role == Role.MEDIATOR and user.mediator_org != MediatorOrg.COURT


def sees_notes(user: User, case: Case) -> bool:
    """Whether `user` reads the internal docket notes of `case`: its trial team, the court's administrators and
    court mediators on the case (not a filing officer, not another team, never an outsider)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.role in (Role.JUDGE, Role.ASSISTANT, Role.CLERK):
        return _in_team(user, case)
    if user.role == Role.ADMINISTRATOR:
        return user.court_id == case.court_id
    return user.role == Role.MEDIATOR and not is_external(user) and case.mediator_id == user.pk


def sees_contact(user: User, party: Any) -> bool:
    """Whether `user` sees the contact data (ID number, addresses, phone) of `party`: court staff do; an
    outsider only for a party that is the user or that the user represents."""
    if not is_external(user):
        return True
    if party.user_id == user.pk:
        return True
    return any(rep.user_id == user.pk for rep in party.representatives.all())


def sees_hearing_link(user: User, case: Case) -> bool:
    """Whether `user` sees the link of `case`'s online hearings (OLR 21): its parties and their representatives
    and its trial team; no one else, not even other court staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role in (Role.JUDGE, Role.ASSISTANT, Role.CLERK):
        return _in_team(user, case)
    return user.role in (Role.PARTY, Role.LAWYER) and _visible(user, case)


def get_case_for_user(user: User, pk: int) -> Case:
    """The case `pk` if `user` may see it; 404 otherwise, so that a stranger learns nothing."""
    try:
        return cases_for_user(user).get(pk=pk)
    except Case.DoesNotExist:
        raise Http404(_(NOT_YOUR_CASE)) from None


def documents_for_user(user: User, case: Case) -> QuerySet[CaseDocument]:
    """The documents of `case` that `user` (who may see the case) may read: all of them for the court, none
    internal for an outsider (a party, a lawyer, a mediator from outside the court)."""
    qs = case.documents.select_related("uploaded_by")
    return qs.filter(internal=False) if is_external(user) else qs


def document_for_user(user: User, pk: int) -> CaseDocument:
    """The document `pk` if `user` may see its case and it; 404 otherwise, the same 404 whether the document
    exists or not, so that a guessed identifier tells nothing."""
    qs = CaseDocument.objects.select_related("case").filter(case__in=cases_for_user(user).values("pk"))
    if is_external(user):
        qs = qs.filter(internal=False)
    try:
        return qs.get(pk=pk)
    except CaseDocument.DoesNotExist:
        raise Http404(_(NOT_YOUR_CASE)) from None


def acts_for(user: User, party: Any) -> bool:
    """Whether `user` is `party` (its own account) or represents it (its lawyer or agent)."""
    if not user.is_authenticated:
        return False
    if party.user_id == user.pk:
        return True
    return party.representatives.filter(user=user).exists()


def is_filer(user: User, case: Case) -> bool:
    """Whether `user` filed `case` or stands for one of its plaintiffs (the filer's side of a complaint)."""
    if case.filed_by_id == user.pk:
        return True
    return case.parties.filter(side="plaintiff").filter(Q(user=user) | Q(representatives__user=user)).exists()


def _in_team(user: User, case: Case) -> bool:
    return user.team_id is not None and user.team_id == case.team_id and user.court_id == case.court_id


#: States before 立案, in which the complaint is still the filer's and the filing officer's.
FILING_STATES = (CaseState.FILED, CaseState.CORRECTION)
#: States in which the filing officer adds to the case file: before 立案, and with the decision (the 受理通知书 and
#: the fee notice after acceptance, CPL 126 and FEE 22; the ruling not to accept, CPL 126).
FILING_DECISION_STATES = (*FILING_STATES, CaseState.ACCEPTED, CaseState.REJECTED)


def can(user: User, action: Action, case: Case) -> bool:
    """Whether `user` may do `action` on `case` (a superuser may do everything)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return _role_may(user, action, case)


def _visible(user: User, case: Case) -> bool:
    return cases_for_user(user).filter(pk=case.pk).exists() if case.pk else False


def _role_may(user: User, action: Action, case: Case) -> bool:
    role = user.role
    if action == Action.VIEW:
        return _visible(user, case)
    if action == Action.DECIDE_FILING:
        return role == Role.FILING_OFFICER and user.court_id == case.court_id
    if action == Action.DOCKET:
        return role in (Role.JUDGE, Role.ASSISTANT, Role.CLERK) and _in_team(user, case)
    if action == Action.DECIDE:
        return role == Role.JUDGE and _in_team(user, case)
    if action == Action.MEDIATE:
        return (role == Role.MEDIATOR and case.mediator_id == user.pk) or (
            role in (Role.JUDGE, Role.ASSISTANT) and _in_team(user, case)
        )
    if action == Action.EXTEND:
        return user.is_president and user.court_id == case.court_id
    if action == Action.TRIAGE:
        if role == Role.FILING_OFFICER:
            return user.court_id == case.court_id and case.state in FILING_STATES
        return role == Role.JUDGE and _in_team(user, case)
    if action == Action.AMEND:
        return role in (Role.PARTY, Role.LAWYER) and _visible(user, case) and (
            case.state in ACTIVE_STATES or case.state in FILING_STATES
        )
    if action == Action.AMEND_FILING:  # the filer's side (not a defendant who joined early) or the officer
        return (_role_may(user, Action.AMEND, case) and is_filer(user, case)) or _role_may(
            user, Action.DECIDE_FILING, case)
    if action == Action.WITHDRAW_FILING:
        return (role in (Role.PARTY, Role.LAWYER) and case.state in FILING_STATES and _visible(user, case)
                and is_filer(user, case))
    if action == Action.FOR_PARTY:  # case-level part; `can_for_party` adds the party
        return _role_may(user, Action.AMEND, case)
    if action == Action.RECORD_FEE:
        return _role_may(user, Action.DECIDE_FILING, case) or _role_may(user, Action.DOCKET, case)
    if action == Action.DECIDE_FEE_RELIEF:
        return _role_may(user, Action.DECIDE_FILING, case) or _role_may(user, Action.DECIDE, case)
    if action == Action.ADD_PARTY:
        return _role_may(user, Action.AMEND_FILING if case.state in FILING_STATES else Action.DOCKET, case)
    if action == Action.END_MEDIATION:
        return _role_may(user, Action.MEDIATE, case) or _role_may(user, Action.DOCKET, case)
    if action == Action.ASSIGN:
        return role in (Role.FILING_OFFICER, Role.ADMINISTRATOR) and user.court_id == case.court_id
    if action == Action.ADD_DOCUMENT:
        if case.state == CaseState.ARCHIVED:  # OLR 35: the archived file takes nothing more (services refuse)
            return False
        if case.state in FILING_DECISION_STATES and _role_may(user, Action.DECIDE_FILING, case):
            return True
        return _role_may(user, Action.AMEND, case) or _role_may(user, Action.DOCKET, case)
    return False


def can_for_party(user: User, party: Any, *, staff: Action | None = Action.DOCKET) -> bool:
    """Whether `user` may take a step for `party` of its case: the party itself or its representative
    (FOR_PARTY, and `acts_for`), or court staff with the `staff` action on the case (None: staff may not)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    case = party.case
    if staff is not None and _role_may(user, staff, case):
        return True
    return _role_may(user, Action.FOR_PARTY, case) and acts_for(user, party)


def require_for_party(user: User | None, party: Any, *, staff: Action | None = Action.DOCKET,
                      message: str = NOT_ALLOWED) -> None:
    """Raise PermissionDenied unless `can_for_party`; `None` is the system."""
    if user is None:
        return
    if not can_for_party(user, party, staff=staff):
        raise PermissionDenied(_(message))


def require(user: User | None, action: Action, case: Case, *, message: str = NOT_ALLOWED) -> None:
    """Raise PermissionDenied (saying `message`, a gettext_noop constant) unless `user` may do `action`;
    `None` is the system (imports, jobs)."""
    if user is None:
        return
    if not can(user, action, case):
        raise PermissionDenied(_(message))
