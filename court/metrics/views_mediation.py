"""The mediation chain's page of the metrics (court.metrics.mediation): the court's administrators only, since the
chain works for the whole court, not for one trial team."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop

from court.cases.term import today

from . import mediation
from .access import metrics_scope_for

WHOLE_COURT_ONLY = gettext_noop("The mediation chain's figures are the whole court's: court administrators see them.")


class YearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100, required=False)


@login_required
def mediation_page(request: HttpRequest) -> HttpResponse:
    scope = metrics_scope_for(request.user)
    if not scope.whole_court:
        raise PermissionDenied(_(WHOLE_COURT_ONLY))
    form = YearForm(request.GET or None)
    year = today().year
    if form.is_bound:
        if not form.is_valid():
            return render(request, "metrics/mediation.html", {"form": form}, status=400)
        year = form.cleaned_data["year"] or year
    start, end = date(year, 1, 1), date(year, 12, 31)
    court_id = scope.court_id
    figures = mediation.figures(court_id, start, end)
    rows = [(f.label, mediation.FORMAT[f.kind](figures[f.key])) for f in mediation.FIGURES if f.key != "ended"]
    rows += [(mediation.SUCCESS_RATE, mediation.FORMAT["rate"](figures["success_rate"])),
             (mediation.SHARE_BEFORE_FILING, mediation.FORMAT["rate"](figures["share_before_filing"]))]
    return render(request, "metrics/mediation.html", {
        "form": form, "year": year, "figures": figures, "rows": rows,
        "by_org": mediation.breakdown(court_id, start, end, "organisation"),
        "by_area": mediation.breakdown(court_id, start, end, "area"),
        "years": [year - 2, year - 1, year],
        "villages": mediation.filings_per_thousand(court_id, [year - 2, year - 1, year]),
    })
