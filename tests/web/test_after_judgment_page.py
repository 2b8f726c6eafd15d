"""The case page after the decision: each party's appeal period, the effective day, an appeal recorded from
the page, and the archive refused while the file is incomplete (CPL 158, 171; JI 263)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from court.cases import services
from court.cases.models import CaseEvent, CaseState, Party
from tests.factories import serve_decision


def test_the_case_page_shows_the_appeal_periods_and_the_effective_day(make_case, clerk, as_user):
    case = serve_decision(make_case(state="closed"), actor=clerk)
    status = services.decision_status(case)
    page = as_user(clerk).get(reverse("case_detail", args=[case.pk])).content.decode()
    assert 'id="after-judgment"' in page
    assert status.effective_on.isoformat() in page
    for window in status.windows:
        assert window.last_day.isoformat() in page
    assert reverse("case_appeal", args=[case.pk]) in page  # the team is offered the appeal


def test_an_appeal_recorded_on_the_page_shows_and_removes_the_effective_day(make_case, clerk, as_user, act):
    case = serve_decision(make_case(state="closed"), actor=clerk)
    client = as_user(clerk)
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    response = act(client, case, "appeal", party=defendant.pk, on=(case.closed_on + timedelta(days=3)).isoformat(),
                   reason="")
    assert response.status_code == 302
    assert case.events.filter(kind=CaseEvent.Kind.APPEAL_FILED).count() == 1
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "Appealed: the file goes up to the higher court" in page


def test_archiving_an_incomplete_file_is_refused_with_the_reason_next_to_the_action(make_case, clerk, as_user, act):
    case = make_case(state="closed")
    response = act(as_user(clerk), case, "archive")
    assert response.status_code == 200
    assert "JI 263" in response.content.decode()
    assert type(case).objects.get(pk=case.pk).state == CaseState.CLOSED


def test_a_small_claims_judgment_is_not_offered_an_appeal(make_case, clerk, as_user):
    case = serve_decision(make_case(state="closed", procedure="small_claims", amount=5000), actor=clerk)
    page = as_user(clerk).get(reverse("case_detail", args=[case.pk])).content.decode()
    assert reverse("case_appeal", args=[case.pk]) not in page
    assert "final: no appeal lies" in page
