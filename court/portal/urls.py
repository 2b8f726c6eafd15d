from django.urls import path

from . import inbox, views
from .filing import views as filing

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
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/read-all/", inbox.mark_all_read, name="inbox_read_all"),
    path("inbox/<int:pk>/", inbox.notice, name="notice"),
    path("cases/<int:pk>/parties/<int:party_pk>/join-code/", views.issue_code, name="issue_code"),
    # Guided filing (/file/, named file_case, lists the drafts and starts one).
    path("drafts/<int:pk>/save/", filing.draft_save, name="draft_save"),
    path("drafts/<int:pk>/submit/", filing.draft_submit, name="draft_submit"),
    path("drafts/<int:pk>/received/", filing.draft_received, name="draft_received"),
    path("drafts/<int:pk>/delete/", filing.draft_delete, name="draft_delete"),
    path("drafts/<int:pk>/files/<int:file_pk>/", filing.draft_file_download, name="draft_file"),
    path("drafts/<int:pk>/files/<int:file_pk>/remove/", filing.draft_file_remove, name="draft_file_remove"),
    path("drafts/<int:pk>/<slug:step>/", filing.draft_step, name="draft_step"),
    path("causes/", filing.cause_search, name="cause_search"),
]
