"""Mediation (CPL 125; OMR 24), suspension (CPL 153), excluded periods (JI 243; TL2000 Art. 9), extension
(CPL 152, 164; TL2019 Art. 1) and the change of procedure (JI 258-260; CPL 169-170)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from court.org.models import Role, User

from .. import services
from ..access import Action
from ..forms import TEXT_SMALL, LabelledChoiceField, date_field
from ..models import Case, CasePeriod, CaseState, Panel, PeriodKind, Procedure
from .base import ActionSpec, CaseActionForm, CaseContext, preselect, running_periods


class MediationStartForm(CaseActionForm):
    spec = ActionSpec("mediation_start", _("Start mediation"), _("Mediation started."), "term",
                      needs=Action.DOCKET)
    transition = "start_mediation"

    mediator = LabelledChoiceField(
        label=_("Mediator"), queryset=User.objects.none(), required=False,
        label_fn=lambda u: f"{u} · {u.get_mediator_org_display() or u.get_role_display()}")
    on = date_field(_("Started on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case = self.case
        team_q = Q(team_id=case.team_id, role__in=[Role.JUDGE, Role.ASSISTANT]) if case.team_id else Q(pk__in=[])
        self.fields["mediator"].queryset = User.objects.filter(
            Q(role=Role.MEDIATOR, court_id=case.court_id) | team_q, is_active=True).order_by("role", "username")

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return super().applies(ctx) and ctx.case.state != CaseState.MEDIATION

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_start_mediation(case=case, actor=user, mediator=d["mediator"], on=d["on"])


class MediationEndForm(CaseActionForm):
    spec = ActionSpec("mediation_end", _("End mediation (failed)"), _("Mediation ended; the case continues."),
                      "term", needs=Action.END_MEDIATION)
    transition = "end_mediation"

    reason = forms.CharField(label=_("Why mediation failed"), widget=TEXT_SMALL, required=False)
    on = date_field(_("Ended on"))

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_end_mediation(case=case, actor=user, reason=d["reason"], on=d["on"])


class SuspendForm(CaseActionForm):
    spec = ActionSpec("suspend", _("Suspend (中止)"), _("The case was suspended; the term clock stopped."), "term",
                      needs=Action.DECIDE)
    transition = "suspend"

    ground = forms.CharField(label=_("Ground (CPL 153)"), widget=TEXT_SMALL, required=False)
    on = date_field(_("Suspended on"))

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_suspend(case=case, actor=user, ground=d["ground"], on=d["on"])


class ResumeForm(CaseActionForm):
    spec = ActionSpec("resume", _("Resume"), _("The case resumed; the term clock runs again."), "term",
                      needs=Action.DECIDE)
    transition = "resume"

    on = date_field(_("Resumed on"))
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_resume(case=case, actor=user, on=d["on"], reason=d["reason"])


#: The excluded periods the docket records directly: an extension has its own action, a suspension follows
#: from suspending the case.
EXCLUDABLE_KINDS = [(k, label) for k, label in PeriodKind.choices
                    if k not in (PeriodKind.EXTENSION, PeriodKind.SUSPENSION)]


class PeriodStartForm(CaseActionForm):
    spec = ActionSpec("period_start", _("Start an excluded period"), _("The excluded period was recorded."), "term",
                      needs=Action.DOCKET)

    kind = forms.ChoiceField(label=_("Kind"), choices=EXCLUDABLE_KINDS)
    start_on = date_field(_("Start"))
    end_on = date_field(_("End (if known)"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=TEXT_SMALL, required=False)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.period_start(case=case, actor=user, kind=d["kind"], start_on=d["start_on"],
                                     end_on=d["end_on"], reason=d["reason"])


class PeriodEndForm(CaseActionForm):
    spec = ActionSpec("period_end", _("End an excluded period"), _("The excluded period was ended."), "term",
                      needs=Action.DOCKET)

    period = forms.ModelChoiceField(label=_("Period"), queryset=CasePeriod.objects.none())
    end_on = date_field(_("End"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = running_periods(self.case)
        preselect(self.fields["period"])

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.has_running_period

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.period_end(period=d["period"], actor=user, end_on=d["end_on"])


class ExtendForm(CaseActionForm):
    spec = ActionSpec("extend", _("Approve an extension"), _("The extension was approved."), "term",
                      needs=Action.EXTEND)

    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=12, initial=1)
    reason = forms.CharField(label=_("Reasons"), widget=TEXT_SMALL, required=False)
    applied_on = date_field(_("Applied for on"))
    on = date_field(_("Approved on"))
    higher_court = forms.BooleanField(label=_("Approved by the higher court"), required=False)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active and not ctx.case.foreign_related

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_extend(case=case, actor=user, months=d["months"], reason=d["reason"], on=d["on"],
                                    applied_on=d["applied_on"], higher_court=d["higher_court"])


class ConvertForm(CaseActionForm):
    spec = ActionSpec("convert", _("Change the procedure"), _("The procedure was changed."), "term",
                      needs=Action.DECIDE)

    to = forms.ChoiceField(label=_("Change to"), choices=Procedure.choices)
    reason = forms.CharField(label=_("Reasons"), widget=TEXT_SMALL, required=False)
    on = date_field(_("Ruling date"))
    parties_agree = forms.BooleanField(label=_("The parties agree (ordinary → simple)"), required=False)
    panel = forms.ChoiceField(
        label=_("Bench"), required=False, choices=[("", _("Unchanged")), *Panel.choices],
        help_text=_("JI 258(2): the parties are told in writing who will hear the case."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(v, label) for v, label in Procedure.choices if v != self.case.procedure]

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active and bool(ctx.procedure_transitions)

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.case_convert_procedure(case=case, actor=user, to=d["to"], reason=d["reason"], on=d["on"],
                                               parties_agree=d["parties_agree"], panel=d["panel"])
