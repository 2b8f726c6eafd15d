from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="metrics_dashboard"),
    path("cases/", views.case_list, name="metrics_cases"),
    path("export/<str:table>.<str:fmt>", views.export, name="metrics_export"),
    path("report.pdf", views.report_pdf, name="metrics_report_pdf"),
]
