"""The forms of the case page's "Court documents" panel (and of their own pages, where a refusal is shown): generate
one document, and a hearing's papers in one step (summonses to every party, the announcement)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from court.cases.access import Action, can
from court.cases.forms import LabelledChoiceField
from court.cases.models import Case, Hearing, ServiceAttempt
from court.cases.services import CaseRuleError
from court.org.models import User

from . import hearing_papers, services
from .kinds import SPECS
from .models import TemplateKind, TemplateLanguage

#: Where a refusal of the service is shown: next to the field it is about.
ERROR_FIELDS = {"needs_party": "party", "party_case": "party", "needs_hearing": "hearing",
                "hearing_not_scheduled": "hearing", "summons_too_late": "hearing", "needs_attempt": "attempt",
                "needs_e_service": "attempt", "no_consent": "channel", "publication_simple": "channel",
                "publication_ground": "channel", "mediation_in_person": "channel", "not_servable": "serve"}


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"))
    language = forms.ChoiceField(label=_("Language of the document"), choices=TemplateLanguage.choices)
    party = forms.ModelChoiceField(label=_("Addressee"), queryset=None, required=False,
                                   help_text=_("The party the document is addressed to (and served on)."))
    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=None, required=False,
                                     help_text=_("For a summons or a hearing announcement."))
    attempt = forms.ModelChoiceField(label=_("Service attempt"), queryset=None, required=False,
                                     help_text=_("For a proof of service."))
    fee_notice = forms.ModelChoiceField(label=_("Fee notice"), queryset=None, required=False,
                                        help_text=_("Empty: the case's latest fee notice, or the fee it owes."))
    serve = forms.BooleanField(label=_("Serve it on the addressee now"), required=False)
    channel = forms.ChoiceField(label=_("Service channel"), required=False,
                                choices=[("", "—"), *ServiceAttempt.Channel.choices])

    def __init__(self, *args: Any, case: Case, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"language": services.language_of(None)})
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user
        self.fields["kind"].choices = [(k, TemplateKind(k).label) for k in services.kinds_available(user, case)]
        self.fields["party"].queryset = case.parties.order_by("side_rank", "id")
        self.fields["hearing"].queryset = case.hearings.filter(status=Hearing.Status.SCHEDULED)
        self.fields["attempt"].queryset = case.service_attempts.select_related("party")
        self.fields["fee_notice"].queryset = case.fee_notices.all()
        if not can(user, Action.DOCKET, case):  # serving is the team's (service_send)
            del self.fields["serve"], self.fields["channel"]
        for name in ("hearing", "attempt", "fee_notice"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("serve"):
            if not data.get("channel"):
                self.add_error("channel", _("Choose how to serve it."))
            if not data.get("party"):
                self.add_error("party", _("Choose the party to serve it on."))
            kind = data.get("kind")
            if kind and SPECS[kind].serves_as is None:
                self.add_error("serve", _("This document is kept in the case file, not served."))
        return data

    def perform(self) -> Any:
        data = self.cleaned_data
        common = {"case": self.case, "actor": self.user, "kind": data["kind"], "hearing": data.get("hearing"),
                  "fee_notice": data.get("fee_notice"), "language": data["language"]}
        try:
            if data.get("serve"):
                document, _attempt = services.document_serve(party=data["party"], channel=data["channel"], **common)
                return document
            return services.document_generate(party=data.get("party"), service_attempt=data.get("attempt"), **common)
        except CaseRuleError as exc:
            field = ERROR_FIELDS.get(exc.code)
            self.add_error(field if field in self.fields else None, exc.text)
            return None


def _hearing_label(hearing: Hearing) -> str:
    place = str(hearing.courtroom or hearing.room or hearing.get_mode_display())
    return f"{timezone.localtime(hearing.starts_at):%Y-%m-%d %H:%M} · {place}"


class HearingPapersForm(forms.Form):
    """One step from a scheduled hearing: a summons served on every party, and the announcement of a public
    hearing (`hearing_papers.hearing_papers_issue`)."""

    ERROR_FIELDS = {"papers_channel": "channel", "hearing_not_scheduled": "hearing", "summons_too_late": "hearing",
                    "papers_done": "hearing", "no_consent": "electronic", "party_case": None}

    hearing = LabelledChoiceField(label=_("Hearing"), queryset=None, label_fn=_hearing_label)
    electronic = forms.BooleanField(label=_("Serve electronically on the parties who consented (CPL 90)"),
                                    required=False, initial=True)
    channel = forms.ChoiceField(label=_("Service channel for the other parties"),
                                choices=[(c.value, c.label) for c in hearing_papers.PAPER_CHANNELS],
                                initial=ServiceAttempt.Channel.POST)
    language = forms.ChoiceField(label=_("Language of the documents"), choices=TemplateLanguage.choices)

    def __init__(self, *args: Any, case: Case, user: User, **kwargs: Any) -> None:
        kwargs["initial"] = {"language": services.language_of(None), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user
        self.fields["hearing"].queryset = (case.hearings.filter(status=Hearing.Status.SCHEDULED)
                                           .select_related("courtroom").order_by("starts_at", "pk"))
        self.fields["hearing"].empty_label = None  # the next hearing is chosen already

    def perform(self) -> hearing_papers.HearingPapers | None:
        data = self.cleaned_data
        try:
            return hearing_papers.hearing_papers_issue(hearing=data["hearing"], actor=self.user,
                                                       channel=data["channel"], electronic=data["electronic"],
                                                       language=data["language"])
        except CaseRuleError as exc:
            self.add_error(self.ERROR_FIELDS.get(exc.code), exc.text)
            return None
