"""The civil case: its filing-time facts, its two state machines and its materialised term ledger.

Two django-fsm-2 state machines live on `Case`: `state` (the lifecycle) and `procedure` (small claims,
simple, ordinary). Transitions are pure: no I/O, no save(). The services (`court.cases.services`) check the
law, run the transition, save, write the `CaseEvent` and schedule side effects after commit.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from court.org.models import Court, Team
from court.rules.claims import claim_facts
from court.rules.procedure import DocumentService, FilingFacts

from ..bounds import AmountField

from .catalogue import Cause
from .choices import (
    ACTIVE_STATES,
    WORKING_STATES,
    CaseState,
    CaseType,
    ClosingMode,
    Panel,
    PartyKind,
    Procedure,
    SuitKind,
)
from .docket import ServiceAttempt
from .events import CaseEvent
from .parties import Party, Representative

S = CaseState


class CaseNumberSequence(models.Model):
    """The natural-number sequence of 案号 per court, type code and year (案号规定 Arts 9-10)."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT)
    type_code = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["court", "type_code", "year"], name="case_number_sequence_unique")
        ]


class Case(ConcurrentTransitionMixin, models.Model):
    """A civil case from online filing to archive."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="cases", verbose_name=_("court"))
    case_type = models.CharField(_("case type"), max_length=8, choices=CaseType.choices, default=CaseType.FIRST_INSTANCE)
    case_number = models.CharField(_("case number"), max_length=60, unique=True, null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    serial = models.PositiveIntegerField(_("serial"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    cause = models.ForeignKey(Cause, on_delete=models.PROTECT, related_name="cases", verbose_name=_("cause of action"))
    claim_amount = AmountField(_("claim amount (yuan)"), max_digits=16, decimal_places=2, default=0)
    claims = models.TextField(_("claims"), blank=True)
    facts = models.TextField(_("facts and reasons"), blank=True)

    # Filing-time facts: the triage features (interchange.md whitelist), kept current by the party services.
    plaintiff_count = models.PositiveSmallIntegerField(_("plaintiffs"), default=1)
    defendant_count = models.PositiveSmallIntegerField(_("defendants"), default=1)
    third_party_count = models.PositiveSmallIntegerField(_("third parties"), default=0)
    plaintiff_kind = models.CharField(_("plaintiff kind"), max_length=8, choices=PartyKind.choices, default=PartyKind.PERSON)
    defendant_kind = models.CharField(_("defendant kind"), max_length=8, choices=PartyKind.choices, default=PartyKind.PERSON)
    defendant_address_known = models.BooleanField(_("defendant address known"), default=True)
    e_service_consent = models.BooleanField(_("all parties consent to electronic service"), default=False)
    appraisal_requested = models.BooleanField(_("appraisal requested"), default=False)
    foreign_related = models.BooleanField(_("foreign-related"), default=False)
    lawyer_represented = models.BooleanField(_("plaintiff has a lawyer"), default=False)
    evidence_items = models.PositiveIntegerField(_("evidence items"), default=0)
    counterclaim = models.BooleanField(_("counterclaim filed"), default=False)
    remanded = models.BooleanField(_("remanded for retrial"), default=False)
    public_interest = models.BooleanField(_("state or public interest"), default=False)
    retrial = models.BooleanField(_("retrial (trial supervision)"), default=False)
    suit_kind = models.CharField(_("special suit"), max_length=24, choices=SuitKind.choices, blank=True)
    original_case_number = models.CharField(_("original case number"), max_length=60, blank=True)
    money_claim_only = models.BooleanField(_("every claim is for a payment of money"), null=True, blank=True)
    small_claims_agreed = models.BooleanField(_("parties agreed to small claims (CPL 165(2))"), default=False)
    counterclaim_amount = AmountField(
        _("counterclaim amount (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    # The answer and evidence periods before the first hearing (CPL 128, 285; JI 99, 266, 275).
    answer_period_days = models.PositiveSmallIntegerField(_("answer period set by the court (days)"), null=True, blank=True)
    answer_period_waived = models.BooleanField(_("the parties waived the answer period"), default=False)
    evidence_period_start = models.DateField(_("evidence period runs from"), null=True, blank=True)
    evidence_period_days = models.PositiveSmallIntegerField(_("evidence period (days)"), null=True, blank=True)
    evidence_period_waived = models.BooleanField(_("the parties waived the evidence period"), default=False)

    state = FSMField(_("state"), max_length=16, choices=CaseState.choices, default=CaseState.FILED, protected=True)
    # Where an interruption returns to, one field per kind, since they nest (a mediation can be suspended).
    state_before = models.CharField(max_length=16, blank=True, editable=False)  # resume after a suspension
    state_before_mediation = models.CharField(max_length=16, blank=True, editable=False)
    state_before_hearing = models.CharField(max_length=16, blank=True, editable=False)
    procedure = FSMField(_("procedure"), max_length=16, choices=Procedure.choices, default=Procedure.SIMPLE, protected=True)
    initial_procedure = models.CharField(_("initial procedure"), max_length=16, choices=Procedure.choices, default=Procedure.SIMPLE)
    panel = models.CharField(_("bench"), max_length=10, choices=Panel.choices, default=Panel.SOLE)
    converted_on = models.DateField(_("converted to ordinary on"), null=True, blank=True)
    heard = models.BooleanField(_("has been heard"), default=False)

    submitted_on = models.DateField(_("received on"), null=True, blank=True)
    corrected_on = models.DateField(_("corrections received on"), null=True, blank=True)
    filed_on = models.DateField(_("filing date (立案)"), null=True, blank=True, db_index=True)
    closed_on = models.DateField(_("closing date"), null=True, blank=True, db_index=True)
    closing_mode = models.CharField(_("closing mode"), max_length=20, choices=ClosingMode.choices, blank=True)

    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("trial team"))
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="judged_cases", verbose_name=_("judge")
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="mediated_cases", verbose_name=_("mediator")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="filed_cases", verbose_name=_("filed by")
    )

    # The term ledger, materialised by `court.cases.term.case_refresh_term` (its only writer) so that the
    # metrics aggregate in the database. Running periods count to `term_as_of`.
    elapsed_days = models.IntegerField(null=True, blank=True)
    excluded_days = models.IntegerField(null=True, blank=True)
    net_trial_days = models.IntegerField(null=True, blank=True, db_index=True)
    extension_months = models.PositiveSmallIntegerField(default=0)
    normal_deadline = models.DateField(_("normal deadline"), null=True, blank=True, db_index=True)
    extended_deadline = models.DateField(_("extended deadline"), null=True, blank=True)
    within_normal_term = models.BooleanField(null=True, blank=True)
    within_term = models.BooleanField(null=True, blank=True)
    term_as_of = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-filed_on", "-id"]
        indexes = [
            # filed_on too: the pending-at-a-date queries (closed_on empty or later, filed_on <= date) need only the index.
            models.Index(fields=["court", "case_type", "closed_on", "filed_on"], name="case_court_type_closed"),
            models.Index(fields=["court", "case_type", "filed_on"], name="case_court_type_filed"),
            models.Index(fields=["team", "state"], name="case_team_state"),
            # The docket sorts by days left, i.e. by the deadline, within a court or a team's pending cases; a team's
            # lists and queues (access.cases_for_user: court and team) by filing or closing date. With the court in
            # the index a team's count and a page's ids are read from the index alone (bench/bench_queues.py).
            models.Index(fields=["court", "state", "extended_deadline"], name="case_court_state_deadline"),
            models.Index(fields=["court", "team", "state", "extended_deadline"], name="case_court_team_state_deadline"),
            models.Index(fields=["court", "team", "state", "filed_on"], name="case_court_team_state_filed"),
            models.Index(fields=["court", "team", "state", "closed_on"], name="case_court_team_state_closed"),
        ]
        permissions = [("view_all_cases", "Can view every case of the court")]

    def __str__(self) -> str:
        return self.case_number or str(_("Filing #%(id)s") % {"id": self.pk})

    # --- lifecycle (pure transitions; the services do the rest) ---------------------------------------
    @transition(field=state, source=S.FILED, target=S.CORRECTION)
    def request_correction(self) -> None:
        """REG2015 Art. 7: one written notice listing everything to correct."""

    @transition(field=state, source=S.CORRECTION, target=S.FILED)
    def resubmit(self) -> None:
        """OLR 9(2): the decision period restarts the day after corrected materials arrive."""

    @transition(field=state, source=[S.FILED, S.CORRECTION], target=S.REJECTED)
    def reject(self) -> None:
        """CPL 126: a ruling not to accept (裁定不予受理)."""

    @transition(field=state, source=[S.FILED, S.CORRECTION], target=S.WITHDRAWN)
    def withdraw_filing(self) -> None:
        """The filer takes the complaint back before 立案 (nothing has been decided, so nothing is ruled)."""

    @transition(field=state, source=S.FILED, target=S.ACCEPTED, conditions=[lambda c: c.defendant_count > 0])
    def accept(self) -> None:
        """CPL 126: 立案; CPL 122(2) needs a clear defendant."""

    @transition(field=state, source=S.ACCEPTED, target=S.SERVICE)
    def start_service(self) -> None:
        """CPL 128: the complaint copy goes to the defendant within 5 days of 立案."""

    @transition(field=state, source=[S.ACCEPTED, S.SERVICE, S.SCHEDULED, S.HEARD, S.MEDIATION], target=S.SCHEDULED)
    def schedule_hearing(self) -> None:
        """CPL 139: parties are summoned at least 3 days before the hearing."""
        if self.state != S.SCHEDULED:
            self.state_before_hearing = self.state

    @transition(field=state, source=S.SCHEDULED, target=S.HEARD)
    def record_hearing(self) -> None:
        self.heard = True

    @transition(field=state, source=S.SCHEDULED, target=RETURN_VALUE(S.ACCEPTED, S.SERVICE, S.HEARD, S.MEDIATION))
    def cancel_hearing(self) -> str:
        """A hearing adjourned or cancelled: back to where the case stood (TL2019 Art. 3 limits adjournments)."""
        if self.state_before_hearing and self.state_before_hearing != S.SCHEDULED:
            return self.state_before_hearing
        return S.HEARD if self.heard else S.SERVICE

    @transition(field=state, source=WORKING_STATES, target=S.MEDIATION)
    def start_mediation(self) -> None:
        """CPL 125, SPR Art. 14: mediation first where suitable."""
        if self.state != S.MEDIATION:
            self.state_before_mediation = self.state

    @transition(field=state, source=S.MEDIATION, target=RETURN_VALUE(*WORKING_STATES))
    def end_mediation(self) -> str:
        """Mediation failed: the case goes back to where it stood."""
        return self.state_before_mediation or S.ACCEPTED

    @transition(field=state, source=WORKING_STATES, target=S.SUSPENDED)
    def suspend(self) -> None:
        """CPL 153: suspension (中止诉讼); the term clock stops (TL2000 Art. 9(9))."""
        self.state_before = self.state

    @transition(field=state, source=S.SUSPENDED, target=RETURN_VALUE(*WORKING_STATES))
    def resume(self) -> str:
        """JI 246: the suspension lapses when the court lets the parties continue."""
        return self.state_before or S.ACCEPTED

    @transition(field=state, source=[*WORKING_STATES, S.SUSPENDED], target=S.CLOSED)
    def close(self) -> None:
        """Law-digest §8.1; the service checks that the mode fits the state and fixes the date (§1.3)."""

    @transition(field=state, source=S.CLOSED, target=S.ARCHIVED)
    def archive(self) -> None:
        """The file is bound and archived after closing."""

    # --- procedure (简易/小额/普通) -------------------------------------------------------------------
    @transition(field=procedure, source=[Procedure.SMALL_CLAIMS, Procedure.SIMPLE], target=Procedure.ORDINARY)
    def convert_to_ordinary(self) -> None:
        """CPL 170, JI 258: before the simple term expires; the term still runs from filing."""

    @transition(field=procedure, source=Procedure.SMALL_CLAIMS, target=Procedure.SIMPLE)
    def convert_to_simple(self) -> None:
        """CPL 169, JI 278: a small-claims case that became unsuitable continues under simple procedure."""

    @transition(
        field=procedure, source=Procedure.ORDINARY, target=Procedure.SIMPLE, conditions=[lambda c: not c.heard]
    )
    def agree_to_simple(self) -> None:
        """CPL 160(2), JI 264: by the parties' agreement before the hearing; never after it (JI 260)."""

    # --- derived ------------------------------------------------------------------------------------------
    @property
    def is_pending(self) -> bool:
        return self.state in ACTIVE_STATES

    def days_left(self, today: date) -> int | None:
        deadline = self.extended_deadline or self.normal_deadline
        return None if deadline is None or not self.is_pending else (deadline - today).days

    # --- facts the rules read -------------------------------------------------------------------------
    def filing_facts(self) -> FilingFacts:
        """What decides the procedure (JI 257, 308; CPL 165-166), as `court.rules.procedure` reads it."""
        claims = claim_facts(self.cause.claim_nature if self.cause_id else None, self.money_claim_only,
                             self.claim_amount)
        return FilingFacts(
            cause_code=self.cause.code if self.cause_id else None,
            claim_amount=self.claim_amount,
            plaintiffs=self.plaintiff_count,
            defendants=self.defendant_count,
            third_parties=self.third_party_count,
            defendant_address_known=self.defendant_address_known,
            foreign_related=self.foreign_related,
            appraisal_requested=self.appraisal_requested,
            counterclaim=self.counterclaim,
            remanded=self.remanded,
            # The retrial as declared or as the case type (民再) says (JI 257(4)); the special suits: `special_suit`.
            retrial=self.retrial or self.case_type == CaseType.RETRIAL,
            public_interest=self.public_interest,
            third_party_revocation=self.special_suit == SuitKind.THIRD_PARTY_REVOCATION,
            execution_objection=self.special_suit == SuitKind.EXECUTION_OBJECTION,
            # CPL 165 "简单金钱给付" and CPL 166(1) "人身关系、财产确权案件", from the cause's claim nature and, for a
            # mixed cause, whether every claim of this case is for money (court.rules.claims).
            personal_status_or_ownership=claims.personal_status_or_ownership,
            money_payment=claims.money_payment,
            # CPL 166(4) "一方当事人下落不明": either side (the defendants' are `defendant_address_known`).
            plaintiff_address_known=self.pk is None or not self.parties.filter(
                side=Party.Side.PLAINTIFF, address_known=False).exists(),
        )

    @property
    def special_suit(self) -> str:
        """The special suit as declared, or as the case type (民撤) or the cause (第三人撤销之诉; 案外人/申请执行人
        执行异议之诉) names it: JI 257(6), 292 and 308 bar simple procedure, REG2015 Art. 8 sets its filing period."""
        if self.suit_kind:
            return self.suit_kind
        name = self.cause.name if self.cause_id else ""
        if self.case_type == CaseType.THIRD_PARTY_REVOCATION or name == "第三人撤销之诉":
            return SuitKind.THIRD_PARTY_REVOCATION
        if name.endswith("执行异议之诉"):
            return SuitKind.EXECUTION_OBJECTION
        return ""

    def refresh_party_facts(self) -> None:
        """Set the party facts (counts, kinds, address known, e-service consent, a lawyer for the plaintiff)
        from the case's parties; the caller saves. The party services call it after every change."""
        parties = list(self.parties.prefetch_related("representatives"))
        by_side: dict[str, list[Party]] = {side: [] for side in Party.Side.values}
        for party in parties:
            by_side[party.side].append(party)
        plaintiffs, defendants = by_side[Party.Side.PLAINTIFF], by_side[Party.Side.DEFENDANT]
        self.plaintiff_count = len(plaintiffs)
        self.defendant_count = len(defendants)
        self.third_party_count = len(by_side[Party.Side.THIRD_PARTY])
        self.plaintiff_kind = _side_kind({p.kind for p in plaintiffs})
        self.defendant_kind = _side_kind({p.kind for p in defendants})
        self.defendant_address_known = all(p.address_known for p in defendants)
        self.e_service_consent = bool(parties) and all(p.e_service_consent for p in parties)
        self.lawyer_represented = any(
            r.kind == Representative.Kind.LAWYER for p in plaintiffs for r in p.representatives.all()
        )

    def count_evidence(self) -> None:
        """Derive `evidence_items` (the count triage reads) from the evidence list (证据目录); the caller saves.
        The evidence services call it after every change; a case without a list (an import, a counter filing)
        keeps the number it was given."""
        self.evidence_items = self.evidence.count()

    def mediation_started_on(self) -> date | None:
        """The day the latest mediation started (OMR 24 counts its days from then)."""
        event = self.events.filter(kind=CaseEvent.Kind.MEDIATION_STARTED).order_by("-on", "-id").first()
        return event.on if event else None

    def mediation_service_dates(self) -> list[DocumentService]:
        """Each party's first effective service of the mediation document (OLR 31), if every party has one;
        otherwise none. A mediated case closes on the last of them (TL2000 Art. 10), a mailed one counting
        from its mailing day (TL2000 Art. 10(3), `DocumentService.closing_on`); it takes effect on the last
        receipt (JI 149, `court.rules.procedure.mediation_effective_date`)."""
        first: dict[int, DocumentService] = {}
        for party_id, channel, sent_on, served_on in self.service_attempts.filter(
            document=ServiceAttempt.Document.MEDIATION, status=ServiceAttempt.Status.SERVED, party__isnull=False,
        ).values_list("party_id", "channel", "sent_on", "served_on"):
            if served_on is not None and (party_id not in first or served_on < first[party_id].served_on):
                first[party_id] = DocumentService(channel=channel, sent_on=sent_on, served_on=served_on)
        return list(first.values()) if len(first) == self.parties.count() else []


def _side_kind(kinds: set[str]) -> str:
    """The kind of one side: a person, an entity, or mixed when its parties differ."""
    if len(kinds) > 1:
        return PartyKind.MIXED
    return kinds.pop() if kinds else PartyKind.PERSON
