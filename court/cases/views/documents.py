"""The case file on the web: a document is downloaded only through `document_download`, after
`access.document_for_user` (a 404 for anyone who may not see the case or the document), always as an
attachment with the content type detected at upload, `nosniff`, a sandboxing CSP and `no-store`; uploads and
further evidence go through the services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..access import NOT_ALLOWED, Action, can, document_for_user, get_case_for_user, is_external
from ..casefile_forms import DocumentUploadForm, EvidenceForm
from ..models import CaseFileStorage
from ..uploads import download_name
from .case import case_page

#: Refusals of the document service that are about the file itself (shown next to the file field).
FILE_REFUSALS = ("too_large", "empty", "not_pdf_or_image", "too_many_documents")


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    doc = document_for_user(request.user, pk)
    handle = CaseFileStorage().open(doc.file.name, "rb")
    response = FileResponse(handle, as_attachment=True, filename=download_name(doc.original_name, doc.content_type),
                            content_type=doc.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store, private"
    return response


def _case_file_url(case_pk: int) -> str:
    return reverse("case_detail", args=[case_pk]) + "#case-file"


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    if request.method != "POST":  # the page of a refused upload, opened again: to the form on the case page
        return HttpResponseRedirect(reverse("case_detail", args=[case.pk]) + "#upload-document")
    if not can(request.user, Action.ADD_DOCUMENT, case):
        raise PermissionDenied(_(NOT_ALLOWED))
    form = DocumentUploadForm(request.POST, request.FILES, staff=not is_external(request.user))
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.document_upload(case=case, actor=request.user, kind=d["kind"], title=d["title"],
                                     file=d["file"], internal=d.get("internal", False))
        except services.CaseRuleError as exc:
            form.add_error("file" if exc.code in FILE_REFUSALS else None, exc.text)
        else:
            messages.success(request, _("The document was added to the case file."))
            return HttpResponseRedirect(_case_file_url(case.pk))
    return case_page(request, case, casefile_forms={"document": form})


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseRedirect(reverse("case_detail", args=[case.pk]) + "#add-evidence")
    if not can(request.user, Action.ADD_DOCUMENT, case):
        raise PermissionDenied(_(NOT_ALLOWED))
    form = EvidenceForm(request.POST, request.FILES, prefix="evidence")
    if form.is_valid():
        try:
            services.evidence_add(case=case, actor=request.user, items=[form.evidence_input()])
        except services.CaseRuleError as exc:
            form.add_error("file" if exc.code in FILE_REFUSALS else None, exc.text)
        else:
            messages.success(request, _("The evidence was added to the evidence list."))
            return HttpResponseRedirect(_case_file_url(case.pk))
    return case_page(request, case, casefile_forms={"evidence": form})
