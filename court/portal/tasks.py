"""The portal's scheduled job: the daily reminders of deadlines running out (`notices.reminders`), run by
django-q2 (scheduled by `notice_reminders --schedule`)."""

from __future__ import annotations

from .notices.reminders import send_reminders


def daily_reminders() -> int:
    """Send today's reminders; the number of new notices."""
    return len(send_reminders())
