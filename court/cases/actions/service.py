"""Service of process (CPL 87-95): send a document, record whether it was served."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.org.models import User

from .. import services
from ..access import Action
from ..forms import LabelledChoiceField, date_field
from ..models import Case, Party, ServiceAttempt
from .base import ActionSpec, CaseActionForm, CaseContext, open_attempts, preselect

SERVICE_FAILED_NEEDS_REASON = _("Say why service failed.")


class ServiceSendForm(CaseActionForm):
    spec = ActionSpec("service_send", _("Send a document"), _("The document was sent."), "service",
                      needs=Action.DOCKET)

    document = forms.ChoiceField(label=_("Document"), choices=ServiceAttempt.Document.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=ServiceAttempt.Channel.choices)
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    on = date_field(_("Sent on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = self.case.parties.all()

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        # The judgment or ruling is served after the case closed (CPL 171 counts the appeal from its service).
        return ctx.case.state in services.SERVICE_STATES

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.service_send(case=case, actor=user, document=d["document"], channel=d["channel"],
                                     party=d["party"], on=d["on"])


class ServiceRecordForm(CaseActionForm):
    spec = ActionSpec("service_record", _("Record a service result"), _("The service result was recorded."),
                      "service", needs=Action.DOCKET)
    RESULT_CHOICES = (("served", _("Served")), ("failed", _("Failed")))

    attempt = LabelledChoiceField(
        label=_("Attempt"), queryset=ServiceAttempt.objects.none(),
        label_fn=lambda a: f"{a.get_document_display()} → {a.party.name if a.party else '—'} "
                           f"({a.get_channel_display()}, {a.sent_on or ''})",
    )
    result = forms.ChoiceField(label=_("Result"), choices=RESULT_CHOICES, widget=forms.RadioSelect, initial="served")
    on = date_field(_("Served or failed on"))
    evidence = forms.CharField(label=_("Proof of service"), max_length=200, required=False)
    failure_reason = forms.CharField(label=_("Reason for failure"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attempt"].queryset = open_attempts(self.case).select_related("party")
        preselect(self.fields["attempt"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("result") == "failed" and not (data.get("failure_reason") or "").strip():
            self.add_error("failure_reason", SERVICE_FAILED_NEEDS_REASON)
        return data

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        return ctx.has_open_attempt

    def perform(self, case: Case, user: User) -> Any:
        d = self.cleaned_data
        return services.service_record(attempt=d["attempt"], actor=user, served=d["result"] == "served", on=d["on"],
                                       evidence=d["evidence"], failure_reason=d["failure_reason"])
