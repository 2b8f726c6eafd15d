"""Hearings: scheduled in person, online (each party's own consent, OLR 4, 21) or asynchronously (OLR 20(2))
with the notice CPL 139 requires, after the answer and evidence periods (CPL 128, 285; JI 99, 266, 275; see
`preparation`) and at most a month after the previous hearing (TL2019 Art. 5); held with the bench on the record
(CPL 140); adjourned at most as often as TL2019 Art. 3 allows, for force majeure only with the president's
approval (TL2019 Art. 6), for new evidence as excluded time (TL2000 Art. 9(5)).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_fsm import can_proceed

from court.org.models import Courtroom, Role, User
from court.rules import periods as rule_periods
from court.rules.errors import RuleViolation

from ..access import Action, require
from ..models import Case, CaseEvent, CasePeriod, Hearing, PeriodKind, Procedure
from ..term import case_refresh_term, today
from .base import (
    CaseRuleError,
    K,
    check_choice,
    check_date,
    day_or_today,
    from_rule,
    local_day,
    locked,
    log_event,
    run_transition,
    within_a_year,
)
from .hearing_booking import DURATION_DEFAULT, check_booking
from .preparation import check_hearing_day

HEARING_NEEDS_TIME = gettext_noop("A hearing needs a start date and time.")
HEARING_BEFORE_NOTICE = gettext_noop(
    "A hearing cannot start (%(start)s) before the parties are notified (%(notified)s)."
)
HEARING_TOO_FAR = gettext_noop("A hearing is set at most a year ahead, by %(date)s.")
HEARING_ALREADY_SCHEDULED = gettext_noop("A hearing is already scheduled; hold or adjourn it first.")
ASYNC_ONLY_SIMPLE = gettext_noop(
    "OLR 20(2): an asynchronous trial is allowed only in small-claims or simple-procedure cases."
)
ASYNC_NEEDS_CONSENT = gettext_noop(
    "OLR 20(2): an asynchronous trial needs one party's written application and every party's consent."
)
ASYNC_NEEDS_DEADLINE = gettext_noop("OLR 20: an asynchronous trial needs a date by which the parties respond.")
ONLINE_NEEDS_CONSENT = gettext_noop(
    "OLR 4(2), 4(4), 21: an online hearing needs every party's own consent to it (consent to electronic service "
    "is not consent to an online hearing); not recorded for: %(parties)s."
)
GAP_GROUND_NEEDS_NOTE = gettext_noop(
    "TL2019 Art. 5: record how the parties agreed to the later hearing, or what force majeure prevents an "
    "earlier one."
)
HEARING_BEFORE_PREVIOUS = gettext_noop("A hearing cannot be scheduled before the previous one.")
HEARING_NOT_SCHEDULED = gettext_noop("This hearing is not scheduled any more (it is “%(status)s”).")
HEARING_HELD_BEFORE_ITS_DAY = gettext_noop("A hearing is recorded as held on or after its day, %(date)s.")
ASYNC_RECORD_OPEN = gettext_noop(
    "OLR 20: the asynchronous hearing's record closes when its last window ends, on %(date)s."
)
ADJOURN_NEEDS_REASON = gettext_noop("Say why the hearing is adjourned.")
FORCE_MAJEURE_NEEDS_PRESIDENT = gettext_noop(
    "TL2019 Art. 6: an adjournment for force majeure or an accident (CPL 149(4)) needs the president's "
    "approval."
)


def _end_evidence_adjournment(case: Case, on: date) -> None:
    """TL2000 Art. 9(5): the adjournment for new evidence is excluded until the next hearing (30 days at most)."""
    for period in case.periods.filter(kind=PeriodKind.EVIDENCE_ADJOURNMENT, end_on__isnull=True):
        period.end_on = max(on, period.start_on)
        period.save(update_fields=["end_on"])


#: Periods in which the proceedings stand still (CPL 153 suspension; appraisal, audit and valuation, JI 243(2)).
#: Product convention, not text: TL2019 Art. 5 names only force majeure and the parties' agreement, but during
#: such a pause no hearing can be held, so the month runs from the later of the previous hearing and the pause's end.
GAP_PAUSES = (PeriodKind.SUSPENSION, PeriodKind.APPRAISAL, PeriodKind.AUDIT_VALUATION)


def _gap_anchor(case: Case, previous_on: date, hearing_on: date) -> date:
    """The day the TL2019 Art. 5 month runs from: the previous hearing, or the end of a pause since it."""
    anchor = previous_on
    for start_on, end_on in case.periods.filter(kind__in=GAP_PAUSES, start_on__lte=hearing_on).filter(
        Q(end_on__isnull=True) | Q(end_on__gt=previous_on)
    ).values_list("start_on", "end_on"):
        anchor = max(anchor, end_on if end_on is not None and end_on < hearing_on else hearing_on)
    return anchor


def _online_consents(case: Case) -> dict[str, str]:
    """Each party's consent to an online hearing (OLR 4(4)): the day it was recorded, or "" if it was given with
    the complaint. Refuses if a party has not consented (OLR 4(2), 21)."""
    parties = list(case.parties.all())
    missing = [p.name for p in parties if not p.online_hearing_consent]
    if missing or not parties:
        raise CaseRuleError(ONLINE_NEEDS_CONSENT, code="online_consent", article="OLR 4(2); OLR 4(4); OLR 21",
                            params={"parties": "、".join(missing) or "—"})
    recorded = {
        e.payload.get("party_id"): e.on.isoformat()
        for e in CaseEvent.objects.filter(case=case, kind=K.CONSENTS_RECORDED,
                                          payload__online_hearing_consent=True).order_by("at", "id")
    }
    return {p.name: recorded.get(p.pk, "") for p in parties}


@transaction.atomic
def hearing_schedule(*, case: Case, actor: User | None, starts_at: datetime, mode: str = Hearing.Mode.IN_PERSON,
                     notified_on: date | None = None, room: str = "", respond_by: date | None = None,
                     all_parties_consent: bool = False, parties_agree_to_gap: bool = False,
                     force_majeure: bool = False, gap_note: str = "", courtroom: Courtroom | None = None,
                     duration_minutes: int = DURATION_DEFAULT, public: bool = True,
                     private_reason: str = "") -> Hearing:
    """Schedule a hearing in person, online (every party's own consent, OLR 4(4), 21) or asynchronous
    (OLR 20(2): `all_parties_consent`); CPL 139 notice for ordinary; after every answer period and the evidence
    period unless the parties waived them (CPL 128, 285; JI 99, 266, 275); at most one month after the previous
    hearing, held or adjourned, unless force majeure or the parties agree, recorded in `gap_note` (TL2019 Art. 5).
    Booked (`hearing_booking.check_booking`) within the term, in a free room of the right kind, with the judge,
    the team and the parties' lawyers free; public unless `private_reason` says why not (CPL 137)."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    check_choice(_("hearing mode"), mode, Hearing.Mode.values)
    notified_on = day_or_today(notified_on)
    check_date(case, notified_on)
    if not isinstance(starts_at, datetime):
        raise CaseRuleError(HEARING_NEEDS_TIME, code="starts_at")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    hearing_day = local_day(starts_at)
    if (latest := within_a_year(hearing_day)) is not None:
        raise CaseRuleError(HEARING_TOO_FAR, code="too_far", params={"date": latest})
    if hearing_day < notified_on:
        raise CaseRuleError(HEARING_BEFORE_NOTICE, code="before_notice",
                            params={"start": hearing_day, "notified": notified_on})
    if case.hearings.filter(status=Hearing.Status.SCHEDULED).exists():
        raise CaseRuleError(HEARING_ALREADY_SCHEDULED, code="already_scheduled")
    if mode == Hearing.Mode.ASYNC:
        if case.procedure == Procedure.ORDINARY:
            raise CaseRuleError(ASYNC_ONLY_SIMPLE, code="async_ordinary", article="OLR 20(2)")
        if not all_parties_consent:
            raise CaseRuleError(ASYNC_NEEDS_CONSENT, code="async_consent", article="OLR 20(2)")
        if respond_by is None:
            raise CaseRuleError(ASYNC_NEEDS_DEADLINE, code="async_deadline", article="OLR 20")
    online_consents = _online_consents(case) if mode == Hearing.Mode.ONLINE else None
    try:
        rule_periods.check_hearing_notice(notified_on, hearing_day, case.procedure)
    except RuleViolation as exc:
        raise from_rule(exc) from None
    check_hearing_day(case, hearing_day)
    team = case.team
    members = list(team.members.all()) if team else []
    assistant = next((m for m in members if m.role == Role.ASSISTANT), None)
    clerk = next((m for m in members if m.role == Role.CLERK), None)
    booking = check_booking(case=case, mode=mode, starts_at=starts_at, duration_minutes=duration_minutes,
                            courtroom=courtroom, sitting=[m for m in (assistant, clerk) if m is not None],
                            public=public, private_reason=private_reason)
    gap_ground = "force_majeure" if force_majeure else "parties_agree" if parties_agree_to_gap else ""
    if gap_ground and not gap_note.strip():
        raise CaseRuleError(GAP_GROUND_NEEDS_NOTE, code="gap_note", article="TL2019 Art. 5")
    # TL2019 Art. 5: "人民法院开庭审理民商事案件后……两次开庭间隔时间不得超过一个月，但因不可抗力或当事人同意的除外":
    # the month follows any hearing that opened, held or adjourned.
    previous = case.hearings.filter(status__in=[Hearing.Status.HELD, Hearing.Status.ADJOURNED]).order_by(
        "-starts_at").first()
    if previous is not None:
        previous_on = local_day(previous.starts_at)
        if hearing_day < previous_on:
            raise CaseRuleError(HEARING_BEFORE_PREVIOUS, code="before_previous")
        try:
            rule_periods.check_hearing_gap(_gap_anchor(case, previous_on, hearing_day), hearing_day,
                                           force_majeure=force_majeure, parties_agree=parties_agree_to_gap)
        except RuleViolation as exc:
            raise from_rule(exc) from None
    before = run_transition(case, "schedule_hearing", _("have a hearing scheduled"))
    hearing = Hearing.objects.create(
        case=case, mode=mode, starts_at=starts_at, ends_at=booking.ends_at, notified_on=notified_on,
        room=room or (courtroom.name if courtroom else ""), courtroom=courtroom, respond_by=respond_by,
        judge=case.judge, assistant=assistant, clerk=clerk, public=public,
        private_reason=private_reason.strip() if not public else "", online_token=booking.online_token,
    )
    case.save()
    log_event(case, K.HEARING_SCHEDULED, actor=actor, on=notified_on, from_state=before, to_state=case.state,
              reason=gap_note if gap_ground else "", basis="CPL 139; TL2019 Art. 5", hearing=hearing.pk, mode=mode,
              starts_at=starts_at, ends_at=booking.ends_at, room=hearing.room, public=public,
              previous_hearing=local_day(previous.starts_at) if previous else None,
              gap_ground=gap_ground, online_consents=online_consents,
              answer_period_waived=case.answer_period_waived, evidence_period_waived=case.evidence_period_waived)
    return hearing


def _locked_scheduled(hearing: Hearing, transition: str) -> Hearing:
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if not can_proceed(getattr(hearing, transition)):
        raise CaseRuleError(HEARING_NOT_SCHEDULED, code="hearing_status",
                            params={"status": hearing.get_status_display()})
    return hearing


@transaction.atomic
def hearing_hold(*, hearing: Hearing, actor: User | None, on: date | None = None, note: str = "") -> Hearing:
    """The hearing took place, on or after its day (the local date of `starts_at`); CPL 140: the judge, assistant
    and clerk are on the record."""
    case = locked(hearing.case)
    require(actor, Action.DOCKET, case)
    hearing = _locked_scheduled(hearing, "hold")
    hearing_day = local_day(hearing.starts_at)
    on = on or hearing_day
    if on < hearing_day:
        raise CaseRuleError(HEARING_HELD_BEFORE_ITS_DAY, code="before_hearing_day", params={"date": hearing_day})
    last_window = hearing.windows.order_by("-closes_on").values_list("closes_on", flat=True).first()
    if hearing.mode == Hearing.Mode.ASYNC and last_window is not None and (on < last_window
                                                                            or today() <= last_window):
        raise CaseRuleError(ASYNC_RECORD_OPEN, code="async_open", article="OLR 20", params={"date": last_window})
    check_date(case, on)
    before = run_transition(case, "record_hearing", _("record a hearing"))
    hearing.hold()
    hearing.save()
    case.save()
    _end_evidence_adjournment(case, on)
    log_event(case, K.HEARING_HELD, actor=actor, on=on, from_state=before, to_state=case.state, reason=note,
              basis="CPL 140", hearing=hearing.pk, mode=hearing.mode,
              judge=str(hearing.judge or ""), assistant=str(hearing.assistant or ""), clerk=str(hearing.clerk or ""))
    case_refresh_term(case)
    return hearing


@transaction.atomic
def hearing_adjourn(*, hearing: Hearing, actor: User | None, cause: str, reason: str, on: date | None = None,
                    president_approved: bool = False) -> Hearing:
    """Adjourn (延期开庭): TL2019 Art. 3 caps the count; an adjournment for new evidence is excluded time up
    to one month (TL2000 Art. 9(5)); the force-majeure ground needs the president's approval (TL2019 Art. 6)."""
    case = locked(hearing.case)
    require(actor, Action.DOCKET, case)
    hearing = _locked_scheduled(hearing, "adjourn")
    check_choice(_("adjournment cause"), cause, Hearing.Cause.values)
    on = day_or_today(on)
    check_date(case, on)
    if not reason.strip():
        raise CaseRuleError(ADJOURN_NEEDS_REASON, code="no_reason")
    so_far = case.hearings.filter(status=Hearing.Status.ADJOURNED).count()
    try:
        rule_periods.check_adjournment(procedure=case.procedure, adjournments_so_far=so_far)
    except RuleViolation as exc:
        raise from_rule(exc) from None
    if cause == Hearing.Cause.FORCE_MAJEURE and not president_approved:
        raise CaseRuleError(FORCE_MAJEURE_NEEDS_PRESIDENT, code="adjourn_approval", article="TL2019 Art. 6")
    before = run_transition(case, "cancel_hearing", _("adjourn a hearing"))
    hearing.adjourn()
    hearing.adjournment_cause = cause
    hearing.save()
    case.save()
    if cause == Hearing.Cause.NEW_EVIDENCE:
        _end_evidence_adjournment(case, on)
        CasePeriod.objects.create(case=case, kind=PeriodKind.EVIDENCE_ADJOURNMENT, start_on=on,
                                  reason=reason, created_by=actor)
    log_event(case, K.HEARING_ADJOURNED, actor=actor, on=on, from_state=before, to_state=case.state, reason=reason,
              basis="TL2019 Art. 3" + ("; TL2000 Art. 9(5)" if cause == Hearing.Cause.NEW_EVIDENCE else "")
              + ("; TL2019 Art. 6" if cause == Hearing.Cause.FORCE_MAJEURE else ""),
              hearing=hearing.pk, cause=cause, president_approved=president_approved)
    case_refresh_term(case)
    return hearing
