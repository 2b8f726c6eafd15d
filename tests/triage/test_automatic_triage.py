"""`automatic_triage` scopes the FANJIAN_TRIAGE_AUTO switch to a block (the demo replay uses it)."""

from __future__ import annotations

import pytest

from triage.models import Recommendation
from triage.services import automatic_triage

pytestmark = pytest.mark.django_db


def test_it_turns_triage_off_within_the_block_only(make_case, active_model, django_capture_on_commit_callbacks):
    with automatic_triage(False), django_capture_on_commit_callbacks(execute=True):
        quiet = make_case(state="filed")
    with django_capture_on_commit_callbacks(execute=True):
        triaged = make_case(state="filed")
    assert not Recommendation.objects.filter(case=quiet).exists()
    assert Recommendation.objects.filter(case=triaged).count() == 1


def test_it_turns_triage_on_whatever_the_setting_says(make_case, active_model, settings,
                                                      django_capture_on_commit_callbacks):
    settings.FANJIAN_TRIAGE_AUTO = False
    with automatic_triage(True), django_capture_on_commit_callbacks(execute=True):
        case = make_case(state="filed")
    with django_capture_on_commit_callbacks(execute=True):
        other = make_case(state="filed")
    assert Recommendation.objects.filter(case=case).count() == 1
    assert not Recommendation.objects.filter(case=other).exists()
