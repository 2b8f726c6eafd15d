"""/api/v1/: the versioned API and its schema (/api/v1/openapi.json)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from . import schema  # noqa: F401  (registers the bearer-token scheme)
from .views import account, async_hearings, casefile, cases, filing, metrics, party_steps, reference, staff

app_name = "api"


class OpenApiSchema(SpectacularJSONAPIView):
    permission_classes = [AllowAny]


@csrf_exempt  # it changes nothing; a POST to an unknown path is a 404, not a CSRF 403
def not_found(request: HttpRequest) -> JsonResponse:
    """Any other path under /api/v1/: a problem document, not the site's HTML page."""
    return JsonResponse({"type": "about:blank", "title": "Not Found", "status": 404, "detail": _("Not found."),
                         "instance": request.path}, status=404, content_type="application/problem+json",
                        json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("openapi.json", OpenApiSchema.as_view(), name="schema"),
    path("me/", account.Me.as_view(), name="me"),
    path("tokens/", account.TokenList.as_view(), name="token_list"),
    path("tokens/<int:pk>/", account.TokenRevoke.as_view(), name="token_revoke"),
    path("notices/", account.NoticeList.as_view(), name="notice_list"),
    path("courts/", reference.CourtList.as_view(), name="court_list"),
    path("causes/", reference.CauseList.as_view(), name="cause_list"),
    path("cases/", cases.CaseList.as_view(), name="case_list"),
    path("cases/<int:pk>/", cases.CaseDetail.as_view(), name="case_detail"),
    path("cases/<int:pk>/documents/", casefile.CaseDocuments.as_view(), name="case_documents"),
    path("cases/<int:pk>/evidence/", casefile.CaseEvidence.as_view(), name="case_evidence"),
    path("cases/<int:pk>/hearings/", cases.CaseHearings.as_view(), name="case_hearings"),
    path("cases/<int:pk>/async-hearings/", async_hearings.CaseAsyncHearings.as_view(), name="case_async_hearings"),
    path("cases/<int:pk>/async-submissions/", async_hearings.CaseAsyncSubmissions.as_view(),
         name="case_async_submissions"),
    path("cases/<int:pk>/answers/", party_steps.CaseAnswers.as_view(), name="case_answers"),
    path("cases/<int:pk>/applications/", party_steps.CaseApplications.as_view(), name="case_applications"),
    path("cases/<int:pk>/fees/", cases.CaseFees.as_view(), name="case_fees"),
    path("cases/<int:pk>/fees/<int:notice_pk>/payments/", party_steps.FeePayments.as_view(), name="fee_payments"),
    path("cases/<int:pk>/fees/<int:notice_pk>/relief/", party_steps.FeeRelief.as_view(), name="fee_relief"),
    path("documents/<int:pk>/download/", cases.DocumentDownload.as_view(), name="document_download"),
    path("filings/", filing.Filings.as_view(), name="filings"),
    path("docket/", staff.Docket.as_view(), name="docket"),
    path("filing-queue/", staff.FilingQueue.as_view(), name="filing_queue"),
    path("metrics/", metrics.Metrics.as_view(), name="metrics"),
    re_path(r"^.*$", not_found, name="not_found"),  # last
]
