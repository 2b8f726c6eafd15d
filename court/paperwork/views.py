"""Generating a court document from the case page: POST /cases/<pk>/generate/ (GET shows the form alone), and a
scheduled hearing's papers in one step: POST /cases/<pk>/hearing-papers/ (summonses served on every party, the
announcement of a public hearing; GET shows the form alone).

The case is read through `access.get_case_for_user` (404 for a stranger); a user who may issue no document gets
403. A refusal of the law is shown next to its field on this page, with what was chosen; success returns to the
case file, where the PDF is downloaded through the access-checked `/documents/<id>/`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from court.cases.access import NOT_ALLOWED, get_case_for_user

from .forms import GenerateForm, HearingPapersForm
from .models import TemplateKind
from .services import may_issue


@login_required
@require_http_methods(["GET", "POST"])
def generate(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    form = GenerateForm(request.POST or None, case=case, user=request.user)
    if not form.fields["kind"].choices:
        raise PermissionDenied(_(NOT_ALLOWED))
    if request.method == "POST" and form.is_valid():
        document = form.perform()
        if document is not None:
            messages.success(request, _("“%(title)s” is in the case file.") % {"title": document.title})
            return HttpResponseRedirect(reverse("case_detail", args=[case.pk]) + "#case-file")
    return render(request, "paperwork/generate.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def hearing_papers(request: HttpRequest, pk: int) -> HttpResponse:
    """The summons to every party of a scheduled hearing, served, and its announcement (CPL 139): the trial team's
    (the summons' issuers); a refusal is shown next to its field with what was chosen."""
    case = get_case_for_user(request.user, pk)
    if not may_issue(request.user, TemplateKind.SUMMONS, case):
        raise PermissionDenied(_(NOT_ALLOWED))
    chosen = request.GET.get("hearing", "")
    form = HearingPapersForm(request.POST or None, case=case, user=request.user,
                             initial={"hearing": int(chosen)} if chosen.isdigit() and len(chosen) < 12 else None)
    if request.method == "POST" and form.is_valid():
        papers = form.perform()
        if papers is not None:
            names = "、".join(document.title for document, _attempt in papers.summonses)
            if papers.summonses:
                messages.success(request, _("Summonses served: %(names)s.") % {"names": names})
            if papers.announcement is not None:
                messages.success(request, _("“%(title)s” is in the case file.") % {"title": papers.announcement.title})
            return HttpResponseRedirect(reverse("case_detail", args=[case.pk]) + "#case-file")
    return render(request, "paperwork/hearing_papers.html", {"case": case, "form": form})
