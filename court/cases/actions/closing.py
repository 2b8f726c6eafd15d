"""Closing (TL2000 Art. 10), archiving (OLR 35), and the docket note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import User

from .. import services
from ..access import Action
from ..forms import TEXT_SMALL, date_field
from ..models import Case, CaseState, ClosingMode
from ..term import today
from .base import ActionSpec, CaseActionForm, CaseContext

PRONOUNCED_ON_NEEDED = _("TL2000 Art. 10: give the date the judgment was pronounced.")
RULING_ON_NEEDED = _("TL2000 Art. 10: give the date of the ruling.")
SERVED_ON_HELP = _("By post: the day it was mailed (TL2000 Art. 10(3)).")
RECORDED_SERVICE_HELP = _(
    "Leave every party's date empty to close on the recorded service of the mediation document (by post, the "
    "day it was mailed: TL2000 Art. 10(3))."
)


class CloseForm(CaseActionForm):
    """Close with the date the mode needs (TL2000 Art. 10): the pronouncement, the ruling, or the date the
    mediation document was served on each party."""

    spec = ActionSpec("close", _("Close the case"), _("The case was closed."), "closing", needs=Action.DECIDE,
                      danger=True)
    transition = "close"

    mode = forms.ChoiceField(label=_("Closing mode"), choices=ClosingMode.choices)
    pronounced_on = date_field(_("Judgment pronounced on"), required=False)
    ruling_on = date_field(_("Ruling dated"), required=False)
    reason = forms.CharField(label=_("Note"), widget=TEXT_SMALL, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pronounced_on"].initial = self.fields["ruling_on"].initial = today
        self.parties = list(self.case.parties.all())
        # TL2000 Art. 10: when the service of the mediation document on every party is recorded, the service
        # fixes the date itself (a mailed one on its mailing day, Art. 10(3)).
        self.service_recorded = bool(self.case.mediation_service_dates())
        for party in self.parties:
            self.fields[f"served_{party.pk}"] = date_field(
                _("Mediation document served on %(party)s") % {"party": party}, required=False,
                help_text=RECORDED_SERVICE_HELP if self.service_recorded else SERVED_ON_HELP)

    def served_fields(self) -> list[forms.BoundField]:
        return [self[f"served_{p.pk}"] for p in self.parties]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        mode = data.get("mode")
        if mode == ClosingMode.JUDGMENT and not data.get("pronounced_on"):
            self.add_error("pronounced_on", PRONOUNCED_ON_NEEDED)
        elif mode == ClosingMode.MEDIATION:
            served = [data.get(f"served_{p.pk}") for p in self.parties]
            if self.service_recorded and all(d is None for d in served):
                served = []  # the service takes the recorded service of every party
            elif not served or any(d is None for d in served):
                raise forms.ValidationError(_(services.MEDIATION_NEEDS_SERVICE_DATES))
            data["mediation_served_on"] = served
        elif mode and mode not in (ClosingMode.JUDGMENT, ClosingMode.MEDIATION) and not data.get("ruling_on"):
            self.add_error("ruling_on", RULING_ON_NEEDED)
        return data

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        mode = d["mode"]
        if mode == ClosingMode.JUDGMENT:
            dates = {"pronounced_on": d["pronounced_on"]}
        elif mode == ClosingMode.MEDIATION:
            dates = {"mediation_served_on": d["mediation_served_on"]}
        else:
            dates = {"ruling_on": d["ruling_on"]}
        return services.case_close(case=case, actor=user, mode=mode, reason=d["reason"], **dates)


class ArchiveForm(CaseActionForm):
    """Bind and archive the file of a closed case: nothing to fill in."""

    spec = ActionSpec("archive", _("Archive"), _("The case was archived."), "closing", needs=Action.DOCKET)
    transition = "archive"

    def perform(self, case: Case, user: User) -> Any:
        return services.case_archive(case=case, actor=user)


NOTE_ON_ARCHIVED = _("The case is archived: its file takes no more docket notes.")


class NoteForm(CaseActionForm):
    spec = ActionSpec("note", _("Docket note"), _("The note was added to the docket."), "docket",
                      needs=Action.DOCKET)

    text = forms.CharField(label=_("Docket note"), widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field(_("Date"))

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.case.state not in (CaseState.REJECTED, CaseState.ARCHIVED)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.case.state == CaseState.ARCHIVED:  # the archived file is complete; the page offers no note
            raise forms.ValidationError(NOTE_ON_ARCHIVED, code="archived")
        return data

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_note(case=case, actor=user, text=d["text"], on=d["on"])
