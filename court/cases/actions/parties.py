"""Parties and claims: add a party (CPL 59), amend the claim amount, record a counterclaim."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import User

from .. import services
from ..access import Action
from ..forms import TEXT_SMALL, PartyForm, date_field
from ..models import Case, Party
from .base import ActionSpec, CaseActionForm, CaseContext


class PartyAddForm(CaseActionForm, PartyForm):
    spec = ActionSpec("party_add", _("Add a party"), _("The party was added."), "parties", needs=Action.ADD_PARTY)

    side = forms.ChoiceField(label=_("Side"), choices=Party.Side.choices)
    field_order = ("side", "kind", "name", "id_number", "address", "address_known", "phone", "e_service_consent",
                   "e_address")

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.in_filing or ctx.active

    def perform(self, case: Case, user: User) -> Any:
        return services.party_add(case=case, actor=user, data=self.party_input(self.cleaned_data["side"]))


class AmountForm(CaseActionForm):
    spec = ActionSpec("amount", _("Amend the claim amount"), _("The claim amount was amended."), "parties",
                      needs=Action.DOCKET)

    amount = forms.DecimalField(label=_("New claim amount (yuan)"), min_value=Decimal(0), max_digits=16,
                                decimal_places=2)
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
    reason = forms.CharField(label=_("Counterclaim"), widget=TEXT_SMALL, required=False)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active and not ctx.case.counterclaim

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_record_counterclaim(case=case, actor=user, on=d["on"], reason=d["reason"])
