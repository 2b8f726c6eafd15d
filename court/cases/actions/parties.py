"""Parties and claims: add a party (CPL 59), record a party's consents (CPL 90; OLR 4, 21; OMR 4), amend the
claim amount, record a counterclaim."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import User

from .. import services
from ..access import Action
from ..bounds import amount_form_field
from ..forms import TEXT_SMALL, PartyForm, date_field
from ..models import Case, Party
from .base import ActionSpec, CaseActionForm, CaseContext, preselect

CONSENT_CHOICES = (("", _("Unchanged")), ("yes", _("Consents")), ("no", _("Does not consent")))


class PartyAddForm(CaseActionForm, PartyForm):
    spec = ActionSpec("party_add", _("Add a party"), _("The party was added."), "parties", needs=Action.ADD_PARTY)

    side = forms.ChoiceField(label=_("Side"), choices=Party.Side.choices)
    field_order = ("side", "kind", "name", "id_number", "address", "address_known", "phone", "e_service_consent",
                   "e_address", "online_hearing_consent", "no_domicile_in_china")

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.in_filing or ctx.active

    def perform(self, case: Case, user: User) -> Any:
        return services.party_add(case=case, actor=user, data=self.party_input(self.cleaned_data["side"]))


def _consent(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class PartyConsentsForm(CaseActionForm):
    spec = ActionSpec("party_consents", _("Record a party's consents"), _("The party's consents were recorded."),
                      "parties", needs=Action.DOCKET)

    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    e_service = forms.ChoiceField(label=_("Electronic service (CPL 90)"), choices=CONSENT_CHOICES, required=False)
    e_address = forms.CharField(label=_("Electronic address"), max_length=200, required=False)
    online_hearing = forms.ChoiceField(label=_("Online hearing (OLR 4, 21)"), choices=CONSENT_CHOICES,
                                       required=False,
                                       help_text=_("OLR 4(4): each consent is its own; none is inferred from another."))
    online_mediation = forms.ChoiceField(label=_("Online mediation (OMR 4)"), choices=CONSENT_CHOICES,
                                         required=False)
    note = forms.CharField(label=_("How the party said so"), widget=TEXT_SMALL, required=False)
    on = date_field(_("Recorded on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = self.case.parties.all()
        preselect(self.fields["party"])

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.party_record_consents(
            party=d["party"], actor=user, e_service=_consent(d["e_service"]), e_address=d["e_address"],
            online_hearing=_consent(d["online_hearing"]), online_mediation=_consent(d["online_mediation"]),
            note=d["note"], on=d["on"])


class AmountForm(CaseActionForm):
    spec = ActionSpec("amount", _("Amend the claim amount"), _("The claim amount was amended."), "parties",
                      needs=Action.DOCKET)

    amount = amount_form_field(_("New claim amount (yuan)"))
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].initial = self.case.claim_amount

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_amend_amount(case=case, actor=user, amount=d["amount"], reason=d["reason"])


class CounterclaimForm(CaseActionForm):
    spec = ActionSpec("counterclaim", _("Record a counterclaim"), _("The counterclaim was recorded."), "parties",
                      needs=Action.DOCKET)

    on = date_field(_("Received on"))
    amount = amount_form_field(_("Counterclaim amount (yuan)"), required=False,
                               help_text=_("Its own fee, halved, is due within 7 days (FEE 18, 22)."))
    reason = forms.CharField(label=_("Counterclaim"), widget=TEXT_SMALL, required=False)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active and not ctx.case.counterclaim

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_record_counterclaim(case=case, actor=user, on=d["on"], reason=d["reason"],
                                                 amount=d["amount"])
