from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    path("activate/<uidb64>/<token>/", views.activate, name="activate"),
    path("account/", views.account, name="account"),
    path("email/<str:token>/", views.email_confirm, name="email_confirm"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("reset/", views.password_reset, name="password_reset"),
    path("reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("join/", views.join, name="join"),
    path("cases/<int:pk>/parties/<int:party_pk>/join-code/", views.issue_code, name="issue_code"),
]
