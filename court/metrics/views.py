"""The metrics dashboard (the president's one screen), its details page (every figure) and the drill-down lists.

Every view starts with `access.metrics_scope_for` (403 for roles that may not see metrics) and builds its
population with `access.filters_for`, so a team member never sees beyond the team. The exports, the printable
report and the archived monthly reports are in `views_reports`.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases.access import cases_for_user
from court.cases.models import Case, CaseEvent
from court.rules.terms import add_months

from . import archive, engine, exports, summary
from .access import check_team, filters_for, metrics_scope_for
from .definitions import BY_KEY, FIGURE_KEYS, LABELS, METRIC_KEYS, METRICS, REFERENCE_LINES, SET_NAMES, set_label
from .forms import MetricsForm
from .models import LOWER_IS_BETTER
from .population import Filters, Window, case_set

BAD_SET = gettext_noop("Unknown case list %(name)s.")


def selection(request: HttpRequest) -> tuple[MetricsForm, Filters | None]:
    scope = metrics_scope_for(request.user)
    check_team(scope, request.GET.get("team"))
    form = MetricsForm(request.GET, scope=scope)
    if not form.is_valid():
        return form, None
    return form, filters_for(request.user, **form.filter_kwargs())


def bad_request(form: MetricsForm) -> HttpResponseBadRequest:
    errors = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in form.errors.items())
    return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")


def _drill(base: dict[str, str], set_name: str, window: Window | None = None, **extra: str) -> str:
    params = {k: v for k, v in {**base, **extra, "set": set_name}.items() if k != "compare"}
    if window is not None:
        params["from"], params["to"] = window.start.isoformat(), window.end.isoformat()
    return reverse("metrics_cases") + "?" + urlencode(params)


def _cells(figures: dict[str, Any], base: dict[str, str], keys: tuple[str, ...] = METRIC_KEYS,
           window: Window | None = None, *, behind: Any = None, **extra: str) -> list[dict[str, Any]]:
    return [{"key": key, "value": figures.get(key), "url": _drill(base, BY_KEY[key].drill, window, **extra),
             "behind": bool(behind and behind(key))} for key in keys]


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


def build_summary(form: MetricsForm, filters: Filters) -> summary.Summary:
    window: Window = form.cleaned_data["window"]
    return summary.build(filters, window, compare=form.cleaned_data["compare"],
                         report=cached_report(filters, window))


def comparison_links(base: dict[str, str]) -> list[tuple[str, str]]:
    """One click to the usual comparisons: this year against last, this month and last month against the one before."""
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = add_months(this_month, -1)
    keep = {k: v for k, v in base.items() if k not in ("from", "to", "compare")}

    def link(start: Any, end: Any, compare: str) -> str:
        return "?" + urlencode({**keep, "from": start.isoformat(), "to": end.isoformat(), "compare": compare})

    return [
        (_("This year against last year"), link(today.replace(month=1, day=1), today, "last_year")),
        (_("This month against last month"), link(this_month, today, "previous")),
        (_("Last month against the month before"), link(last_month, this_month - timedelta(days=1), "previous")),
        (_("Last year against the year before"),
         link(today.replace(year=today.year - 1, month=1, day=1), today.replace(year=today.year - 1, month=12, day=31),
              "last_year")),
    ]


def _chart(key: str, months: list[str], values: list[Any], before: list[Any] | None, before_label: str,
           target: float | None, urls: list[str]) -> dict[str, Any]:
    """One chart's data for static/js/metrics.js (and the table beside it)."""
    series = [{"label": _("This period"), "values": values, "role": "value"}]
    if before is not None:
        series.append({"label": before_label, "values": before, "role": "before"})
    reference = REFERENCE_LINES.get(key)
    return {"key": key, "label": str(LABELS[key]), "kind": BY_KEY[key].kind, "months": months, "series": series,
            "target": target, "targetLabel": _("Target"),
            "reference": {"value": reference[0], "label": str(reference[1])} if reference else None, "urls": urls}


def _headline_cards(s: summary.Summary, base: dict[str, str]) -> list[dict[str, Any]]:
    cards = []
    for h in s.headlines:
        cards.append({"h": h, "url": _drill(base, BY_KEY[h.key].drill), "spark": h.trend,
                      "change": None if h.change is None else abs(h.change),
                      "arrow": "" if h.change is None else "↑" if h.change > 0 else "↓" if h.change < 0 else "→"})
    return cards


def _group_rows(s: summary.Summary, by: str, base: dict[str, str]) -> list[dict[str, Any]]:
    return [{"label": row.label, "cells": _cells(row.figures, base, summary.COMPARISON_KEYS,
                                                 behind=lambda key, row=row: key in summary.HEADLINES and s.behind(row, key),
                                                 **row.params)}
            for row in s.rows(by)]


def _pending_by(s: summary.Summary, by: str) -> dict[str, Any]:
    """Pending cases of each team or judge, those pending over 12 months apart (whose cases age)."""
    rows = [row for row in s.rows(by) if row.figures.get("pending_at_end")]
    old = [round((row.figures.get("over_12_months_pending_rate") or 0) * row.figures["pending_at_end"]) for row in rows]
    return {"labels": [row.label for row in rows], "old": old,
            "recent": [row.figures["pending_at_end"] - n for row, n in zip(rows, old)],
            "oldLabel": str(_("Pending over 12 months")), "recentLabel": str(_("Pending up to 12 months"))}


def _exports(query: str) -> dict[str, Any]:
    def url(table: str, fmt: str) -> str:
        return f"{reverse('metrics_export', args=[table, fmt])}?{query}"

    return {"pdf": f"{reverse('metrics_report_pdf')}?{query}", "xlsx": f"{reverse('metrics_report_xlsx')}?{query}",
            "csv": [(_(exports.TABLE_LABELS[name]), url(name, "csv"), url(name, "xlsx")) for name in exports.TABLES]}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form, filters = selection(request)
    if filters is None:
        return render(request, "metrics/dashboard.html", {"form": form}, status=400)
    base = form.query_params()
    s = build_summary(form, filters)
    before_label = (_("Same period last year") if s.compare == "last_year" else _("Previous period"))
    month_urls = {k: [_drill(base, BY_KEY[k].drill, row.window) for row in s.monthly] for k in summary.HEADLINES}
    data = {
        "kinds": {m.key: m.kind for m in METRICS}, "lowerIsBetter": sorted(LOWER_IS_BETTER),
        "charts": [_chart(k, s.months, s.series(k), s.before_series(k), before_label, s.targets.get(k), month_urls[k])
                   for k in summary.HEADLINES],
        "pendingByTeam": _pending_by(s, "team"), "pendingByJudge": _pending_by(s, "judge"),
        "pending": {"age": [[label, n] for _k, label, n in s.pending_age],
                    "deadline": [[label, n] for _k, label, n in s.pending_deadline],
                    "label": str(_("Cases"))},
    }
    query = urlencode(base)
    court = getattr(request.user, "court", None)
    return render(request, "metrics/dashboard.html", {
        "form": form, "window": s.window, "summary": s, "cards": _headline_cards(s, base), "data": data,
        "before_label": before_label, "comparison_links": comparison_links(base),
        "teams": _group_rows(s, "team", base), "judges": _group_rows(s, "judge", base),
        "comparison_keys": summary.COMPARISON_KEYS, "labels": LABELS, "pending_total": s.report.pending["pending"],
        "pending_age": [(k, label, n, _drill(base, k)) for k, label, n in s.pending_age],
        "pending_deadline": [(k, label, n, _drill(base, k)) for k, label, n in s.pending_deadline],
        "team_only": metrics_scope_for(request.user).team_id is not None, "query": query,
        "details_url": f"{reverse('metrics_details')}?{query}", "exports": _exports(query),
        "archive": [(a.month, a.fmt, reverse("metrics_archived", args=[a.path.name]))
                    for a in archive.archived(court)] if metrics_scope_for(request.user).whole_court else [],
    })


@login_required
def details(request: HttpRequest) -> HttpResponse:
    """Every figure: the table, a monthly chart each (with its reference line) and every breakdown."""
    form, filters = selection(request)
    if filters is None:
        return render(request, "metrics/details.html", {"form": form}, status=400)
    base = form.query_params()
    s = build_summary(form, filters)
    rep = s.report
    before_label = (_("Same period last year") if s.compare == "last_year" else _("Previous period"))
    figure_rows = [{"key": m.key, "label": m.label, "value": rep.totals.get(m.key), "before": s.before.get(m.key),
                    "target": s.targets.get(m.key), "url": _drill(base, m.drill), "reference": m.reference}
                   for m in METRICS]
    breakdowns = [{"name": name, "title": _(exports.TABLE_LABELS[name]), "rows": [
        {"label": row.label, "cells": _cells(row.figures, base, **row.params)} for row in rep.breakdowns[name]]}
        for name in rep.breakdowns]
    monthly = [{"label": row.label, "cells": _cells(row.figures, base, window=row.window)} for row in rep.monthly]
    data = {"kinds": {m.key: m.kind for m in METRICS},
            "charts": [_chart(k, s.months, s.series(k), s.before_series(k), before_label, s.targets.get(k),
                              [_drill(base, BY_KEY[k].drill, row.window) for row in s.monthly])
                       for k in FIGURE_KEYS]}
    query = urlencode(base)
    return render(request, "metrics/details.html", {
        "form": form, "window": s.window, "summary": s, "figure_rows": figure_rows, "breakdowns": breakdowns,
        "monthly": monthly, "metric_keys": METRIC_KEYS, "labels": LABELS, "data": data, "before_label": before_label,
        "dashboard_url": f"{reverse('metrics_dashboard')}?{query}", "exports": _exports(query),
        "team_only": metrics_scope_for(request.user).team_id is not None,
    })


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases behind one number of the dashboard (same population, window and case set)."""
    form, filters = selection(request)
    if filters is None:
        return bad_request(form)
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
