"""Schemathesis against the live schema (/api/v1/openapi.json, loaded through the WSGI application), as a party
and as a judge, with bounded examples: no 5xx, and every status, content type, header and body conforms to the
schema. The data: a party's case on the judge's team with a hearing, a document and a fee notice."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from court.api.tokens import create_token
from court.cases import services
from court.cases.models import FeeNotice

from .conftest import PDF, upload

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


def _headers(request, recent, who: str) -> dict[str, str]:
    """Data to read (a case with a hearing, a document and a fee notice) and the persona's bearer token."""
    request.getfixturevalue("settings").FANJIAN_API_RATES = {"anon": "100000/min", "user": "100000/min",
                                                             "write": "100000/min"}
    case = recent(state="scheduled", days_ago=40)
    judge = request.getfixturevalue("judge")
    services.document_upload(case=case, actor=judge, kind="other", title="传票", file=upload("a.pdf", PDF))
    FeeNotice.objects.create(case=case, amount="50.00", issued_on=case.filed_on)
    _token, key = create_token(request.getfixturevalue(who), name="schemathesis")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(autouse=True)
def connections_stay_open():
    """The WSGI application ends each request by closing "old" database connections, and inside a test's
    transaction every connection looks old: on PostgreSQL that would close the test's own. Django's test client
    disconnects the same receiver for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def as_party(request, recent, case_files_dir):
    return _headers(request, recent, "party")


@pytest.fixture
def as_judge(request, recent, case_files_dir):
    return _headers(request, recent, "judge")


#: The schema as the running application serves it (no database needed to serve it).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
BOUNDED = settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@schema.parametrize()
@BOUNDED
def test_the_api_conforms_to_its_schema_as_a_party(case, as_party):
    case.call_and_validate(headers=as_party, checks=CHECKS)


@schema.parametrize()
@BOUNDED
def test_the_api_conforms_to_its_schema_as_a_judge(case, as_judge):
    case.call_and_validate(headers=as_judge, checks=CHECKS)
