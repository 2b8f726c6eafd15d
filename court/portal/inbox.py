"""The in-app inbox of a party or lawyer: their notices, newest first, a page at a time; a notice opened is
marked read. Only the recipient ever sees a notice: another's identifier is a 404, the same as a missing one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from court.cases.access import cases_for_user

from .models import Notice
from .notices import notices_for

INBOX_PAGE_SIZE = 20


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    qs = notices_for(request.user).order_by("-created_at", "-id")
    page = Paginator(qs, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    unread = qs.filter(read_at__isnull=True).count()
    return render(request, "portal/inbox.html", {"page": page, "notices": page.object_list, "unread": unread})


def _own(request: HttpRequest, pk: int) -> Notice:
    try:
        return notices_for(request.user).get(pk=pk)
    except Notice.DoesNotExist:
        raise Http404(_("No such notice.")) from None


@login_required
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    item = _own(request, pk)
    if item.read_at is None:
        item.read_at = timezone.now()
        item.save(update_fields=["read_at"])
    # The case link only while the user still sees the case.
    case_visible = item.case_id is not None and cases_for_user(request.user).filter(pk=item.case_id).exists()
    return render(request, "portal/notice.html", {"notice": item, "case_visible": case_visible})


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    notices_for(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return HttpResponseRedirect(reverse("portal:inbox"))
