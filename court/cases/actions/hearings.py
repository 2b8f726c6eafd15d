"""Hearings: prepare (the evidence and answer periods and their waiver, JI 99, 266, 275), schedule (CPL 128,
139; OLR 4, 20-21; TL2019 Art. 5), record as held (CPL 140), adjourn (TL2019 Art. 3, 6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import Courtroom, User

from .. import services
from ..access import Action
from ..forms import DATETIME_FORMATS, DATETIME_WIDGET, TEXT_SMALL, date_field
from ..models import Case, Hearing, Procedure
from .base import ActionSpec, CaseActionForm, CaseContext, preselect, scheduled_hearings

EARLIEST_HEARING = _("After the answer and evidence periods (CPL 128, 285; JI 99, 266, 275): from %(day)s.")


class HearingScheduleForm(CaseActionForm):
    spec = ActionSpec("hearing_schedule", _("Schedule a hearing"), _("The hearing was scheduled."), "hearing",
                      needs=Action.DOCKET)
    transition = "schedule_hearing"

    mode = forms.ChoiceField(label=_("Mode"), choices=Hearing.Mode.choices, initial=Hearing.Mode.IN_PERSON)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=480, initial=120,
                                          required=False, help_text=_("Two hours if left empty."))
    courtroom = forms.ModelChoiceField(
        label=_("Courtroom"), queryset=Courtroom.objects.none(), required=False,
        help_text=_("A courtroom for a hearing in person, an online room for an online hearing (OLR 21); none for "
                    "an asynchronous one."))
    room = forms.CharField(label=_("Other place"), max_length=200, required=False,
                           help_text=_("Only where no room of the list fits (a circuit hearing, 巡回审判)."))
    private_reason = forms.CharField(
        label=_("Heard in private because"), max_length=200, required=False,
        help_text=_("CPL 137: empty for a public hearing, which is announced (CPL 139)."))
    respond_by = date_field(_("Responses due (asynchronous)"), required=False)
    notified_on = date_field(_("Parties notified on"))
    all_parties_consent = forms.BooleanField(
        label=_("Every party consents to an asynchronous trial"), required=False,
        help_text=_("OLR 20(2). An online hearing needs each party's own consent, recorded under “Parties and "
                    "claims” (OLR 4(4), 21)."))
    parties_agree_to_gap = forms.BooleanField(
        label=_("The parties agree to a longer gap since the previous hearing"), required=False,
        help_text=_("TL2019 Art. 5: two hearings are at most a month apart, unless the parties agree or force "
                    "majeure prevents it."))
    force_majeure = forms.BooleanField(label=_("Force majeure prevents a hearing within the month"),
                                       required=False)
    gap_note = forms.CharField(label=_("How the parties agreed, or the force majeure"), widget=TEXT_SMALL,
                               required=False)
    #: The exceptions to the one-month gap, asked only once a hearing of the case has been held or adjourned.
    GAP_FIELDS = ("parties_agree_to_gap", "force_majeure", "gap_note")
    #: The field next to which a refusal of the service is shown (by its code).
    ERROR_FIELDS = {
        "judge_busy": "starts_at", "team_busy": "starts_at", "lawyer_busy": "starts_at", "after_term": "starts_at",
        "too_far": "starts_at", "before_previous": "starts_at", "room_busy": "courtroom", "room_kind": "courtroom",
        "room_unknown": "courtroom", "async_room": "courtroom", "duration": "duration_minutes",
        "before_notice": "notified_on", "private_reason": "private_reason",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["courtroom"].queryset = Courtroom.objects.filter(court_id=self.case.court_id, active=True)
        if not self.case.hearings.filter(status__in=[Hearing.Status.HELD, Hearing.Status.ADJOURNED]).exists():
            for name in self.GAP_FIELDS:
                del self.fields[name]
        earliest = services.earliest_hearing_day(self.case)
        if earliest is not None:
            self.fields["starts_at"].help_text = EARLIEST_HEARING % {"day": earliest.isoformat()}

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.hearing_schedule(
            case=case, actor=user, starts_at=d["starts_at"], mode=d["mode"], notified_on=d["notified_on"],
            room=d["room"], respond_by=d["respond_by"], all_parties_consent=d["all_parties_consent"],
            parties_agree_to_gap=d.get("parties_agree_to_gap", False), force_majeure=d.get("force_majeure", False),
            gap_note=d.get("gap_note", ""), courtroom=d["courtroom"], duration_minutes=d["duration_minutes"] or 120,
            public=not d["private_reason"].strip(), private_reason=d["private_reason"])


class EvidencePeriodForm(CaseActionForm):
    spec = ActionSpec("evidence_period", _("Set the evidence period"), _("The evidence period was set."), "hearing",
                      needs=Action.DOCKET)

    start_on = date_field(_("Evidence notice served on"))
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365,
                              help_text=_("JI 99: at least 15 under ordinary procedure; JI 266: at most 15 under "
                                          "simple procedure; JI 275: generally at most 7 in small claims."))
    agreed = forms.BooleanField(label=_("Agreed by the parties and approved by the court"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False,
                             help_text=_("Needed for a small-claims period beyond seven days (JI 275)."))
    on = date_field(_("Recorded on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = self.case.evidence_period_days or (
            15 if self.case.procedure != Procedure.SMALL_CLAIMS else 7)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active and not ctx.case.evidence_period_waived

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_set_evidence_period(case=case, actor=user, start_on=d["start_on"], days=d["days"],
                                                 agreed=d["agreed"], reason=d["reason"], on=d["on"])


class AnswerPeriodForm(CaseActionForm):
    spec = ActionSpec("answer_period", _("Set the answer period"), _("The answer period was set."), "hearing",
                      needs=Action.DOCKET)

    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365,
                              help_text=_("JI 266, 275: when the defendant asks to answer in writing; at most 15 "
                                          "days in small claims."))
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)
    on = date_field(_("Recorded on"))

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        # Under ordinary procedure the law sets the answer period (CPL 128, 285).
        return ctx.active and ctx.case.procedure != Procedure.ORDINARY and not ctx.case.answer_period_waived

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_set_answer_period(case=case, actor=user, days=d["days"], reason=d["reason"], on=d["on"])


class WaivePeriodsForm(CaseActionForm):
    spec = ActionSpec("waive_periods", _("Record a waiver of the answer or evidence period"),
                      _("The waiver was recorded."), "hearing", needs=Action.DOCKET)

    answer = forms.BooleanField(label=_("The parties need no answer period"), required=False)
    evidence = forms.BooleanField(label=_("The parties need no evidence period"), required=False)
    note = forms.CharField(label=_("Where they said so"), widget=TEXT_SMALL,
                           help_text=_("JI 266, 275: both parties say they need no answer or evidence period. "
                                       "Under ordinary procedure the texts give no waiver: a product convention."))
    on = date_field(_("Recorded on"))

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active and not (ctx.case.answer_period_waived and ctx.case.evidence_period_waived)

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_waive_periods(case=case, actor=user, answer=d["answer"], evidence=d["evidence"],
                                           note=d["note"], on=d["on"])


class _ScheduledHearingForm(CaseActionForm):
    """An action on the scheduled hearing of the case (hold it, adjourn it)."""

    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = scheduled_hearings(self.case)
        preselect(self.fields["hearing"])

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return super().applies(ctx) and ctx.has_scheduled_hearing


class HearingHoldForm(_ScheduledHearingForm):
    spec = ActionSpec("hearing_hold", _("Record the hearing as held"), _("The hearing was recorded as held."),
                      "hearing", needs=Action.DOCKET)
    transition = "record_hearing"

    on = date_field(_("Held on"))
    note = forms.CharField(label=_("Note"), widget=TEXT_SMALL, required=False)

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.hearing_hold(hearing=d["hearing"], actor=user, on=d["on"], note=d["note"])


class HearingAdjournForm(_ScheduledHearingForm):
    spec = ActionSpec("hearing_adjourn", _("Adjourn the hearing"), _("The hearing was adjourned."), "hearing",
                      needs=Action.DOCKET)
    transition = "cancel_hearing"

    cause = forms.ChoiceField(label=_("Cause"), choices=Hearing.Cause.choices,
                              help_text=_("Who or what caused the adjournment (delay attribution)."))
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)
    on = date_field(_("Adjourned on"))
    president_approved = forms.BooleanField(label=_("Approved by the president (force majeure)"), required=False)

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.hearing_adjourn(hearing=d["hearing"], actor=user, cause=d["cause"], reason=d["reason"],
                                        on=d["on"], president_approved=d["president_approved"])
