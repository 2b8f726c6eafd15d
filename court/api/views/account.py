"""The signed-in user: who am I, my API tokens (listed and revoked here; created on the account page or with
`manage.py api_token`, because a key is shown once and never stored), my notices."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from court.cases.access import cases_for_user, is_external
from court.portal.models import Notice

from .. import serializers as s
from ..pagination import Pagination
from ..tokens import active_tokens, revoke_token
from .common import paginate

NO_SUCH_TOKEN = gettext_noop("You hold no active token with this number.")


class Me(GenericAPIView):
    serializer_class = s.MeSerializer

    @extend_schema(operation_id="me_retrieve", responses=s.MeSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        return Response(s.MeSerializer({"id": user.pk, "username": user.username, "display_name": str(user),
                                        "role": "superuser" if user.is_superuser else user.role,
                                        "external": is_external(user)}).data)


class TokenList(GenericAPIView):
    """The user's active API tokens (never their keys)."""

    pagination_class = Pagination
    serializer_class = s.TokenSerializer

    @extend_schema(operation_id="tokens_list", responses=s.TokenSerializer(many=True))
    def get(self, request: Request) -> Response:
        return paginate(self, active_tokens(request.user).order_by("-created_at", "-id"), s.TokenSerializer)


class TokenRevoke(GenericAPIView):
    """Revoke one of the user's tokens (another user's token is a 404)."""

    serializer_class = s.TokenSerializer

    @extend_schema(operation_id="tokens_destroy", responses={204: OpenApiResponse(description="Revoked.")})
    def delete(self, request: Request, pk: int) -> Response:
        if not revoke_token(request.user, pk):
            raise Http404(_(NO_SUCH_TOKEN))
        return Response(status=204)


class NoticeList(GenericAPIView):
    """The user's notices (诉讼通知), newest first, about cases the user may still see (or about none)."""

    pagination_class = Pagination
    serializer_class = s.NoticeSerializer

    @extend_schema(operation_id="notices_list", responses=s.NoticeSerializer(many=True))
    def get(self, request: Request) -> Response:
        user = request.user
        visible = cases_for_user(user).values("pk")
        qs = (Notice.objects.filter(recipient=user).filter(case__isnull=True)
              | Notice.objects.filter(recipient=user, case__in=visible))
        return paginate(self, qs.order_by("-created_at", "-id"), s.NoticeSerializer)
