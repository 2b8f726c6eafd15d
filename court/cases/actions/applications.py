"""What a party does for itself on its case page — withdraw its filing before 立案 (CPL 13), answer (CPL 128),
apply to withdraw the suit (CPL 148) or object to jurisdiction (CPL 130), give its consents (OLR 4) and confirm
its service address (JI 137) — and the judge's ruling on an application (CPL 157).

The party steps are party-level: a form is offered when the user is, or represents, a party the step fits
(`access.acts_for`), and its party field lists only those parties; the services check again
(`access.require_for_party`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from court.org.models import User

from .. import services
from ..access import Action, can
from ..casefile_forms import UploadCheckMixin, upload_field
from ..forms import TEXT_SMALL, LabelledChoiceField, date_field
from ..models import Application, Case, Party
from ..uploads import UploadRefused, check_upload
from .base import ActionSpec, CaseActionForm, CaseContext, preselect
from .parties import CONSENT_CHOICES, _consent


def own_parties(case: Case, user: User, *sides: str) -> QuerySet[Party]:
    """The parties of `case` that `user` is or represents (of `sides`, if given)."""
    qs = case.parties.filter(Q(user=user) | Q(representatives__user=user)).distinct()
    return qs.filter(side__in=sides) if sides else qs


class PartyStepForm(CaseActionForm):
    """A step a party takes for itself: offered to a party or lawyer acting for a party of `sides`."""

    sides: tuple[str, ...] = ()
    party = forms.ModelChoiceField(label=_("For"), queryset=Party.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = own_parties(self.case, self.user, *self.sides)
        preselect(self.fields["party"])

    @classmethod
    def permitted(cls, ctx: CaseContext) -> bool:
        return ctx.can(Action.FOR_PARTY) and own_parties(ctx.case, ctx.user, *cls.sides).exists()

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active


class WithdrawFilingForm(CaseActionForm):
    spec = ActionSpec("withdraw_filing", _("Withdraw the complaint"),
                      _("The complaint was withdrawn; the court will not decide on it."), "filing",
                      needs=Action.WITHDRAW_FILING, danger=True)
    transition = "withdraw_filing"

    reason = forms.CharField(label=_("Reason (optional)"), widget=TEXT_SMALL, required=False)

    def perform(self, case: Case, user: User) -> Any:
        return services.case_withdraw_filing(case=case, actor=user, reason=self.cleaned_data["reason"])


class AnswerForm(UploadCheckMixin, PartyStepForm):
    spec = ActionSpec("answer", _("File the answer (答辩状)"), _("Your answer was filed with the court."),
                      "applications", needs=Action.FOR_PARTY)
    sides = (Party.Side.DEFENDANT,)

    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
                           help_text=_("CPL 128: within 15 days of receiving the complaint; or attach it as a file."))
    file = upload_field(_("The answer as a file"), required=False)
    evidence_name = forms.CharField(label=_("Evidence (名称)"), max_length=200, required=False)
    evidence_purpose = forms.CharField(label=_("What it proves (证明目的)"), max_length=1000, required=False)
    evidence_file = upload_field(_("Evidence file"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_help()

    def clean_evidence_file(self) -> Any:
        file = self.cleaned_data.get("evidence_file")
        if file:
            try:
                check_upload(file)
            except UploadRefused as exc:
                raise forms.ValidationError(exc.text, code=exc.code) from None
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("evidence_file") and not (data.get("evidence_name") or "").strip():
            self.add_error("evidence_name", _("Name each piece of evidence (名称)."))
        return data

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        evidence = []
        if (d.get("evidence_name") or "").strip():
            evidence.append(services.EvidenceInput(name=d["evidence_name"], purpose=d.get("evidence_purpose") or "",
                                                   file=d.get("evidence_file")))
        return services.answer_file(case=case, actor=user, party=d["party"], text=d["text"], file=d.get("file"),
                                    evidence=evidence)


class ApplyForm(UploadCheckMixin, PartyStepForm):
    spec = ActionSpec("apply", _("Apply to the court"), _("Your application was filed; the judge will rule on it."),
                      "applications", needs=Action.FOR_PARTY)
    sides = (Party.Side.PLAINTIFF, Party.Side.DEFENDANT)

    kind = forms.ChoiceField(label=_("Application"), choices=Application.Kind.choices,
                             help_text=_("A plaintiff may apply to withdraw the suit (CPL 148); a defendant may object "
                                         "to jurisdiction within the answer period (CPL 130)."))
    text = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))
    file = upload_field(_("Signed application (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_help()
        sides = set(self.fields["party"].queryset.values_list("side", flat=True))
        self.fields["kind"].choices = [(k, label) for k, label in Application.Kind.choices
                                       if services.applications.APPLICANT_SIDE[k] in sides]

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.application_file(case=case, actor=user, party=d["party"], kind=d["kind"], text=d["text"],
                                         file=d.get("file"))


class MyConsentsForm(PartyStepForm):
    spec = ActionSpec("my_consents", _("Give or withdraw your consents"), _("Your consents were recorded."),
                      "parties", needs=Action.FOR_PARTY)

    e_service = forms.ChoiceField(label=_("Electronic service (CPL 90)"), choices=CONSENT_CHOICES, required=False)
    e_address = forms.CharField(label=_("Electronic address"), max_length=200, required=False)
    online_hearing = forms.ChoiceField(label=_("Online hearing (OLR 4, 21)"), choices=CONSENT_CHOICES, required=False,
                                       help_text=_("OLR 4(4): each consent is its own; none is inferred from another."))
    online_mediation = forms.ChoiceField(label=_("Online mediation (OMR 4)"), choices=CONSENT_CHOICES, required=False)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active or ctx.in_filing

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.party_record_consents(
            party=d["party"], actor=user, e_service=_consent(d["e_service"]), e_address=d["e_address"],
            online_hearing=_consent(d["online_hearing"]), online_mediation=_consent(d["online_mediation"]))


class AddressForm(PartyStepForm):
    """送达地址确认书 (JI 137): the party confirms or changes where documents reach it; the team may record a
    paper form for any party."""

    spec = ActionSpec("address", _("Confirm the service address"), _("The service address was confirmed."),
                      "parties", needs=Action.FOR_PARTY)

    address = forms.CharField(label=_("Service address"), max_length=200, required=False)
    e_address = forms.CharField(label=_("Electronic address"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.staff:
            self.fields["party"].queryset = self.case.parties.all()
        first = self.fields["party"].queryset.first()
        if first is not None and not self.is_bound:
            self.initial.update(party=first.pk, address=first.address, e_address=first.e_address, phone=first.phone)

    @property
    def staff(self) -> bool:
        return can(self.user, Action.DOCKET, self.case)

    @classmethod
    def permitted(cls, ctx: CaseContext) -> bool:
        return ctx.can(Action.DOCKET) or super().permitted(ctx)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active or ctx.in_filing

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.party_confirm_address(party=d["party"], actor=user, address=d["address"],
                                              e_address=d["e_address"], phone=d["phone"])


class DecideApplicationForm(CaseActionForm):
    spec = ActionSpec("decide_application", _("Rule on an application"), _("The ruling was recorded."),
                      "applications", needs=Action.DECIDE)

    application = LabelledChoiceField(
        label=_("Application"), queryset=Application.objects.none(),
        label_fn=lambda a: f"{a.get_kind_display()} · {a.party.name} · {a.filed_on.isoformat()}")
    decision = forms.ChoiceField(label=_("Ruling"), widget=forms.RadioSelect, choices=[
        ("grant", _("Grant (withdrawal allowed; objection upheld: the case is transferred)")),
        ("refuse", _("Refuse (the case goes on)"))])
    ruling = forms.CharField(label=_("Reasons of the ruling"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("CPL 157: the ruling states its result and its reasons."))
    on = date_field(_("Ruling date"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = self.case.applications.filter(
            status=Application.Status.PENDING).select_related("party")
        preselect(self.fields["application"])

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.active and ctx.case.applications.filter(status=Application.Status.PENDING).exists()

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.application_decide(application=d["application"], actor=user,
                                           grant=d["decision"] == "grant", ruling=d["ruling"], on=d["on"])
