from django.urls import path

from . import views
from .actions import ACTIONS

urlpatterns = [
    path("", views.home, name="home"),
    path("docket/", views.docket, name="docket"),
    path("filing/", views.filing_queue, name="filing_queue"),
    path("file/", views.file_case, name="file_case"),
    path("my/", views.my_cases, name="my_cases"),
    path("mediations/", views.mediations, name="mediations"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/documents/", views.document_upload, name="case_document_upload"),
    path("cases/<int:pk>/evidence/", views.evidence_add, name="case_evidence_add"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
]
# One URL per action on a case: /cases/<pk>/<slug>/, named case_<slug> (e.g. case_accept, case_close).
urlpatterns += [
    path(f"cases/<int:pk>/{slug.replace('_', '-')}/", views.case_action, {"action": slug}, name=f"case_{slug}")
    for slug in ACTIONS
]
