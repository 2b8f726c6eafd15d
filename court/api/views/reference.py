"""What a client needs to file: the courts and the causes of action in force today."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from court.cases.models import Cause
from court.cases.selectors import catalogue_for
from court.cases.term import today
from court.org.models import Court

from .. import serializers as s
from ..pagination import Pagination
from .common import paginate


class CourtList(GenericAPIView):
    pagination_class = Pagination
    serializer_class = s.CourtSerializer

    @extend_schema(operation_id="courts_list", responses=s.CourtSerializer(many=True))
    def get(self, request: Request) -> Response:
        return paginate(self, Court.objects.order_by("code", "id"), s.CourtSerializer)


class CauseList(GenericAPIView):
    """The causes of action (民事案件案由规定) in force today, in the catalogue's order; `q` searches the names."""

    pagination_class = Pagination
    serializer_class = s.CauseSerializer

    @extend_schema(operation_id="causes_list", parameters=[OpenApiParameter("q", str, description="Part of the name.")],
                   responses=s.CauseSerializer(many=True))
    def get(self, request: Request) -> Response:
        catalogue = catalogue_for(today())
        qs = Cause.objects.filter(catalogue=catalogue) if catalogue else Cause.objects.none()
        q = (request.query_params.get("q") or "").strip()[:100]
        if q:
            qs = qs.filter(name__contains=q)
        return paginate(self, qs.order_by("position", "id"), s.CauseSerializer)
