"""Idempotency keys: a retried POST files once and gets the first response; the same key with another body is a
422 problem; a failed request stores nothing; parallel requests with one key file once."""

from __future__ import annotations

import json

import pytest

from court.api.idempotency import KEY_REUSED
from court.api.models import IdempotencyRecord
from court.cases.models import Case, CaseDocument

from .conftest import PDF, complaint, upload

URL = "/api/v1/filings/"


def test_a_replay_returns_the_stored_response_and_files_once(api, party, court, cause):
    client = api(party)
    first = client.post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Case.objects.count() == 1


def test_the_same_key_with_another_body_is_a_422_problem(api, party, court, cause):
    client = api(party)
    client.post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    response = client.post(URL, complaint(court, cause, claim_amount="1.00"), format="json",
                           HTTP_IDEMPOTENCY_KEY="k-2")
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [{"field": "Idempotency-Key", "message": KEY_REUSED}]
    assert Case.objects.count() == 1


def test_keys_are_per_user(api, party, stranger, court, cause):
    api(party).post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY="shared")
    response = api(stranger).post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY="shared")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert Case.objects.count() == 2


def test_a_failed_request_keeps_nothing_so_the_key_can_be_retried(api, party, court, cause, case_files_dir):
    from tests.casefile.conftest import FAKES, stored_files

    client = api(party)
    bad = complaint(court, cause, evidence=[{"name": "借条", "file": "f1"}])
    response = client.post(URL, {"complaint": json.dumps(bad), "f1": upload("a.pdf", FAKES["html"])},
                           format="multipart", HTTP_IDEMPOTENCY_KEY="k-3")
    assert response.status_code == 400 and not IdempotencyRecord.objects.exists()
    response = client.post(URL, {"complaint": json.dumps(bad), "f1": upload("a.pdf", PDF)},
                           format="multipart", HTTP_IDEMPOTENCY_KEY="k-3")
    assert response.status_code == 201 and CaseDocument.objects.count() == 1
    assert len(stored_files(case_files_dir)) == 1


def test_a_multipart_replay_is_recognised_by_content_not_by_boundary(api, party, court, cause, case_files_dir):
    client = api(party)
    data = complaint(court, cause, evidence=[{"name": "借条", "file": "f1"}])
    statuses = [client.post(URL, {"complaint": json.dumps(data), "f1": upload("a.pdf", PDF)}, format="multipart",
                            HTTP_IDEMPOTENCY_KEY="k-4").status_code for _ in range(2)]
    other = client.post(URL, {"complaint": json.dumps(data), "f1": upload("a.pdf", PDF + b"%")}, format="multipart",
                        HTTP_IDEMPOTENCY_KEY="k-4")
    assert statuses == [201, 201] and other.status_code == 422
    assert Case.objects.count() == 1 and CaseDocument.objects.count() == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "non-ascii-键"])
def test_a_malformed_key_is_refused(api, party, court, cause, key):
    response = api(party).post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert not Case.objects.exists()


def test_an_expired_key_runs_again(api, party, court, cause):
    from datetime import timedelta

    from django.utils import timezone

    client = api(party)
    client.post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY="k-5")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    response = client.post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY="k-5")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert Case.objects.count() == 2 and IdempotencyRecord.objects.count() == 1


def test_a_key_whose_first_request_has_not_finished_is_a_409(api, party, court, cause):
    IdempotencyRecord.objects.create(user=party, key="k-6", fingerprint="x")  # status None: still running
    response = api(party).post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY="k-6")
    assert response.status_code == 409 and not Case.objects.exists()


@pytest.mark.usefixtures("catalogue_present")
def test_parallel_requests_with_one_key_file_once(shared_database, party, court, cause):
    """Eight identical POSTs at once with one key: one complaint, eight 201s with the same body."""
    from rest_framework.test import APIClient

    from court.api.tokens import create_token
    from tests.reliability.conftest import run_at_once

    _token, key = create_token(party, name="t")

    def post():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        response = client.post(URL, complaint(court, cause), format="json", HTTP_IDEMPOTENCY_KEY="parallel")
        return response.status_code, response.json()

    results, errors = run_at_once([post] * 8)
    assert errors == []
    assert [status for status, _body in results] == [201] * 8
    assert len({json.dumps(body, sort_keys=True) for _status, body in results}) == 1
    assert Case.objects.count() == 1
