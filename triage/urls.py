from django.urls import path

from . import views

app_name = "triage"

urlpatterns = [
    path("", views.threshold_page, name="threshold"),
    path("models/", views.versions_page, name="versions"),
    path("models/active/", views.version_card, name="active_card"),
    path("models/<str:version>/", views.version_card, name="card"),
    path("models/<str:version>/activate/", views.activate_version, name="activate"),
    path("recommendations/<int:pk>/decide/", views.decide, name="decide"),
    path("cases/<int:case_pk>/retriage/", views.retriage, name="retriage"),
]
