"""What an administrator enters beside the computed figures: the court's targets and the province's figures.

A target is a court setting: per court and figure, the value the court aims at (a rate as a fraction, e.g. 0.75,
days as days). The province's figures are entered per province, year and figure from the higher court's
published report; the dashboard sets them beside the court's own where they exist.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from court.org.models import Court

from .definitions import BY_KEY, FIGURE_KEYS, LABELS

# xgettext:no-python-format
RATE_OUT_OF_RANGE = _("A rate is a fraction between 0 and 1 (75% is 0.75).")


def _figure_choices() -> list[tuple[str, object]]:
    return [(key, LABELS[key]) for key in FIGURE_KEYS]


class Direction(models.TextChoices):
    """Which way is better for a figure: most rates are better higher, days and backlogs better lower."""

    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


#: The better direction of each figure (the dashboard's arrows are green when the figure moves this way).
LOWER_IS_BETTER = frozenset({
    "pending_at_end", "conversion_rate", "avg_trial_days", "avg_elapsed_days", "median_trial_days", "p90_trial_days",
    "extension_rate", "disposition_time_days", "over_12_months_pending_rate",
})


def better_direction(key: str) -> str:
    return Direction.LOWER if key in LOWER_IS_BETTER else Direction.HIGHER


def _check_value(metric: str, value: float | None) -> None:
    figure = BY_KEY.get(metric)
    if figure is not None and figure.kind == "rate" and value is not None and not 0 <= value <= 1:
        raise ValidationError({"value": RATE_OUT_OF_RANGE})


class Target(models.Model):
    """The court's target for one figure (a court setting, entered by its administrators)."""

    court = models.ForeignKey(Court, on_delete=models.CASCADE, related_name="metric_targets", verbose_name=_("court"))
    metric = models.CharField(_("figure"), max_length=40, choices=_figure_choices())
    value = models.FloatField(
        _("target"),
        # xgettext:no-python-format
        help_text=_("A rate as a fraction (75% is 0.75); days as days."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["court", "metric"]
        constraints = [models.UniqueConstraint(fields=["court", "metric"], name="metrics_target_unique")]

    def __str__(self) -> str:
        return f"{self.court.code} {self.metric} = {self.value}"

    def clean(self) -> None:
        _check_value(self.metric, self.value)


class ProvinceFigure(models.Model):
    """One figure of a province's courts for a year, from the higher court's report (entered by administrators)."""

    province = models.CharField(_("province"), max_length=20, help_text=_("As on the court, e.g. 陕."))
    year = models.PositiveSmallIntegerField(_("year"))
    metric = models.CharField(_("figure"), max_length=40, choices=_figure_choices())
    value = models.FloatField(_("value"), help_text=_("A rate as a fraction (75% is 0.75); days as days."))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("province figure")
        verbose_name_plural = _("province figures")
        ordering = ["province", "-year", "metric"]
        constraints = [models.UniqueConstraint(fields=["province", "year", "metric"], name="metrics_province_unique")]

    def __str__(self) -> str:
        return f"{self.province} {self.year} {self.metric} = {self.value}"

    def clean(self) -> None:
        _check_value(self.metric, self.value)
