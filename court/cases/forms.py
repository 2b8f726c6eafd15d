"""Forms of the case pages that are not actions on one case: the online complaint and its parties, and the
docket filters; plus the widgets and fields the action forms (`court.cases.actions`) share. They parse and
check input only; the law is the services' business.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from collections.abc import Collection
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from court.org.models import Court, Role, Team, User
from court.rules.case_numbers import CaseNumberError, is_valid_court_code, parse_case_number
from court.rules.claims import ClaimNature, asks_money_claim_only

from . import services
from .bounds import CLAIMS_MAX_LENGTH, FACTS_MAX_LENGTH, amount_form_field
from .models import CaseState, Cause, Party, Procedure, SuitKind
from .selectors import catalogue_for
from .term import today

# Error messages (module constants, so tests assert on them).
ADDRESS_NEEDED = _("Give the service address, or untick “address known”.")
E_ADDRESS_NEEDED = _("Give the electronic address to which the party consents to be served (CPL 90).")
NEED_PLAINTIFF = _("CPL 122(1): name at least one plaintiff.")
NEED_DEFENDANT = _("CPL 122(2): name at least one defendant.")
MONEY_ONLY_NEEDED = _(
    "This cause covers payment of money and other claims: say whether every claim is for payment of money "
    "(CPL 165: small claims take money-payment cases only)."
)
SUIT_KIND_NEEDED = _("This cause is a special suit: choose which kind (JI 257(6), JI 308).")
SUIT_KIND_CONTRADICTS_CAUSE = _(
    "The cause “%(cause)s” names its kind of suit: %(kind)s. Choose that kind, or another cause."
)
ORIGINAL_NUMBER_NEEDED = _(
    "Give the case number of the judgment, ruling or mediation document that this suit concerns "
    "(the one remanded, retried or attacked)."
)
ORIGINAL_NUMBER_UNREADABLE = _(
    "“%(number)s” is not a case number: write it as printed, such as （2023）陕0122民初1234号, or before 2016 "
    "（2015）蓝民初字第123号."
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
TEXT_SMALL = forms.Textarea(attrs={"rows": 2})


def date_field(label: Any, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, **kwargs)


class LabelledChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, label_fn: Any = str, **kwargs: Any) -> None:
        self._label_fn = label_fn
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return self._label_fn(obj)


class PartyForm(forms.Form):
    """One party of a complaint (CPL 122): the filing formsets and the add-party action."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Party.Kind.choices, initial=Party.Kind.PERSON)
    name = forms.CharField(label=_("Name"), max_length=100)
    id_number = forms.CharField(label=_("ID or credit code"), max_length=40, required=False)
    address = forms.CharField(label=_("Service address"), max_length=200, required=False)
    address_known = forms.BooleanField(label=_("Address known"), required=False, initial=True)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    e_service_consent = forms.BooleanField(label=_("Consents to e-service"), required=False)
    e_address = forms.CharField(label=_("Electronic address"), max_length=200, required=False)
    online_hearing_consent = forms.BooleanField(
        label=_("Consents to online hearings"), required=False,
        help_text=_("OLR 4(4): consent to e-service is not consent to an online hearing."))
    no_domicile_in_china = forms.BooleanField(
        label=_("No domicile in China"), required=False,
        help_text=_("CPL 283, 285: publication takes 60 days and the answer period is 30 days for this party."))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("address_known") and not (data.get("address") or "").strip():
            self.add_error("address", ADDRESS_NEEDED)
        if data.get("e_service_consent") and not (data.get("e_address") or "").strip():
            self.add_error("e_address", E_ADDRESS_NEEDED)
        return data

    def party_input(self, side: str) -> services.PartyInput:
        """The cleaned party as the services take it."""
        d = self.cleaned_data
        return services.PartyInput(side=side, name=d["name"].strip(), kind=d["kind"], id_number=d["id_number"],
                                   address=d["address"], address_known=d["address_known"], phone=d["phone"],
                                   e_service_consent=d["e_service_consent"], e_address=d["e_address"],
                                   online_hearing_consent=d.get("online_hearing_consent", False),
                                   no_domicile_in_china=d.get("no_domicile_in_china", False))


# --- online filing ------------------------------------------------------------------------------------------

class CauseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Cause) -> str:
        return "\u2003" * max(obj.level - 1, 0) + f"{obj.code} {obj.name}"


#: A case number of a type the civil parser does not know, e.g. （2024）陕0122执异12号: the execution ruling an
#: execution-objection suit follows. Civil numbers, and before 2016 （2015）蓝民初字第123号, are `parse_case_number`'s.
_OTHER_NUMBER = re.compile(
    r"^[（(](?P<year>\d{4})[）)](?P<court>最高法|\D\d{2}(?:\d{2})?|\D)[\u4e00-\u9fff]{1,5}[1-9]\d*号"
    r"(?:之[一二三四五六七八九十]+)?$"
)
YES, NO = "yes", "no"


def _original_number_readable(text: str) -> bool:
    try:
        parse_case_number(text)
    except CaseNumberError:
        match = _OTHER_NUMBER.match(text)
        return bool(match) and "字第" not in text and is_valid_court_code(match["court"])
    return True


def suit_kind_of(cause: Cause) -> str:
    """The special suit a cause names (causes of claim nature `special_suit`: 第三人撤销之诉, 执行异议之诉),
    or "" where the cause does not say (an ordinary cause, or the group 特殊诉讼程序案件案由)."""
    if cause.claim_nature != ClaimNature.SPECIAL_SUIT:
        return ""
    if "撤销之诉" in cause.name:
        return SuitKind.THIRD_PARTY_REVOCATION
    if "异议之诉" in cause.name:
        return SuitKind.EXECUTION_OBJECTION
    return ""


class FilingForm(forms.Form):
    """The complaint (起诉状, CPL 124) as filed online (网上立案, OLR 9), with the facts that bar a procedure
    (JI 257, 292, 308; CPL 165-166): the kind of suit, a remand or retrial, a public interest, and for a cause
    that covers money and other claims whether every claim is for money."""

    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.order_by("code"))
    cause = CauseChoiceField(label=_("Cause of action"), queryset=Cause.objects.none())
    claim_amount = amount_form_field(_("Claim amount (yuan)"), initial=Decimal(0))
    claims = forms.CharField(label=_("Claims"), widget=forms.Textarea(attrs={"rows": 3}), max_length=CLAIMS_MAX_LENGTH)
    facts = forms.CharField(label=_("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 5}),
                            max_length=FACTS_MAX_LENGTH)
    appraisal_requested = forms.BooleanField(label=_("Appraisal requested"), required=False)
    foreign_related = forms.BooleanField(label=_("Foreign-related"), required=False)
    money_claim_only = forms.ChoiceField(
        label=_("Every claim is for payment of money"), required=False, widget=forms.RadioSelect,
        choices=[(YES, _("Yes")), (NO, _("No"))],
        help_text=_("Asked for causes that cover money and other claims, such as a sale or a lease: a claim for "
                    "delivery, return of premises or performance is not a money claim (CPL 165)."))
    suit_kind = forms.ChoiceField(
        label=_("Kind of suit"), required=False, choices=[("", _("An ordinary suit")), *SuitKind.choices],
        help_text=_("A third-party revocation suit (CPL 59(3)) or an execution-objection suit (CPL 238) is heard "
                    "under ordinary procedure (JI 257(6), JI 308)."))
    remanded = forms.BooleanField(label=_("Remanded for retrial (发回重审)"), required=False)
    retrial = forms.BooleanField(label=_("Retrial under trial supervision (再审)"), required=False)
    public_interest = forms.BooleanField(label=_("Involves state or public interest"), required=False)
    original_case_number = forms.CharField(
        label=_("Original case number"), required=False, max_length=60,
        help_text=_("The judgment, ruling or mediation document remanded, retried or attacked by this suit."))

    def __init__(self, *args: Any, on: date | None = None, only: Collection[str] | None = None,
                 cause: Cause | None = None, **kwargs: Any) -> None:
        """`only` keeps those fields (a step of the guided filing validates its own part with the same rules);
        `cause` is the cause chosen in an earlier step, for a part without the cause field."""
        super().__init__(*args, **kwargs)
        if only is not None:
            for name in [name for name in self.fields if name not in only]:
                del self.fields[name]
        self.known_cause = cause
        if "cause" in self.fields:
            catalogue = catalogue_for(on or today())
            qs = Cause.objects.filter(catalogue=catalogue) if catalogue else Cause.objects.none()
            self.fields["cause"].queryset = qs  # the catalogue's own order (Cause.Meta.ordering)
        if "court" in self.fields:
            courts = list(Court.objects.order_by("code")[:2])
            if len(courts) == 1:
                self.fields["court"].initial = courts[0]

    def clean_original_case_number(self) -> str:
        number = self.cleaned_data["original_case_number"].strip()
        if number and not _original_number_readable(number):
            raise forms.ValidationError(ORIGINAL_NUMBER_UNREADABLE, code="unreadable", params={"number": number})
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        cause = data.get("cause") if "cause" in self.fields else self.known_cause
        answer = data.get("money_claim_only") or ""
        if "money_claim_only" in self.fields:
            if cause is not None and asks_money_claim_only(cause.claim_nature):
                if not answer:
                    self.add_error("money_claim_only", forms.ValidationError(MONEY_ONLY_NEEDED, code="required"))
                data["money_claim_only"] = answer == YES if answer else None
            else:
                data["money_claim_only"] = None  # the cause itself says (CPL 165, 166(1); court.rules.claims)
        if cause is not None and "suit_kind" in data:
            named = suit_kind_of(cause)
            if named and data["suit_kind"] and data["suit_kind"] != named:
                self.add_error("suit_kind", forms.ValidationError(
                    SUIT_KIND_CONTRADICTS_CAUSE, code="contradicts_cause",
                    params={"cause": cause.name, "kind": SuitKind(named).label}))
            elif named:
                data["suit_kind"] = named
            elif cause.claim_nature == ClaimNature.SPECIAL_SUIT and not data["suit_kind"]:
                self.add_error("suit_kind", forms.ValidationError(SUIT_KIND_NEEDED, code="required"))
        needs_original = data.get("suit_kind") or data.get("remanded") or data.get("retrial")
        if needs_original and "original_case_number" in data and not data["original_case_number"]:
            self.add_error("original_case_number", forms.ValidationError(ORIGINAL_NUMBER_NEEDED, code="required"))
        return data

    def filing_input(self, parties: list[services.PartyInput]) -> services.FilingInput:
        """The cleaned complaint as the services take it; the evidence count comes from the evidence list."""
        d = self.cleaned_data
        return services.FilingInput(
            cause=d["cause"], claim_amount=d["claim_amount"], parties=parties, claims=d["claims"], facts=d["facts"],
            appraisal_requested=d["appraisal_requested"],
            foreign_related=d["foreign_related"], suit_kind=d["suit_kind"], retrial=d["retrial"],
            remanded=d["remanded"], public_interest=d["public_interest"],
            original_case_number=d["original_case_number"], money_claim_only=d["money_claim_only"])


class BasePartyFormSet(forms.BaseFormSet):
    required_message: Any = NEED_PLAINTIFF

    def clean(self) -> None:
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.cleaned_data and f.cleaned_data.get("name")]
        if self.min_num and not filled:
            raise forms.ValidationError(self.required_message)


class PlaintiffFormSet(BasePartyFormSet):
    required_message = NEED_PLAINTIFF


class DefendantFormSet(BasePartyFormSet):
    required_message = NEED_DEFENDANT


# The server caps the party forms whatever TOTAL_FORMS says: at most `max_num` parties of a side are accepted
# (validate_max), and at most `absolute_max` forms are ever built from a request.
PlaintiffForms = forms.formset_factory(PartyForm, formset=PlaintiffFormSet, extra=0, min_num=1, max_num=20,
                                       validate_max=True, absolute_max=20)
DefendantForms = forms.formset_factory(PartyForm, formset=DefendantFormSet, extra=0, min_num=1, max_num=50,
                                       validate_max=True, absolute_max=50)
ThirdPartyForms = forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=0, min_num=0, max_num=20,
                                        validate_max=True, absolute_max=20)


# --- docket filters -----------------------------------------------------------------------------------------

STATE_ACTIVE, STATE_ALL = "active", "all"
ALERT_CHOICES = [("", _("Any")), ("overdue", _("Overdue")), ("window", _("Within 15 days of the deadline")),
                 ("suspended", _("Suspended"))]
SORT_CHOICES = [("days_left", _("Days left (fewest first)")), ("-days_left", _("Days left (most first)")),
                ("-filed_on", _("Filed (newest first)")), ("filed_on", _("Filed (oldest first)"))]


class LongSelect(forms.Select):
    """A select of a long flat list (the cause catalogue: about 1,500 causes) whose options are written in Python:
    the HTML of `forms.Select`, which renders a template per option (two thirds of the docket's time).
    Option groups fall back to `forms.Select`."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        choices = list(iter(self.choices))  # iter(): no COUNT query for the length of a ModelChoiceIterator
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        selected = set(self.format_value(value))
        options = "\n  ".join(
            f'<option value="{escape(key)}"{" selected" if key in selected else ""}>'
            f'{conditional_escape(label)}</option>'
            for key, label in (("" if v is None else str(v), label) for v, label in choices))
        return format_html('<select name="{}"{}>\n  {}\n</select>', name,
                           flatatt(self.build_attrs(self.attrs, attrs)), SafeString(options))


class DocketFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[(STATE_ACTIVE, _("Pending")), (STATE_ALL, _("All states")), *CaseState.choices])
    procedure = forms.ChoiceField(label=_("Procedure"), required=False, choices=[("", _("Any")), *Procedure.choices])
    cause = forms.ModelChoiceField(label=_("Cause"), required=False, queryset=Cause.objects.none(),
                                   empty_label=_("Any"), widget=LongSelect)
    alert = forms.ChoiceField(label=_("Alert"), required=False, choices=ALERT_CHOICES)
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=Team.objects.none(), empty_label=_("Any"))
    q = forms.CharField(label=_("Case number"), required=False, max_length=60)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        catalogue = catalogue_for(today())
        self.fields["cause"].queryset = (Cause.objects.filter(catalogue=catalogue)
                                         if catalogue else Cause.objects.none())
        if user.court_id and (user.role in (Role.ADMINISTRATOR, Role.FILING_OFFICER) or user.is_superuser):
            self.fields["team"].queryset = Team.objects.filter(court_id=user.court_id)
        else:
            del self.fields["team"]
