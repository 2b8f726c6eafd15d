from django.urls import path

from . import views

app_name = "mediation"

urlpatterns = [
    path("", views.mediation_list, name="list"),
    path("<int:pk>/", views.mediation_detail, name="detail"),
    path("divert/<int:case_pk>/", views.divert, name="divert"),
    path("start/<int:case_pk>/", views.start_in_case, name="start"),
]
