from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:pk>/generate/", views.generate, name="case_generate_document"),
    path("cases/<int:pk>/hearing-papers/", views.hearing_papers, name="case_hearing_papers"),
]
