"""Issue 14: a NaN or infinite triage threshold was an HTTP 500; it is refused like any other bad number."""

from __future__ import annotations

import pytest
from django.urls import reverse

from court.org.models import Court


@pytest.mark.parametrize("value", ["NaN", "nan", "Infinity", "-inf", "sNaN", "1e999999"])
def test_a_threshold_that_is_not_a_number_is_refused(client, admin, court, value):
    client.force_login(admin)
    response = client.post(reverse("triage:threshold"), {"threshold": value, "band": "0.1"})
    assert response.status_code in (200, 302, 400)
    court = Court.objects.get(pk=court.pk)
    assert court.triage_threshold.is_finite() and str(court.triage_threshold) == "0.500"
    response = client.post(reverse("triage:threshold"), {"threshold": "0.5", "band": value})
    assert response.status_code in (200, 302, 400)
