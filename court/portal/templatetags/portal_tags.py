"""The join codes of a case's parties, for the court staff on its page: `{% load portal_tags %}{% join_codes %}`."""

from __future__ import annotations

from typing import Any

from django import template

from ..codes import may_issue
from ..models import PartyAccessCode

register = template.Library()


@register.inclusion_tag("portal/_join_codes.html", takes_context=True)
def join_codes(context: Any) -> dict[str, Any]:
    case, user = context["case"], context["user"]
    if not may_issue(user, case):
        return {"shown": False}
    parties = list(context.get("parties") or case.parties.all())
    latest: dict[int, PartyAccessCode] = {}
    for code in PartyAccessCode.objects.filter(party__case=case).select_related("used_by").order_by("-created_at"):
        latest.setdefault(code.party_id, code)
    rows = [{"party": p, "code": latest.get(p.pk)} for p in parties]
    return {"shown": True, "case": case, "rows": rows, "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def unread_notices(context: Any) -> int:
    """The unread notices of the signed-in party or lawyer (the nav's badge): one bounded COUNT."""
    from ..notices import unread_count

    request = context.get("request")
    user = getattr(request, "user", None)
    return unread_count(user) if user is not None else 0
