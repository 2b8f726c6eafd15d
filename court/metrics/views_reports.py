"""The metrics downloads: each table as CSV or Excel, the report of what the dashboard shows as PDF or Excel
workbook (for `month=YYYY-MM`: that month with the trend of the 12 months to it), and the archived monthly reports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.rules.terms import add_months

from . import archive, exports, summary
from .access import metrics_scope_for
from .forms import month_start
from .population import Window
from .views import bad_request, build_summary, cached_report, selection

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
BAD_FORMAT = gettext_noop("Unknown export format %(fmt)s; use csv or xlsx.")


def _plain(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@login_required
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    form, filters = selection(request)
    if filters is None:
        return bad_request(form)
    if fmt not in ("csv", "xlsx"):
        return _plain(_(BAD_FORMAT) % {"fmt": fmt})
    window: Window = form.cleaned_data["window"]
    try:
        data = exports.build_table(table, filters, window)
    except ValueError as exc:
        return _plain(str(exc))
    body = exports.to_csv(data) if fmt == "csv" else exports.to_xlsx(data)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="metrics-{table}-{window.start}-{window.end}.{fmt}"'
    return response


def _report(request: HttpRequest, fmt: str) -> HttpResponse:
    form, filters = selection(request)
    if filters is None:
        return bad_request(form)
    window: Window = form.cleaned_data["window"]
    month = request.GET.get("month")
    if month:
        try:
            first = month_start(month, timezone.localdate())
        except ValueError as exc:
            return _plain(str(exc))
        window = summary.month_window(first)
        data = summary.build(filters, window, compare=form.cleaned_data["compare"],
                             trend=Window(add_months(window.start, -11), window.end))
    else:
        data = build_summary(form, filters)
    title = archive.report_title(getattr(request.user, "court", None), window.start, window.end)
    if fmt == "pdf":
        from . import pdf

        body, disposition = pdf.render(data, title), "inline"
    else:
        from . import workbook

        body, disposition = workbook.render(data, title), "attachment"
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'{disposition}; filename="metrics-report-{window.start}-{window.end}.{fmt}"'
    return response


@login_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    return _report(request, "pdf")


@login_required
def report_xlsx(request: HttpRequest) -> HttpResponse:
    return _report(request, "xlsx")


@login_required
def archived(request: HttpRequest, name: str) -> FileResponse:
    """A monthly report the schedule wrote, for the court's administrators."""
    if not metrics_scope_for(request.user).whole_court:
        raise PermissionDenied
    path = archive.find(getattr(request.user, "court", None), name)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"metrics-report-{name}",
                        content_type=CONTENT_TYPES[path.suffix[1:]])


__all__ = ["archived", "cached_report", "export", "report_pdf", "report_xlsx"]
