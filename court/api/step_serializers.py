"""What a party sends and gets back for the steps it takes on its case through the API: documents and evidence for
the case file, submissions in an asynchronous hearing, the answer, applications, and fee payments and relief.

Each input serializer is the wire format only (types and bounds, so that the OpenAPI schema states them); the
rules are the services' (`court.cases.services`), with the same upload check as the pages
(`court.cases.uploads.check_upload`). A step that takes a file has a JSON form without it and a
multipart/form-data form with it (the part `file`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from court.cases.access import is_external
from court.cases.bounds import AMOUNT_MAX, EVIDENCE_TEXT_MAX_LENGTH, FACTS_MAX_LENGTH
from court.cases.models import (
    Application,
    AsyncStage,
    AsyncSubmission,
    AsyncWindow,
    CaseDocument,
    DocumentKind,
    EvidenceItem,
    FeeNotice,
    Hearing,
)
from court.cases.services.async_hearings import ASYNC_TEXT_MAX_LENGTH
from court.cases.term import today

from .serializers import DocumentSerializer, FeePaymentSerializer

ID_MAX = 2**31 - 1
#: The longest name an uploaded file may have (the case file keeps at most 255 characters of it).
FILE_NAME_MAX_LENGTH = 255
#: The reasons of an application for fee relief (FEE 48), as `services.fee_apply_relief` bounds them.
RELIEF_REASONS_MAX_LENGTH = 2_000


def _file_help() -> str:
    return str(_("A PDF or an image (PNG, JPEG, WebP, TIFF), recognised by its content; at most %(mb)s MB.")
               % {"mb": settings.FANJIAN_UPLOAD_MAX_MB})


def file_field(*, required: bool) -> serializers.FileField:
    return serializers.FileField(required=required, max_length=FILE_NAME_MAX_LENGTH, allow_empty_file=False,
                                 help_text=_file_help())


def id_field(help_text: Any, *, required: bool = False) -> serializers.IntegerField:
    if required:
        return serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text=help_text)
    return serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False, allow_null=True, default=None,
                                    help_text=help_text)


PARTY_HELP = _("The party you act for (its id in the case's parties); may be left out when you act for one "
               "party that may take this step.")


def visible_document(serializer: serializers.Serializer, document: CaseDocument | None) -> dict[str, Any] | None:
    """A document as the reader may see it: none of the court's internal documents for an outsider."""
    if document is None:
        return None
    if document.internal and is_external(serializer.context["request"].user):
        return None
    return DocumentSerializer(document, context=serializer.context).data


# --- the case file ---------------------------------------------------------------------------------------------

class DocumentInputSerializer(serializers.Serializer):
    """A document for the case file (OLR 11); `internal` (the court's own) is for court staff only."""

    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = serializers.CharField(max_length=200)
    internal = serializers.BooleanField(default=False, help_text=_("Court staff only: parties never see it."))
    file = file_field(required=True)


class EvidenceItemInputSerializer(serializers.Serializer):
    """One further line of the evidence list (CPL 67; OLR 11) with the file that holds it."""

    name = serializers.CharField(max_length=200)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=EVIDENCE_TEXT_MAX_LENGTH, required=False, allow_blank=True, default="")
    pages = serializers.IntegerField(min_value=1, max_value=10_000, required=False, allow_null=True, default=None)
    file = file_field(required=True)


class EvidenceItemSerializer(serializers.ModelSerializer):
    document = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceItem
        fields = ["id", "number", "name", "source", "purpose", "pages", "late", "document"]

    @extend_schema_field(DocumentSerializer(allow_null=True))
    def get_document(self, item: EvidenceItem) -> dict[str, Any] | None:
        return visible_document(self, item.document)


# --- asynchronous hearings (OLR 20) ----------------------------------------------------------------------------

class AsyncSubmissionSerializer(serializers.ModelSerializer):
    hearing = serializers.IntegerField(source="window.hearing_id", read_only=True)
    stage = serializers.ChoiceField(source="window.stage", choices=AsyncStage.choices, read_only=True)
    party = serializers.IntegerField(source="party_id", read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)
    document = serializers.SerializerMethodField()

    class Meta:
        model = AsyncSubmission
        fields = ["id", "hearing", "stage", "party", "party_name", "submitted_at", "text", "document"]

    @extend_schema_field(DocumentSerializer(allow_null=True))
    def get_document(self, submission: AsyncSubmission) -> dict[str, Any] | None:
        return visible_document(self, submission.document)


class AsyncWindowSerializer(serializers.ModelSerializer):
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    open_now = serializers.SerializerMethodField()
    submissions = serializers.SerializerMethodField()

    class Meta:
        model = AsyncWindow
        fields = ["stage", "stage_label", "opens_on", "closes_on", "open_now", "submissions"]

    @extend_schema_field(serializers.BooleanField(help_text=_("Whether the parties may submit in it today.")))
    def get_open_now(self, window: AsyncWindow) -> bool:
        return window.hearing.status == Hearing.Status.SCHEDULED and window.opens_on <= today() <= window.closes_on

    @extend_schema_field(AsyncSubmissionSerializer(many=True))
    def get_submissions(self, window: AsyncWindow) -> list[dict[str, Any]]:
        return AsyncSubmissionSerializer(window.submissions.all(), many=True, context=self.context).data


class AsyncHearingSerializer(serializers.ModelSerializer):
    """An asynchronous hearing (OLR 20): its windows, in order, and what every party submitted in each."""

    windows = AsyncWindowSerializer(many=True, read_only=True)

    class Meta:
        model = Hearing
        fields = ["id", "status", "starts_at", "respond_by", "notified_on", "windows"]


class AsyncSubmissionInputSerializer(serializers.Serializer):
    """A statement, the evidence's description or a response, in the stage's window (OLR 20)."""

    hearing = id_field(_("The asynchronous hearing; may be left out: the case's scheduled one."))
    party = id_field(PARTY_HELP)
    stage = serializers.ChoiceField(choices=AsyncStage.choices)
    text = serializers.CharField(max_length=ASYNC_TEXT_MAX_LENGTH)


class AsyncSubmissionMultipartSerializer(AsyncSubmissionInputSerializer):
    file = file_field(required=False)


# --- the answer and applications -------------------------------------------------------------------------------

class AnswerInputSerializer(serializers.Serializer):
    """The defendant's answer (答辩状, CPL 128): written, or as a file, or both."""

    party = id_field(PARTY_HELP)
    text = serializers.CharField(max_length=FACTS_MAX_LENGTH, required=False, allow_blank=True, default="")


class AnswerMultipartSerializer(AnswerInputSerializer):
    """The answer with its file, and optionally one piece of evidence with its file (CPL 67)."""

    file = file_field(required=False)
    evidence_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    evidence_purpose = serializers.CharField(max_length=EVIDENCE_TEXT_MAX_LENGTH, required=False, allow_blank=True,
                                             default="")
    evidence_file = file_field(required=False)


class AnswerSerializer(serializers.Serializer):
    """The answer as filed: the day, the day it was due and whether it came late (CPL 128 para 2)."""

    case = serializers.IntegerField()
    party = serializers.IntegerField()
    party_name = serializers.CharField()
    filed_on = serializers.DateField()
    answer_due = serializers.DateField(allow_null=True)
    late = serializers.BooleanField()
    text = serializers.CharField(allow_blank=True)
    document = DocumentSerializer(allow_null=True)
    evidence = EvidenceItemSerializer(many=True)


class ApplicationInputSerializer(serializers.Serializer):
    """A withdrawal of the suit (the plaintiff's, CPL 148) or an objection to jurisdiction (the defendant's,
    within the answer period, CPL 130)."""

    kind = serializers.ChoiceField(choices=Application.Kind.choices)
    party = id_field(PARTY_HELP)
    text = serializers.CharField(max_length=FACTS_MAX_LENGTH, help_text=_("The reasons for the application."))


class ApplicationMultipartSerializer(ApplicationInputSerializer):
    file = file_field(required=False)


class ApplicationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    party = serializers.IntegerField(source="party_id", read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)
    document = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = ["id", "kind", "kind_label", "party", "party_name", "text", "filed_on", "status", "status_label",
                  "decided_on", "ruling", "document"]

    @extend_schema_field(DocumentSerializer(allow_null=True))
    def get_document(self, application: Application) -> dict[str, Any] | None:
        return visible_document(self, application.document)


# --- fees ------------------------------------------------------------------------------------------------------

class FeePaymentStartSerializer(serializers.Serializer):
    """An online payment of what is still owed on a notice: completed at once (201, with the payment) or to be
    completed on the provider's page (202, `redirect_url`)."""

    notice = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, max_value=AMOUNT_MAX)
    reference = serializers.CharField(max_length=64)
    completed = serializers.BooleanField()
    redirect_url = serializers.CharField(allow_blank=True)
    payment = FeePaymentSerializer(allow_null=True)


class FeeReliefInputSerializer(serializers.Serializer):
    """An application for relief (司法救助): deferral, reduction or exemption (FEE 44-48)."""

    relief = serializers.ChoiceField(choices=[FeeNotice.Relief.DEFER, FeeNotice.Relief.REDUCE,
                                              FeeNotice.Relief.WAIVE])
    reasons = serializers.CharField(max_length=RELIEF_REASONS_MAX_LENGTH,
                                    help_text=_("FEE 48: why paying is truly difficult (确有经济困难)."))


class FeeReliefSerializer(serializers.Serializer):
    notice = serializers.IntegerField()
    relief = serializers.CharField()
    reasons = serializers.CharField()
    applied_on = serializers.DateField()
