"""What the API views share: the base view, the role checks, the documented parameters, and for the steps a
party takes: the party it acts for, the upload check and the refusals of the services as problem documents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from court.cases import services
from court.cases.access import Action, require
from court.cases.actions.applications import own_parties
from court.cases.models import Case, Party
from court.cases.uploads import UploadRefused, check_upload
from court.cases.views.common import OUTSIDE_ROLES, is_outsider
from court.org.models import Role, User

from ..idempotency import HEADER, KEY_MAX_LENGTH
from ..problems import invalid, rule_problem

ONLY_PARTIES_FILE = gettext_noop("Only parties and lawyers file complaints online.")
ONLY_COURT_STAFF = gettext_noop("The docket is for the court's staff; parties and lawyers read their own cases.")
ONLY_FILING_OFFICERS = gettext_noop("The filing queue is for filing officers and court administrators.")
ONLY_PARTIES_STEP = gettext_noop("Only the case's parties and their lawyers take this step.")
NOT_A_PARTY = gettext_noop("Party %(pk)s is not a party of this case.")
NAME_THE_PARTY = gettext_noop("Name the party you act for (you act for %(count)s parties that may take this step).")

#: The `Idempotency-Key` header every POST that creates something honours (court/api/idempotency.py).
IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER, str, OpenApiParameter.HEADER, required=False,
    description="Optional: a retry with the same key and request gets the first response and creates nothing; "
                "1 to 255 printable ASCII characters.",
    pattern=rf"^[ -~]{{1,{KEY_MAX_LENGTH}}}$")
#: Refusals of the case-file service that are about the uploaded file (as on the pages: views/documents.py).
FILE_REFUSALS = ("too_large", "empty", "not_pdf_or_image", "too_many_documents")


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


def require_party_step(user: User, case: Case, action: Action = Action.FOR_PARTY) -> None:
    """A step a party (or its lawyer) takes on its case, as the case page offers it (`access.require`): 403 for
    the court's staff and for a case no longer open to it."""
    require(user, action, case, message=ONLY_PARTIES_STEP)


def party_for(case: Case, user: User, pk: int | None, *sides: str, field: str = "party") -> Party:
    """The party of `case` named by `pk` (400 naming `field` if it is not one of the case's), or, without `pk`,
    the one party of `sides` the user is or represents. Whether the user may act for it is the service's check."""
    if pk is not None:
        party = case.parties.filter(pk=pk).first()
        if party is None:
            raise invalid([{"field": field, "message": _(NOT_A_PARTY) % {"pk": pk}}])
        return party
    mine = list(own_parties(case, user, *sides)[:3])
    if len(mine) != 1:
        raise invalid([{"field": field, "message": _(NAME_THE_PARTY) % {"count": len(mine)}}])
    return mine[0]


def checked_file(upload: Any, field: str = "file") -> Any:
    """The page's upload check (`uploads.check_upload`: content and size), as a 400 naming `field`."""
    if upload is None:
        return None
    try:
        check_upload(upload)
    except UploadRefused as exc:
        raise invalid([{"field": field, "message": exc.text}]) from None
    return upload


def refusal(exc: services.CaseRuleError, request: Request, fields: Mapping[str, str] | None = None) -> Response:
    """A service's refusal (422), naming the field it is about: `fields` by the rule's code, `file` for the file's."""
    field = (fields or {}).get(exc.code or "", "file" if exc.code in FILE_REFUSALS else "")
    return rule_problem(exc, instance=request.path, field=field)


def wire_data(request: Request, json_class: Any, multipart_class: Any) -> dict[str, Any]:
    """The body checked by its wire format (400 naming each field): JSON, or multipart/form-data with its files."""
    multipart = request.content_type.startswith("multipart/")
    wire = (multipart_class if multipart else json_class)(data=request.data)
    wire.is_valid(raise_exception=True)
    return dict(wire.validated_data)
