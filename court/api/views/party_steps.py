"""What a party (or its lawyer) files in its pending case through the API, through the services the case page
uses: the defendant's answer (答辩状, CPL 128; `services.answer_file`), an application — to withdraw the suit
(CPL 148) or an objection to jurisdiction (CPL 130) — that waits for the judge's ruling
(`services.application_file`), and for a fee notice: paying what is still owed through the payment backend
(`services.fee_pay_online`) or applying for relief (司法救助, FEE 44-48; `services.fee_apply_relief`).

Each step is the party's as on the case page (`Action.FOR_PARTY`: the court's staff get a 403; they record paper
filings on the case page); the services check again that the user is or represents the party it names."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from court.cases import services
from court.cases.access import get_case_for_user
from court.cases.actions.applications import own_parties
from court.cases.models import Application, Case, CaseDocument, CaseEvent, FeeNotice, Party
from court.cases.services.applications import APPLICANT_SIDE
from court.cases.services.documents import EVIDENCE_NEEDS_NAME
from court.org.models import User

from .. import step_serializers as w
from ..idempotency import idempotent
from ..pagination import Pagination
from ..problems import invalid
from .common import IDEMPOTENCY_KEY, checked_file, paginate, party_for, refusal, require_party_step, wire_data

NO_SUCH_NOTICE = gettext_noop("The case has no such fee notice.")
BAD_FLAG = gettext_noop("Give true or false.")
#: Refusals of the services, by the field they are about.
ANSWER_FIELDS = {"wrong_side": "party", "party_of_other_case": "party", "no_text": "text", "too_long": "text",
                 "evidence_needs_name": "evidence_name"}
APPLICATION_FIELDS = {"wrong_side": "party", "party_of_other_case": "party", "no_text": "text", "too_long": "text",
                      "choice": "kind", "pending": "kind", "objection_late": "kind"}
RELIEF_FIELDS = {"choice": "relief", "waiver_person": "relief", "no_reasons": "reasons", "too_long": "reasons"}
MINE = OpenApiParameter("mine", bool, description="Only the applications of the parties you are or represent.")
FLAGS = {"true": True, "1": True, "false": False, "0": False}


def _answer_body(case: Case, user: User, party: Party, with_evidence: bool) -> dict[str, Any]:
    """The answer as the service recorded it: its event, its document and the evidence listed with it."""
    event = (case.events.filter(kind=CaseEvent.Kind.ANSWER_FILED, actor=user, payload__party_id=party.pk)
             .order_by("-id").first())
    assert event is not None  # the service has just written it
    payload = event.payload
    document_id = payload.get("document_id")
    document = CaseDocument.objects.filter(pk=document_id).first() if document_id else None
    evidence: Any = []
    if with_evidence:
        added = (case.events.filter(kind=CaseEvent.Kind.EVIDENCE_ADDED, actor=user, id__gt=event.pk)
                 .order_by("id").first())
        numbers = added.payload.get("numbers", []) if added is not None else []
        evidence = case.evidence.filter(number__in=numbers).select_related("document").order_by("number")
    return {"case": case.pk, "party": party.pk, "party_name": party.name, "filed_on": event.on,
            "answer_due": payload.get("answer_due"), "late": bool(payload.get("late")), "text": event.reason,
            "document": document, "evidence": evidence}


class CaseAnswers(GenericAPIView):
    """The defendant's answer (CPL 128), within 15 days of receiving the complaint; a later one is still taken
    and marked late (CPL 128 para 2)."""

    serializer_class = w.AnswerSerializer

    @extend_schema(
        operation_id="cases_answers_create", parameters=[IDEMPOTENCY_KEY],
        request={"application/json": w.AnswerInputSerializer, "multipart/form-data": w.AnswerMultipartSerializer},
        responses={201: w.AnswerSerializer},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        user = request.user
        case = get_case_for_user(user, pk)
        require_party_step(user, case)
        d = wire_data(request, w.AnswerInputSerializer, w.AnswerMultipartSerializer)
        party = party_for(case, user, d["party"], Party.Side.DEFENDANT)
        upload = checked_file(d.get("file"))
        evidence_file = checked_file(d.get("evidence_file"), "evidence_file")
        name = (d.get("evidence_name") or "").strip()
        if evidence_file is not None and not name:
            raise invalid([{"field": "evidence_name", "message": _(EVIDENCE_NEEDS_NAME)}])
        evidence = ([services.EvidenceInput(name=name, purpose=d.get("evidence_purpose") or "", file=evidence_file)]
                    if name else [])
        try:
            services.answer_file(case=case, actor=user, party=party, text=d["text"], file=upload, evidence=evidence)
        except services.CaseRuleError as exc:
            return refusal(exc, request, ANSWER_FIELDS)
        body = w.AnswerSerializer(_answer_body(case, user, party, bool(evidence)), context={"request": request}).data
        return Response(body, status=201)


class CaseApplications(GenericAPIView):
    """The applications on the case and their rulings (as the case page lists them), and a new application: it
    waits in the judge's queue for a ruling (CPL 157)."""

    pagination_class = Pagination
    serializer_class = w.ApplicationSerializer

    @extend_schema(operation_id="cases_applications_list", parameters=[MINE],
                   responses=w.ApplicationSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        user = request.user
        case = get_case_for_user(user, pk)
        qs = case.applications.select_related("party", "document").order_by("filed_on", "id")
        mine = request.query_params.get("mine")
        if mine is not None:
            if mine.lower() not in FLAGS:
                raise invalid([{"field": "mine", "message": _(BAD_FLAG)}])
            if FLAGS[mine.lower()]:
                qs = qs.filter(party__in=own_parties(case, user).values("pk"))
        return paginate(self, qs, w.ApplicationSerializer)

    @extend_schema(
        operation_id="cases_applications_create", parameters=[IDEMPOTENCY_KEY],
        request={"application/json": w.ApplicationInputSerializer,
                 "multipart/form-data": w.ApplicationMultipartSerializer},
        responses={201: w.ApplicationSerializer},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        user = request.user
        case = get_case_for_user(user, pk)
        require_party_step(user, case)
        d = wire_data(request, w.ApplicationInputSerializer, w.ApplicationMultipartSerializer)
        party = party_for(case, user, d["party"], APPLICANT_SIDE[d["kind"]])
        upload = checked_file(d.get("file"))
        try:
            application = services.application_file(case=case, actor=user, party=party, kind=d["kind"],
                                                     text=d["text"], file=upload)
        except services.CaseRuleError as exc:
            return refusal(exc, request, APPLICATION_FIELDS)
        application = Application.objects.select_related("party", "document").get(pk=application.pk)
        return Response(w.ApplicationSerializer(application, context={"request": request}).data, status=201)


def _notice(case: Case, notice_pk: int) -> FeeNotice:
    notice = case.fee_notices.select_related("party").filter(pk=notice_pk).first()
    if notice is None:
        raise Http404(_(NO_SUCH_NOTICE))
    return notice


class FeePayments(GenericAPIView):
    """Pay what is still owed on a fee notice through the court's payment backend (the payer's side only, FEE
    20): a payment that completes at once is recorded (201); otherwise the party is sent to `redirect_url` (202)
    and the provider's confirmation records it."""

    serializer_class = w.FeePaymentStartSerializer

    @extend_schema(operation_id="cases_fees_payments_create", parameters=[IDEMPOTENCY_KEY], request=None,
                   responses={201: w.FeePaymentStartSerializer, 202: w.FeePaymentStartSerializer})
    @idempotent
    def post(self, request: Request, pk: int, notice_pk: int) -> Response:
        user = request.user
        case = get_case_for_user(user, pk)
        require_party_step(user, case)
        notice = _notice(case, notice_pk)
        back = request.build_absolute_uri(reverse("case_detail", args=[case.pk]) + "#fees")
        try:
            start = services.fee_pay_online(notice=notice, actor=user, return_url=back)
        except services.CaseRuleError as exc:
            return refusal(exc, request)
        payment = notice.payments.filter(reference=start.reference).first() if start.completed else None
        body = {"notice": notice.pk, "amount": start.amount, "reference": start.reference,
                "completed": start.completed, "redirect_url": start.redirect_url, "payment": payment}
        return Response(w.FeePaymentStartSerializer(body).data, status=201 if start.completed else 202)


class FeeRelief(GenericAPIView):
    """Apply for relief on a fee notice (缓交, 减交, 免交; FEE 44-48): once per notice, while something is owed; the
    filing officer or the judge decides it (FEE 45-47)."""

    serializer_class = w.FeeReliefSerializer

    @extend_schema(operation_id="cases_fees_relief_create", parameters=[IDEMPOTENCY_KEY],
                   request=w.FeeReliefInputSerializer, responses={201: w.FeeReliefSerializer})
    @idempotent
    def post(self, request: Request, pk: int, notice_pk: int) -> Response:
        user = request.user
        case = get_case_for_user(user, pk)
        require_party_step(user, case)
        notice = _notice(case, notice_pk)
        wire = w.FeeReliefInputSerializer(data=request.data)
        wire.is_valid(raise_exception=True)
        d = wire.validated_data
        try:
            services.fee_apply_relief(notice=notice, actor=user, relief=d["relief"], reasons=d["reasons"])
        except services.CaseRuleError as exc:
            return refusal(exc, request, RELIEF_FIELDS)
        event = (case.events.filter(kind=CaseEvent.Kind.FEE_RELIEF, actor=user, payload__notice=notice.pk)
                 .order_by("-id").first())
        assert event is not None  # the service has just written it
        body = {"notice": notice.pk, "relief": d["relief"], "reasons": event.reason, "applied_on": event.on}
        return Response(w.FeeReliefSerializer(body).data, status=201)
