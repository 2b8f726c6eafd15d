"""网上立案 (OLR 9): a party or lawyer files a complaint online; the court decides within 7 days (CPL 126)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from court.org.models import Court, Role, User

from .. import forms as f
from .. import services
from ..casefile_forms import EvidenceForms
from ..models import Party
from ..term import court_calendar
from .common import OUTSIDE_ROLES, decision_due

ONLY_PARTIES_FILE = gettext_lazy("Only parties and lawyers file complaints online.")
NO_COURT = gettext_lazy("No court accepts online filings yet.")

#: A refusal of the filing service shown next to the field it is about (the rest go above the form).
FIELD_OF_REFUSAL = {"non_contentious_not_first_instance": "cause", "negative": "claim_amount"}


def _party_inputs(formset: Any, side: str, user: User) -> list[services.PartyInput]:
    """The named parties of one side; the filer is the first plaintiff, or a lawyer represents every plaintiff."""
    out: list[services.PartyInput] = []
    for form in formset.forms:
        if not form.cleaned_data or not form.cleaned_data.get("name"):
            continue
        party = form.party_input(side)
        if side == Party.Side.PLAINTIFF:
            if user.role == Role.LAWYER:  # the lawyer files for the client and represents every plaintiff
                party.lawyer, party.lawyer_name, party.law_firm = user, str(user), user.law_firm
            elif not out:
                party.user = user
        out.append(party)
    return out


@login_required
def file_case(request: HttpRequest) -> HttpResponse:
    """网上立案 (OLR 9): a party or lawyer submits a complaint; the court decides within 7 days (CPL 126)."""
    user = request.user
    if user.role not in OUTSIDE_ROLES:
        raise PermissionDenied(ONLY_PARTIES_FILE)
    if not Court.objects.exists():
        raise PermissionDenied(NO_COURT)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = f.FilingForm(data)
    plaintiffs = f.PlaintiffForms(data, prefix="plaintiffs")
    defendants = f.DefendantForms(data, prefix="defendants")
    third_parties = f.ThirdPartyForms(data, prefix="third")
    # The evidence list is optional: a post without its management form lists none.
    listed = data is not None and "evidence-TOTAL_FORMS" in data
    evidence = EvidenceForms(data if listed else None, files if listed else None, prefix="evidence")
    if request.method == "POST":
        valid = all([form.is_valid(), plaintiffs.is_valid(), defendants.is_valid(), third_parties.is_valid(),
                     evidence.is_valid() or not evidence.is_bound])
        if valid:
            d = form.cleaned_data
            parties = (_party_inputs(plaintiffs, Party.Side.PLAINTIFF, user)
                       + _party_inputs(defendants, Party.Side.DEFENDANT, user)
                       + _party_inputs(third_parties, Party.Side.THIRD_PARTY, user))
            items = evidence.evidence_inputs() if evidence.is_bound else []
            try:
                with services.atomic_with_files():  # the complaint and its evidence files, or nothing
                    case = services.case_submit(court=d["court"], filing=form.filing_input(parties), actor=user)
                    if items:
                        services.evidence_add(case=case, actor=user, items=items, on=case.submitted_on)
            except services.CaseRuleError as exc:
                form.add_error(FIELD_OF_REFUSAL.get(exc.code), exc.text)
            else:
                due = decision_due(case, court_calendar())
                messages.success(request, _("Your complaint was received on %(on)s. The court decides whether to "
                                            "accept it by %(due)s (CPL 126).")
                                 % {"on": case.submitted_on.isoformat(), "due": due.isoformat() if due else "—"})
                return redirect("case_detail", pk=case.pk)
    return render(request, "cases/file.html", {
        "form": form, "formsets": [
            (plaintiffs, gettext_lazy("Plaintiffs")), (defendants, gettext_lazy("Defendants")),
            (third_parties, gettext_lazy("Third parties")),
        ], "evidence": evidence,
    })
