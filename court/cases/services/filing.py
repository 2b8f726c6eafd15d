"""Filing and acceptance: a complaint is received (REG2015 Art. 2; CPL 126), corrected once in writing
(REG2015 Art. 7; OLR 9(2), JI 126), refused with reasons (CPL 126; REG2015 Art. 9) or accepted (立案, CPL 126;
CPL 122 needs a plaintiff and a clear defendant) under the procedure the law allows (JI 257, CPL 165-166), with
the next case number (案号规定 Arts 9-10), and assigned to a trial team (TL2000 Art. 7).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import Team, User
from court.rules import periods as rule_periods
from court.rules import procedure as rule_procedure
from court.rules.case_numbers import CaseNumber
from court.rules.claims import ClaimNature
from court.rules.errors import RuleViolation

from .. import signals
from ..access import Action, require
from ..bounds import CLAIMS_MAX_LENGTH, FACTS_MAX_LENGTH, NOTE_MAX_LENGTH
from ..models import (
    DONE_STATES,
    Case,
    CaseNumberSequence,
    CaseState,
    CaseType,
    Cause,
    Panel,
    Party,
    Procedure,
    SuitKind,
)
from ..selectors import wage_threshold_for
from ..term import case_refresh_term, court_calendar
from .base import (
    NEGATIVE_AMOUNT,
    check_amount,
    check_length,
    CaseRuleError,
    K,
    after_commit,
    check_choice,
    check_not_future,
    day_or_today,
    from_rule,
    locked,
    log_event,
    refuse_transition,
    run_transition,
)
from .correction import check_correction_due, correction_request, default_correction_due
from .fees import notices_at_acceptance
from .parties import PartyInput, create_party

NO_PLAINTIFF = gettext_noop("CPL 122(1): a complaint needs at least one plaintiff.")
CORRECTION_NEEDS_ITEMS = gettext_noop("REG2015 Art. 7: list everything to correct, once and in writing.")
REJECT_NEEDS_REASON = gettext_noop("REG2015 Art. 9: a ruling not to accept must give its reasons.")
ACCEPT_BEFORE_RECEIPT = gettext_noop(
    "CPL 126: a complaint cannot be accepted (%(date)s) before it was received (%(received)s)."
)
NEEDS_DEFENDANT = gettext_noop("CPL 122(2): a complaint needs a clear defendant before it can be accepted.")
TEAM_OF_OTHER_COURT = gettext_noop("The trial team belongs to another court.")
NON_CONTENTIOUS_NOT_FIRST_INSTANCE = gettext_noop(
    "CPL 184: a non-contentious application (%(cause)s) is heard under special procedure (民特), not as a "
    "first-instance suit (民初)."
)
NOT_ON_TEAM = gettext_noop("The judge must belong to the team the case is assigned to.")
REASSIGN_NEEDS_REASON = gettext_noop(
    "Give the reason for moving the case to another team or judge: it is recorded in the case's history."
)


@dataclass
class FilingInput:
    cause: Cause
    claim_amount: Decimal
    parties: Sequence[PartyInput]
    claims: str = ""
    facts: str = ""
    evidence_items: int = 0
    appraisal_requested: bool = False
    foreign_related: bool = False
    case_type: str = "民初"
    requested_procedure: str = ""
    # Facts that bar a procedure (JI 257, 292, 308; CPL 165-166), declared by the filer.
    suit_kind: str = ""
    retrial: bool = False
    remanded: bool = False
    public_interest: bool = False
    original_case_number: str = ""
    money_claim_only: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def case_submit(*, court: Any, filing: FilingInput, actor: User | None, on: date | None = None) -> Case:
    """A complaint arrives (online, at the counter or by post): REG2015 Art. 2 — every complaint is received."""
    on = day_or_today(on)
    check_not_future(on)
    if not any(p.side == Party.Side.PLAINTIFF for p in filing.parties):
        raise CaseRuleError(NO_PLAINTIFF, code="no_plaintiff", article="CPL 122")
    if filing.claim_amount < 0:
        raise CaseRuleError(NEGATIVE_AMOUNT, code="negative")
    check_amount(filing.claim_amount)
    check_length(_("claims"), filing.claims, CLAIMS_MAX_LENGTH)
    check_length(_("facts and reasons"), filing.facts, FACTS_MAX_LENGTH)
    check_choice(_("case type"), filing.case_type, CaseType.values)
    check_case_type_at_court(filing.case_type, court)
    if filing.case_type == CaseType.FIRST_INSTANCE and filing.cause.claim_nature == ClaimNature.NON_CONTENTIOUS:
        raise CaseRuleError(NON_CONTENTIOUS_NOT_FIRST_INSTANCE, code="non_contentious_not_first_instance",
                            article="CPL 184", params={"cause": filing.cause.name})
    if filing.suit_kind:
        check_choice(_("special suit"), filing.suit_kind, SuitKind.values)
    if filing.requested_procedure:
        check_choice(_("procedure"), filing.requested_procedure, Procedure.values)
    for data in filing.parties:
        check_choice(_("side"), data.side, Party.Side.values)
    case = Case(
        court=court, case_type=filing.case_type, cause=filing.cause, claim_amount=filing.claim_amount,
        claims=filing.claims, facts=filing.facts, evidence_items=filing.evidence_items,
        appraisal_requested=filing.appraisal_requested, foreign_related=filing.foreign_related,
        suit_kind=filing.suit_kind, retrial=filing.retrial, remanded=filing.remanded,
        public_interest=filing.public_interest, original_case_number=filing.original_case_number,
        money_claim_only=filing.money_claim_only, submitted_on=on, filed_by=actor,
    )
    if filing.requested_procedure:
        case.initial_procedure = filing.requested_procedure
    case.save()
    for data in filing.parties:
        create_party(case, data)
    case.refresh_party_facts()
    case.save()
    due = rule_periods.filing_decision_due(on, suit_kind=case.special_suit, calendar=court_calendar())
    log_event(case, K.SUBMITTED, actor=actor, on=on, to_state=case.state, basis="CPL 126; REG2015 Art. 8",
              decision_due=due)
    after_commit(signals.case_submitted, case=case, actor=actor)
    return case


@transaction.atomic
def case_request_correction(*, case: Case, actor: User | None, items: str, on: date | None = None,
                            due_on: date | None = None) -> Case:
    """REG2015 Art. 7: list everything to correct, once, in writing, with a deadline ("一次性书面告知在指定期限内
    补正"; OLR 9(2) "一次性告知补正内容和期限"). Without `due_on` the deadline is `correction.CORRECTION_DAYS`
    after the request (a product convention: the texts leave the period to the court). The event keeps both."""
    case = locked(case)
    require(actor, Action.DECIDE_FILING, case)
    on = day_or_today(on)
    check_not_future(on)
    if not items.strip():
        raise CaseRuleError(CORRECTION_NEEDS_ITEMS, code="no_items", article="REG2015 Art. 7")
    check_length(_("items to correct"), items, FACTS_MAX_LENGTH)
    due_on = due_on or default_correction_due(on)
    check_correction_due(on, due_on)
    before = run_transition(case, "request_correction", _("ask for correction"))
    case.save()
    log_event(case, K.CORRECTION_REQUESTED, actor=actor, on=on, from_state=before, to_state=case.state,
              reason=items.strip(), basis="REG2015 Art. 7", due_on=due_on)
    return case


@transaction.atomic
def case_resubmit(*, case: Case, actor: User | None, on: date | None = None) -> Case:
    """OLR 9(2), JI 126: the decision period restarts the day after the corrected complaint arrives."""
    case = locked(case)
    require(actor, Action.AMEND_FILING, case)
    on = day_or_today(on)
    check_not_future(on)
    before = run_transition(case, "resubmit", _("be resubmitted"))
    case.corrected_on = on
    case.save()
    due = rule_periods.filing_decision_due(case.submitted_on or on, corrected_on=on, suit_kind=case.special_suit,
                                           calendar=court_calendar())
    # REG2015 Art. 7(3): corrections after the deadline may be returned; the officer decides, the event says so.
    request = correction_request(case)
    late = {"late": True} if request is not None and request.overdue(on) else {}
    log_event(case, K.RESUBMITTED, actor=actor, on=on, from_state=before, to_state=case.state,
              basis="OLR 9(2); JI 126", decision_due=due, **late)
    after_commit(signals.case_submitted, case=case, actor=actor)
    return case


@transaction.atomic
def case_reject(*, case: Case, actor: User | None, reason: str, on: date | None = None) -> Case:
    """CPL 126, REG2015 Art. 9: a written ruling not to accept, with reasons (appealable, CPL 157)."""
    case = locked(case)
    require(actor, Action.DECIDE_FILING, case)
    if not reason.strip():
        raise CaseRuleError(REJECT_NEEDS_REASON, code="no_reason", article="REG2015 Art. 9")
    on = day_or_today(on)
    check_not_future(on)
    before = run_transition(case, "reject", _("be refused"))
    case.save()
    log_event(case, K.REJECTED, actor=actor, on=on, from_state=before, to_state=case.state, reason=reason,
              basis="CPL 126; REG2015 Art. 9")
    return case


def allocate_case_number(*, court: Any, type_code: str, year: int) -> CaseNumber:
    """The next 案号 in the court × type × year sequence (案号规定 Arts 9-10); safe under concurrency."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                CaseNumberSequence.objects.get_or_create(court=court, type_code=type_code, year=year)
        except IntegrityError:
            pass  # another transaction created the row first; the locked update below serialises us
        # The row lock makes parallel allocations wait for each other, so no two cases share a number.
        seq = CaseNumberSequence.objects.select_for_update().get(court=court, type_code=type_code, year=year)
        seq.last = F("last") + 1
        seq.save(update_fields=["last"])
        seq.refresh_from_db(fields=["last"])
        return CaseNumber(year=year, court_code=court.code, type_code=type_code, serial=seq.last)


def check_case_type_at_court(case_type: str, court: Any) -> None:
    """CPL 18, 171: a basic court takes no appeal (民终)."""
    try:
        rule_procedure.check_case_type_at_court(case_type, court.code)
    except RuleViolation as exc:
        raise from_rule(exc) from None


def procedure_bars(case: Case, procedure: str, on: date, *, parties_agree: bool = False) -> list[rule_procedure.Bar]:
    """The legal bars (JI 257, 308; CPL 165-166) against running `case` under `procedure`; with `parties_agree`
    small claims reach up to twice the average wage (CPL 165 para 2). `on` is the filing date, which fixes the
    threshold in force (JI 272) and the law that applies (30% of the wage before 2022, CPL 2017 art. 162)."""
    facts = case.filing_facts()
    if procedure == Procedure.SIMPLE:
        return rule_procedure.simple_procedure_bars(facts)
    if procedure == Procedure.SMALL_CLAIMS:
        found = wage_threshold_for(case.court.province, on)
        threshold = found.as_rule() if found else None
        return rule_procedure.small_claims_bars(facts, threshold=threshold, parties_agree=parties_agree,
                                                filed_on=on)
    return []


def check_procedure_bars(case: Case, procedure: str, on: date, *, parties_agree: bool = False) -> None:
    """Refuse with the first bar against `procedure`, if any."""
    bars = procedure_bars(case, procedure, on, parties_agree=parties_agree)
    if bars:
        raise CaseRuleError(bars[0].message, code=bars[0].code, article=bars[0].article)


def bench_for(case: Case, procedure: str, panel: str) -> str:
    """The bench for `case` under `procedure`: `panel` if given, else the one the law requires, else the case's
    own (ordinary) or a sole judge (simple, small claims); refused when the law requires another (CPL 40(2),
    41(3)-(4), 42(1); JI 261, 292)."""
    facts = case.filing_facts()
    required = rule_procedure.required_panel(facts, procedure)
    panel = panel or (required[0] if required else case.panel)
    try:
        rule_procedure.check_panel(procedure=procedure, panel=panel, facts=facts)
    except RuleViolation as exc:
        raise from_rule(exc) from None
    return panel


@transaction.atomic
def case_accept(*, case: Case, actor: User | None, procedure: str, team: Team | None = None,
                judge: User | None = None, on: date | None = None, panel: str = "",
                parties_agree: bool = False) -> Case:
    """立案 (CPL 126): allocate the case number, fix the procedure the law allows and its bench (CPL 40-42;
    JI 292), assign the team. A basic court takes no appeal (CPL 18, 171). `parties_agree`: both sides agreed
    to small claims above 50% of the average wage (CPL 165 para 2), stored for the later re-checks (JI 278)."""
    case = locked(case)
    require(actor, Action.DECIDE_FILING, case)
    on = day_or_today(on)
    check_choice(_("procedure"), procedure, Procedure.values)
    if panel:
        check_choice(_("bench"), panel, Panel.values)
    check_not_future(on)
    received = case.corrected_on or case.submitted_on
    if received and on < received:
        raise CaseRuleError(ACCEPT_BEFORE_RECEIPT, code="before_receipt", article="CPL 126",
                            params={"date": on, "received": received})
    if case.state != CaseState.FILED:
        raise refuse_transition(case, _("be accepted"))
    if case.defendant_count < 1:
        raise CaseRuleError(NEEDS_DEFENDANT, code="no_defendant", article="CPL 122")
    check_case_type_at_court(case.case_type, case.court)
    check_procedure_bars(case, procedure, on, parties_agree=parties_agree)
    panel = bench_for(case, procedure, panel)
    if team is None and judge is not None:
        team = judge.team
    if team is not None and team.court_id != case.court_id:
        raise CaseRuleError(TEAM_OF_OTHER_COURT, code="team_court")
    if team is not None and judge is not None and judge.team_id != team.pk:
        raise CaseRuleError(NOT_ON_TEAM, code="judge_team")
    before = run_transition(case, "accept", _("be accepted"))
    number = allocate_case_number(court=case.court, type_code=case.case_type, year=on.year)
    case.case_number, case.year, case.serial = number.format(), number.year, number.serial
    case.filed_on = on
    case.initial_procedure = procedure
    Case.procedure.field.set_state(case, procedure)  # the starting procedure is chosen, not converted
    case.panel = panel
    # CPL 165 para 2: the agreement lifts the ceiling for as long as the case stays small claims (JI 278 re-checks).
    case.small_claims_agreed = parties_agree and procedure == Procedure.SMALL_CLAIMS
    if team is not None:
        case.team = team
        case.judge = judge or team.judge
    case.save()
    log_event(case, K.ACCEPTED, actor=actor, on=on, from_state=before, to_state=case.state, basis="CPL 126",
              case_number=case.case_number, procedure=procedure, panel=case.panel,
              small_claims_agreed=case.small_claims_agreed, team=team.code if team else "",
              service_due=rule_periods.complaint_service_due(on))
    case_refresh_term(case, as_of=on)
    notices_at_acceptance(case, actor=actor, on=on)  # FEE 20, 22: the fee notice goes out with 立案
    after_commit(signals.case_accepted, case=case, actor=actor, procedure=procedure)
    return case


@transaction.atomic
def case_assign(*, case: Case, actor: User | None, team: Team, judge: User | None = None,
                on: date | None = None, reason: str = "") -> Case:
    """Assign the case to a trial team and its judge (TL2000 Art. 7): the filing officer or the administrator.

    Moving a case that already has a team (to another team or judge) needs a reason, kept in the event with
    the team and judge before and after (product convention: the issue asks for the reason of a reassignment;
    the first assignment is made at acceptance, `case_accept`, or here for a case that has no team yet)."""
    case = locked(case)
    require(actor, Action.ASSIGN, case)
    if case.state in (CaseState.REJECTED, *DONE_STATES):
        raise refuse_transition(case, _("be assigned"))
    if team.court_id != case.court_id:
        raise CaseRuleError(TEAM_OF_OTHER_COURT, code="team_court")
    judge = judge or team.judge
    if judge is not None and judge.team_id != team.pk:
        raise CaseRuleError(NOT_ON_TEAM, code="judge_team")
    reason = (reason or "").strip()
    if case.team_id is not None and not reason:
        raise CaseRuleError(REASSIGN_NEEDS_REASON, code="assign_reason")
    check_length(_("reason"), reason, NOTE_MAX_LENGTH)
    old_team = case.team.code if case.team_id else ""
    old_judge = case.judge.username if case.judge_id else ""
    case.team, case.judge = team, judge
    case.save()
    log_event(case, K.ASSIGNED, actor=actor, on=day_or_today(on), from_state=case.state, to_state=case.state,
              reason=reason, basis="TL2000 Art. 7", from_team=old_team, team=team.code, from_judge=old_judge,
              judge=judge.username if judge else "")
    return case
