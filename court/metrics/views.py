"""The metrics dashboard, the drill-down case lists, the CSV/Excel exports and the monthly PDF report.

Every view starts with `access.metrics_scope_for` (403 for roles that may not see metrics) and builds its
population with `access.filters_for`, so a team member never sees beyond the team.
"""

from __future__ import annotations

import calendar
import hashlib
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases.access import cases_for_user
from court.cases.models import Case, CaseEvent
from court.rules.terms import add_months

from . import engine, exports
from .access import check_team, filters_for, metrics_scope_for
from .definitions import (AGE_BUCKETS, BUCKET_LABELS, BY_KEY, DEADLINE_BUCKETS, FIGURE_KEYS, LABELS, METRIC_KEYS,
                          METRICS, REFERENCE_LINES, SET_NAMES, set_label)
from .forms import MetricsForm
from .population import Filters, Window, case_set

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BAD_FORMAT = gettext_noop("Unknown export format %(fmt)s; use csv or xlsx.")
BAD_SET = gettext_noop("Unknown case list %(name)s.")
BAD_MONTH = gettext_noop("The month must be given as YYYY-MM.")


def _selection(request: HttpRequest) -> tuple[MetricsForm, Filters | None]:
    scope = metrics_scope_for(request.user)
    check_team(scope, request.GET.get("team"))
    form = MetricsForm(request.GET, scope=scope)
    if not form.is_valid():
        return form, None
    return form, filters_for(request.user, **form.filter_kwargs())


def _bad_request(form: MetricsForm) -> HttpResponseBadRequest:
    errors = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in form.errors.items())
    return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")


def _drill(base: dict[str, str], set_name: str, window: Window | None = None, **extra: str) -> str:
    params = {**base, **extra, "set": set_name}
    if window is not None:
        params["from"], params["to"] = window.start.isoformat(), window.end.isoformat()
    return reverse("metrics_cases") + "?" + urlencode(params)


def _cells(figures: dict[str, Any], base: dict[str, str], window: Window | None = None,
           **extra: str) -> list[dict[str, Any]]:
    return [{"key": key, "value": figures[key], "url": _drill(base, BY_KEY[key].drill, window, **extra)}
            for key in METRIC_KEYS]


def cached_report(filters: Filters, window: Window) -> engine.Report:
    """The dashboard report, cached for FANJIAN_METRICS_CACHE_SECONDS (default 300; 0 turns it off).

    The key carries the newest case and event ids, so a new case or docket entry shows at once; the
    nightly term refresh writes no event and shows within the timeout.
    """
    seconds = settings.FANJIAN_METRICS_CACHE_SECONDS
    if not seconds:
        return engine.report(filters, window)
    version = (Case.objects.order_by("-pk").values_list("pk", flat=True).first(),
               CaseEvent.objects.order_by("-pk").values_list("pk", flat=True).first())
    key = "fanjian:metrics:" + hashlib.sha256(repr((filters, window, version)).encode()).hexdigest()
    rep = cache.get(key)
    if rep is None:
        rep = engine.report(filters, window)
        cache.set(key, rep, seconds)
    return rep


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form, filters = _selection(request)
    if filters is None:
        return render(request, "metrics/dashboard.html", {"form": form}, status=400)
    window: Window = form.cleaned_data["window"]
    base = form.query_params()
    rep = cached_report(filters, window)
    totals = rep.totals
    figure_rows = [
        {"key": m.key, "label": m.label, "value": totals[m.key], "url": _drill(base, m.drill), "reference": m.reference}
        for m in METRICS
    ]
    tiles = [row for row, m in zip(figure_rows, METRICS) if m.headline]
    breakdowns = [
        {"name": name, "title": _(exports.TABLE_LABELS[name]), "rows": [
            {"label": row.label, "cells": _cells(row.figures, base, **row.params)} for row in rep.breakdowns[name]]}
        for name in rep.breakdowns
    ]
    monthly = [{"label": row.label, "cells": _cells(row.figures, base, row.window)} for row in rep.monthly]
    pending_tables = [
        {"name": name, "title": _(exports.TABLE_LABELS[name]), "rows": [
            {"key": k, "label": BUCKET_LABELS[k], "value": rep.pending[k], "url": _drill(base, k)} for k in keys]}
        for name, keys in (("pending_age", AGE_BUCKETS), ("pending_deadline", DEADLINE_BUCKETS))
    ]
    chart = {
        "labels": [row.label for row in rep.monthly],
        "series": {key: [row.figures.get(key) for row in rep.monthly] for key in FIGURE_KEYS},
        "kinds": {m.key: m.kind for m in METRICS},
        "references": {key: {"value": value, "label": str(label)} for key, (value, label) in REFERENCE_LINES.items()},
        "labelsByKey": {key: str(label) for key, label in LABELS.items()},
    }
    qs = urlencode(base)
    return render(request, "metrics/dashboard.html", {
        "form": form, "window": window, "tiles": tiles, "figure_rows": figure_rows, "breakdowns": breakdowns,
        "monthly": monthly, "pending_tables": pending_tables, "chart": chart, "metric_keys": METRIC_KEYS,
        "labels": LABELS, "query": qs, "pending_total": rep.pending["pending"],
        "team_only": metrics_scope_for(request.user).team_id is not None,
        "exports": [(_(exports.TABLE_LABELS[name]), f"{reverse('metrics_export', args=[name, 'csv'])}?{qs}",
                     f"{reverse('metrics_export', args=[name, 'xlsx'])}?{qs}") for name in exports.TABLES],
        "pdf_url": f"{reverse('metrics_report_pdf')}?{qs}",
    })


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases behind one number of the dashboard (same population, window and case set)."""
    form, filters = _selection(request)
    if filters is None:
        return _bad_request(form)
    window: Window = form.cleaned_data["window"]
    set_name = request.GET.get("set", "closed")
    if set_name not in SET_NAMES:
        return HttpResponseBadRequest(_(BAD_SET) % {"name": set_name}, content_type="text/plain; charset=utf-8")
    cases = (case_set(filters, window, set_name) & cases_for_user(request.user)).order_by("filed_on", "pk")
    page = Paginator(cases.select_related("team", "judge", "cause"), 100).get_page(request.GET.get("page"))
    rows = [{"case": case, "url": reverse("case_detail", args=[case.pk])} for case in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "metrics/cases.html", {
        "form": form, "window": window, "set_name": set_name, "page": page, "rows": rows,
        "set_label": set_label(set_name), "query": params.urlencode(),
        "dashboard_url": reverse("metrics_dashboard") + "?" + urlencode(form.query_params()),
    })


@login_required
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    form, filters = _selection(request)
    if filters is None:
        return _bad_request(form)
    if fmt not in CONTENT_TYPES:
        return HttpResponseBadRequest(_(BAD_FORMAT) % {"fmt": fmt}, content_type="text/plain; charset=utf-8")
    window: Window = form.cleaned_data["window"]
    try:
        data = exports.build_table(table, filters, window)
    except ValueError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    body = exports.to_csv(data) if fmt == "csv" else exports.to_xlsx(data)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="metrics-{table}-{window.start}-{window.end}.{fmt}"'
    return response


@login_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The printable report: for `month=YYYY-MM` that month with the trend of the 12 months to it, else the window."""
    from . import pdf

    form, filters = _selection(request)
    if filters is None:
        return _bad_request(form)
    window: Window = form.cleaned_data["window"]
    trend = window
    month = request.GET.get("month")
    if month:
        try:
            first = date.fromisoformat(month + "-01")
        except ValueError:
            return HttpResponseBadRequest(_(BAD_MONTH), content_type="text/plain; charset=utf-8")
        window = Window(first, first.replace(day=calendar.monthrange(first.year, first.month)[1]))
        trend = Window(add_months(first, -11), window.end)
    body = pdf.render_report(filters=filters, window=window, trend=trend, title=_report_title(request, window))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="metrics-report-{window.start}-{window.end}.pdf"'
    return response


def _report_title(request: HttpRequest, window: Window) -> str:
    court = getattr(request.user, "court", None)
    return _("%(court)s civil first instance: court metrics %(start)s – %(end)s") % {
        "court": court.name if court else _("All courts"), "start": window.start, "end": window.end}

