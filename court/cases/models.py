"""The civil case and what hangs off it: parties, periods, service, hearings and the append-only event log.

Two django-fsm-2 state machines live on `Case`: `state` (the lifecycle) and `procedure` (small claims,
simple, ordinary). Transitions are pure: no I/O, no save(). The services in `services.py` check the law,
run the transition, save, write the `CaseEvent` and schedule side effects after commit.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import connections, models, transaction
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from court.org.models import Court, Team
from court.rules.enums import ClosingMode as RuleClosingMode
from court.rules.enums import PeriodKind as RulePeriodKind
from court.rules.enums import Procedure as RuleProcedure


class CaseType(models.TextChoices):
    """Civil type codes (案件类型代字) of the SPC standard list that a basic court handles."""

    FIRST_INSTANCE = "民初", _("Civil first instance (民初)")
    PRE_SUIT_MEDIATION = "民诉前调", _("Pre-suit mediation (民诉前调)")
    SPECIAL = "民特", _("Special procedure (民特)")
    SECOND_INSTANCE = "民终", _("Civil second instance (民终)")
    PAYMENT_ORDER = "民督", _("Payment order (民督)")
    PUBLIC_NOTICE = "民催", _("Public-notice summons (民催)")
    OTHER = "民他", _("Other civil (民他)")


class Procedure(models.TextChoices):
    SMALL_CLAIMS = RuleProcedure.SMALL_CLAIMS.value, _("Small claims")
    SIMPLE = RuleProcedure.SIMPLE.value, _("Simple procedure")
    ORDINARY = RuleProcedure.ORDINARY.value, _("Ordinary procedure")


class Panel(models.TextChoices):
    SOLE = "sole", _("Sole judge")
    COLLEGIAL = "collegial", _("Collegial panel")


class ClosingMode(models.TextChoices):
    """Closing modes (结案方式) of law-digest §8.1; the statistical bucket is `metrics`' business."""

    JUDGMENT = RuleClosingMode.JUDGMENT.value, _("Judgment")
    MEDIATION = RuleClosingMode.MEDIATION.value, _("Mediation")
    WITHDRAWAL = RuleClosingMode.WITHDRAWAL.value, _("Withdrawal")
    DEEMED_WITHDRAWAL = RuleClosingMode.DEEMED_WITHDRAWAL.value, _("Deemed withdrawal")
    DISMISSAL = RuleClosingMode.DISMISSAL.value, _("Dismissal of the suit")
    TRANSFER = RuleClosingMode.TRANSFER.value, _("Transfer")
    TERMINATION = RuleClosingMode.TERMINATION.value, _("Termination")
    OTHER = RuleClosingMode.OTHER.value, _("Other")


class PartyKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    ENTITY = "entity", _("Legal person or other organisation")
    MIXED = "mixed", _("Mixed")


class CaseState(models.TextChoices):
    FILED = "filed", _("Filed, awaiting decision")
    CORRECTION = "correction", _("Awaiting correction")
    REJECTED = "rejected", _("Not accepted")
    ACCEPTED = "accepted", _("Accepted")
    SERVICE = "service", _("In service")
    SCHEDULED = "scheduled", _("Hearing scheduled")
    HEARD = "heard", _("Heard")
    MEDIATION = "mediation", _("In mediation")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


S = CaseState
#: States in which the statutory term runs and the docket shows the case.
ACTIVE_STATES = (S.ACCEPTED, S.SERVICE, S.SCHEDULED, S.HEARD, S.MEDIATION, S.SUSPENDED)
#: States from which a hearing, mediation or suspension can begin.
WORKING_STATES = (S.ACCEPTED, S.SERVICE, S.SCHEDULED, S.HEARD, S.MEDIATION)
PENDING_STATES = ACTIVE_STATES
DONE_STATES = (S.CLOSED, S.ARCHIVED)


class CauseCatalogue(models.Model):
    """A version of 民事案件案由规定, in force from `effective_from` (law-digest §10)."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    class Meta:
        verbose_name = _("cause catalogue")
        verbose_name_plural = _("cause catalogues")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Cause(models.Model):
    """A cause of action (案由) in one catalogue version, with its place in the hierarchy."""

    catalogue = models.ForeignKey(CauseCatalogue, on_delete=models.PROTECT, related_name="causes")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    personal_status = models.BooleanField(
        _("personal status or ownership"), default=False, help_text=_("Excluded from small claims (CPL 166(1)).")
    )

    class Meta:
        verbose_name = _("cause of action")
        verbose_name_plural = _("causes of action")
        ordering = ["catalogue", "code"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="cause_unique_code"),
            models.UniqueConstraint(fields=["catalogue", "name"], name="cause_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


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
    claim_amount = models.DecimalField(_("claim amount (yuan)"), max_digits=16, decimal_places=2, default=0)
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
            # The docket sorts by days left, i.e. by the deadline, within a court or a team's pending cases.
            models.Index(fields=["court", "state", "extended_deadline"], name="case_court_state_deadline"),
            models.Index(fields=["team", "state", "extended_deadline"], name="case_team_state_deadline"),
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

    @property
    def converted(self) -> bool:
        return self.converted_on is not None

    def days_left(self, today: date) -> int | None:
        deadline = self.extended_deadline or self.normal_deadline
        return None if deadline is None or not self.is_pending else (deadline - today).days


class Party(models.Model):
    class Side(models.TextChoices):
        PLAINTIFF = "plaintiff", _("Plaintiff")
        DEFENDANT = "defendant", _("Defendant")
        THIRD_PARTY = "third_party", _("Third party")

    class Kind(models.TextChoices):
        PERSON = "person", _("Natural person")
        ENTITY = "entity", _("Legal person or other organisation")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=100)
    id_number = models.CharField(_("ID or credit code"), max_length=40, blank=True)
    address = models.CharField(_("service address"), max_length=200, blank=True)
    address_known = models.BooleanField(_("address known"), default=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    e_service_consent = models.BooleanField(_("consents to electronic service"), default=False)
    e_address = models.CharField(_("electronic address"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="party_roles"
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "side", "id"]

    def __str__(self) -> str:
        return f"{self.get_side_display()} {self.name}"


class Representative(models.Model):
    class Kind(models.TextChoices):
        LAWYER = "lawyer", _("Lawyer")
        AGENT = "agent", _("Other agent")
        LEGAL_REPRESENTATIVE = "legal", _("Legal representative")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="representatives")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.LAWYER)
    name = models.CharField(_("name"), max_length=100)
    law_firm = models.CharField(_("law firm"), max_length=100, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="representations"
    )

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self) -> str:
        return self.name


class PeriodKind(models.TextChoices):
    PUBLICATION = RulePeriodKind.PUBLICATION.value, _("Publication (公告)")
    APPRAISAL = RulePeriodKind.APPRAISAL.value, _("Appraisal (鉴定)")
    SETTLEMENT = RulePeriodKind.SETTLEMENT.value, _("Settlement (和解)")
    JURISDICTION_OBJECTION = RulePeriodKind.JURISDICTION_OBJECTION.value, _("Jurisdiction objection (管辖异议)")
    JURISDICTION_DISPUTE = RulePeriodKind.JURISDICTION_DISPUTE.value, _("Jurisdiction dispute (管辖争议)")
    AUDIT_VALUATION = RulePeriodKind.AUDIT_VALUATION.value, _("Audit, valuation, asset clearing")
    EVIDENCE_ADJOURNMENT = RulePeriodKind.EVIDENCE_ADJOURNMENT.value, _("Adjournment for new evidence")
    SUSPENSION = RulePeriodKind.SUSPENSION.value, _("Suspension (中止诉讼)")
    MEDIATION_EXTENSION = RulePeriodKind.MEDIATION_EXTENSION.value, _("Extended mediation")
    EXTENSION = RulePeriodKind.EXTENSION.value, _("Approved extension (延长审限)")


class CasePeriod(models.Model):
    """A period not counted in the term (JI 243, TL2000 Art. 9) or an approved extension of it."""

    class Approver(models.TextChoices):
        PRESIDENT = "president", _("Court president")
        HIGHER_COURT = "higher_court", _("Higher court")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kind"), max_length=24, choices=PeriodKind.choices)
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("end"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    approver = models.CharField(_("approved by"), max_length=16, choices=Approver.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["case", "start_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on")),
                name="period_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_on}–{self.end_on or '…'}"


class ServiceAttempt(ConcurrentTransitionMixin, models.Model):
    """One attempt to serve one document on one party (CPL 87-95; OLR 29-31)."""

    class Document(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint copy and answer notice")
        SUMMONS = "summons", _("Summons")
        JUDGMENT = "judgment", _("Judgment")
        RULING = "ruling", _("Ruling")
        MEDIATION = "mediation", _("Mediation document")
        OTHER = "other", _("Other document")

    class Channel(models.TextChoices):
        ELECTRONIC = "electronic", _("Electronic (CPL 90)")
        POST = "post", _("Court post (CPL 91)")
        DIRECT = "direct", _("In person (CPL 87)")
        LEFT = "left", _("Left at residence (CPL 89)")
        ENTRUSTED = "entrusted", _("Entrusted court (CPL 91)")
        PUBLICATION = "publication", _("Publication (CPL 95)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        SERVED = "served", _("Served")
        FAILED = "failed", _("Failed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="service_attempts")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, null=True, blank=True, related_name="service_attempts")
    document = models.CharField(_("document"), max_length=12, choices=Document.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    status = FSMField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING, protected=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    served_on = models.DateField(_("served on"), null=True, blank=True)
    evidence = models.CharField(_("proof of service"), max_length=200, blank=True)
    failure_reason = models.CharField(_("reason for failure"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("service attempt")
        verbose_name_plural = _("service attempts")
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return f"{self.get_document_display()} → {self.party} ({self.get_channel_display()})"

    @transition(field=status, source=Status.PENDING, target=Status.SENT)
    def send(self) -> None:
        pass

    @transition(field=status, source=[Status.PENDING, Status.SENT], target=Status.SERVED)
    def mark_served(self) -> None:
        pass

    @transition(field=status, source=[Status.PENDING, Status.SENT], target=Status.FAILED)
    def mark_failed(self) -> None:
        pass


class Hearing(ConcurrentTransitionMixin, models.Model):
    """A hearing in person, online (OLR 21) or asynchronous (OLR 20(2))."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        ASYNC = "async", _("Asynchronous")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        ADJOURNED = "adjourned", _("Adjourned")
        CANCELLED = "cancelled", _("Cancelled")

    class Cause(models.TextChoices):
        """Who or what caused an adjournment (delay attribution, anchors §9.4)."""

        PARTY = "party", _("A party's request")
        NEW_EVIDENCE = "new_evidence", _("New evidence (CPL 149(3))")
        ABSENCE = "absence", _("Justified absence (CPL 149(1))")
        CHALLENGE = "challenge", _("Challenge (CPL 149(2))")
        FORCE_MAJEURE = "force_majeure", _("Force majeure or accident (CPL 149(4))")
        COURT = "court", _("Court scheduling")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    starts_at = models.DateTimeField(_("starts at"))
    respond_by = models.DateField(_("responses due (asynchronous)"), null=True, blank=True)
    room = models.CharField(_("courtroom or link"), max_length=200, blank=True)
    notified_on = models.DateField(_("parties notified on"), null=True, blank=True)
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED, protected=True)
    adjournment_cause = models.CharField(_("adjournment cause"), max_length=16, choices=Cause.choices, blank=True)
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    assistant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["case", "starts_at"]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    @transition(field=status, source=Status.SCHEDULED, target=Status.HELD)
    def hold(self) -> None:
        pass

    @transition(field=status, source=Status.SCHEDULED, target=Status.ADJOURNED)
    def adjourn(self) -> None:
        pass

    @transition(field=status, source=Status.SCHEDULED, target=Status.CANCELLED)
    def cancel(self) -> None:
        pass


class CaseEventQuerySet(models.QuerySet):
    """Append-only at the ORM level; on PostgreSQL a trigger (migration 0005) also refuses UPDATE and DELETE."""

    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise TypeError("CaseEvent is append-only; it cannot be updated.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise TypeError("CaseEvent is append-only; it cannot be deleted.")

    def purge(self) -> int:
        """Delete these events. The one exception to the append-only rule: wiping demo data
        (`generate_demo --replace`); real cases never lose their log."""
        connection = connections[self.db]
        with transaction.atomic(using=self.db):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # the trigger lets a DELETE through only with this set
                    cursor.execute("SET LOCAL fanjian.allow_event_purge = 'on'")
            return self._raw_delete(self.db)


class CaseEvent(models.Model):
    """One row per transition and docket entry: the audit trail and the source every report reads."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Complaint submitted")
        CORRECTION_REQUESTED = "correction_requested", _("Correction requested")
        RESUBMITTED = "resubmitted", _("Corrected complaint received")
        REJECTED = "rejected", _("Not accepted")
        ACCEPTED = "accepted", _("Accepted (立案)")
        ASSIGNED = "assigned", _("Assigned to a team")
        PARTY_ADDED = "party_added", _("Party added")
        AMOUNT_AMENDED = "amount_amended", _("Claim amount amended")
        COUNTERCLAIM = "counterclaim", _("Counterclaim filed")
        SERVICE_SENT = "service_sent", _("Document sent")
        SERVICE_SERVED = "service_served", _("Document served")
        SERVICE_FAILED = "service_failed", _("Service failed")
        HEARING_SCHEDULED = "hearing_scheduled", _("Hearing scheduled")
        HEARING_HELD = "hearing_held", _("Hearing held")
        HEARING_ADJOURNED = "hearing_adjourned", _("Hearing adjourned")
        MEDIATION_STARTED = "mediation_started", _("Mediation started")
        MEDIATION_FAILED = "mediation_failed", _("Mediation failed")
        SUSPENDED = "suspended", _("Suspended")
        RESUMED = "resumed", _("Resumed")
        PERIOD_STARTED = "period_started", _("Excluded period started")
        PERIOD_ENDED = "period_ended", _("Excluded period ended")
        EXTENDED = "extended", _("Term extended")
        CONVERTED = "converted", _("Procedure changed")
        TRIAGED = "triaged", _("Triage recommendation")
        TRIAGE_DECIDED = "triage_decided", _("Triage decision")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")
        IMPORTED = "imported", _("Imported")
        NOTE = "note", _("Docket note")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)
    on = models.DateField(_("legal date"), help_text=_("The date the act took legal effect."))
    from_state = models.CharField(_("from"), max_length=16, blank=True)
    to_state = models.CharField(_("to"), max_length=16, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    basis = models.CharField(_("legal basis"), max_length=60, blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case", "at", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise TypeError("CaseEvent is append-only; it cannot be changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise TypeError("CaseEvent is append-only; it cannot be deleted.")
