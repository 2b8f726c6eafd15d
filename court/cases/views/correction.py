"""“Correct your complaint” (REG2015 Art. 7; OLR 9(2)): the items the court asked for and the deadline, the
complaint's parties, claims, amount and facts pre-filled for editing, the evidence list with lines to withdraw
and new lines with their files, then save or save and resubmit. One transaction: the corrections, the evidence
and the resubmission land together or not at all (`services.atomic_with_files`). A refusal is shown next to
its field and everything typed stays (a chosen file must be chosen again: browsers do not keep it).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import services
from ..access import NOT_ALLOWED, Action, can, get_case_for_user
from ..bounds import CLAIMS_MAX_LENGTH, FACTS_MAX_LENGTH, amount_form_field
from ..casefile_forms import EvidenceForms
from ..forms import PartyForm
from ..models import Case, CaseState, Party
from ..term import today

#: A refusal of the services shown next to the field it is about (the rest above the form).
FIELD_OF_REFUSAL = {"negative": "claim_amount", "amount_too_large": "claim_amount"}


class ComplaintForm(forms.Form):
    claim_amount = amount_form_field(gettext_lazy("Claim amount (yuan)"))
    claims = forms.CharField(label=gettext_lazy("Claims"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=CLAIMS_MAX_LENGTH)
    facts = forms.CharField(label=gettext_lazy("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 5}),
                            max_length=FACTS_MAX_LENGTH, required=False)


class PartyEditForm(PartyForm):
    """One party of the complaint as it stands (`id`), or a new one (no `id`); `remove` takes it off."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    side = forms.ChoiceField(label=gettext_lazy("Side"), choices=Party.Side.choices)
    remove = forms.BooleanField(label=gettext_lazy("Remove this party"), required=False)
    field_order = ("side", "kind", "name", "id_number", "address", "address_known", "phone", "e_service_consent",
                   "e_address", "online_hearing_consent", "no_domicile_in_china", "remove")

    def has_changed(self) -> bool:
        """A blank line for a new party is left alone until it is given a name."""
        if self.is_bound and not self.data.get(self.add_prefix("id")):
            return bool((self.data.get(self.add_prefix("name")) or "").strip())
        return super().has_changed()

    def clean(self) -> dict[str, Any]:
        if self.cleaned_data.get("remove"):  # a party taken off needs no valid address
            return self.cleaned_data
        return super().clean()


PartyEditForms = forms.formset_factory(PartyEditForm, extra=1, max_num=30, absolute_max=30, validate_max=True)


def _party_initial(party: Party) -> dict[str, Any]:
    return {"id": party.pk, "side": party.side, "kind": party.kind, "name": party.name, "id_number": party.id_number,
            "address": party.address, "address_known": party.address_known, "phone": party.phone,
            "e_service_consent": party.e_service_consent, "e_address": party.e_address,
            "online_hearing_consent": party.online_hearing_consent,
            "no_domicile_in_china": party.no_domicile_in_china}


def _party_changes(case: Case, formset: Any) -> dict[str, list[Any]]:
    existing = {p.pk: p for p in case.parties.all()}
    edit, add, remove = [], [], []
    for form in formset.forms:
        d = form.cleaned_data
        if not d or not (d.get("name") or d.get("id")):
            continue
        party = existing.get(d.get("id")) if d.get("id") else None
        if party is not None and d.get("remove"):
            remove.append(party)
        elif party is not None:
            edit.append((party, form.party_input(d["side"])))
        elif not d.get("remove"):
            add.append(form.party_input(d["side"]))
    return {"edit_parties": edit, "add_parties": add, "remove_parties": remove}


@login_required
@require_http_methods(["GET", "POST"])
def correction_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    if not can(request.user, Action.AMEND_FILING, case):
        raise PermissionDenied(_(NOT_ALLOWED))
    if case.state != CaseState.CORRECTION:
        messages.info(request, _("The court is not asking for corrections of this complaint."))
        return HttpResponseRedirect(reverse("case_detail", args=[case.pk]))
    parties = list(case.parties.all())
    evidence_items = list(case.evidence.select_related("document"))
    posted = request.method == "POST"
    form = ComplaintForm(request.POST if posted else None, initial={
        "claim_amount": case.claim_amount, "claims": case.claims, "facts": case.facts})
    party_forms = PartyEditForms(request.POST if posted else None, prefix="parties",
                                 initial=[_party_initial(p) for p in parties])
    listed = posted and "evidence-TOTAL_FORMS" in request.POST
    evidence = EvidenceForms(request.POST if listed else None, request.FILES if listed else None, prefix="evidence")
    withdrawn = set(request.POST.getlist("withdraw_evidence")) if posted else set()
    error = None
    if posted and form.is_valid() and party_forms.is_valid() and (evidence.is_valid() or not evidence.is_bound):
        d = form.cleaned_data
        try:
            with services.atomic_with_files():
                services.case_amend_filing(case=case, actor=request.user, claim_amount=d["claim_amount"],
                                           claims=d["claims"], facts=d["facts"], **_party_changes(case, party_forms))
                for item in evidence_items:
                    if str(item.pk) in withdrawn:
                        services.evidence_remove(item=item, actor=request.user)
                items = evidence.evidence_inputs() if evidence.is_bound else []
                if items:
                    services.evidence_add(case=case, actor=request.user, items=items)
                if request.POST.get("resubmit"):
                    services.case_resubmit(case=case, actor=request.user)
        except services.CaseRuleError as exc:
            field = FIELD_OF_REFUSAL.get(exc.code)
            if field:
                form.add_error(field, exc.text)
            else:
                error = exc.text
        else:
            if request.POST.get("resubmit"):
                messages.success(request, _("The corrected complaint was received; the court decides within 7 days "
                                            "from the next day (OLR 9(2))."))
                return HttpResponseRedirect(reverse("case_detail", args=[case.pk]))
            messages.success(request, _("Your corrections were saved. Resubmit the complaint when you are done."))
            return HttpResponseRedirect(reverse("case_correction", args=[case.pk]))
    request_info = services.correction_request(case)
    return render(request, "cases/correction.html", {
        "case": case, "request_info": request_info, "overdue": request_info and request_info.overdue(today()),
        "form": form, "party_forms": party_forms, "evidence": evidence, "evidence_items": evidence_items,
        "withdrawn": withdrawn, "error": error,
    })
