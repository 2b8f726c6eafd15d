"""Forms of the case pages. They parse and check input only; the law is the services' business.

Every action form takes the case (`case=`) and the acting user (`user=`) so that its choices (parties,
hearings, teams, mediators) are the case's own.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from court.org.models import Court, Role, Team, User

from .models import (
    ACTIVE_STATES,
    Case,
    CasePeriod,
    CaseState,
    Cause,
    ClosingMode,
    Hearing,
    Party,
    PeriodKind,
    Procedure,
    ServiceAttempt,
)
from .selectors import catalogue_for
from .services import MEDIATION_NEEDS_SERVICE_DATES
from .term import today

# Error messages (module constants, so tests assert on them).
ADDRESS_NEEDED = _("Give the service address, or untick “address known”.")
E_ADDRESS_NEEDED = _("Give the electronic address to which the party consents to be served (CPL 90).")
NEED_PLAINTIFF = _("CPL 122(1): name at least one plaintiff.")
NEED_DEFENDANT = _("CPL 122(2): name at least one defendant.")
RESPOND_BY_NEEDED = _("OLR 20: an asynchronous trial needs a date by which the parties respond.")
PRONOUNCED_ON_NEEDED = _("TL2000 Art. 10: give the date the judgment was pronounced.")
RULING_ON_NEEDED = _("TL2000 Art. 10: give the date of the ruling.")
SERVICE_FAILED_NEEDS_REASON = _("Say why service failed.")

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
TEXT_SMALL = forms.Textarea(attrs={"rows": 2})


def _date_field(label: Any, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, **kwargs)


class CaseActionForm(forms.Form):
    """Base of the action forms: knows its case and user; dates default to today."""

    def __init__(self, *args: Any, case: Case, user: User, **kwargs: Any) -> None:
        self.case, self.user = case, user
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField) and field.required and name not in self.initial:
                field.initial = today


class LabelledChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, label_fn: Any = str, **kwargs: Any) -> None:
        self._label_fn = label_fn
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return self._label_fn(obj)


# --- filing decision -----------------------------------------------------------------------------------------

def _judges_of_court(case: Case):  # type: ignore[no-untyped-def]
    return User.objects.filter(court_id=case.court_id, role=Role.JUDGE, is_active=True).select_related("team")


class AcceptForm(CaseActionForm):
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Procedure.choices, initial=Procedure.SIMPLE)
    team = forms.ModelChoiceField(label=_("Trial team"), queryset=Team.objects.none())
    judge = LabelledChoiceField(label=_("Judge"), queryset=User.objects.none(), required=False,
                                help_text=_("Empty: the team's judge."),
                                label_fn=lambda u: f"{u} ({u.team})" if u.team_id else str(u))
    on = _date_field(_("Filing date (立案)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(court_id=self.case.court_id)
        self.fields["judge"].queryset = _judges_of_court(self.case)


class CorrectionForm(CaseActionForm):
    items = forms.CharField(label=_("Items to correct"), widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("REG2015 Art. 7: list everything to correct, once."))


class RejectForm(CaseActionForm):
    reason = forms.CharField(label=_("Reasons for not accepting"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False, help_text=_("REG2015 Art. 9: the ruling states its reasons."))


class EmptyForm(CaseActionForm):
    """An action that needs nothing but the click (resubmit, archive)."""


# --- parties and claims --------------------------------------------------------------------------------------

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

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("address_known") and not (data.get("address") or "").strip():
            self.add_error("address", ADDRESS_NEEDED)
        if data.get("e_service_consent") and not (data.get("e_address") or "").strip():
            self.add_error("e_address", E_ADDRESS_NEEDED)
        return data


class PartyAddForm(CaseActionForm, PartyForm):
    side = forms.ChoiceField(label=_("Side"), choices=Party.Side.choices)
    field_order = ("side", "kind", "name", "id_number", "address", "address_known", "phone", "e_service_consent",
                   "e_address")


class AmountForm(CaseActionForm):
    amount = forms.DecimalField(label=_("New claim amount (yuan)"), min_value=Decimal(0), max_digits=16,
                                decimal_places=2)
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].initial = self.case.claim_amount


class CounterclaimForm(CaseActionForm):
    on = _date_field(_("Received on"))
    reason = forms.CharField(label=_("Counterclaim"), widget=TEXT_SMALL, required=False)


# --- service ------------------------------------------------------------------------------------------------

class ServiceSendForm(CaseActionForm):
    document = forms.ChoiceField(label=_("Document"), choices=ServiceAttempt.Document.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=ServiceAttempt.Channel.choices)
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    on = _date_field(_("Sent on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = self.case.parties.all()


class ServiceRecordForm(CaseActionForm):
    RESULT_CHOICES = (("served", _("Served")), ("failed", _("Failed")))

    attempt = LabelledChoiceField(
        label=_("Attempt"), queryset=ServiceAttempt.objects.none(),
        label_fn=lambda a: f"{a.get_document_display()} → {a.party.name if a.party else '—'} "
                           f"({a.get_channel_display()}, {a.sent_on or ''})",
    )
    result = forms.ChoiceField(label=_("Result"), choices=RESULT_CHOICES, widget=forms.RadioSelect, initial="served")
    on = _date_field(_("Served or failed on"))
    evidence = forms.CharField(label=_("Proof of service"), max_length=200, required=False)
    failure_reason = forms.CharField(label=_("Reason for failure"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attempt"].queryset = self.case.service_attempts.filter(
            status__in=[ServiceAttempt.Status.PENDING, ServiceAttempt.Status.SENT]).select_related("party")
        _preselect(self.fields["attempt"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("result") == "failed" and not (data.get("failure_reason") or "").strip():
            self.add_error("failure_reason", SERVICE_FAILED_NEEDS_REASON)
        return data


# --- hearings -----------------------------------------------------------------------------------------------

class HearingScheduleForm(CaseActionForm):
    mode = forms.ChoiceField(label=_("Mode"), choices=Hearing.Mode.choices, initial=Hearing.Mode.IN_PERSON)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    room = forms.CharField(label=_("Courtroom or link"), max_length=200, required=False)
    respond_by = _date_field(_("Responses due (asynchronous)"), required=False)
    notified_on = _date_field(_("Parties notified on"))
    all_parties_consent = forms.BooleanField(
        label=_("Every party consents (online / asynchronous)"), required=False,
        help_text=_("OLR 4, 20(2), 21: online and asynchronous trials need the parties' consent."))


def _preselect(field: forms.ModelChoiceField) -> None:
    """A choice among the case's own open items: no blank option, so a single item is already chosen."""
    field.empty_label = None


def _scheduled_hearings(case: Case):  # type: ignore[no-untyped-def]
    return case.hearings.filter(status=Hearing.Status.SCHEDULED)


class HearingHoldForm(CaseActionForm):
    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none())
    on = _date_field(_("Held on"))
    note = forms.CharField(label=_("Note"), widget=TEXT_SMALL, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = _scheduled_hearings(self.case)
        _preselect(self.fields["hearing"])


class HearingAdjournForm(CaseActionForm):
    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none())
    cause = forms.ChoiceField(label=_("Cause"), choices=Hearing.Cause.choices,
                              help_text=_("Who or what caused the adjournment (delay attribution)."))
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)
    on = _date_field(_("Adjourned on"))
    president_approved = forms.BooleanField(label=_("Approved by the president (force majeure)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = _scheduled_hearings(self.case)
        _preselect(self.fields["hearing"])


# --- mediation, suspension, periods -------------------------------------------------------------------------

class MediationStartForm(CaseActionForm):
    mediator = LabelledChoiceField(
        label=_("Mediator"), queryset=User.objects.none(), required=False,
        label_fn=lambda u: f"{u} · {u.get_mediator_org_display() or u.get_role_display()}")
    on = _date_field(_("Started on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case = self.case
        team_q = Q(team_id=case.team_id, role__in=[Role.JUDGE, Role.ASSISTANT]) if case.team_id else Q(pk__in=[])
        self.fields["mediator"].queryset = User.objects.filter(
            Q(role=Role.MEDIATOR, court_id=case.court_id) | team_q, is_active=True).order_by("role", "username")


class MediationEndForm(CaseActionForm):
    reason = forms.CharField(label=_("Why mediation failed"), widget=TEXT_SMALL, required=False)
    on = _date_field(_("Ended on"))


class SuspendForm(CaseActionForm):
    ground = forms.CharField(label=_("Ground (CPL 153)"), widget=TEXT_SMALL, required=False)
    on = _date_field(_("Suspended on"))


class ResumeForm(CaseActionForm):
    on = _date_field(_("Resumed on"))
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)


EXCLUDABLE_KINDS = [(k, label) for k, label in PeriodKind.choices
                    if k not in (PeriodKind.EXTENSION, PeriodKind.SUSPENSION)]


class PeriodStartForm(CaseActionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=EXCLUDABLE_KINDS)
    start_on = _date_field(_("Start"))
    end_on = _date_field(_("End (if known)"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)


class PeriodEndForm(CaseActionForm):
    period = forms.ModelChoiceField(label=_("Period"), queryset=CasePeriod.objects.none())
    end_on = _date_field(_("End"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = running_periods(self.case)
        _preselect(self.fields["period"])


def running_periods(case: Case):  # type: ignore[no-untyped-def]
    """Excluded periods still running that the docket can end (suspensions end by resuming)."""
    return case.periods.filter(end_on__isnull=True).exclude(kind__in=[PeriodKind.EXTENSION, PeriodKind.SUSPENSION])


class ExtendForm(CaseActionForm):
    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=12, initial=1)
    reason = forms.CharField(label=_("Reasons"), widget=TEXT_SMALL, required=False)
    applied_on = _date_field(_("Applied for on"))
    on = _date_field(_("Approved on"))
    higher_court = forms.BooleanField(label=_("Approved by the higher court"), required=False)


class ConvertForm(CaseActionForm):
    to = forms.ChoiceField(label=_("Change to"), choices=Procedure.choices)
    reason = forms.CharField(label=_("Reasons"), widget=TEXT_SMALL, required=False)
    on = _date_field(_("Ruling date"))
    parties_agree = forms.BooleanField(label=_("The parties agree (ordinary → simple)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(v, label) for v, label in Procedure.choices if v != self.case.procedure]


# --- closing ------------------------------------------------------------------------------------------------

class CloseForm(CaseActionForm):
    """Close with the date the mode needs (TL2000 Art. 10): the pronouncement, the ruling, or the date the
    mediation document was served on each party."""

    mode = forms.ChoiceField(label=_("Closing mode"), choices=ClosingMode.choices)
    pronounced_on = _date_field(_("Judgment pronounced on"), required=False)
    ruling_on = _date_field(_("Ruling dated"), required=False)
    reason = forms.CharField(label=_("Note"), widget=TEXT_SMALL, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pronounced_on"].initial = self.fields["ruling_on"].initial = today
        self.parties = list(self.case.parties.all())
        for party in self.parties:
            self.fields[f"served_{party.pk}"] = _date_field(
                _("Mediation document served on %(party)s") % {"party": party}, required=False)

    def served_fields(self) -> list[forms.BoundField]:
        return [self[f"served_{p.pk}"] for p in self.parties]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        mode = data.get("mode")
        if mode == ClosingMode.JUDGMENT and not data.get("pronounced_on"):
            self.add_error("pronounced_on", PRONOUNCED_ON_NEEDED)
        elif mode == ClosingMode.MEDIATION:
            served = [data.get(f"served_{p.pk}") for p in self.parties]
            if not served or any(d is None for d in served):
                raise forms.ValidationError(_(MEDIATION_NEEDS_SERVICE_DATES))
            data["mediation_served_on"] = served
        elif mode and mode not in (ClosingMode.JUDGMENT, ClosingMode.MEDIATION) and not data.get("ruling_on"):
            self.add_error("ruling_on", RULING_ON_NEEDED)
        return data


class NoteForm(CaseActionForm):
    text = forms.CharField(label=_("Docket note"), widget=forms.Textarea(attrs={"rows": 2}))
    on = _date_field(_("Date"))


# --- online filing ------------------------------------------------------------------------------------------

class CauseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Cause) -> str:
        return "\u2003" * max(obj.level - 1, 0) + f"{obj.code} {obj.name}"


class FilingForm(forms.Form):
    """The complaint (起诉状, CPL 124) as filed online (网上立案, OLR 9)."""

    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.order_by("code"))
    cause = CauseChoiceField(label=_("Cause of action"), queryset=Cause.objects.none())
    claim_amount = forms.DecimalField(label=_("Claim amount (yuan)"), min_value=Decimal(0), max_digits=16,
                                      decimal_places=2, initial=Decimal(0))
    claims = forms.CharField(label=_("Claims"), widget=forms.Textarea(attrs={"rows": 3}))
    facts = forms.CharField(label=_("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 5}))
    evidence_items = forms.IntegerField(label=_("Evidence items"), min_value=0, initial=0)
    appraisal_requested = forms.BooleanField(label=_("Appraisal requested"), required=False)
    foreign_related = forms.BooleanField(label=_("Foreign-related"), required=False)

    def __init__(self, *args: Any, on: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        catalogue = catalogue_for(on or today())
        qs = Cause.objects.filter(catalogue=catalogue) if catalogue else Cause.objects.none()
        self.fields["cause"].queryset = qs.order_by("code")
        courts = list(Court.objects.order_by("code")[:2])
        if len(courts) == 1:
            self.fields["court"].initial = courts[0]


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


PlaintiffForms = forms.formset_factory(PartyForm, formset=PlaintiffFormSet, extra=0, min_num=1, max_num=20)
DefendantForms = forms.formset_factory(PartyForm, formset=DefendantFormSet, extra=0, min_num=1, max_num=50)
ThirdPartyForms = forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=0, min_num=0, max_num=20)


# --- docket filters -----------------------------------------------------------------------------------------

STATE_ACTIVE, STATE_ALL = "active", "all"
ALERT_CHOICES = [("", _("Any")), ("overdue", _("Overdue")), ("window", _("Within 15 days of the deadline")),
                 ("suspended", _("Suspended"))]
SORT_CHOICES = [("days_left", _("Days left (fewest first)")), ("-days_left", _("Days left (most first)")),
                ("-filed_on", _("Filed (newest first)")), ("filed_on", _("Filed (oldest first)"))]


class DocketFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[(STATE_ACTIVE, _("Pending")), (STATE_ALL, _("All states")), *CaseState.choices])
    procedure = forms.ChoiceField(label=_("Procedure"), required=False, choices=[("", _("Any")), *Procedure.choices])
    cause = forms.ModelChoiceField(label=_("Cause"), required=False, queryset=Cause.objects.none(),
                                   empty_label=_("Any"))
    alert = forms.ChoiceField(label=_("Alert"), required=False, choices=ALERT_CHOICES)
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=Team.objects.none(), empty_label=_("Any"))
    q = forms.CharField(label=_("Case number"), required=False, max_length=60)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        catalogue = catalogue_for(today())
        self.fields["cause"].queryset = (Cause.objects.filter(catalogue=catalogue).order_by("code")
                                         if catalogue else Cause.objects.none())
        if user.court_id and (user.role in (Role.ADMINISTRATOR, Role.FILING_OFFICER) or user.is_superuser):
            self.fields["team"].queryset = Team.objects.filter(court_id=user.court_id)
        else:
            del self.fields["team"]

    def pending_only(self) -> bool:
        return self.cleaned_data.get("state") in ("", STATE_ACTIVE) if hasattr(self, "cleaned_data") else True


def active_state_values() -> list[str]:
    return [str(s) for s in ACTIVE_STATES]
