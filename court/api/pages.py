"""The "API tokens" page of My account: create a token (its key is shown once, on this response only), list the
active ones, revoke one. The API lists and revokes too; `manage.py api_token` does all three."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .tokens import DEFAULT_DAYS, MAX_DAYS, TokenRefused, active_tokens, create_token, revoke_token


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=60,
                           help_text=gettext_lazy("What the token is for, e.g. the firm's case system."))
    days = forms.IntegerField(label=gettext_lazy("Valid for (days)"), min_value=1, max_value=MAX_DAYS,
                              initial=DEFAULT_DAYS)


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = TokenForm(prefix="token")
    new_key = ""
    if request.method == "POST" and request.POST.get("revoke"):
        try:
            pk = int(request.POST["revoke"])
        except ValueError:
            pk = 0
        if revoke_token(user, pk):
            messages.success(request, _("The token is revoked: it no longer opens the API."))
        return redirect("api_tokens")
    if request.method == "POST":
        form = TokenForm(request.POST, prefix="token")
        if form.is_valid():
            try:
                _token, new_key = create_token(user, name=form.cleaned_data["name"], days=form.cleaned_data["days"])
            except TokenRefused as exc:
                form.add_error(None, str(exc))
            else:
                form = TokenForm(prefix="token")
    return render(request, "api/tokens.html", {
        "form": form, "new_key": new_key, "tokens": active_tokens(user).order_by("-created_at", "-id"),
    })


urlpatterns = [path("", api_tokens, name="api_tokens")]
