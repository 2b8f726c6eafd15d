"""The append-only event log of a case: one `CaseEvent` per transition and docket entry."""

from __future__ import annotations

from django.conf import settings
from django.db import connections, models, transaction
from django.utils.translation import gettext_lazy as _


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
        HEARING_RECORDED = "hearing_recorded", _("Hearing record completed")
        ASYNC_WINDOWS_SET = "async_windows_set", _("Asynchronous hearing windows set")
        ASYNC_SUBMITTED = "async_submitted", _("Asynchronous hearing submission")
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
        DOCUMENT_ADDED = "document_added", _("Document added to the case file")
        INTERNAL_DOCUMENT_ADDED = "internal_document_added", _("Internal document added to the case file")
        EVIDENCE_ADDED = "evidence_added", _("Evidence listed")
        EVIDENCE_CHANGED = "evidence_changed", _("Evidence list changed")
        EVIDENCE_REMOVED = "evidence_removed", _("Evidence withdrawn from the list")
        EVIDENCE_PERIOD_SET = "evidence_period_set", _("Evidence period set")
        ANSWER_PERIOD_SET = "answer_period_set", _("Answer period set")
        PERIODS_WAIVED = "periods_waived", _("Answer or evidence period waived")
        CONSENTS_RECORDED = "consents_recorded", _("Party's consents recorded")
        FILING_AMENDED = "filing_amended", _("Complaint corrected")
        FILING_WITHDRAWN = "filing_withdrawn", _("Complaint withdrawn before acceptance")
        APPLICATION_FILED = "application_filed", _("Application filed")
        APPLICATION_DECIDED = "application_decided", _("Application decided")
        ANSWER_FILED = "answer_filed", _("Answer filed")
        ADDRESS_CONFIRMED = "address_confirmed", _("Service address confirmed")
        FEE_NOTICE = "fee_notice", _("Fee notice issued")
        FEE_PAID = "fee_paid", _("Fee paid")
        FEE_RELIEF = "fee_relief", _("Fee relief decided")
        APPEAL_FILED = "appeal_filed", _("Appeal filed")
        ENFORCEMENT_TRANSFERRED = "enforcement_handoff", _("Handed over for enforcement")
        EXTENSION_APPLIED = "extension_applied", _("Term extension applied for")
        EXTENSION_REFUSED = "extension_refused", _("Term extension refused")

    case = models.ForeignKey("Case", on_delete=models.PROTECT, related_name="events")
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
