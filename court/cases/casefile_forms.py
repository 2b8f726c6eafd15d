"""Forms of the electronic case file: an evidence line with its file (the filing page's evidence list and the
case page), and a document upload. A file is checked by content and size here (`uploads.check_upload`, a
message next to the field) and again by the service before it is stored.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .bounds import EVIDENCE_PER_UPLOAD_MAX, EVIDENCE_TEXT_MAX_LENGTH
from .models import DocumentKind
from .uploads import ACCEPT, UploadRefused, check_upload


def upload_field(label: Any, required: bool = True) -> forms.FileField:
    return forms.FileField(label=label, required=required, widget=forms.FileInput(attrs={"accept": ACCEPT}))


class UploadCheckMixin:
    """`clean_file`: the content and size check, as a message next to the field."""

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")  # type: ignore[attr-defined]
        if file:
            try:
                check_upload(file)
            except UploadRefused as exc:
                raise forms.ValidationError(exc.text, code=exc.code) from None
        return file

    def _limit_help(self) -> None:
        """The limit next to the field, in the language of the request."""
        self.fields["file"].help_text = gettext(  # type: ignore[attr-defined]
            "PDF or an image (PNG, JPEG), at most %(mb)s MB.") % {"mb": settings.FANJIAN_UPLOAD_MAX_MB}


class EvidenceForm(UploadCheckMixin, forms.Form):
    """One line of the evidence list (证据目录) with the file that holds it."""

    name = forms.CharField(label=_("Evidence (名称)"), max_length=200)
    source = forms.CharField(label=_("Source (来源)"), max_length=200, required=False)
    purpose = forms.CharField(label=_("What it proves (证明目的)"), max_length=EVIDENCE_TEXT_MAX_LENGTH, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    pages = forms.IntegerField(label=_("Pages"), min_value=1, max_value=10_000, required=False)
    file = upload_field(_("File"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_help()

    def evidence_input(self) -> services.EvidenceInput:
        d = self.cleaned_data
        return services.EvidenceInput(name=d["name"], source=d.get("source") or "", purpose=d.get("purpose") or "",
                                      pages=d.get("pages"), file=d.get("file"))


class BaseEvidenceFormSet(forms.BaseFormSet):
    def evidence_inputs(self) -> list[services.EvidenceInput]:
        """The filled lines, in order (a blank extra line is skipped)."""
        return [f.evidence_input() for f in self.forms if f.cleaned_data and f.cleaned_data.get("name")]


# Capped on the server whatever TOTAL_FORMS says, like the party formsets.
EvidenceForms = forms.formset_factory(EvidenceForm, formset=BaseEvidenceFormSet, extra=1, min_num=0,
                                      max_num=EVIDENCE_PER_UPLOAD_MAX, validate_max=True,
                                      absolute_max=EVIDENCE_PER_UPLOAD_MAX)


class DocumentUploadForm(UploadCheckMixin, forms.Form):
    """A document for the case file; `internal` is offered to court staff only."""

    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.OTHER)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = upload_field(_("File"))
    internal = forms.BooleanField(label=_("Internal to the court (parties do not see it)"), required=False)

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "document")
        super().__init__(*args, **kwargs)
        self._limit_help()
        if not staff:
            del self.fields["internal"]
