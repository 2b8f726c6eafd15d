"""The OpenAPI schema (drf-spectacular): every operation documents its problem responses, and the bearer token."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

from .problems import PROBLEM_JSON

#: The problem statuses any operation may answer (a POST also 409, 415, 422).
ERRORS = ("400", "401", "403", "404", "405", "406", "429")
POST_ERRORS = ("409", "413", "415", "422")


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        from .serializers import ProblemSerializer

        responses = super()._get_response_bodies(direction)
        statuses = ERRORS + (POST_ERRORS if self.method in ("POST", "PUT", "PATCH", "DELETE") else ())
        for status in statuses:
            responses.setdefault(status, self._get_response_for_code(ProblemSerializer, status,
                                                                     media_types=[PROBLEM_JSON]))
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "court.api.tokens.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "http", "scheme": "bearer", "description": "A personal API token (fj_…)."}
