"""Closing, archiving and the docket: a case closes by one of the modes of law-digest §8.1 on the date §1.3
fixes (TL2000 Art. 10; JI 243): pronouncement after a hearing (CPL 145), the last service of the mediation
document (CPL 100; JI 149), a ruling (CPL 130, 146, 148, 154; JI 208, 211, 213); a suspended case only by
termination, withdrawal or other (CPL 153-154). The e-file is kept as the case goes and archived (OLR 35).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User
from court.rules import procedure as rule_procedure
from court.rules.errors import RuleViolation

from .. import signals
from ..access import Action, require
from ..bounds import NOTE_MAX_LENGTH
from ..models import ACTIVE_STATES, Case, CaseEvent, CaseState, ClosingMode, Hearing, PeriodKind
from ..selectors import small_claims_recheck
from ..term import case_refresh_term
from .after_judgment import archive_gaps
from .base import (
    UNKNOWN_CHOICE,
    CaseRuleError,
    K,
    after_commit,
    check_date,
    check_length,
    day_or_today,
    from_rule,
    local_day,
    locked,
    log_event,
    refuse_transition,
    run_transition,
)

JUDGMENT_NEEDS_HEARING = gettext_noop("CPL 145: a judgment is given after a hearing; record the hearing first.")
SUSPENDED_CLOSING = gettext_noop(
    "A suspended case can only be closed by termination (CPL 154), withdrawal or other; resume it first."
)
MEDIATION_NEEDS_SERVICE_DATES = gettext_noop(
    "TL2000 Art. 10: a mediated case closes when the mediation document is served on the last party; give "
    "each party's service date."
)
JUDGMENT_BEFORE_HEARING = gettext_noop(
    "CPL 145: a judgment cannot be pronounced (%(date)s) before the last hearing (%(heard)s)."
)
DATE_BEFORE_CLOSING = gettext_noop("The date %(date)s is before the case was closed (%(closed)s).")
NOTE_ON_CLOSED_FILE = gettext_noop("The case file is closed (archived or not accepted): it takes no more docket notes.")
NOTE_EMPTY = gettext_noop("A docket note cannot be empty.")
FILE_INCOMPLETE = gettext_noop("JI 263: the case file is not complete for archiving: %(gaps)s")

#: Closing modes a suspended case allows: the cause of the suspension may end the suit (CPL 154), the
#: plaintiff may withdraw, or the case may go elsewhere; a judgment or mediation needs the case resumed.
SUSPENDED_CLOSING_MODES = (ClosingMode.TERMINATION, ClosingMode.WITHDRAWAL, ClosingMode.OTHER)
CLOSING_BASIS = {
    ClosingMode.JUDGMENT: "CPL 145; TL2000 Art. 10",
    ClosingMode.MEDIATION: "CPL 100; JI 149; TL2000 Art. 10",
    ClosingMode.WITHDRAWAL: "CPL 148; TL2000 Art. 10",
    ClosingMode.DEEMED_WITHDRAWAL: "CPL 146; JI 213; TL2000 Art. 10",
    ClosingMode.DISMISSAL: "JI 208(3); TL2000 Art. 10",
    ClosingMode.TRANSFER: "CPL 130; JI 211; TL2000 Art. 10",
    ClosingMode.TERMINATION: "CPL 154; TL2000 Art. 10",
    ClosingMode.OTHER: "TL2000 Art. 10",
}


@transaction.atomic
def case_close(*, case: Case, actor: User | None, mode: str, pronounced_on: date | None = None,
               ruling_on: date | None = None,
               mediation_served_on: Sequence[date | rule_procedure.DocumentService] = (), reason: str = "") -> Case:
    """Close the case (law-digest §8.1) on the date §1.3 fixes: pronouncement, last service of the mediation
    document, or the ruling (TL2000 Art. 10; JI 243). Without `mediation_served_on`, a mediated case uses the
    recorded service of the mediation document on every party: a mailed one closes on its mailing day (TL2000
    Art. 10(3)), and the event keeps the day the document took effect (the last receipt, JI 149).
    A small-claims case that no longer qualifies (`selectors.small_claims_recheck`) is refused until it moves
    to simple or, by ruling, to ordinary procedure (CPL 169; JI 278)."""
    case = locked(case)
    require(actor, Action.DECIDE, case)
    if mode not in ClosingMode.values:
        raise CaseRuleError(UNKNOWN_CHOICE, code="mode", params={"what": _("closing mode"), "value": mode})
    if case.state not in ACTIVE_STATES:
        raise refuse_transition(case, _("be closed"))
    if mode == ClosingMode.JUDGMENT and not case.heard:
        raise CaseRuleError(JUDGMENT_NEEDS_HEARING, code="judgment_unheard", article="CPL 145")
    if case.state == CaseState.SUSPENDED and mode not in SUSPENDED_CLOSING_MODES:
        raise CaseRuleError(SUSPENDED_CLOSING, code="suspended", article="CPL 153-154")
    bars = small_claims_recheck(case)
    try:
        # CPL 169, JI 278: a case that stopped qualifying is not closed as small claims (a final judgment).
        rule_procedure.check_still_small_claims(bars)
    except RuleViolation as exc:
        raise CaseRuleError(exc.message, code=exc.code, article=exc.article,
                            params={"bars": "; ".join(dict.fromkeys(bar.article for bar in bars))}) from None
    effective_on = None
    if mode == ClosingMode.MEDIATION:
        mediation_served_on = list(mediation_served_on) or case.mediation_service_dates()
        if not mediation_served_on:
            raise CaseRuleError(MEDIATION_NEEDS_SERVICE_DATES, code="mediation_dates", article="TL2000 Art. 10")
        services = [s for s in mediation_served_on if isinstance(s, rule_procedure.DocumentService)]
        if services:
            effective_on = rule_procedure.mediation_effective_date(services)  # JI 149
    try:
        closed_on = rule_procedure.closing_date(
            mode=mode, pronounced_on=pronounced_on, ruling_on=ruling_on, mediation_served_on=mediation_served_on,
            parties=case.parties.count() if mode == ClosingMode.MEDIATION else None,
        )
    except RuleViolation as exc:
        raise from_rule(exc) from None
    check_date(case, closed_on)
    if mode == ClosingMode.JUDGMENT:
        last = case.hearings.filter(status=Hearing.Status.HELD).order_by("-starts_at").first()
        if last is not None and closed_on < local_day(last.starts_at):
            raise CaseRuleError(JUDGMENT_BEFORE_HEARING, code="judgment_before_hearing", article="CPL 145",
                                params={"date": closed_on, "heard": local_day(last.starts_at)})
    before = run_transition(case, "close", _("be closed"))
    case.closed_on, case.closing_mode = closed_on, mode
    case.save()
    # Periods still running end with the case.
    for period in case.periods.filter(end_on__isnull=True).exclude(kind=PeriodKind.EXTENSION):
        period.end_on = max(closed_on, period.start_on)
        period.save(update_fields=["end_on"])
    result = case_refresh_term(case, as_of=closed_on)
    log_event(case, K.CLOSED, actor=actor, on=closed_on, from_state=before, to_state=case.state, reason=reason,
              basis=CLOSING_BASIS[ClosingMode(mode)], mode=mode, procedure=case.procedure,
              **({"mediation_effective_on": effective_on} if effective_on else {}),
              net_trial_days=result.net_trial_days if result else None,
              within_normal_term=result.within_normal_term if result else None)
    after_commit(signals.case_closed, case=case, actor=actor)
    return case


@transaction.atomic
def case_archive(*, case: Case, actor: User | None, on: date | None = None) -> Case:
    """Bind and archive the file of a closed case (OLR 35) once it is complete (JI 263): the decision served on
    every party and effective, or gone up on appeal (`after_judgment.archive_gaps`)."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    on = day_or_today(on)
    check_date(case, on)
    if case.closed_on and on < case.closed_on:
        raise CaseRuleError(DATE_BEFORE_CLOSING, code="before_closing", params={"date": on, "closed": case.closed_on})
    gaps = archive_gaps(case, on=on) if case.state == CaseState.CLOSED else []
    if gaps:  # JI 263: the file holds the decision served on every party, and the decision is effective
        raise CaseRuleError(FILE_INCOMPLETE, code="file_incomplete", article="JI 263", params={"gaps": " ".join(gaps)})
    before = run_transition(case, "archive", _("be archived"))
    case.save()
    log_event(case, K.ARCHIVED, actor=actor, on=on, from_state=before, to_state=case.state, basis="OLR 35")
    return case


@transaction.atomic
def case_note(*, case: Case, actor: User | None, text: str, on: date | None = None) -> CaseEvent:
    """A docket entry (笔录, a phone call, a document received); the e-file is built as the case goes (OLR 35)."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    if not text.strip():
        raise CaseRuleError(NOTE_EMPTY, code="empty")
    if case.state in (CaseState.ARCHIVED, CaseState.REJECTED):
        raise CaseRuleError(NOTE_ON_CLOSED_FILE, code="file_closed")
    check_length(_("note"), text, NOTE_MAX_LENGTH)
    on = day_or_today(on)
    check_date(case, on)
    return log_event(case, K.NOTE, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=text,
                     basis="OLR 35")
