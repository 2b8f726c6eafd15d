"""After the decision: each party's appeal period from its own service of the judgment or ruling (CPL 171, 286;
JI 244), the day the decision takes effect (CPL 158; small claims final, CPL 165, JI 271, 276-277; mediation
document on the last receipt, CPL 100), an appeal filed (CPL 171, 173), the hand-off to enforcement with its
two-year deadline (CPL 250), and whether the file is complete enough to archive (JI 263). The periods are
`court.rules.after_judgment`; this module reads the case's records and writes the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User
from court.rules import after_judgment as rule

from ..access import Action, require
from ..models import Case, CaseEvent, CaseState, Party, ServiceAttempt
from ..term import court_calendar
from .base import CaseRuleError, K, check_date, day_or_today, locked, log_event

APPEAL_NOT_CLOSED = gettext_noop("There is no first-instance decision to appeal yet: the case is not closed.")
APPEAL_FINAL = gettext_noop(
    "CPL 165, JI 271; CPL 157: this decision is final (small claims, or a ruling that cannot be appealed); no "
    "appeal lies."
)
APPEAL_OUT_OF_TIME = gettext_noop(
    "CPL 171: %(party)s's appeal period ended on %(date)s; an appeal filed later is out of time (CPL 86 lets "
    "the party apply for more time)."
)
APPEAL_ALREADY_FILED = gettext_noop("%(party)s has already appealed.")
APPEAL_NOT_A_PARTY = gettext_noop("The appellant must be a party to this case.")
ENFORCEMENT_NOT_EFFECTIVE = gettext_noop(
    "CPL 158, 250: only an effective decision is enforced; this one is not effective (yet) on %(date)s."
)
ENFORCEMENT_ALREADY = gettext_noop("The case has already been handed over for enforcement.")
PERFORMANCE_BEFORE_EFFECT = gettext_noop("The last day of performance cannot be before the decision took effect.")

DOCUMENT_OF = {"judgment": ServiceAttempt.Document.JUDGMENT, "ruling": ServiceAttempt.Document.RULING,
               "mediation": ServiceAttempt.Document.MEDIATION}


@dataclass
class PartyWindow:
    party: Party
    served_on: date | None
    last_day: date | None
    article: str
    appealed_on: date | None = None


@dataclass
class DecisionStatus:
    """What the case page and the queues show after the decision."""

    decision: str  # "judgment" | "ruling" | "mediation"
    final: bool
    windows: list[PartyWindow]
    appeal_ends: date | None
    effective_on: date | None
    appealed: bool
    enforcement: CaseEvent | None
    enforcement_deadline: date | None
    gaps: list[str] = field(default_factory=list)  # why the file cannot be archived yet (translated)

    @property
    def decision_label(self) -> str:
        return {"judgment": _("Judgment"), "ruling": _("Ruling"), "mediation": _("Mediation document")}[self.decision]

    @property
    def unserved(self) -> list[Party]:
        return [w.party for w in self.windows if w.served_on is None]


def decision_status(case: Case, *, on: date | None = None) -> DecisionStatus | None:
    """The after-judgment facts of a closed (or archived) case; None while the case is open."""
    if not case.closed_on or not case.closing_mode:
        return None
    return decision_statuses([case], on=on)[case.pk]


def decision_statuses(cases: list[Case], *, on: date | None = None) -> dict[int, DecisionStatus]:
    """`decision_status` for a page of closed cases in three queries (parties, services, events)."""
    on = day_or_today(on)
    cases = [c for c in cases if c.closed_on and c.closing_mode]
    if not cases:
        return {}
    ids = [c.pk for c in cases]
    parties: dict[int, list[Party]] = {pk: [] for pk in ids}
    for party in Party.objects.filter(case_id__in=ids).order_by("side_rank", "id"):
        parties[party.case_id].append(party)
    served: dict[tuple[int, str], dict[int, date]] = {}
    for case_id, document, party_id, served_on in ServiceAttempt.objects.filter(
        case_id__in=ids, document__in=DOCUMENT_OF.values(), status=ServiceAttempt.Status.SERVED,
        party__isnull=False, served_on__isnull=False,
    ).values_list("case_id", "document", "party_id", "served_on"):
        first = served.setdefault((case_id, document), {})
        if party_id not in first or served_on < first[party_id]:
            first[party_id] = served_on
    events: dict[int, list[CaseEvent]] = {pk: [] for pk in ids}
    for event in CaseEvent.objects.filter(case_id__in=ids, kind__in=(K.APPEAL_FILED, K.ENFORCEMENT_TRANSFERRED)
                                          ).order_by("at", "id"):
        events[event.case_id].append(event)
    calendar = court_calendar()
    return {c.pk: _status(c, parties[c.pk], served, events[c.pk], on, calendar) for c in cases}


def _status(case: Case, parties: list[Party], served_all: dict, events: list[CaseEvent], on: date,
            calendar) -> DecisionStatus:
    kind, _appealable = rule.decision_of(case.closing_mode)
    final = rule.is_final(case.closing_mode, case.procedure)
    served = served_all.get((case.pk, DOCUMENT_OF[kind]), {})
    services = [rule.PartyService(str(p.pk), served.get(p.pk), p.no_domicile_in_china) for p in parties]
    windows = rule.appeal_windows(services, mode=case.closing_mode, procedure=case.procedure, calendar=calendar)
    appeals: dict[int, date] = {}
    enforcement = None
    for event in events:
        if event.kind == K.APPEAL_FILED:
            appeals.setdefault(event.payload.get("party_id"), event.on)
        else:
            enforcement = enforcement or event
    rows = [PartyWindow(p, w.served_on, w.last_day, w.article, appeals.get(p.pk)) for p, w in zip(parties, windows)]
    appealed = bool(appeals)
    effective = rule.effective_on(services, mode=case.closing_mode, procedure=case.procedure,
                                  decided_on=case.closed_on, appealed=appealed, calendar=calendar)
    appeal_ends = rule.appeal_period_ends(services, mode=case.closing_mode, procedure=case.procedure,
                                          calendar=calendar)
    deadline = None
    if enforcement is not None:
        deadline = date.fromisoformat(enforcement.payload["deadline"])
    elif effective is not None:
        deadline = rule.enforcement_deadline(effective)
    gaps = [_(message) % params if params else _(message) for message, params in rule.file_gaps(
        closed=True, unserved=[p.name for p in parties if p.pk not in served], effective=effective,
        appealed=appealed, on=on, last_appeal_day=appeal_ends)]
    return DecisionStatus(decision=kind, final=final, windows=rows, appeal_ends=appeal_ends, effective_on=effective,
                          appealed=appealed, enforcement=enforcement, enforcement_deadline=deadline, gaps=gaps)


@transaction.atomic
def appeal_file(*, case: Case, actor: User | None, party: Party, on: date | None = None, reason: str = "") -> CaseEvent:
    """A party's appeal, lodged through this court (CPL 173), within its own period (CPL 171, 286; JI 244).
    The decision then does not take effect here; the file goes up to the higher court (CPL 174)."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    on = day_or_today(on)
    check_date(case, on)
    if party.case_id != case.pk:
        raise CaseRuleError(APPEAL_NOT_A_PARTY, code="appeal_party")
    if case.state not in (CaseState.CLOSED, CaseState.ARCHIVED) or not case.closed_on:
        raise CaseRuleError(APPEAL_NOT_CLOSED, code="appeal_not_closed", article="CPL 171")
    if rule.is_final(case.closing_mode, case.procedure):
        raise CaseRuleError(APPEAL_FINAL, code="appeal_final", article="CPL 165; JI 271")
    status = decision_status(case, on=on)
    assert status is not None
    window = next(w for w in status.windows if w.party.pk == party.pk)
    if window.appealed_on is not None:
        raise CaseRuleError(APPEAL_ALREADY_FILED, code="appeal_twice", params={"party": party.name})
    if window.last_day is not None and on > window.last_day:
        raise CaseRuleError(APPEAL_OUT_OF_TIME, code="appeal_late", article=window.article,
                            params={"party": party.name, "date": window.last_day})
    return log_event(case, K.APPEAL_FILED, actor=actor, on=on, from_state=case.state, to_state=case.state,
                     reason=reason, basis=f"{window.article or 'CPL 171'}; CPL 173-174", party_id=party.pk,
                     party=party.name, served_on=window.served_on, appeal_last_day=window.last_day)


@transaction.atomic
def enforcement_handoff(*, case: Case, actor: User | None, on: date | None = None,
                        performance_due: date | None = None, reason: str = "") -> CaseEvent:
    """The effective decision handed over to enforcement on a party's application (移送执行), with the
    two-year deadline of CPL 250 counted from the last day of performance, or from the effective day."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    on = day_or_today(on)
    check_date(case, on)
    status = decision_status(case, on=on)
    if status is None or status.effective_on is None or status.effective_on > on:
        raise CaseRuleError(ENFORCEMENT_NOT_EFFECTIVE, code="not_effective", article="CPL 158", params={"date": on})
    if status.enforcement is not None:
        raise CaseRuleError(ENFORCEMENT_ALREADY, code="enforcement_twice")
    if performance_due is not None and performance_due < status.effective_on:
        raise CaseRuleError(PERFORMANCE_BEFORE_EFFECT, code="performance_before_effect")
    deadline = rule.enforcement_deadline(status.effective_on, performance_due=performance_due)
    return log_event(case, K.ENFORCEMENT_TRANSFERRED, actor=actor, on=on, from_state=case.state,
                     to_state=case.state, reason=reason, basis="CPL 250", effective_on=status.effective_on,
                     performance_due=performance_due, deadline=deadline, within_time=on <= deadline)


def archive_gaps(case: Case, *, on: date) -> list[str]:
    """Why the file of this case is not complete for archiving (JI 263; translated), empty when it is."""
    status = decision_status(case, on=on)
    if status is None:
        return [_(rule.FILE_NOT_CLOSED)]
    return status.gaps
