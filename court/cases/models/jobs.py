"""The runs of the nightly jobs (court/cases/jobs.py): one row per job and day, so that a job run twice on one
day does its work once, and a run that crashed (no `finished_at`) is picked up again by the next run."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    job = models.CharField(_("job"), max_length=40)
    day = models.DateField(_("day the job ran for"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="jobrun_job_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.day}"
