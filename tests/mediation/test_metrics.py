"""The chain's measures (court/metrics/mediation.py) against plain counts, and the page's access."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from court.cases.models import CaseType
from court.mediation import services as med
from court.mediation.models import CaseArea, Mediation
from court.metrics import mediation as measures

YEAR = (date(2024, 1, 1), date(2024, 12, 31))


def test_figures_count_the_outcomes_and_leave_first_instance_alone(assigned, elder, make_case, village):
    med.prefiling_fail(mediation=assigned, actor=elder, reason="拒绝调解", on=date(2024, 3, 14))
    filed = Mediation.objects.get(pk=assigned.pk).filed_case
    got = measures.figures(None, *YEAR)
    assert (got["received"], got["agreed"], got["failed"], got["filed"], got["ended"]) == (1, 0, 1, 0, 1)
    assert got["average_days"] == Decimal("10.00") and got["success_rate"] == Decimal("0.00")
    assert got["first_instance_filed"] == 0  # the filed complaint awaits acceptance; nothing else counted
    assert CaseArea.objects.get(case=filed).area == village  # carried for the village's filings
    [by_org] = measures.breakdown(None, *YEAR, "organisation")
    assert by_org["organisation__name"] == "鹿塬村乡贤调解室" and by_org["failed"] == 1
    [by_area] = measures.breakdown(None, *YEAR, "area")
    assert (by_area["area__village"], by_area["received"]) == ("鹿塬村", 1)


def test_share_resolved_before_filing_and_villages_per_thousand(court, village, other_village, make_case):
    for _ in range(2):
        case = make_case(state="accepted", filed_on=date(2024, 5, 6))
        CaseArea.objects.create(case=case, area=village)
    assert measures.figures(court.pk, *YEAR)["share_before_filing"] == Decimal("0.00")
    rows = {r["area"].village: r for r in measures.filings_per_thousand(court.pk, [2023, 2024])}
    assert rows["鹿塬村"]["cells"][1] == {"year": 2024, "filed": 2, "per_thousand": Decimal("0.83")}  # 2/2400
    assert rows["鹿塬村"]["no_litigation"] == [2023] and rows["塘子村"]["no_litigation"] == [2023, 2024]
    assert CaseType.FIRST_INSTANCE


def test_the_page_is_the_administrators(admin, judge, assigned):
    ok = Client()
    ok.force_login(admin)
    response = ok.get(reverse("metrics_mediation") + "?year=2024")
    assert response.status_code == 200 and response.context["figures"]["received"] == 1
    assert ok.get(reverse("metrics_mediation") + "?year=99999").status_code == 400
    team = Client()
    team.force_login(judge)
    assert team.get(reverse("metrics_mediation")).status_code == 403
