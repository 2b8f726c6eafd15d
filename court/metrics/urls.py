from django.urls import path

from . import views, views_mediation, views_reports

urlpatterns = [
    path("", views.dashboard, name="metrics_dashboard"),
    path("details/", views.details, name="metrics_details"),
    path("cases/", views.case_list, name="metrics_cases"),
    path("export/<str:table>.<str:fmt>", views_reports.export, name="metrics_export"),
    path("report.pdf", views_reports.report_pdf, name="metrics_report_pdf"),
    path("report.xlsx", views_reports.report_xlsx, name="metrics_report_xlsx"),
    path("reports/<str:name>", views_reports.archived, name="metrics_archived"),
    path("mediation/", views_mediation.mediation_page, name="metrics_mediation"),
]
