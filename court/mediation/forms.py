"""One form per mediation step; each names the service it feeds (court.mediation.services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import Area, MediatorOrg, Role, User

from .models import Statement

DATE = forms.DateInput(attrs={"type": "date"})


class DivertForm(forms.Form):
    """prefiling_divert: the parties' consent (OMR 4) and their town or village (for the chain's choice)."""

    consent = forms.BooleanField(label=_("The parties consent to pre-filing mediation (OMR 4)"), required=False)
    area = forms.ModelChoiceField(label=_("The parties' town or village"), queryset=Area.objects.none(),
                                  required=False)

    def __init__(self, *args, court_id: int | None = None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(court_id=court_id)


class MediatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        org = obj.mediation_organisation
        kind = MediatorOrg(obj.mediator_org).label if obj.mediator_org else ""
        return f"{obj} · {org or kind}" + (f" · {org.area}" if org and org.area else "")


class AssignForm(forms.Form):
    """prefiling_assign / mediation_start_in_case: the mediator, the suggestions first (OMR 10)."""

    mediator = MediatorChoice(label=_("Mediator"), queryset=User.objects.none())

    def __init__(self, *args, suggested: list[User] = (), court_id: int | None = None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = User.objects.filter(role=Role.MEDIATOR, is_active=True, court_id=court_id)
        order = {u.pk: i for i, u in enumerate(suggested)}
        choices = sorted(self.fields["mediator"].queryset.select_related("mediation_organisation__area"),
                         key=lambda u: (order.get(u.pk, len(order)), u.username))
        self.fields["mediator"].choices = [("", "---------")] + [
            (u.pk, self.fields["mediator"].label_from_instance(u)) for u in choices]
        if suggested and not self.is_bound:
            self.initial["mediator"] = suggested[0].pk


class StartInCaseForm(AssignForm):
    entrusted = forms.BooleanField(label=_("Entrust to a member of the mediation chain"), required=False)


class AgreementForm(forms.Form):
    terms = forms.CharField(label=_("Terms agreed"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("All parties agreed to go on until"), widget=DATE)


class AppraisalForm(forms.Form):
    start_on = forms.DateField(label=_("Appraisal from"), widget=DATE)
    end_on = forms.DateField(label=_("Appraisal until"), widget=DATE)
    reason = forms.CharField(label=_("Appraisal of"), max_length=500, required=False)


class FailForm(forms.Form):
    reason = forms.CharField(label=_("Why mediation failed (OMR 25); empty once the deadline has passed"),
                             max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EndInCaseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Result"), choices=[
        ("agreement", _("Agreement: the court makes the mediation document")),
        ("withdrawn", _("The plaintiff withdraws")),
        ("failed", _("Failed: back to trial"))])
    reason = forms.CharField(label=_("Note"), max_length=500, required=False)


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    online = forms.BooleanField(label=_("Online (every party consented, OMR 4)"), required=False, initial=True)
    place = forms.CharField(label=_("Place, if in person"), max_length=200, required=False)


class StatementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Statement.Kind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DecideForm(forms.Form):
    confirmed = forms.TypedChoiceField(label=_("Ruling"), coerce=lambda v: v == "yes", choices=[
        ("yes", _("The mediation agreement is valid (CPL 206)")),
        ("no", _("The application is dismissed (CPL 206; JI 355, 358)"))])
    ground = forms.CharField(label=_("Ground of a dismissal"), max_length=500, required=False)
