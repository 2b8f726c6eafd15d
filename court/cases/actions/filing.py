"""The filing decision (CPL 126): accept, ask for correction, do not accept; the filer's resubmission; and the
assignment of a pending case to a trial team (TL2000 Art. 7)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import Role, Team, User

from .. import services
from ..access import Action
from ..forms import TEXT_SMALL, LabelledChoiceField, date_field
from ..models import Case, Panel, Procedure
from ..selectors import wage_threshold_warning
from ..term import today
from .base import ActionSpec, CaseActionForm, CaseContext


def _team_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=_("Trial team"), queryset=Team.objects.none())


def _judge_field() -> LabelledChoiceField:
    return LabelledChoiceField(label=_("Judge"), queryset=User.objects.none(), required=False,
                               help_text=_("Empty: the team's judge."),
                               label_fn=lambda u: f"{u} ({u.team})" if u.team_id else str(u))


def _teams_and_judges_of_court(form: CaseActionForm) -> None:
    court_id = form.case.court_id
    form.fields["team"].queryset = Team.objects.filter(court_id=court_id)
    form.fields["judge"].queryset = User.objects.filter(
        court_id=court_id, role=Role.JUDGE, is_active=True).select_related("team")


class AcceptForm(CaseActionForm):
    spec = ActionSpec("accept", _("Accept (立案)"), _("The case was accepted."), "filing",
                      needs=Action.DECIDE_FILING)
    transition = "accept"

    procedure = forms.ChoiceField(label=_("Procedure"), choices=Procedure.choices, initial=Procedure.SIMPLE)
    parties_agree = forms.BooleanField(
        label=_("The parties agree to small-claims procedure"), required=False,
        help_text=_("CPL 165(2): up to twice the average annual wage."))
    panel = forms.ChoiceField(
        label=_("Bench"), required=False, choices=[("", _("As the procedure has it")), *Panel.choices],
        help_text=_("CPL 40: simple procedure and small claims are heard by a sole judge; ordinary procedure by a "
                    "collegial panel, or by a sole judge in a clear and simple case."))
    team = _team_field()
    judge = _judge_field()
    on = date_field(_("Filing date (立案)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _teams_and_judges_of_court(self)
        # JI 272: small claims use the latest published wage figure; say so when the stored one looks old.
        warning = wage_threshold_warning(self.case.court.province, today())
        if warning:
            self.fields["procedure"].help_text = warning

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_accept(case=case, actor=user, procedure=d["procedure"], team=d["team"],
                                    judge=d["judge"], on=d["on"], panel=d["panel"],
                                    parties_agree=d["parties_agree"])


class CorrectionForm(CaseActionForm):
    spec = ActionSpec("correct", _("Ask for correction"), _("The filer was asked to correct the complaint."),
                      "filing", needs=Action.DECIDE_FILING)
    transition = "request_correction"

    items = forms.CharField(label=_("Items to correct"), widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("REG2015 Art. 7: list everything to correct, once."))
    due_on = date_field(_("Correct by"), required=False,
                        help_text=_("REG2015 Art. 7: the period the court sets; empty: 15 days."))

    def perform(self, case: Case, user: User) -> Any:
        return services.case_request_correction(case=case, actor=user, items=self.cleaned_data["items"],
                                                due_on=self.cleaned_data["due_on"])


class RejectForm(CaseActionForm):
    spec = ActionSpec("reject", _("Do not accept"), _("The complaint was not accepted."), "filing",
                      needs=Action.DECIDE_FILING, danger=True)
    transition = "reject"

    reason = forms.CharField(label=_("Reasons for not accepting"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False, help_text=_("REG2015 Art. 9: the ruling states its reasons."))

    def perform(self, case: Case, user: User) -> Any:
        return services.case_reject(case=case, actor=user, reason=self.cleaned_data["reason"])


class ResubmitForm(CaseActionForm):
    """The corrected complaint goes back to the filing officer (OLR 9(2)): nothing to fill in."""

    spec = ActionSpec("resubmit", _("Resubmit the corrected complaint"),
                      _("The corrected complaint was received; the 7 days start again (OLR 9(2))."), "filing",
                      needs=Action.AMEND_FILING)
    transition = "resubmit"

    def perform(self, case: Case, user: User) -> Any:
        return services.case_resubmit(case=case, actor=user)


class AssignForm(CaseActionForm):
    """Give a pending case to another trial team and judge (TL2000 Art. 7); acceptance made the first assignment."""

    spec = ActionSpec("assign", _("Assign to a trial team"), _("The case was assigned."), "docket",
                      needs=Action.ASSIGN)

    #: The service's refusals shown next to the field they concern.
    ERROR_FIELDS = {"assign_reason": "reason", "too_long": "reason", "judge_team": "judge", "team_court": "team"}

    team = _team_field()
    judge = _judge_field()
    on = date_field(_("Assigned on"))
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False,
                             help_text=_("Required when the case moves from one team or judge to another."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _teams_and_judges_of_court(self)
        self.fields["team"].initial = self.case.team_id
        if self.case.team_id is not None:  # a reassignment: services.case_assign refuses it without a reason
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(services.REASSIGN_NEEDS_REASON)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_assign(case=case, actor=user, team=d["team"], judge=d["judge"], on=d["on"],
                                    reason=d["reason"])
