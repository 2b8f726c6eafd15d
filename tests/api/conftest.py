"""API test helpers: a client authenticated by a real token (`api(user)`), the throttles' cache emptied before
each test, case files in a temporary folder."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from court.api.tokens import create_token
from tests.casefile.conftest import PDF, case_files_dir, image_bytes, upload  # noqa: F401
from tests.reliability.conftest import shared_database  # noqa: F401
from tests.web.conftest import as_user, recent  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(db):
    """`api(user)` → an APIClient sending `Authorization: Bearer <a new token of user>`; `api()` is anonymous."""

    def client(user=None) -> APIClient:
        c = APIClient()
        if user is not None:
            _token, key = create_token(user, name="test")
            c.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return c

    return client


def complaint(court, cause, **extra) -> dict:
    """A valid complaint as the API takes it (JSON)."""
    return {
        "court": court.pk, "cause": cause.pk, "claim_amount": "50000.00", "claims": "判令被告归还借款五万元",
        "facts": "2023年借款，到期未还", "plaintiffs": [{"name": "张三", "address": "蓝田县蓝关街道1号"}],
        "defendants": [{"name": "李四", "address": "蓝田县蓝关街道2号"}], **extra,
    }
