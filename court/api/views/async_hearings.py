"""Asynchronous hearings through the API (OLR 20: "指定当事人在一定期限内，分别登录诉讼平台，以非同步的方式开展…庭审等诉讼
活动"): everyone who sees the case reads its asynchronous hearings, their windows and every party's submissions,
as the case page shows them; a party or its lawyer submits a statement, the evidence's description or a response
in the stage's window, with an optional file, through `services.async_submit` (which refuses a submission
before the window opens or after it closed, with the rule's message)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from court.cases import services
from court.cases.access import get_case_for_user
from court.cases.models import AsyncStage, AsyncSubmission, AsyncWindow, Case, Hearing

from .. import step_serializers as w
from ..idempotency import idempotent
from ..pagination import Pagination
from ..problems import invalid
from .common import IDEMPOTENCY_KEY, checked_file, paginate, party_for, refusal, require_party_step, wire_data

NO_SUCH_HEARING = gettext_noop("The case has no asynchronous hearing %(pk)s.")
BAD_HEARING = gettext_noop("Give the hearing as its id (a whole number).")
UNKNOWN_STAGE = gettext_noop("Unknown stage “%(value)s”.")
#: Refusals of `services.async_submit`, by the field they are about (as the page's AsyncSubmitForm shows them).
SUBMIT_FIELDS = {"not_async": "hearing", "not_of_case": "party", "window_closed": "stage",
                 "window_not_open": "stage", "no_window": "stage", "no_text": "text", "too_long": "text"}
HEARING = OpenApiParameter("hearing", int, description="Only the submissions of this hearing.")
STAGE = OpenApiParameter("stage", str, enum=list(AsyncStage.values), description="Only the submissions of this stage.")


def _async_hearings(case: Case) -> QuerySet[Hearing]:
    return case.hearings.filter(mode=Hearing.Mode.ASYNC)


def _submissions(case: Case) -> QuerySet[AsyncSubmission]:
    return (AsyncSubmission.objects.filter(window__hearing__case=case)
            .select_related("window", "party", "document").order_by("submitted_at", "id"))


def _hearing(case: Case, pk: int | None) -> Hearing:
    """The asynchronous hearing `pk` of the case (400 naming `hearing` if there is none), or its scheduled one
    (the service's refusal if there is none: a 422 naming `hearing`)."""
    qs = _async_hearings(case)
    if pk is not None:
        hearing = qs.filter(pk=pk).first()
        if hearing is None:
            raise invalid([{"field": "hearing", "message": _(NO_SUCH_HEARING) % {"pk": pk}}])
        return hearing
    hearing = qs.filter(status=Hearing.Status.SCHEDULED).order_by("starts_at", "id").first()
    if hearing is None:  # the service's own refusal, as the case page's form raises it
        raise services.CaseRuleError(services.ASYNC_NOT_ASYNC, code="not_async", article="OLR 20")
    return hearing


class CaseAsyncHearings(GenericAPIView):
    """The case's asynchronous hearings (OLR 20): each window, whether it is open today, and every submission."""

    pagination_class = Pagination
    serializer_class = w.AsyncHearingSerializer

    @extend_schema(operation_id="cases_async_hearings_list", responses=w.AsyncHearingSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk)
        windows = AsyncWindow.objects.select_related("hearing").prefetch_related(
            Prefetch("submissions", queryset=AsyncSubmission.objects.select_related("window", "party", "document")
                     .order_by("submitted_at", "id"))).order_by("opens_on", "id")
        qs = _async_hearings(case).prefetch_related(Prefetch("windows", queryset=windows)).order_by("starts_at", "id")
        return paginate(self, qs, w.AsyncHearingSerializer)


class CaseAsyncSubmissions(GenericAPIView):
    """Every party's submissions in the case's asynchronous hearings, oldest first, and a new one (OLR 20)."""

    pagination_class = Pagination
    serializer_class = w.AsyncSubmissionSerializer

    @extend_schema(operation_id="cases_async_submissions_list", parameters=[HEARING, STAGE],
                   responses=w.AsyncSubmissionSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk)
        qs = _submissions(case)
        hearing = request.query_params.get("hearing")
        if hearing:
            if not hearing.isdigit() or len(hearing) > 10:
                raise invalid([{"field": "hearing", "message": _(BAD_HEARING)}])
            qs = qs.filter(window__hearing_id=int(hearing))
        stage = request.query_params.get("stage")
        if stage:
            if stage not in AsyncStage.values:
                raise invalid([{"field": "stage", "message": _(UNKNOWN_STAGE) % {"value": stage[:40]}}])
            qs = qs.filter(window__stage=stage)
        return paginate(self, qs, w.AsyncSubmissionSerializer)

    @extend_schema(
        operation_id="cases_async_submissions_create", parameters=[IDEMPOTENCY_KEY],
        request={"application/json": w.AsyncSubmissionInputSerializer,
                 "multipart/form-data": w.AsyncSubmissionMultipartSerializer},
        responses={201: w.AsyncSubmissionSerializer},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        user = request.user
        case = get_case_for_user(user, pk)
        require_party_step(user, case)
        d = wire_data(request, w.AsyncSubmissionInputSerializer, w.AsyncSubmissionMultipartSerializer)
        party = party_for(case, user, d["party"])
        upload = checked_file(d.get("file"))
        try:
            hearing = _hearing(case, d["hearing"])
            submission = services.async_submit(hearing=hearing, actor=user, party=party, stage=d["stage"],
                                               text=d["text"], file=upload)
        except services.CaseRuleError as exc:
            return refusal(exc, request, SUBMIT_FIELDS)
        submission = _submissions(case).get(pk=submission.pk)
        return Response(w.AsyncSubmissionSerializer(submission, context={"request": request}).data, status=201)
