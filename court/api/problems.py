"""Every API error as an RFC 9457 problem document (`application/problem+json`).

    {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "…", "instance": "/api/v1/cases/9/"}

A refusal of the law or the workflow (`CaseRuleError`) is 422 with its `code` and `article`; invalid input is 400
with `errors: [{field, message}]`, the field written as a path (`plaintiffs[0].address`, `evidence[1].file`).
403 and 404 are the pages' own: a case the user may not see is a 404, the same as one that does not exist.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from court.cases.services import CaseRuleError

PROBLEM_JSON = "application/problem+json"
RULE_TYPE = "urn:fanjian:problem:rule:"


class Problem(Exception):
    """A problem raised by the API's own code: the status, a detail and optionally field errors."""

    def __init__(self, status: int, detail: str, *, errors: list[dict[str, str]] | None = None,
                 code: str = "", article: str = "", type_: str = "about:blank"):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors
        self.code, self.article, self.type = code, article, type_


def problem_response(status: int, detail: str = "", *, instance: str = "", errors: list[dict[str, str]] | None = None,
                     code: str = "", article: str = "", type_: str = "about:blank",
                     headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"type": type_, "title": HTTPStatus(status).phrase, "status": status}
    if detail:
        body["detail"] = str(detail)
    if instance:
        body["instance"] = instance
    if code:
        body["code"] = code
    if article:
        body["article"] = article
    if errors is not None:
        body["errors"] = errors
    response = Response(body, status=status, content_type=PROBLEM_JSON, headers=headers)
    return response


def flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """DRF's or a form's nested error detail as [{field, message}], the field a path (`a[0].b`)."""
    out: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "__all__") else str(key)
            path = f"{prefix}.{name}" if prefix and name else (prefix or name)
            out += flatten(value, path)
    elif isinstance(detail, (list, tuple)):
        if all(isinstance(item, (str, exceptions.ErrorDetail)) for item in detail):
            out += [{"field": prefix, "message": str(item)} for item in detail]
        else:
            for index, item in enumerate(detail):
                if item:
                    out += flatten(item, f"{prefix}[{index}]")
    elif detail:
        out.append({"field": prefix, "message": str(detail)})
    return out


def rule_problem(exc: CaseRuleError, *, instance: str = "", field: str = "") -> Response:
    """A service's refusal: 422, its code and article, and the field it is about where known."""
    errors = [{"field": field, "message": exc.text}]
    return problem_response(422, exc.text, instance=instance, errors=errors, code=exc.code or "rule",
                            article=exc.article, type_=RULE_TYPE + (exc.code or "rule"))


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every error the API raises as a problem document."""
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, Problem):
        return problem_response(exc.status, exc.detail, instance=instance, errors=exc.errors, code=exc.code,
                                article=exc.article, type_=exc.type)
    if isinstance(exc, CaseRuleError):
        return rule_problem(exc, instance=instance)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        return problem_response(400, _("The request is not valid."), instance=instance, errors=flatten(detail))
    if isinstance(exc, Http404):
        return problem_response(404, str(exc) or _("Not found."), instance=instance)
    if isinstance(exc, DjangoPermissionDenied):
        return problem_response(403, str(exc) or _("You may not do this."), instance=instance)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django's 500
    headers = {name: value for name, value in response.items() if name in ("Retry-After", "WWW-Authenticate", "Allow")}
    if isinstance(exc, exceptions.ValidationError):
        return problem_response(400, _("The request is not valid."), instance=instance, errors=flatten(exc.detail),
                                headers=headers)
    detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else ""
    return problem_response(response.status_code, str(detail), instance=instance,
                            code=code if isinstance(code, str) else "", headers=headers)


def form_errors(form: Any, prefix: str = "") -> list[dict[str, str]]:
    """A Django form's errors as [{field, message}], each field behind `prefix` (`plaintiffs[0].`)."""
    out = []
    for name, errors in form.errors.get_json_data(escape_html=False).items():
        field = "" if name == "__all__" else name
        path = f"{prefix}{field}" if field else prefix.rstrip(".")
        out += [{"field": path, "message": error["message"]} for error in errors]
    return out


def invalid(errors: list[dict[str, str]]) -> Problem:
    return Problem(400, _("The request is not valid."), errors=errors)
