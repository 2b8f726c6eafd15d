"""The portal's scheduled job: the daily reminders of deadlines running out (`notices.reminders`), run by
django-q2 (scheduled by `notice_reminders --schedule`) and recorded like the nightly jobs (`JobRun`, job
"reminders": once a day, a crashed run resumed by the next call; each reminder is sent once either way)."""

from __future__ import annotations

from datetime import date

from court.cases.jobs import run_job
from court.cases.models import JobRun
from court.cases.term import today

from .notices.reminders import send_reminders

JOB = "reminders"


def _reminders(day: date) -> dict[str, int]:
    return {"sent": len(send_reminders(day))}


def reminders_run(day: date | None = None, *, force: bool = False) -> JobRun:
    """Today's (or `day`'s) reminders as a recorded job run."""
    return run_job(JOB, _reminders, day or today(), force=force)


def daily_reminders() -> int:
    """Send today's reminders; the number of new notices (0 when the day's run already finished)."""
    return int(reminders_run().counts.get("sent", 0))
