"""网上立案 through the API (OLR 9): a party or lawyer files a complaint with its parties and evidence files.

The body is the complaint as JSON (application/json), or multipart/form-data with the same JSON in the part
`complaint` and one part per evidence file, named by the evidence line's `file`. The wire format is checked by
`FilingSerializer`; the rules are the filing page's own forms (`FilingForm`, `PartyForm`, `EvidenceForm`); the
complaint and its evidence are written by `services.case_submit` and `services.evidence_add` inside
`services.atomic_with_files` (all of it, or nothing and no stored file)."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from court.cases import services
from court.cases.access import cases_for_user
from court.cases.casefile_forms import EvidenceForm
from court.cases.forms import NO, YES, FilingForm, PartyForm
from court.cases.models import Party
from court.org.models import Role, User

from .. import serializers as s
from ..idempotency import idempotent
from ..problems import form_errors, invalid, rule_problem
from ..pagination import Pagination
from .common import paginate, require_outsider

NOT_JSON = gettext_noop("The part “complaint” must hold the complaint as a JSON object.")
FILE_MISSING = gettext_noop("No part named “%(name)s” holds a file.")
#: A refusal of the filing service reported against the field it is about.
FIELD_OF_REFUSAL = {"non_contentious_not_first_instance": "cause", "negative": "claim_amount",
                    "amount_too_large": "claim_amount", "no_plaintiff": "plaintiffs", "too_long": ""}
SIDES = (("plaintiffs", Party.Side.PLAINTIFF), ("defendants", Party.Side.DEFENDANT),
         ("third_parties", Party.Side.THIRD_PARTY))


def _payload(request: Request) -> Any:
    """The complaint: the JSON body, or the JSON text of the multipart part `complaint`."""
    if request.content_type.startswith("multipart/"):
        text = request.data.get("complaint")
        try:
            payload = json.loads(text) if isinstance(text, str) else None
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            raise invalid([{"field": "complaint", "message": _(NOT_JSON)}])
        return payload
    return request.data


def _form_data(data: dict[str, Any]) -> dict[str, Any]:
    out = {name: data[name] for name in ("court", "cause", "claim_amount", "claims", "facts", "appraisal_requested",
                                          "foreign_related", "suit_kind", "remanded", "retrial", "public_interest",
                                          "original_case_number")}
    answer = data.get("money_claim_only")
    out["money_claim_only"] = "" if answer is None else (YES if answer else NO)
    return out


def _parties(data: dict[str, Any], user: User, errors: list[dict[str, str]]) -> list[services.PartyInput]:
    """Every party through the page's PartyForm; the filer is the first plaintiff, or a lawyer represents every
    plaintiff (as on the filing page)."""
    out: list[services.PartyInput] = []
    for key, side in SIDES:
        first = True
        for index, item in enumerate(data.get(key) or []):
            form = PartyForm(item)
            if not form.is_valid():
                errors += form_errors(form, f"{key}[{index}].")
                continue
            party = form.party_input(side)
            if side == Party.Side.PLAINTIFF:
                if user.role == Role.LAWYER:
                    party.lawyer, party.lawyer_name, party.law_firm = user, str(user), user.law_firm
                elif first:
                    party.user = user
                first = False
            out.append(party)
    return out


def _evidence(data: dict[str, Any], request: Request, errors: list[dict[str, str]]) -> list[services.EvidenceInput]:
    items = []
    for index, item in enumerate(data.get("evidence") or []):
        upload = request.FILES.get(item["file"])
        if upload is None:
            errors.append({"field": f"evidence[{index}].file", "message": _(FILE_MISSING) % {"name": item["file"]}})
            continue
        form = EvidenceForm({k: v for k, v in item.items() if k != "file" and v is not None}, {"file": upload})
        if not form.is_valid():
            errors += form_errors(form, f"evidence[{index}].")
            continue
        items.append(form.evidence_input())
    return items


class Filings(GenericAPIView):
    """The complaints the user filed (every state), and a new complaint (OLR 9): the court decides within 7
    days whether to accept it (CPL 126)."""

    serializer_class = s.FilingSerializer
    pagination_class = Pagination

    @extend_schema(operation_id="filings_list", responses=s.CaseSerializer(many=True))
    def get(self, request: Request) -> Response:
        qs = cases_for_user(request.user).filter(filed_by=request.user).order_by("-created_at", "-id")
        return paginate(self, qs, s.CaseSerializer)

    @extend_schema(
        operation_id="filings_create",
        request={"application/json": s.FilingSerializer, "multipart/form-data": s.FilingMultipartSerializer},
        responses={201: s.FilingCreatedSerializer},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        user = request.user
        require_outsider(user)
        wire = s.FilingSerializer(data=_payload(request))
        wire.is_valid(raise_exception=True)
        data = wire.validated_data
        form = FilingForm(_form_data(data))
        errors = [] if form.is_valid() else form_errors(form)
        parties = _parties(data, user, errors)
        items = _evidence(data, request, errors)
        if errors:
            raise invalid(errors)
        try:
            with services.atomic_with_files():
                case = services.case_submit(court=form.cleaned_data["court"], filing=form.filing_input(parties),
                                            actor=user)
                if items:
                    services.evidence_add(case=case, actor=user, items=items, on=case.submitted_on)
        except services.CaseRuleError as exc:
            return rule_problem(exc, instance=request.path, field=FIELD_OF_REFUSAL.get(exc.code, ""))
        body = s.FilingCreatedSerializer(case, context={"request": request}).data
        return Response(body, status=201, headers={"Location": reverse("api:case_detail", args=[case.pk])})
