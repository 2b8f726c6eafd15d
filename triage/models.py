"""Triage records: model versions (one active), training runs, and every recommendation with its decision."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from court.cases.models import Case, CaseEvent, Procedure

#: What made a recommendation (`Recommendation.trigger`) besides a case event (a re-triage after that event,
#: e.g. "service_failed": shown by the event kind's label).
TRIGGERS = {"retriage": _("a change in the case"), "manual": _("the judge's request"),
            "sweep": _("the retry of a failed triage")}


def trigger_label(value: str) -> str:
    """The reader's words for a trigger: the case event's label ("submitted" is the filing), or TRIGGERS'."""
    if value in CaseEvent.Kind.values:
        return str(CaseEvent.Kind(value).label)
    return str(TRIGGERS.get(value, value))


class ModelVersion(models.Model):
    """One trained router (with its duration models) in the models directory, described by its JSON card."""

    version = models.CharField(_("version"), max_length=60, unique=True)
    card_file = models.CharField(_("card file"), max_length=200)
    model_file = models.CharField(_("model file"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the model file"), max_length=64)
    card = models.JSONField(_("card"), default=dict)
    is_active = models.BooleanField(_("active"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    activated_at = models.DateTimeField(_("last activated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("triage model version")
        verbose_name_plural = _("triage model versions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="triage_one_active_model")
        ]

    def __str__(self) -> str:
        return self.version

    @property
    def metrics(self) -> dict:
        return self.card.get("metrics", {})


class TrainingRun(models.Model):
    """One training attempt (by hand or by the weekly schedule) and what came of it."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("Running")
        TRAINED = "trained", _("Trained")
        SKIPPED = "skipped", _("Skipped: nothing closed since the last training")
        FAILED = "failed", _("Failed")
        PROMOTED = "promoted", _("Trained and promoted")
        KEPT = "kept", _("Trained; the active model was kept")

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    message = models.TextField(_("message"), blank=True)
    trigger = models.CharField(_("trigger"), max_length=20, default="command")
    version = models.ForeignKey(ModelVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="runs")
    fingerprint = models.JSONField(_("closed-case fingerprint"), default=dict, blank=True)

    #: Not stored (the model card holds the report): set by `tasks.run_training` on the run it returns.
    report: dict[str, Any] | None = None
    #: Not stored: the promotion yardstick, {"new": metrics, "active": metrics or None}, set likewise.
    comparison: dict[str, Any] | None = None

    class Meta:
        verbose_name = _("training run")
        verbose_name_plural = _("training runs")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_outcome_display()}"


class Recommendation(models.Model):
    """A routing recommendation for one case at one moment; re-triage adds a row, never edits one."""

    class DecidedBy(models.TextChoices):
        RULE = "rule", _("A legal rule")
        MODEL = "model", _("The model")
        NONE = "none", _("No model: a person decides")

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting decision")
        ACCEPTED = "accepted", pgettext_lazy("triage decision", "Accepted")
        OVERRIDDEN = "overridden", _("Overridden")
        SUPERSEDED = "superseded", _("Superseded by a later recommendation")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="triage_recommendations")
    model_version = models.ForeignKey(ModelVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version_label = models.CharField(_("model version"), max_length=60, blank=True)
    trigger = models.CharField(_("trigger"), max_length=24)
    route = models.CharField(_("recommended procedure"), max_length=16, choices=Procedure.choices)
    p_complex = models.FloatField(_("probability complex"), null=True, blank=True)
    threshold = models.DecimalField(_("threshold"), max_digits=4, decimal_places=3)
    review_band = models.DecimalField(_("review band"), max_digits=4, decimal_places=3)
    needs_review = models.BooleanField(_("needs a human look"), default=False)
    decided_by = models.CharField(_("decided by"), max_length=8, choices=DecidedBy.choices)
    rule_code = models.CharField(_("rule"), max_length=40, blank=True)
    rule_article = models.CharField(_("article"), max_length=60, blank=True)
    allowed_routes = models.JSONField(_("routes the law allows"), default=list)
    reasons = models.JSONField(_("reasons"), default=list)
    features = models.JSONField(_("filing facts used"), default=dict)
    created_at = models.DateTimeField(_("recommended at"), auto_now_add=True, db_index=True)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    decided_route = models.CharField(_("decided procedure"), max_length=16, choices=Procedure.choices, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    override_reason = models.TextField(_("override reason"), blank=True)
    #: Decided by the case's acceptance (立案): the procedure the filing officer chose under case_accept.
    decided_at_filing = models.BooleanField(_("decided by the acceptance"), default=False)

    class Meta:
        verbose_name = _("triage recommendation")
        verbose_name_plural = _("triage recommendations")
        ordering = ["case", "-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"], name="triage_rec_case_created")]

    def __str__(self) -> str:
        return f"{self.case} → {self.get_route_display()}"

    def get_trigger_display(self) -> str:
        return trigger_label(self.trigger)


class ModelActivation(models.Model):
    """One change of the active model (promotion, rollback or roll-forward): who, when, why, and what it replaced.

    Appended by `registry.activate` in the same transaction as the switch; never edited."""

    class Kind(models.TextChoices):
        FIRST = "first", _("First activation")
        PROMOTION = "promotion", _("Promotion")
        ROLLBACK = "rollback", _("Rollback")

    version = models.ForeignKey(ModelVersion, on_delete=models.CASCADE, related_name="activations")
    previous = models.ForeignKey(ModelVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("previously active version"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("triage model activation")
        verbose_name_plural = _("triage model activations")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.version} ({self.get_kind_display()})"
