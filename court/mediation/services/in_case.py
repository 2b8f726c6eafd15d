"""Mediation after filing: court-annexed (the judge or the court's mediator) or entrusted to a member of the chain
(委托调解, OMR 2, 21(3)), with its own deadline of fifteen days under ordinary procedure and seven under simple
(OMR 24), an agreed extension not counted in the term (OMR 24: a MEDIATION_EXTENSION period, JI 243), and the
result: an agreement (the court then makes the 调解书 and the case closes when it is served on the last party,
TL2000 Art. 10), a withdrawal (the judge rules, CPL 148), or failure, back to trial (OMR 21 "恢复审理").

Online: sessions with each party's consent (OMR 4, 16), statements and proposals exchanged (OMR 18).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases.access import Action, acts_for, can, require
from court.cases.models import Case, CaseState, Party, PeriodKind
from court.cases.services import case_end_mediation, case_start_mediation, period_start
from court.cases.services.base import CaseRuleError, K, check_date, check_length, day_or_today, locked, log_event
from court.org.models import MediatorOrg, User
from court.rules import mediation as rule
from court.rules.periods import mediation_days

from ..models import Mediation, Session, Statement
from .prefiling import MEDIATION_NOT_OPEN, check_chain_mediator

ENTRUSTED_NEEDS_CHAIN = gettext_noop("Entrusted mediation goes to a member of the mediation chain outside the court.")
ONLINE_NEEDS_CONSENT = gettext_noop("OMR 4: an online session needs every party's consent to online mediation "
                                    "(not yet: %(parties)s).")
SESSION_NEEDS_PLACE = gettext_noop("OMR 16: a session in person needs its place.")
SESSION_TOO_FAR = gettext_noop("A session is scheduled within the mediation, by its deadline (%(due)s).")
STATEMENT_EMPTY = gettext_noop("Write the statement or the proposal.")
NOT_IN_MEDIATION = gettext_noop("The case is not in mediation.")
NOT_YOUR_MEDIATION = gettext_noop("Only the parties of the case and its mediator take part in the mediation.")


@transaction.atomic
def mediation_start_in_case(*, case: Case, actor: User | None, mediator: User | None = None, entrusted: bool = False,
                            on: date | None = None) -> Mediation:
    """Mediation after 立案 (CPL 125, OMR 24): by the team or the court's mediator, or entrusted to the chain
    (`entrusted`); the deadline is counted from the start ("审判人员主持调解的，自各方当事人同意之日起算")."""
    if entrusted:
        if mediator is None or mediator.mediator_org in ("", MediatorOrg.COURT):
            raise CaseRuleError(ENTRUSTED_NEEDS_CHAIN, code="entrusted")
        check_chain_mediator(mediator, case)
    case = case_start_mediation(case=case, actor=actor, mediator=mediator, on=on)
    on = day_or_today(on)
    return Mediation.objects.create(
        case=case, stage=Mediation.Stage.ENTRUSTED if entrusted else Mediation.Stage.ANNEXED,
        organisation=mediator.mediation_organisation if mediator else None, mediator=mediator or case.mediator,
        received_on=on, started_on=on, due_on=rule.in_case_due(on, case.procedure), created_by=actor)


def record_extension_used(mediation: Mediation, case: Case, on: date) -> None:
    """OMR 24 "立案后延长的调解期限不计入审理期限": the days used beyond the fifteen or seven, when the parties agreed
    to go on, are recorded as a MEDIATION_EXTENSION period (from the first day beyond to the end)."""
    if mediation.stage == Mediation.Stage.PRE_FILING or mediation.agreed_until is None or mediation.started_on is None:
        return
    beyond = mediation.started_on + timedelta(days=mediation_days(case.procedure))
    if on > beyond:
        period_start(case=case, actor=None, kind=PeriodKind.MEDIATION_EXTENSION, start_on=beyond,
                     end_on=min(on, mediation.agreed_until), reason=_("Mediation extended by the parties' agreement"))


@transaction.atomic
def mediation_end_in_case(*, mediation: Mediation, actor: User | None, outcome: str, reason: str = "",
                          on: date | None = None) -> Mediation:
    """The result of a mediation after filing (OMR 20 para 2, 21, 25): `agreement` (the case stays with the judge
    for the 调解书, served on every party before it closes, TL2000 Art. 10), `withdrawn` (the plaintiff will
    withdraw; the judge rules, CPL 148) or `failed` (back to where the case stood, CPL 145)."""
    mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
    if not mediation.is_open:
        raise CaseRuleError(MEDIATION_NOT_OPEN, code="mediation_ended")
    if outcome not in (Mediation.Outcome.AGREEMENT, Mediation.Outcome.WITHDRAWN, Mediation.Outcome.FAILED):
        raise CaseRuleError(gettext_noop("Choose the result of the mediation."), code="outcome")
    case = locked(mediation.case)
    require(actor, Action.END_MEDIATION, case)
    on = day_or_today(on)
    check_date(case, on)
    check_length(_("reason"), reason, 500)
    if case.state != CaseState.MEDIATION:
        raise CaseRuleError(NOT_IN_MEDIATION, code="not_in_mediation")
    record_extension_used(mediation, case, on)
    mediation.outcome, mediation.ended_on, mediation.end_reason = outcome, on, reason.strip()
    mediation.save()
    if outcome == Mediation.Outcome.FAILED:
        case_end_mediation(case=case, actor=actor, reason=reason, on=on)
    else:
        log_event(case, K.NOTE, actor=actor, on=on, from_state=case.state, to_state=case.state,
                  reason=reason or str(Mediation.Outcome(outcome).label), basis="OMR 20, 25",
                  outcome=outcome)
    return mediation


def _may_take_part(user: User, mediation: Mediation) -> bool:
    case = mediation.case
    return can(user, Action.MEDIATE, case) or any(acts_for(user, p) for p in case.parties.all())


@transaction.atomic
def session_schedule(*, mediation: Mediation, actor: User | None, starts_at: datetime, online: bool = True,
                     place: str = "") -> Session:
    """A session (OMR 16): online only with every party's consent (OMR 4 "人民法院采用在线调解方式应当征得当事人
    同意"; Party.online_mediation_consent, recorded by `services.party_record_consents`), else in person at a place."""
    mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
    if not mediation.is_open:
        raise CaseRuleError(MEDIATION_NOT_OPEN, code="mediation_ended")
    case = locked(mediation.case)
    require(actor, Action.MEDIATE, case)
    check_length(_("place"), place, 200)
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    day = timezone.localtime(starts_at).date()
    if mediation.due_on and day > mediation.due_on:
        raise CaseRuleError(SESSION_TOO_FAR, code="after_due", params={"due": mediation.due_on})
    if online:
        missing = [p.name for p in case.parties.all() if not p.online_mediation_consent]
        if missing:
            raise CaseRuleError(ONLINE_NEEDS_CONSENT, code="online_consent", article="OMR 4",
                                params={"parties": "、".join(missing)})
    elif not place.strip():
        raise CaseRuleError(SESSION_NEEDS_PLACE, code="place", article="OMR 16")
    session = Session.objects.create(mediation=mediation, starts_at=starts_at, online=online, place=place.strip(),
                                     created_by=actor)
    # A docket note, not HEARING_SCHEDULED: a session is no hearing (the parties see it on the mediation page).
    log_event(case, K.NOTE, actor=actor, on=timezone.localdate(), from_state=case.state,
              to_state=case.state, basis="OMR 4, 16", reason=_("Mediation session"), starts_at=starts_at,
              room=_("Online") if online else place.strip())
    return session


@transaction.atomic
def statement_add(*, mediation: Mediation, actor: User, text: str, kind: str = Statement.Kind.STATEMENT,
                  party: Party | None = None) -> Statement:
    """A party (for itself) or the mediator states a view or proposes a solution (OMR 18 "自主表达意愿，提出纠纷
    解决方案"); the others of the mediation read it. Not an event of the case: what is conceded to settle is not
    evidence at trial (OMR 18)."""
    mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
    if not mediation.is_open:
        raise CaseRuleError(MEDIATION_NOT_OPEN, code="mediation_ended")
    if party is not None and (party.case_id != mediation.case_id or not acts_for(actor, party)):
        raise CaseRuleError(NOT_YOUR_MEDIATION, code="not_party")
    if not _may_take_part(actor, mediation):
        raise CaseRuleError(NOT_YOUR_MEDIATION, code="not_party")
    if kind not in Statement.Kind.values:
        raise CaseRuleError(gettext_noop("Choose a statement or a proposal."), code="kind")
    if not text.strip():
        raise CaseRuleError(STATEMENT_EMPTY, code="empty")
    check_length(_("text"), text, 2000)
    if party is None:
        party = next((p for p in mediation.case.parties.all() if acts_for(actor, p)), None)
    return Statement.objects.create(mediation=mediation, kind=kind, party=party, author=actor, text=text.strip())
