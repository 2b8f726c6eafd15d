"""What a user reads of the cases they may see: every read goes through `court.cases.access`
(`cases_for_user`, `get_case_for_user`, `documents_for_user`, `document_for_user`); a case the user may not see
is a 404, the same as one that does not exist. Outsiders get no internal material. (The case file is in
casefile.py, asynchronous hearings in async_hearings.py, a party's filings in its case in party_steps.py.)"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from court.cases.access import cases_for_user, document_for_user, get_case_for_user
from court.cases.models import CaseState, FeeNotice
from court.cases.uploads import download_name

from .. import serializers as s
from ..pagination import Pagination
from ..problems import Problem
from .common import paginate

UNKNOWN_STATE = gettext_noop("Unknown state “%(value)s”.")
STATE = OpenApiParameter("state", str, enum=list(CaseState.values), description="Only cases in this state.")


class CaseList(GenericAPIView):
    """The cases the user may see (a party or lawyer: its own), newest first."""

    pagination_class = Pagination
    serializer_class = s.CaseSerializer

    @extend_schema(operation_id="cases_list", parameters=[STATE], responses=s.CaseSerializer(many=True))
    def get(self, request: Request) -> Response:
        qs = cases_for_user(request.user).order_by("-created_at", "-id")
        state = request.query_params.get("state")
        if state:
            if state not in CaseState.values:
                message = _(UNKNOWN_STATE) % {"value": state[:40]}
                raise Problem(400, message, errors=[{"field": "state", "message": message}])
            qs = qs.filter(state=state)
        return paginate(self, qs, s.CaseSerializer)


class CaseDetail(GenericAPIView):
    """One case: the complaint and the parties (contact data as `access.sees_contact` allows)."""

    serializer_class = s.StaffCaseDetailSerializer

    @extend_schema(operation_id="cases_retrieve", responses=s.StaffCaseDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk)
        serializer = s.case_detail_serializer(request.user)(case, context={"request": request})
        return Response(serializer.data)


class CaseHearings(GenericAPIView):
    """The hearings of a case: when, where or how (in person, online, asynchronous with its response date)."""

    pagination_class = Pagination
    serializer_class = s.HearingSerializer

    @extend_schema(operation_id="cases_hearings_list", responses=s.HearingSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk)
        return paginate(self, case.hearings.order_by("starts_at", "id"), s.HearingSerializer)


class CaseFees(GenericAPIView):
    """The fee notices of a case (FEE 20-22) with their payments and any relief."""

    pagination_class = Pagination
    serializer_class = s.FeeNoticeSerializer

    @extend_schema(operation_id="cases_fees_list", responses=s.FeeNoticeSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk)
        qs = FeeNotice.objects.filter(case=case).prefetch_related("payments").order_by("issued_on", "id")
        return paginate(self, qs, s.FeeNoticeSerializer)


class FileRenderer(renderers.BaseRenderer):
    """Lets a client ask for the file's own type; a problem is still JSON."""

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None) -> bytes:
        return renderers.JSONRenderer().render(data, "application/json", renderer_context)


DOCUMENT_TYPES = ("application/pdf", "image/png", "image/jpeg")


class DocumentDownload(GenericAPIView):
    """The document's file, as an attachment, through the same access check as the page (404 otherwise)."""

    renderer_classes = [renderers.JSONRenderer, FileRenderer]

    @extend_schema(operation_id="documents_download",
                   responses={(200, media): OpenApiResponse(OpenApiTypes.BINARY) for media in DOCUMENT_TYPES})
    def get(self, request: Request, pk: int) -> FileResponse:
        from court.cases.models import CaseFileStorage

        doc = document_for_user(request.user, pk)
        handle = CaseFileStorage().open(doc.file.name, "rb")
        response = FileResponse(handle, as_attachment=True, content_type=doc.content_type,
                                filename=download_name(doc.original_name, doc.content_type))
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "no-store, private"
        return response
