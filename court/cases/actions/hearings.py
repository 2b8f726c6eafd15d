"""Hearings: schedule (CPL 139; OLR 20-21; TL2019 Art. 5), record as held (CPL 140), adjourn (TL2019 Art. 3, 6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import User

from .. import services
from ..access import Action
from ..forms import DATETIME_FORMATS, DATETIME_WIDGET, TEXT_SMALL, date_field
from ..models import Case, Hearing
from .base import ActionSpec, CaseActionForm, CaseContext, preselect, scheduled_hearings


class HearingScheduleForm(CaseActionForm):
    spec = ActionSpec("hearing_schedule", _("Schedule a hearing"), _("The hearing was scheduled."), "hearing",
                      needs=Action.DOCKET)
    transition = "schedule_hearing"

    mode = forms.ChoiceField(label=_("Mode"), choices=Hearing.Mode.choices, initial=Hearing.Mode.IN_PERSON)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    room = forms.CharField(label=_("Courtroom or link"), max_length=200, required=False)
    respond_by = date_field(_("Responses due (asynchronous)"), required=False)
    notified_on = date_field(_("Parties notified on"))
    all_parties_consent = forms.BooleanField(
        label=_("Every party consents (online / asynchronous)"), required=False,
        help_text=_("OLR 4, 20(2), 21: online and asynchronous trials need the parties' consent."))
    parties_agree_to_gap = forms.BooleanField(
        label=_("The parties agree to a longer gap since the adjourned hearing"), required=False,
        help_text=_("TL2019 Art. 5: a hearing follows an adjourned one within a month, unless the parties agree "
                    "or force majeure prevents it."))
    force_majeure = forms.BooleanField(label=_("Force majeure prevents a hearing within the month"),
                                       required=False)
    #: The exceptions to the one-month gap, asked only once a hearing of the case has been adjourned.
    GAP_FIELDS = ("parties_agree_to_gap", "force_majeure")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.case.hearings.filter(status=Hearing.Status.ADJOURNED).exists():
            for name in self.GAP_FIELDS:
                del self.fields[name]

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.hearing_schedule(
            case=case, actor=user, starts_at=d["starts_at"], mode=d["mode"], notified_on=d["notified_on"],
            room=d["room"], respond_by=d["respond_by"], all_parties_consent=d["all_parties_consent"],
            parties_agree_to_gap=d.get("parties_agree_to_gap", False), force_majeure=d.get("force_majeure", False))


class HearingHoldForm(CaseActionForm):
    spec = ActionSpec("hearing_hold", _("Record the hearing as held"), _("The hearing was recorded as held."),
                      "hearing", needs=Action.DOCKET)
    transition = "record_hearing"

    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none())
    on = date_field(_("Held on"))
    note = forms.CharField(label=_("Note"), widget=TEXT_SMALL, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = scheduled_hearings(self.case)
        preselect(self.fields["hearing"])

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return super().applies(ctx) and ctx.has_scheduled_hearing

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.hearing_hold(hearing=d["hearing"], actor=user, on=d["on"], note=d["note"])


class HearingAdjournForm(CaseActionForm):
    spec = ActionSpec("hearing_adjourn", _("Adjourn the hearing"), _("The hearing was adjourned."), "hearing",
                      needs=Action.DOCKET)
    transition = "cancel_hearing"

    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none())
    cause = forms.ChoiceField(label=_("Cause"), choices=Hearing.Cause.choices,
                              help_text=_("Who or what caused the adjournment (delay attribution)."))
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)
    on = date_field(_("Adjourned on"))
    president_approved = forms.BooleanField(label=_("Approved by the president (force majeure)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = scheduled_hearings(self.case)
        preselect(self.fields["hearing"])

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return super().applies(ctx) and ctx.has_scheduled_hearing

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.hearing_adjourn(hearing=d["hearing"], actor=user, cause=d["cause"], reason=d["reason"],
                                        on=d["on"], president_approved=d["president_approved"])
