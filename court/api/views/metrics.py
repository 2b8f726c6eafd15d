"""The court metrics (docs/metrics.md) through the API: the same scope (`court.metrics.access`: administrators
their court, trial teams their team, nobody else) and the same bounded window and filters as the dashboard
(`MetricsForm`: at most ten years, from 1990 to next year)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from court.metrics import engine
from court.metrics.access import filters_for, metrics_scope_for
from court.metrics.forms import MetricsForm

from .. import serializers as s
from ..problems import form_errors, invalid

PARAMETERS = [
    OpenApiParameter("from", str, description="First day, YYYY-MM-DD (default: 1 January)."),
    OpenApiParameter("to", str, description="Last day, the as-of date (default: today)."),
    OpenApiParameter("preset", str, enum=["this_year", "last_year", "2023"]),
    OpenApiParameter("team", str), OpenApiParameter("judge", str), OpenApiParameter("cause", int),
    OpenApiParameter("procedure", str),
]


def _jsonable(value: Any) -> Any:
    return value if value is None or isinstance(value, (int, float, str, bool)) else str(value)


class Metrics(GenericAPIView):
    serializer_class = s.MetricsSerializer

    @extend_schema(operation_id="metrics_retrieve", parameters=PARAMETERS, responses=s.MetricsSerializer)
    def get(self, request: Request) -> Response:
        scope = metrics_scope_for(request.user)
        form = MetricsForm(request.query_params, scope=scope)
        if not form.is_valid():
            raise invalid(form_errors(form))
        window = form.cleaned_data["window"]
        filters = filters_for(request.user, **form.filter_kwargs())
        figures = {key: _jsonable(value) for key, value in engine.figures(filters, window).items()}
        return Response({"from": window.start, "to": window.end, "figures": figures})
