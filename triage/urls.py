from django.urls import path

from . import views

app_name = "triage"

urlpatterns = [
    path("", views.threshold_page, name="threshold"),
    path("models/", views.versions_page, name="versions"),
    path("models/<str:version>/", views.version_card, name="card"),
    path("recommendations/<int:pk>/decide/", views.decide, name="decide"),
    path("cases/<int:case_pk>/retriage/", views.retriage, name="retriage"),
]
