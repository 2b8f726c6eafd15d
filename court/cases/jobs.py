"""The nightly jobs (django-q2 runs `nightly` daily at 01:30; `manage.py nightly` runs it by hand):

- `terms`: the term ledger of every pending case, as of the day (running periods grow daily);
- `publications`: a publication whose period has run (CPL 95: 30 days; CPL 283: 60 for a party with no
  domicile in China) is recorded served on the day the law deems, which starts the answer period (CPL 128);
- `async_hearings`: an asynchronous hearing whose last window ended before the day has its record closed and
  is held on that window's last day (OLR 20, `services.hearing_async_close`);
- `alerts`: the alerts of every pending case (`court.cases.alerts`), counted by kind.

Each job is idempotent (it does only what is still to do: pending cases, publications still `sent`, asynchronous
hearings still `scheduled`) and records
its run in `JobRun`, one row per job and day: a finished run is not repeated that day; a run that crashed
(a row with no `finished_at`) is started again by the next call and counts its attempts. We keep our own rows
rather than django-q2's `Success` records because the jobs also run by hand (`manage.py nightly`), outside the
cluster, and because a day's row says what was done for that day, whenever it ran.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from . import services
from .alerts import alerts_for
from .models import ACTIVE_STATES, AsyncWindow, Case, Hearing, JobRun, ServiceAttempt
from .term import court_calendar, refresh_pending_terms, today

log = logging.getLogger(__name__)
BATCH = 500


def job_terms(day: date) -> dict[str, int]:
    summary = refresh_pending_terms(as_of=day, batch_size=BATCH)
    return {"refreshed": summary.refreshed, "overdue": summary.overdue, "extension_window": summary.extension_window}


def job_publications(day: date) -> dict[str, int]:
    """Record served every publication whose period ran out by `day` (each in its own transaction, so a crash
    keeps what was done and the next run takes the rest)."""
    from court.rules.periods import publication_effective

    calendar = court_calendar()
    counts = Counter()
    pending = (ServiceAttempt.objects.filter(channel=ServiceAttempt.Channel.PUBLICATION,
                                             status=ServiceAttempt.Status.SENT, sent_on__lte=day - timedelta(days=30))
               .select_related("party", "case").order_by("pk"))
    for attempt in pending.iterator(chunk_size=BATCH):
        no_domicile = services.service_of_process.no_domicile(attempt.case, attempt.party)
        effective = publication_effective(attempt.sent_on, no_domicile=no_domicile, calendar=calendar)
        if effective > day:
            counts["still_running"] += 1
            continue
        try:
            services.service_record(attempt=attempt, actor=None, served=True, on=effective,
                                    evidence="CPL 283" if no_domicile else "CPL 95")
            counts["served"] += 1
        except services.CaseRuleError as exc:  # e.g. the case was archived meanwhile: leave it, say so
            log.warning("publication %s not recorded: %s", attempt.pk, exc.text)
            counts["refused"] += 1
    return dict(counts)


def job_async_hearings(day: date) -> dict[str, int]:
    """Close the record of every asynchronous hearing still scheduled whose last window ended before `day` (OLR 20:
    held on that window's last day). Each in its own transaction, like the publications; a closed hearing is no
    longer scheduled, so a second run closes nothing."""
    counts: Counter = Counter()
    ended = (AsyncWindow.objects.filter(hearing=OuterRef("pk")).order_by("-closes_on").values("closes_on")[:1])
    due = (Hearing.objects.filter(mode=Hearing.Mode.ASYNC, status=Hearing.Status.SCHEDULED)
           .annotate(last_closes=Subquery(ended)).filter(last_closes__lt=day).order_by("pk"))
    for hearing in due.iterator(chunk_size=BATCH):
        try:
            with transaction.atomic():
                services.hearing_async_close(hearing=hearing, actor=None)
            counts["closed"] += 1
        except services.CaseRuleError as exc:  # e.g. the case was closed meanwhile: leave it, say so
            log.warning("asynchronous hearing %s not closed: %s", hearing.pk, exc.text)
            counts["refused"] += 1
    return dict(counts)


def job_alerts(day: date) -> dict[str, int]:
    counts: Counter = Counter()
    ids = list(Case.objects.filter(state__in=ACTIVE_STATES, filed_on__isnull=False).order_by("pk")
               .values_list("pk", flat=True))
    for offset in range(0, len(ids), BATCH):
        cases = list(Case.objects.filter(pk__in=ids[offset:offset + BATCH]))
        for alerts in alerts_for(cases, day).values():
            counts.update(a.kind for a in alerts)
            counts["cases_with_alerts"] += bool(alerts)
    return dict(counts)


#: The jobs in the order they run (the ledger first: the alerts read its deadlines; the alerts last: they read
#: the states the publications and the asynchronous hearings leave).
JOBS: tuple[tuple[str, Callable[[date], dict[str, int]]], ...] = (
    ("terms", job_terms), ("publications", job_publications), ("async_hearings", job_async_hearings),
    ("alerts", job_alerts),
)


def run_job(name: str, func: Callable[[date], dict[str, int]], day: date, *, force: bool = False) -> JobRun:
    """Run one job for `day` unless it already finished for that day; record start, end, counts, error."""
    with transaction.atomic():
        run, created = JobRun.objects.select_for_update().get_or_create(
            job=name, day=day, defaults={"started_at": timezone.now()})
        if run.finished_at is not None and not force:
            return run
        if not created:  # a crashed run (or a forced one) starts again
            run.attempts += 1
            run.started_at, run.finished_at, run.error = timezone.now(), None, ""
            run.save(update_fields=["attempts", "started_at", "finished_at", "error"])
    try:
        counts = func(day)
    except Exception as exc:
        JobRun.objects.filter(pk=run.pk).update(error=repr(exc)[:2000])
        raise
    run.counts, run.finished_at = counts, timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    return run


def nightly(day: date | None = None, *, force: bool = False) -> list[JobRun]:
    """Every nightly job for `day` (default today); django-q2's daily schedule calls this."""
    day = day or today()
    return [run_job(name, func, day, force=force) for name, func in JOBS]
