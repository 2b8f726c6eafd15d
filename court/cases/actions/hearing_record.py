"""After scheduling: the asynchronous hearing's windows (the judge), the parties' submissions in them and the
closing of its record (OLR 20), and the record of a held hearing (CPL 147)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import User

from .. import services
from ..access import Action, acts_for
from ..casefile_forms import UploadCheckMixin, upload_field
from ..models import AsyncStage, Case, CaseState, Hearing, HearingAttendance
from ..term import today
from .base import ActionSpec, CaseActionForm, CaseContext, preselect


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _async_scheduled(case: Case):  # type: ignore[no-untyped-def]
    return case.hearings.filter(mode=Hearing.Mode.ASYNC, status=Hearing.Status.SCHEDULED)


class AsyncWindowsForm(CaseActionForm):
    spec = ActionSpec("async_windows", _("Set the asynchronous hearing's windows"), _("The windows were set."),
                      "hearing", needs=Action.DECIDE)
    ERROR_FIELDS = {"window_past": "statements_opens", "window_before_notice": "statements_opens",
                    "too_far": "responses_closes", "after_term": "responses_closes"}

    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = _async_scheduled(self.case)
        preselect(self.fields["hearing"])
        for stage, label in AsyncStage.choices:
            self.fields[f"{stage}_opens"] = forms.DateField(
                label=_("%(stage)s: opens on") % {"stage": label}, required=False, widget=DATE_INPUT)
            self.fields[f"{stage}_closes"] = forms.DateField(
                label=_("%(stage)s: closes on") % {"stage": label}, required=False, widget=DATE_INPUT)
        self.fields["statements_opens"].help_text = _(
            "OLR 20: the parties submit each stage on the platform within its window; a stage without dates is "
            "left out.")

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return _async_scheduled(ctx.case).exists()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for stage in AsyncStage.values:
            if bool(data.get(f"{stage}_opens")) != bool(data.get(f"{stage}_closes")):
                self.add_error(f"{stage}_closes", _("Give both days of the window, or neither."))
        return data

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        windows = [(s, d[f"{s}_opens"], d[f"{s}_closes"]) for s in AsyncStage.values if d.get(f"{s}_opens")]
        return services.async_windows_set(hearing=d["hearing"], actor=user, windows=windows)


class AsyncSubmitForm(UploadCheckMixin, CaseActionForm):
    """A party's statement, evidence or response in the window open today (OLR 20); shown to the parties."""

    spec = ActionSpec("async_submit", _("Submit to the asynchronous hearing"), _("Your submission was filed."),
                      "hearing", needs=Action.FOR_PARTY)
    ERROR_FIELDS = {"window_closed": "stage", "window_not_open": "stage", "no_window": "stage", "no_text": "text",
                    "too_long": "text"}

    party = forms.ModelChoiceField(label=_("For"), queryset=None)  # type: ignore[arg-type]
    stage = forms.ChoiceField(label=_("Stage"), choices=AsyncStage.choices)
    text = forms.CharField(label=_("Statement, evidence or response"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=services.async_hearings.ASYNC_TEXT_MAX_LENGTH)
    file = upload_field(_("File (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_help()
        mine = [p.pk for p in self.case.parties.prefetch_related("representatives") if acts_for(self.user, p)]
        self.fields["party"].queryset = self.case.parties.filter(pk__in=mine)
        preselect(self.fields["party"])
        now = today()
        hearing = _async_scheduled(self.case).first()
        open_now = [w.stage for w in hearing.windows.all() if w.opens_on <= now <= w.closes_on] if hearing else []
        if open_now:
            self.fields["stage"].initial = open_now[0]

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return _async_scheduled(ctx.case).filter(windows__isnull=False).exists()

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        hearing = _async_scheduled(case).first()
        if hearing is None:
            raise services.CaseRuleError(services.ASYNC_NOT_ASYNC, code="not_async")
        return services.async_submit(hearing=hearing, actor=user, party=d["party"], stage=d["stage"],
                                     text=d["text"], file=d["file"])


class AsyncCloseForm(CaseActionForm):
    spec = ActionSpec("async_close", _("Close the asynchronous hearing's record"),
                      _("The record was closed and the hearing recorded as held."), "hearing", needs=Action.DOCKET)

    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none(),
                                     help_text=_("OLR 20: once the last window has ended; held on its last day."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = _async_scheduled(self.case).filter(windows__isnull=False).distinct()
        preselect(self.fields["hearing"])

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return _async_scheduled(ctx.case).filter(windows__isnull=False).exists()

    def perform(self, case: Case, user: User) -> Any:
        return services.hearing_async_close(hearing=self.cleaned_data["hearing"], actor=user)


class HearingRecordForm(UploadCheckMixin, CaseActionForm):
    """CPL 147: who attended for each party, the outcome and the transcript of a held hearing."""

    spec = ActionSpec("hearing_record", _("Complete the hearing record"), _("The hearing record was saved."),
                      "hearing", needs=Action.DOCKET)
    ERROR_FIELDS = {"no_outcome": "outcome"}

    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none())
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))
    file = upload_field(_("Transcript (庭审笔录)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = self.case.hearings.filter(status=Hearing.Status.HELD).order_by("-starts_at")
        preselect(self.fields["hearing"])
        self._limit_help()
        self.parties = list(self.case.parties.prefetch_related("representatives"))
        for p in self.parties:
            rep = next(iter(p.representatives.all()), None)
            self.fields[f"presence_{p.pk}"] = forms.ChoiceField(
                label=_("%(party)s attended") % {"party": p.name}, choices=HearingAttendance.Presence.choices,
                initial=HearingAttendance.Presence.REPRESENTED if rep else HearingAttendance.Presence.PRESENT)
            self.fields[f"represented_by_{p.pk}"] = forms.CharField(
                label=_("%(party)s: represented by") % {"party": p.name}, max_length=100, required=False,
                initial=rep.name if rep else "")

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return (ctx.case.state != CaseState.ARCHIVED  # OLR 35: services.check_not_archived
                and ctx.case.hearings.filter(status=Hearing.Status.HELD).exists())

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        attendance = {p.pk: (d[f"presence_{p.pk}"], d[f"represented_by_{p.pk}"]) for p in self.parties}
        return services.hearing_record(hearing=d["hearing"], actor=user, outcome=d["outcome"],
                                       attendance=attendance, transcript=d["file"])
