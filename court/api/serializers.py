"""What the API reads and writes. Outsiders (parties, lawyers, mediators from outside the court) get no internal
material: no notes, no triage, no internal documents, no other party's contact data (`access.sees_contact`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from court.cases.access import is_external, sees_contact
from court.cases.bounds import (
    AMOUNT_MAX,
    CLAIMS_MAX_LENGTH,
    EVIDENCE_PER_UPLOAD_MAX,
    EVIDENCE_TEXT_MAX_LENGTH,
    FACTS_MAX_LENGTH,
)
from court.cases.models import Case, CaseDocument, Cause, FeeNotice, FeePayment, Hearing, Party
from court.org.models import Court


def _viewer(serializer: serializers.Serializer) -> Any:
    return serializer.context["request"].user


class ProblemErrorSerializer(serializers.Serializer):
    field = serializers.CharField(help_text=_("The field, as a path: plaintiffs[0].address; empty for the request."))
    message = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    instance = serializers.CharField(required=False)
    code = serializers.CharField(required=False, help_text=_("The rule's code (CaseRuleError.code)."))
    article = serializers.CharField(required=False, help_text=_("The article the rule encodes, e.g. CPL 122."))
    errors = ProblemErrorSerializer(many=True, required=False)


class CourtSerializer(serializers.ModelSerializer):
    class Meta:
        model = Court
        fields = ["id", "code", "name"]


class CauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cause
        fields = ["id", "code", "name", "level", "claim_nature"]


class PartySerializer(serializers.ModelSerializer):
    """A party; its contact data only for the court and for the party itself or its lawyer."""

    class Meta:
        model = Party
        fields = ["id", "side", "kind", "name", "id_number", "address", "phone", "e_address", "e_service_consent",
                  "online_hearing_consent"]

    def to_representation(self, instance: Party) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not sees_contact(_viewer(self), instance):
            for name in ("id_number", "address", "phone", "e_address"):
                data[name] = None
        return data

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        for name in ("id_number", "address", "phone", "e_address"):
            fields[name].allow_null = True
        return fields


class CaseSerializer(serializers.ModelSerializer):
    """A case as a list shows it."""

    state_label = serializers.CharField(source="get_state_display", read_only=True)
    procedure_label = serializers.CharField(source="get_procedure_display", read_only=True)
    court = serializers.CharField(source="court.code", read_only=True)
    cause = serializers.CharField(source="cause.name", read_only=True)
    claim_amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = Case
        fields = ["id", "case_number", "title", "state", "state_label", "procedure", "procedure_label", "court",
                  "cause", "claim_amount", "submitted_on", "filed_on", "closed_on", "closing_mode",
                  "normal_deadline", "extended_deadline"]


class StaffCaseSerializer(CaseSerializer):
    """A docket row: the case with its team, judge and term figures."""

    team = serializers.CharField(source="team.name", read_only=True, allow_null=True, default=None)
    judge = serializers.SerializerMethodField()
    days_left = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "team", "judge", "net_trial_days", "days_left"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_judge(self, case: Case) -> str | None:
        return str(case.judge) if case.judge_id else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_days_left(self, case: Case) -> int | None:
        return case.days_left(self.context["today"])


class CaseDetailSerializer(CaseSerializer):
    """One case: the complaint and the parties (contact data as `sees_contact` allows)."""

    parties = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "claims", "facts", "parties", "evidence_items", "counterclaim"]

    @extend_schema_field(PartySerializer(many=True))
    def get_parties(self, case: Case) -> list[dict[str, Any]]:
        parties = case.parties.prefetch_related("representatives").order_by("side_rank", "id")
        return PartySerializer(parties, many=True, context=self.context).data


class StaffCaseDetailSerializer(CaseDetailSerializer):
    team = serializers.CharField(source="team.name", read_only=True, allow_null=True, default=None)

    class Meta(CaseDetailSerializer.Meta):
        fields = [*CaseDetailSerializer.Meta.fields, "team", "net_trial_days", "elapsed_days", "excluded_days"]


def case_detail_serializer(user: Any) -> type[CaseDetailSerializer]:
    return CaseDetailSerializer if is_external(user) else StaffCaseDetailSerializer


class DocumentSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = CaseDocument
        fields = ["id", "kind", "title", "original_name", "size", "content_type", "sha256", "uploaded_at",
                  "download"]

    def get_download(self, doc: CaseDocument) -> str:
        from django.urls import reverse

        return reverse("api:document_download", args=[doc.pk])


class HearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hearing
        fields = ["id", "mode", "status", "starts_at", "respond_by", "room", "notified_on"]


class FeePaymentSerializer(serializers.ModelSerializer):
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = FeePayment
        fields = ["id", "amount", "paid_on", "reference"]


class FeeNoticeSerializer(serializers.ModelSerializer):
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    relief_amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    payments = FeePaymentSerializer(many=True, read_only=True)

    class Meta:
        model = FeeNotice
        fields = ["id", "kind", "party", "amount", "basis", "issued_on", "due_on", "relief", "relief_amount",
                  "deferred_to", "payments"]


class NoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id", allow_null=True)
    kind = serializers.CharField()
    subject = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class TokenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    role = serializers.CharField()
    external = serializers.BooleanField()


# --- filing: the wire format (the rules are the filing page's forms, see views/filing.py) ---------------------

class PartyInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Party.Kind.choices, default=Party.Kind.PERSON)
    name = serializers.CharField(max_length=100)
    id_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    address_known = serializers.BooleanField(default=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    e_service_consent = serializers.BooleanField(default=False)
    e_address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    online_hearing_consent = serializers.BooleanField(default=False)
    no_domicile_in_china = serializers.BooleanField(default=False)


class EvidenceInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=EVIDENCE_TEXT_MAX_LENGTH, required=False, allow_blank=True,
                                    default="")
    pages = serializers.IntegerField(min_value=1, max_value=10_000, required=False, allow_null=True, default=None)
    file = serializers.CharField(max_length=100, help_text=_(
        "The name of the multipart part that holds the file (PDF, PNG or JPEG)."))


class FilingSerializer(serializers.Serializer):
    """A complaint (CPL 124; OLR 9). `money_claim_only` is asked for causes that cover money and other claims."""

    court = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    cause = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    claim_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, max_value=AMOUNT_MAX)
    claims = serializers.CharField(max_length=CLAIMS_MAX_LENGTH)
    facts = serializers.CharField(max_length=FACTS_MAX_LENGTH)
    appraisal_requested = serializers.BooleanField(default=False)
    foreign_related = serializers.BooleanField(default=False)
    money_claim_only = serializers.BooleanField(required=False, allow_null=True, default=None)
    suit_kind = serializers.CharField(max_length=24, required=False, allow_blank=True, default="")
    remanded = serializers.BooleanField(default=False)
    retrial = serializers.BooleanField(default=False)
    public_interest = serializers.BooleanField(default=False)
    original_case_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    plaintiffs = PartyInputSerializer(many=True, min_length=1, max_length=20)
    defendants = PartyInputSerializer(many=True, min_length=1, max_length=50)
    third_parties = PartyInputSerializer(many=True, required=False, max_length=20, default=list)
    evidence = EvidenceInputSerializer(many=True, required=False, max_length=EVIDENCE_PER_UPLOAD_MAX, default=list)


class FilingCreatedSerializer(CaseDetailSerializer):
    """The complaint as received, with the day by which the court decides (CPL 126; REG2015 Art. 8)."""

    decision_due = serializers.SerializerMethodField()

    class Meta(CaseDetailSerializer.Meta):
        fields = [*CaseDetailSerializer.Meta.fields, "decision_due"]

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_decision_due(self, case: Case) -> str | None:
        from court.cases.term import court_calendar
        from court.cases.views.common import decision_due

        due = decision_due(case, court_calendar())
        return due.isoformat() if due else None


class FilingMultipartSerializer(serializers.Serializer):
    """The complaint as JSON text in the part `complaint`, and one part per evidence file."""

    complaint = serializers.CharField(help_text=_("The complaint as JSON (the application/json body)."))
    files = serializers.ListField(child=serializers.FileField(), required=False)


class MetricsSerializer(serializers.Serializer):
    """The window (`from`, `to`: the as-of date) and every figure of docs/metrics.md."""

    figures = serializers.DictField(child=serializers.JSONField(allow_null=True))

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"], fields["to"] = serializers.DateField(), serializers.DateField()
        return fields
