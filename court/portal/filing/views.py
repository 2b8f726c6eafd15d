"""The pages of the guided filing: /file/ (my drafts, start one), one page per step (each POST saves what was
typed, even invalid input, and shows the errors next to the fields), the autosave endpoint (JSON, with the
draft's version: a stale tab gets 409), the cause search (a bounded list; a page without JavaScript too), the
draft's evidence files (owner only), and the idempotent submission with its "received" page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from court.cases import services
from court.cases.bounds import EVIDENCE_PER_UPLOAD_MAX
from court.cases.models import CaseFileStorage, SuitKind
from court.cases.templatetags.fanjian import yuan
from court.cases.term import court_calendar, today
from court.cases.uploads import download_name
from court.cases.views.common import decision_due
from court.org.models import Court, Role

from ..models import DraftFile, FilingDraft
from . import drafts, steps

NO_COURT = gettext_lazy("No court accepts online filings yet.")
SEARCH_LIMIT = 30
SEARCH_QUERY_MAX = 40


def _filer(request: HttpRequest) -> Any:
    user = request.user
    if user.is_superuser or user.role not in (Role.PARTY, Role.LAWYER):
        raise PermissionDenied(_(drafts.ONLY_PARTIES_FILE))
    return user


def _draft(request: HttpRequest, pk: int) -> FilingDraft:
    """The filer's own draft; anybody else's is a 404, whatever the identifier."""
    return get_object_or_404(FilingDraft, pk=pk, owner=_filer(request))


def _step_url(draft: FilingDraft, step: str) -> str:
    return reverse("portal:draft_step", args=[draft.pk, step])


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def file_case(request: HttpRequest) -> HttpResponse:
    """网上立案 (OLR 9): my drafts (resume, delete) and a new complaint."""
    user = _filer(request)
    if not Court.objects.exists():
        raise PermissionDenied(NO_COURT)
    if request.method == "POST":
        try:
            draft = drafts.draft_start(owner=user)
        except services.CaseRuleError as exc:
            messages.error(request, exc.text)
            return redirect("file_case")
        return redirect(_step_url(draft, steps.COURT))
    rows = list(FilingDraft.objects.filter(owner=user).select_related("case").order_by("-updated_at", "-id")[:100])
    for row in rows:
        row.summary, row.step_title = _summary(row), steps.TITLES.get(row.step, "")
    return render(request, "portal/filing/drafts.html", {
        "open": [d for d in rows if d.case_id is None], "submitted": [d for d in rows if d.case_id],
        "limit": drafts.OPEN_DRAFTS_MAX,
    })


def _summary(draft: FilingDraft) -> str:
    """What a draft is about, from what was typed (cause and first defendant), for the list."""
    court = draft.data.get(steps.COURT) or {}
    parties = draft.data.get(steps.PARTIES) or {}
    cause = ""
    if str(court.get("cause", "")).isdigit():
        found = steps.Cause.objects.filter(pk=int(court["cause"])).only("name").first()
        cause = found.name if found else ""
    defendant = str(parties.get("defendants-0-name", ""))[:60]
    return " · ".join(x for x in (cause, defendant and _("against %(name)s") % {"name": defendant}) if x)


def _page(request: HttpRequest, draft: FilingDraft, step: str, bound: dict[str, Any], ctx: steps.Context,
          status: int = 200, **extra: Any) -> HttpResponse:
    context = {"draft": draft, "step": step, "steps": [(s, steps.TITLES[s]) for s in steps.STEPS],
               "title": steps.TITLES[step], "ctx": ctx, **bound, **extra}
    index = steps.STEPS.index(step)
    context["prev_step"] = steps.STEPS[index - 1] if index else ""
    context["next_step"] = steps.STEPS[index + 1] if index + 1 < len(steps.STEPS) else ""
    if step == steps.PARTIES:
        context["formsets"] = [(bound[prefix], label) for prefix, _f, _side, label in steps.PARTY_SETS]
        context["lawyer"] = request.user.role == Role.LAWYER
    if step == steps.CLAIMS:
        items = bound["items"]
        context["total"] = items.total() if items.is_bound and items.is_valid() else None
    if step == steps.EVIDENCE:
        context["files"] = draft.files.all()
        context["files_max"] = EVIDENCE_PER_UPLOAD_MAX
    if step == steps.COURT:
        query = (request.GET.get("q") or "")[:SEARCH_QUERY_MAX].strip()
        context["query"] = query
        context["matches"] = _search(query, ctx.on) if query else None
    return render(request, f"portal/filing/{step}.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def draft_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    draft = _draft(request, pk)
    if step not in steps.STEPS:
        raise Http404
    if draft.case_id is not None:
        return redirect("portal:draft_received", pk=draft.pk)
    user = request.user
    if step == steps.REVIEW:
        return _review(request, draft)
    ctx = steps.context_for(draft, user, today())
    if request.method == "GET":
        data = draft.data.get(step)
        if step == steps.COURT and request.GET.get("pick", "").isdigit():  # a search result picked without JS
            data = {**(data or {}), "cause": request.GET["pick"]}
        bound = steps.build(step, data, ctx)
        if data is not None:
            steps.valid(step, bound)  # show what is missing or wrong in what was saved
        return _page(request, draft, step, bound, ctx)
    typed = steps.keep(step, request.POST)
    if step == steps.EVIDENCE:
        return _evidence_post(request, draft, typed, ctx)
    conflict = _save(request, draft, step, typed)
    if step == steps.COURT:
        ctx = steps.context_for(draft, user, today())
    bound = steps.build(step, typed, ctx)
    ok = steps.valid(step, bound)
    target = request.POST.get("goto", "")
    if conflict:
        return _page(request, draft, step, bound, ctx, status=409, conflict=conflict)
    if target in steps.STEPS and (ok or steps.STEPS.index(target) <= steps.STEPS.index(step)
                                  or request.POST.get("force")):
        return redirect(_step_url(draft, target))
    return _page(request, draft, step, bound, ctx)


def _save(request: HttpRequest, draft: FilingDraft, step: str, typed: dict[str, str]) -> str:
    """Save; the refusal's text (a stale version, too large) or ""."""
    try:
        drafts.draft_save(draft=draft, owner=request.user, step=step, data=typed, version=_version(request))
    except services.CaseRuleError as exc:
        if exc.code == "stale":
            draft.refresh_from_db()
        return exc.text
    return ""


def _evidence_post(request: HttpRequest, draft: FilingDraft, typed: dict[str, str], ctx: steps.Context) -> HttpResponse:
    """The evidence step: add the line typed with its file (checked next to the field), then go on or stay."""
    line_typed = any((typed.get(f"evidence-{name}") or "").strip() for name in steps.EVIDENCE_TEXT_FIELDS)
    uploading = bool(request.FILES.get("evidence-file"))
    adding = request.POST.get("action") == "add" or uploading or (line_typed and request.POST.get("goto"))
    conflict = _save(request, draft, steps.EVIDENCE, typed)
    if conflict:
        return _page(request, draft, steps.EVIDENCE, steps.build(steps.EVIDENCE, typed, ctx), ctx, status=409,
                     conflict=conflict)
    if adding:
        line = steps.build(steps.EVIDENCE, typed, ctx, files=request.FILES)["line"]
        if not line.is_valid():
            return _page(request, draft, steps.EVIDENCE, {"line": line}, ctx)
        d = line.cleaned_data
        try:
            drafts.draft_file_add(draft=draft, owner=request.user, name=d["name"], source=d.get("source") or "",
                                  purpose=d.get("purpose") or "", pages=d.get("pages"), file=d["file"])
        except services.CaseRuleError as exc:
            line.add_error("file" if exc.code in ("too_large", "empty", "not_pdf_or_image") else None, exc.text)
            return _page(request, draft, steps.EVIDENCE, {"line": line}, ctx)
        drafts.draft_save(draft=draft, owner=request.user, step=steps.EVIDENCE, data={}, version=None)
        messages.success(request, _("“%(name)s” was added to the evidence list.") % {"name": d["name"]})
    target = request.POST.get("goto", "")
    return redirect(_step_url(draft, target if target in steps.STEPS else steps.EVIDENCE))


def _review(request: HttpRequest, draft: FilingDraft, refusal: Any = None, status: int = 200) -> HttpResponse:
    complaint = steps.complaint_of(draft, request.user, today())
    cause = complaint.ctx.cause
    total = complaint.total
    return render(request, "portal/filing/review.html", {
        "draft": draft, "step": steps.REVIEW, "steps": [(s, steps.TITLES[s]) for s in steps.STEPS],
        "title": steps.TITLES[steps.REVIEW], "complaint": complaint, "forms": complaint.forms,
        "ok": complaint.ok, "titles": steps.TITLES, "files": draft.files.all(), "cause": cause, "total": total,
        "claims_text": complaint.forms[steps.CLAIMS]["items"].claims_text() if complaint.ok[steps.CLAIMS] else "",
        "fee": steps.fee_estimate(cause, total), "refusal": refusal,
        "parties": [(label, complaint.forms[steps.PARTIES][prefix]) for prefix, _f, _s, label in steps.PARTY_SETS],
        "tabs": [(s, steps.TITLES[s], not complaint.ok.get(s, True)) for s in steps.STEPS],
        "suit_kind_label": SuitKind(kind).label if (kind := _cleaned(complaint, steps.COURT, "suit_kind")) else "",
    }, status=status)


def _cleaned(complaint: steps.Complaint, step: str, name: str) -> Any:
    form = complaint.forms[step]["form"]
    return form.cleaned_data.get(name) if complaint.ok.get(step) else None


@login_required
@require_POST
def draft_save(request: HttpRequest, pk: int) -> JsonResponse:
    """The autosave (static/js/filing.js): the current step's fields as typed, with the page's version."""
    draft = _draft(request, pk)
    step = request.POST.get("step", "")
    if step not in steps.STEPS:
        return JsonResponse({"error": _(drafts.UNKNOWN_STEP)}, status=400)
    try:
        version = drafts.draft_save(draft=draft, owner=request.user, step=step, data=steps.keep(step, request.POST),
                                    version=_version(request))
    except services.CaseRuleError as exc:
        status = {"stale": 409, "submitted": 409, "too_large": 413}.get(exc.code, 400)
        return JsonResponse({"error": exc.text, "code": exc.code}, status=status)
    saved = timezone.localtime(draft.updated_at).strftime("%H:%M:%S")
    body = {"version": version, "saved": _("Saved at %(time)s") % {"time": saved}}
    if step == steps.CLAIMS:  # the total, computed here, for the page to show
        items = steps.ClaimItemForms(draft.data.get(step), prefix="claims")
        if items.is_valid():
            body["total"] = yuan(items.total())
    return JsonResponse(body)


@login_required
@require_POST
def draft_submit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    try:
        case, created = drafts.draft_submit(draft=draft, owner=request.user)
    except drafts.DraftIncomplete:
        return _review(request, draft, refusal=_(drafts.DRAFT_INCOMPLETE))
    except services.CaseRuleError as exc:
        return _review(request, draft, refusal=exc.text)
    if not created:
        messages.info(request, _("This complaint was submitted already (on %(on)s); it was filed once.")
                      % {"on": case.submitted_on.isoformat() if case.submitted_on else "—"})
        return redirect("case_detail", pk=case.pk)
    return redirect("portal:draft_received", pk=draft.pk)


@login_required
@require_GET
def draft_received(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    if draft.case_id is None:
        return redirect(_step_url(draft, draft.step if draft.step in steps.STEPS else steps.COURT))
    case = draft.case
    return render(request, "portal/filing/received.html", {
        "draft": draft, "case": case, "due": decision_due(case, court_calendar())})


@login_required
@require_POST
def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    try:
        drafts.draft_delete(draft=draft, owner=request.user)
    except services.CaseRuleError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("The draft was deleted."))
    return redirect("file_case")


def _draft_file(request: HttpRequest, pk: int, file_pk: int) -> DraftFile:
    return get_object_or_404(DraftFile, pk=file_pk, draft__pk=pk, draft__owner=_filer(request))


@login_required
@require_POST
def draft_file_remove(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    item = _draft_file(request, pk, file_pk)
    try:
        drafts.draft_file_remove(item=item, owner=request.user)
    except services.CaseRuleError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("“%(name)s” was taken off the evidence list.") % {"name": item.name})
    return redirect(_step_url(item.draft, steps.EVIDENCE))


@login_required
@require_GET
def draft_file_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """A draft's evidence file, to its owner only, as an attachment (like every case document)."""
    item = _draft_file(request, pk, file_pk)
    if not item.file:
        raise Http404
    response = FileResponse(CaseFileStorage().open(item.file.name, "rb"), as_attachment=True,
                            filename=download_name(item.original_name, item.content_type),
                            content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store, private"
    return response


def _search(query: str, on: Any) -> list[Any]:
    """At most SEARCH_LIMIT causes of the catalogue in force whose name or code matches, in catalogue order."""
    query = query[:SEARCH_QUERY_MAX].strip()
    if not query:
        return []
    return list(steps.cause_queryset(on).filter(Q(name__icontains=query) | Q(code__startswith=query))
                .only("pk", "code", "name", "level")[:SEARCH_LIMIT])


@login_required
@require_GET
def cause_search(request: HttpRequest) -> JsonResponse:
    """The cause search of step one: {"results": [{id, code, name}], "more": bool}, at most SEARCH_LIMIT."""
    _filer(request)
    query = (request.GET.get("q") or "")[:SEARCH_QUERY_MAX]
    found = _search(query, today())
    more = len(found) == SEARCH_LIMIT
    return JsonResponse({"results": [{"id": c.pk, "code": c.code, "name": c.name} for c in found], "more": more})
