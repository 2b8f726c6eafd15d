"""The records of a mediation: the mediation itself (before filing, court-annexed or entrusted), its agreement and
each party's signature (OMR 19), its sessions (OMR 16) and the statements and proposals exchanged (OMR 18).

A pre-filing mediation is the complaint itself, registered as a 民诉前调 case with its own number (案号规定); when
it fails, the complaint is received again as a new 民初 case (`filed_case`) carrying its parties and files, so the
民初 term starts at its own filing and the pre-filing days stay on this record (OMR 21(2), 24).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from court.cases.models import Case, CaseDocument, Party
from court.org.models import Area, MediationOrganisation


class Mediation(models.Model):
    class Stage(models.TextChoices):
        PRE_FILING = "pre_filing", _("Before filing (诉前调解)")
        ANNEXED = "annexed", _("Court-annexed, after filing (立案后调解)")
        ENTRUSTED = "entrusted", _("Entrusted to the chain (委托调解)")

    class Outcome(models.TextChoices):
        OPEN = "open", _("Open")
        AGREEMENT = "agreement", _("Agreement")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        FAILED = "failed", _("Failed")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="mediations", verbose_name=_("case"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    organisation = models.ForeignKey(MediationOrganisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="mediations", verbose_name=_("mediation organisation"))
    mediator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="mediations", verbose_name=_("mediator"))
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True, related_name="mediations",
                             verbose_name=_("the parties' town or village"))
    received_on = models.DateField(_("received on"))
    assign_by = models.DateField(_("mediator to be named by"), null=True, blank=True)
    started_on = models.DateField(_("mediation started on"), null=True, blank=True)
    due_on = models.DateField(_("mediation deadline"), null=True, blank=True, db_index=True)
    agreed_until = models.DateField(_("extended by the parties until"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("appraisal days (not counted)"), default=0)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.OPEN,
                               db_index=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=500, blank=True)
    filed_case = models.OneToOneField(Case, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="pre_filing_mediation", verbose_name=_("case filed after it"))
    confirmation_case = models.OneToOneField(Case, on_delete=models.PROTECT, null=True, blank=True,
                                             related_name="confirmed_mediation",
                                             verbose_name=_("judicial confirmation case"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("mediation")
        verbose_name_plural = _("mediations")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["mediator", "outcome"], name="mediation_mediator_outcome")]

    def __str__(self) -> str:
        return f"{self.case} {self.get_stage_display()}"

    @property
    def is_open(self) -> bool:
        return self.outcome == self.Outcome.OPEN

    @property
    def days(self) -> int | None:
        """The days the mediation took (from the mediator's acceptance, or the diversion, to its end)."""
        start = self.started_on or self.received_on
        return (self.ended_on - start).days if self.ended_on else None

    def days_left(self, today: date) -> int | None:
        return (self.due_on - today).days if self.due_on and self.is_open else None


class Agreement(models.Model):
    """The mediation agreement (调解协议, OMR 19): effective when every party has signed it online."""

    mediation = models.OneToOneField(Mediation, on_delete=models.PROTECT, related_name="agreement")
    terms = models.TextField(_("terms"), max_length=4000)
    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("document in the case file"))
    drawn_on = models.DateField(_("drawn up on"))
    effective_on = models.DateField(_("effective on"), null=True, blank=True)

    class Meta:
        verbose_name = _("mediation agreement")
        verbose_name_plural = _("mediation agreements")

    def __str__(self) -> str:
        return str(_("Agreement of %(case)s") % {"case": self.mediation.case})


class Signature(models.Model):
    """One party's electronic signature of the agreement (OMR 19 "当事人和调解员应当在调解协议上进行电子签章")."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="signatures")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("signed by"))
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "party"], name="signature_once_per_party")]


class Session(models.Model):
    """A mediation session (OMR 16): online with every party's consent (OMR 4), or in person at a place."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    online = models.BooleanField(_("online"), default=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        ordering = ["starts_at", "id"]


class Statement(models.Model):
    """A statement or a proposal made in the mediation (OMR 18 "自主表达意愿，提出纠纷解决方案"); what a party
    concedes here is not held against it at trial (OMR 18), so the trial team does not read it."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        PROPOSAL = "proposal", _("Proposal")

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="statements")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STATEMENT)
    party = models.ForeignKey(Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("for the party"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"), max_length=2000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["at", "id"]


class ConfirmationApplication(models.Model):
    """One party's part of the joint application for judicial confirmation (CPL 205 "由双方当事人……共同……提出";
    JI 351, 353): when every party has applied, the application is filed as a 民特 case."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="confirmation_applications")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party"))
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_on = models.DateField(_("applied on"))

    class Meta:
        verbose_name = _("application for judicial confirmation")
        verbose_name_plural = _("applications for judicial confirmation")
        constraints = [models.UniqueConstraint(fields=["mediation", "party"], name="confirmation_once_per_party")]


class CaseArea(models.Model):
    """The town or village a dispute comes from (the parties' residence): recorded at diversion, carried into the
    case filed after a failed mediation, and the base of each village's filings per 1,000 residents (诉源治理,
    "no-litigation villages"). Kept here because a case's area is the chain's concern, not the trial's."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="area_record")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="cases", verbose_name=_("town or village"))

    class Meta:
        verbose_name = _("area of a case")
        verbose_name_plural = _("areas of cases")
