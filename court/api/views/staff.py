"""The court's lists: the docket (the page's filters, sorting and term figures) and the filing queue. Both read
through `access.cases_for_user`, like the pages."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from court.cases import forms as case_forms
from court.cases.access import cases_for_user
from court.cases.models import CaseState, Procedure
from court.cases.term import today
from court.cases.views.lists import docket_rows, filter_docket

from .. import serializers as s
from ..pagination import Pagination
from ..problems import form_errors, invalid
from .common import require_filing_desk, require_staff

DOCKET_PARAMETERS = [
    OpenApiParameter("state", str, enum=[case_forms.STATE_ACTIVE, case_forms.STATE_ALL, *CaseState.values],
                     description="Pending cases (default), all, or one state."),
    OpenApiParameter("procedure", str, enum=list(Procedure.values)),
    OpenApiParameter("cause", int, description="A cause of action (its id)."),
    OpenApiParameter("alert", str, enum=["overdue", "window", "suspended"]),
    OpenApiParameter("team", int, description="A trial team (filing officers and administrators)."),
    OpenApiParameter("q", str, description="Part of the case number."),
    OpenApiParameter("sort", str, enum=[value for value, _label in case_forms.SORT_CHOICES]),
]


class Docket(GenericAPIView):
    """案件列表: the cases of the user's team (or court), filtered and sorted as on the docket page."""

    pagination_class = Pagination
    serializer_class = s.StaffCaseSerializer

    @extend_schema(operation_id="docket_list", parameters=DOCKET_PARAMETERS,
                   responses=s.StaffCaseSerializer(many=True))
    def get(self, request: Request) -> Response:
        user = request.user
        require_staff(user)
        on = today()
        form = case_forms.DocketFilterForm(request.query_params, user=user)
        if not form.is_valid():
            raise invalid(form_errors(form))
        qs = filter_docket(cases_for_user(user), form.cleaned_data, on)
        page = self.paginator.paginate_queryset(qs, request, view=self)
        prefetch_related_objects(page, "parties", "periods")
        docket_rows(page, on)  # today's deadlines from the periods, as on the page
        data = s.StaffCaseSerializer(page, many=True, context={"request": request, "today": on}).data
        return self.paginator.get_paginated_response(data)


class FilingQueue(GenericAPIView):
    """Complaints awaiting a decision (CPL 126: within 7 days) or a correction, oldest first."""

    pagination_class = Pagination
    serializer_class = s.StaffCaseSerializer

    @extend_schema(operation_id="filing_queue_list", responses=s.StaffCaseSerializer(many=True))
    def get(self, request: Request) -> Response:
        require_filing_desk(request.user)
        qs = (cases_for_user(request.user).filter(state__in=[CaseState.FILED, CaseState.CORRECTION])
              .order_by("submitted_on", "id"))
        page = self.paginator.paginate_queryset(qs, request, view=self)
        data = s.StaffCaseSerializer(page, many=True, context={"request": request, "today": today()}).data
        return self.paginator.get_paginated_response(data)
