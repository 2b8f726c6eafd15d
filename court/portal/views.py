"""Pages of the parties' online court: sign-up and confirmation, password change and reset (Django's auth
views with the portal's templates and bounds), my account, joining a case with a code, and the join codes on
the case page (court staff)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from court.cases.access import get_case_for_user
from court.org.models import Role

from . import accounts, codes, throttle
from .forms import ContactForm, EmailChangeForm, JoinForm, SignUpForm

TOO_MANY_SIGNUPS = gettext_lazy("Too many sign-ups from this address or for this e-mail: try again in an hour.")
TOO_MANY_RESETS = gettext_lazy("Too many reset requests from this address or for this e-mail: try again in an "
                               "hour.")


def _throttle_keys(request: HttpRequest, email: str) -> list[str]:
    return [f"email:{email.strip().lower()}" if email else "", f"ip:{throttle.client_address(request)}"]


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:account")
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        keys = _throttle_keys(request, request.POST.get("email", ""))
        if throttle.exceeded("signup", keys, settings.FANJIAN_SIGNUP_LIMIT):
            form.is_valid()
            form.add_error(None, TOO_MANY_SIGNUPS)
            status = 429
        elif form.is_valid():
            throttle.hit("signup", keys)
            user = accounts.sign_up(form.cleaned_data, request)
            request.session["portal_signup_email"] = user.email
            return redirect("portal:signup_sent")
    return render(request, "portal/signup.html", {"form": form}, status=status)


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/signup_sent.html", {"email": request.session.get("portal_signup_email", "")})


def activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = accounts.activate(uidb64, token)
    return render(request, "portal/activated.html", {"activated": user}, status=200 if user else 400)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, bounded per e-mail address and per IP address; it never says whether an account exists."""

    template_name = "portal/password_reset.html"
    email_template_name = "portal/email/reset_body.txt"
    subject_template_name = "portal/email/reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        keys = _throttle_keys(self.request, form.cleaned_data["email"])
        if throttle.exceeded("reset", keys, settings.FANJIAN_RESET_LIMIT):
            form.add_error(None, TOO_MANY_RESETS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        throttle.hit("reset", keys)
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="portal/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="portal/password_reset_confirm.html", success_url=reverse_lazy("portal:password_reset_complete"))
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="portal/password_reset_complete.html")
password_change = auth_views.PasswordChangeView.as_view(
    template_name="portal/password_change.html", success_url=reverse_lazy("portal:password_change_done"))
password_change_done = auth_views.PasswordChangeDoneView.as_view(template_name="portal/password_change_done.html")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """My account: the identity given at sign-up, the contact details, the e-mail address, the password."""
    user = request.user
    contact = ContactForm(instance=user, prefix="contact")
    email = EmailChangeForm(user=user, prefix="email")
    if request.method == "POST":
        if request.POST.get("form") == "contact":
            contact = ContactForm(request.POST, instance=user, prefix="contact")
            if contact.is_valid():
                contact.save()
                messages.success(request, _("Your contact details are saved."))
                return redirect("portal:account")
        elif request.POST.get("form") == "email":
            email = EmailChangeForm(request.POST, user=user, prefix="email")
            if email.is_valid():
                accounts.request_email_change(user, email.cleaned_data["email"], request)
                messages.success(request, _("We sent a link to %(email)s: the new address takes effect when you "
                                            "follow it.") % {"email": email.cleaned_data["email"]})
                return redirect("portal:account")
    return render(request, "portal/account.html", {
        "contact": contact, "email_form": email, "outside": user.role in (Role.PARTY, Role.LAWYER),
    })


def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    user = accounts.confirm_email_change(token)
    if user is None:
        messages.error(request, _("This link is not valid any more: ask for the change again."))
    else:
        messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": user.email})
    return redirect("portal:account" if request.user.is_authenticated else "login")


@login_required
def join(request: HttpRequest) -> HttpResponse:
    """Join a case with the code printed on the documents served on you."""
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")[:40]})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            party = codes.join_code_redeem(text=form.cleaned_data["code"], user=request.user)
        except codes.JoinRefused as refusal:
            form.add_error("code", str(refusal))
            status = 429 if refusal.message == codes.TOO_MANY_ATTEMPTS else 400
        else:
            messages.success(request, _("You have joined %(case)s as %(party)s.")
                             % {"case": party.case, "party": party})
            return redirect("case_detail", pk=party.case_id)
    return render(request, "portal/join.html", {"form": form}, status=status)


@login_required
@require_POST
def issue_code(request: HttpRequest, pk: int, party_pk: int) -> HttpResponse:
    """Court staff issue (or re-issue) a party's join code from the case page."""
    case = get_case_for_user(request.user, pk)
    party = get_object_or_404(case.parties, pk=party_pk)
    code = codes.join_code_issue(party=party, actor=request.user)
    messages.success(request, _("Join code for %(party)s: %(code)s. Print it on the documents served on this "
                                "party.") % {"party": party, "code": code.display})
    return redirect(reverse("case_detail", args=[case.pk]) + "#h-parties")
