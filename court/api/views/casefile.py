"""The electronic case file through the API (OLR 11; CPL 67): its documents and its evidence list, read as the
case page shows them (`access.documents_for_user`: nothing internal for outsiders) and added to through the
services the page uses (`services.document_upload`, `services.evidence_add`), by whoever the page lets add
(`Action.ADD_DOCUMENT`: the case's parties and lawyers, its trial team, the filing officer before and with the
filing decision). Files pass the page's check first (`uploads.check_upload`, a 400 naming the part)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from court.cases import services
from court.cases.access import Action, documents_for_user, get_case_for_user, is_external

from .. import serializers as s
from .. import step_serializers as w
from ..idempotency import idempotent
from ..pagination import Pagination
from .common import IDEMPOTENCY_KEY, checked_file, paginate, refusal, require_party_step

#: Refusals of the document service about a field other than the file.
DOCUMENT_FIELDS = {"too_long": "title", "choice": "kind"}
EVIDENCE_FIELDS = {"evidence_needs_name": "name", "too_long": "purpose", "too_many_evidence": "",
                   "too_many_at_once": ""}


class CaseDocuments(GenericAPIView):
    """The case file as the user may read it (no internal documents for outsiders), and a document added to it."""

    pagination_class = Pagination
    serializer_class = s.DocumentSerializer
    parser_classes = [MultiPartParser]

    @extend_schema(operation_id="cases_documents_list", responses=s.DocumentSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk)
        return paginate(self, documents_for_user(request.user, case).order_by("uploaded_at", "id"),
                        s.DocumentSerializer)

    @extend_schema(operation_id="cases_documents_create", parameters=[IDEMPOTENCY_KEY],
                   request={"multipart/form-data": w.DocumentInputSerializer}, responses={201: s.DocumentSerializer})
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        user = request.user
        case = get_case_for_user(user, pk)
        require_party_step(user, case, Action.ADD_DOCUMENT)
        wire = w.DocumentInputSerializer(data=request.data)
        wire.is_valid(raise_exception=True)
        d = wire.validated_data
        upload = checked_file(d["file"])
        try:
            doc = services.document_upload(case=case, actor=user, kind=d["kind"], title=d["title"], file=upload,
                                           internal=d["internal"] and not is_external(user))
        except services.CaseRuleError as exc:
            return refusal(exc, request, DOCUMENT_FIELDS)
        body = s.DocumentSerializer(doc, context={"request": request}).data
        return Response(body, status=201, headers={"Location": reverse("api:document_download", args=[doc.pk])})


class CaseEvidence(GenericAPIView):
    """The evidence list (证据目录), in order, and a further piece of evidence with its file (CPL 67: after 立案 it
    is listed as late)."""

    pagination_class = Pagination
    serializer_class = w.EvidenceItemSerializer
    parser_classes = [MultiPartParser]

    @extend_schema(operation_id="cases_evidence_list", responses=w.EvidenceItemSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk)
        return paginate(self, case.evidence.select_related("document").order_by("number"), w.EvidenceItemSerializer)

    @extend_schema(operation_id="cases_evidence_create", parameters=[IDEMPOTENCY_KEY],
                   request={"multipart/form-data": w.EvidenceItemInputSerializer},
                   responses={201: w.EvidenceItemSerializer})
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        user = request.user
        case = get_case_for_user(user, pk)
        require_party_step(user, case, Action.ADD_DOCUMENT)
        wire = w.EvidenceItemInputSerializer(data=request.data)
        wire.is_valid(raise_exception=True)
        d = wire.validated_data
        item = services.EvidenceInput(name=d["name"], source=d["source"], purpose=d["purpose"], pages=d["pages"],
                                      file=checked_file(d["file"]))
        try:
            created = services.evidence_add(case=case, actor=user, items=[item])
        except services.CaseRuleError as exc:
            return refusal(exc, request, EVIDENCE_FIELDS)
        return Response(w.EvidenceItemSerializer(created[0], context={"request": request}).data, status=201)
