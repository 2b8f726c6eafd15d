from django.urls import path

from . import views
from .views import fees
from .views.applications import applications_queue
from .views.lists import docket_export, docket_print
from .views.queue import work_queue, work_queue_export, work_queue_print
from .views.correction import correction_page
from .actions import ACTIONS

urlpatterns = [
    path("", views.home, name="home"),
    path("docket/", views.docket, name="docket"),
    path("docket/print/", docket_print, name="docket_print"),
    path("docket/export/<slug:fmt>/", docket_export, name="docket_export"),
    path("filing/", views.filing_queue, name="filing_queue"),
    path("my/", views.my_cases, name="my_cases"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/documents/", views.document_upload, name="case_document_upload"),
    path("cases/<int:pk>/evidence/", views.evidence_add, name="case_evidence_add"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("cases/<int:pk>/correction/", correction_page, name="case_correction"),
    path("applications/", applications_queue, name="applications_queue"),
    path("queue/", work_queue, name="work_queue"),
    path("queue/print/", work_queue_print, name="work_queue_print"),
    path("queue/export/<slug:fmt>/", work_queue_export, name="work_queue_export"),
    path("cases/<int:pk>/fees/<int:notice_pk>/pay/", fees.fee_pay, name="fee_pay"),
    path("fees/callback/<slug:backend>/", fees.fee_callback, name="fee_callback"),
]
# One URL per action on a case: /cases/<pk>/<slug>/, named case_<slug> (e.g. case_accept, case_close).
urlpatterns += [
    path(f"cases/<int:pk>/{slug.replace('_', '-')}/", views.case_action, {"action": slug}, name=f"case_{slug}")
    for slug in ACTIONS
]
