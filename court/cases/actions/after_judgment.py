"""After the decision: an appeal lodged through this court (CPL 171, 173) and the hand-off to enforcement
(CPL 250). The appeal periods and the effective day are shown on the case page (`services.decision_status`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import User
from court.rules.after_judgment import is_final

from .. import services
from ..access import Action
from ..forms import TEXT_SMALL, date_field
from ..models import DONE_STATES, Case, Party
from .base import ActionSpec, CaseActionForm, CaseContext


class AppealForm(CaseActionForm):
    spec = ActionSpec("appeal", _("Record an appeal"), _("The appeal was recorded."), "closing",
                      needs=Action.DOCKET)

    party = forms.ModelChoiceField(label=_("Appellant"), queryset=Party.objects.none())
    on = date_field(_("Appeal received on"))
    reason = forms.CharField(label=_("Note"), widget=TEXT_SMALL, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = self.case.parties.all()

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        case = ctx.case
        return case.state in DONE_STATES and bool(case.closing_mode) and not is_final(case.closing_mode,
                                                                                        case.procedure)

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.appeal_file(case=case, actor=user, party=d["party"], on=d["on"], reason=d["reason"])


class EnforcementForm(CaseActionForm):
    spec = ActionSpec("enforcement", _("Hand over for enforcement"), _("The case was handed over for enforcement."),
                      "closing", needs=Action.DOCKET)

    on = date_field(_("Application for enforcement received on"))
    performance_due = date_field(_("Last day of performance in the decision"), required=False,
                                 help_text=_("CPL 250: the two years run from it; empty: from the day the decision "
                                             "took effect."))
    reason = forms.CharField(label=_("Note"), widget=TEXT_SMALL, required=False)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.case.state in DONE_STATES and bool(ctx.case.closing_mode)

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.enforcement_handoff(case=case, actor=user, on=d["on"], performance_due=d["performance_due"],
                                            reason=d["reason"])


class ExtensionApplyForm(CaseActionForm):
    """The judge applies to the president, with reasons, 15 days before the term ends (TL2019 Art. 1)."""

    spec = ActionSpec("extension_apply", _("Apply for a term extension"), _("The extension application was filed."),
                      "term", needs=Action.DECIDE)

    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=6, initial=1)
    higher_court = forms.BooleanField(label=_("A further extension: report to the higher court"), required=False)
    reason = forms.CharField(label=_("Reasons"), widget=TEXT_SMALL)
    on = date_field(_("Applied on"))

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.case.is_pending and not ctx.case.foreign_related

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.extension_apply(case=case, actor=user, months=d["months"], reason=d["reason"], on=d["on"],
                                        higher_court=d["higher_court"])


class ExtensionDecideForm(CaseActionForm):
    """The president decides the pending application (approval: `case_extend`)."""

    spec = ActionSpec("extension_decide", _("Decide the extension application"), _("The extension was decided."),
                      "term", needs=Action.EXTEND)
    DECISIONS = (("approve", _("Approve")), ("refuse", _("Refuse")))

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect, initial="approve")
    reason = forms.CharField(label=_("Reasons"), widget=TEXT_SMALL, required=False)
    on = date_field(_("Decided on"))

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.case.is_pending and services.pending_extension(ctx.case) is not None

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.extension_decide(case=case, actor=user, approve=d["decision"] == "approve",
                                         reason=d["reason"], on=d["on"])
