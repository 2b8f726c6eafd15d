"""The monthly reports on disk: written on the 1st by the scheduled job (`metrics_schedule`), listed and
downloaded from the dashboard. One folder per court under FANJIAN_REPORTS_DIR (default var/reports):
`<court code>/<YYYY-MM>.pdf` and `.xlsx`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from court.org.models import Court
from court.rules.terms import add_months

from . import pdf, summary, workbook
from .population import Filters, Window

FILE_NAME = re.compile(r"^(?P<month>\d{4}-\d{2})\.(?P<fmt>pdf|xlsx)$")


@dataclass(frozen=True)
class Archived:
    month: str
    fmt: str
    path: Path


def court_dir(court: Court) -> Path:
    # The court code (陕0122) is safe as a folder name; anything else is replaced.
    return Path(settings.FANJIAN_REPORTS_DIR) / re.sub(r"[^\w-]", "_", court.code)


def report_title(court: Court | None, start: date, end: date) -> str:
    return _("%(court)s civil first instance: court metrics %(start)s – %(end)s") % {
        "court": court.name if court else _("All courts"), "start": start, "end": end}


def monthly_report(court: Court, month: date) -> tuple[bytes, bytes]:
    """The report of one month (PDF and Excel), with the trend of the 12 months to it, compared with last year."""
    window = summary.month_window(month)
    trend = Window(add_months(window.start, -11), window.end)
    data = summary.build(Filters(court_id=court.pk), window, trend=trend)
    title = report_title(court, window.start, window.end)
    return pdf.render(data, title), workbook.render(data, title)


def write_monthly_reports(month: date | None = None, language: str | None = None) -> list[Path]:
    """Write every court's report of `month` (default: last month); returns the files written. The job of the
    monthly schedule (court.metrics.tasks.monthly_reports)."""
    month = month or add_months(timezone.localdate().replace(day=1), -1)
    written = []
    with override(language or settings.LANGUAGE_CODE):
        for court in Court.objects.all():
            folder = court_dir(court)
            folder.mkdir(parents=True, exist_ok=True)
            body_pdf, body_xlsx = monthly_report(court, month)
            for fmt, body in (("pdf", body_pdf), ("xlsx", body_xlsx)):
                path = folder / f"{month:%Y-%m}.{fmt}"
                path.write_bytes(body)
                written.append(path)
    return written


def archived(court: Court | None) -> list[Archived]:
    """The court's written reports, newest month first."""
    if court is None:
        return []
    folder = court_dir(court)
    if not folder.is_dir():
        return []
    found = [Archived(m["month"], m["fmt"], p) for p in folder.iterdir() if (m := FILE_NAME.match(p.name))]
    return sorted(found, key=lambda a: (a.month, a.fmt), reverse=True)


def find(court: Court | None, name: str) -> Path | None:
    """The archived file `name` of the court, or None (names are checked, never joined blindly)."""
    match = FILE_NAME.match(name)
    if court is None or not match:
        return None
    path = court_dir(court) / name
    return path if path.is_file() else None
