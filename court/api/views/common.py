"""What the API views share: the base view, the role checks, and the documented query parameters."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework.views import APIView

from court.cases.views.common import OUTSIDE_ROLES, is_outsider
from court.org.models import Role, User

ONLY_PARTIES_FILE = gettext_noop("Only parties and lawyers file complaints online.")
ONLY_COURT_STAFF = gettext_noop("The docket is for the court's staff; parties and lawyers read their own cases.")
ONLY_FILING_OFFICERS = gettext_noop("The filing queue is for filing officers and court administrators.")


class ApiView(APIView):
    """Every API view: authenticated (token or session), throttled, problem documents for errors."""


def require_outsider(user: User) -> None:
    if user.is_superuser or user.role not in OUTSIDE_ROLES:
        raise PermissionDenied(_(ONLY_PARTIES_FILE))


def require_staff(user: User) -> None:
    if is_outsider(user):
        raise PermissionDenied(_(ONLY_COURT_STAFF))


def require_filing_desk(user: User) -> None:
    if not (user.is_superuser or user.role in (Role.FILING_OFFICER, Role.ADMINISTRATOR)):
        raise PermissionDenied(_(ONLY_FILING_OFFICERS))


def paginate(view: APIView, queryset: Any, serializer_class: Any, **context: Any) -> Any:
    """One page of `queryset` through the view's paginator, serialized with the request in the context."""
    page = view.paginator.paginate_queryset(queryset, view.request, view=view)
    data = serializer_class(page, many=True, context={"request": view.request, **context}).data
    return view.paginator.get_paginated_response(data)
