"""What the docket records: excluded periods and extensions, service attempts, hearings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .choices import PeriodKind
from .parties import Party


class CasePeriod(models.Model):
    """A period not counted in the term (JI 243, TL2000 Art. 9) or an approved extension of it."""

    class Approver(models.TextChoices):
        PRESIDENT = "president", _("Court president")
        HIGHER_COURT = "higher_court", _("Higher court")

    case = models.ForeignKey("Case", on_delete=models.CASCADE, related_name="periods")
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

    case = models.ForeignKey("Case", on_delete=models.CASCADE, related_name="service_attempts")
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

    case = models.ForeignKey("Case", on_delete=models.CASCADE, related_name="hearings")
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
    # Booking (court.cases.services.hearing_booking): the room, the time window the conflict checks compare.
    courtroom = models.ForeignKey("org.Courtroom", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="hearings", verbose_name=_("courtroom"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    public = models.BooleanField(_("public hearing"), default=True,
                                 help_text=_("CPL 137: announced (CPL 139) unless heard in private."))
    private_reason = models.CharField(_("why not public"), max_length=200, blank=True)
    # Online hearings (OLR 21): the session's room, reached by a random, unguessable link.
    online_token = models.CharField(_("online room"), max_length=64, blank=True, db_index=True)
    # The record (CPL 147): the outcome and the transcript in the case file; who attended: HearingAttendance.
    outcome = models.TextField(_("outcome"), blank=True)
    transcript = models.ForeignKey("CaseDocument", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("transcript"))

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["case", "starts_at"]
        indexes = [
            models.Index(fields=["starts_at"], name="hearing_starts_at"),
            models.Index(fields=["status", "starts_at"], name="hearing_status_starts"),  # the work queues' hearings
            models.Index(fields=["judge", "starts_at"], name="hearing_judge_starts"),
            models.Index(fields=["courtroom", "starts_at"], name="hearing_room_starts"),
        ]

    def __str__(self) -> str:
        # In the court's time zone: the database hands back UTC (a 09:30 hearing would read 01:30).
        return f"{self.get_mode_display()} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @transition(field=status, source=Status.SCHEDULED, target=Status.HELD)
    def hold(self) -> None:
        pass

    @transition(field=status, source=Status.SCHEDULED, target=Status.ADJOURNED)
    def adjourn(self) -> None:
        pass

    @transition(field=status, source=Status.SCHEDULED, target=Status.CANCELLED)
    def cancel(self) -> None:
        pass
