"""What a hearing leaves on the record besides the `Hearing` row: who attended for each party (CPL 146-147),
and for an asynchronous hearing (OLR 20) the windows the judge set and what each party submitted in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .docket import Hearing
from .documents import CaseDocument
from .parties import Party


class HearingAttendance(models.Model):
    """Whether a party attended a hearing, itself or through its representative (CPL 146-147)."""

    class Presence(models.TextChoices):
        PRESENT = "present", _("Present")
        REPRESENTED = "represented", _("Represented")
        ABSENT = "absent", _("Absent")

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="attendance")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    presence = models.CharField(_("attendance"), max_length=12, choices=Presence.choices)
    represented_by = models.CharField(_("represented by"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["hearing", "party__side_rank", "party_id"]
        constraints = [models.UniqueConstraint(fields=["hearing", "party"], name="attendance_once_per_party")]


class AsyncStage(models.TextChoices):
    """The stages of an asynchronous hearing, in order (OLR 20: 调解、证据交换、庭审活动)."""

    STATEMENTS = "statements", _("Statements")
    EVIDENCE = "evidence", _("Evidence")
    RESPONSES = "responses", _("Responses")


class AsyncWindow(models.Model):
    """The days within which the parties submit one stage of an asynchronous hearing (OLR 20: 在一定期限内)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="windows")
    stage = models.CharField(_("stage"), max_length=12, choices=AsyncStage.choices)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    class Meta:
        verbose_name = _("asynchronous window")
        verbose_name_plural = _("asynchronous windows")
        ordering = ["hearing", "opens_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "stage"], name="async_window_once_per_stage"),
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                   name="async_window_closes_after_opening"),
        ]


class AsyncSubmission(models.Model):
    """One party's submission in one window: its text and, optionally, a file in the case file."""

    window = models.ForeignKey(AsyncWindow, on_delete=models.PROTECT, related_name="submissions")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))
    text = models.TextField(_("text"))
    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("asynchronous submission")
        verbose_name_plural = _("asynchronous submissions")
        ordering = ["window", "submitted_at", "id"]
