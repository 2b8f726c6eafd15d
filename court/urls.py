from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from court.mediation.views import mediation_list
from court.portal.filing.views import file_case

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("portal/", include("court.portal.urls")),
    path("file/", file_case, name="file_case"),  # the guided filing (court.portal.filing)
    # The mediator's list (/mediations/, named "mediations" as before) is the mediation app's: it knows each
    # mediation's own deadline (OMR 24), not the trial term.
    path("mediations/", mediation_list, name="mediations"),
    path("mediations/", include("court.mediation.urls")),
    path("", include("court.cases.urls")),
    path("", include("court.paperwork.urls")),
    path("", include("court.hearings.urls")),  # calendars, the 开庭公告, online hearing rooms
    path("metrics/", include("court.metrics.urls")),
    path("triage/", include("triage.urls")),
    path("api/v1/", include("court.api.urls")),
    path("account/api-tokens/", include("court.api.pages")),
]

