"""The case page shows the court fee (诉讼费用交纳办法) with the articles it rests on."""

from datetime import date
from decimal import Decimal

from .conftest import page_text


def test_the_case_page_shows_the_court_fee_with_its_articles(client, judge, make_case):
    """FEE 13(1) and FEE 16: 30,000 yuan under simple procedure pays 275.00 of 550.00."""
    case = make_case(state="accepted")
    client.force_login(judge)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Court fee" in html and "275.00" in html and "550.00" in html and "FEE 16" in html


def test_the_fee_block_shows_the_counterclaim_fee_the_top_up_and_the_wage_claim_exemption():
    """FEE 18/22 (the counterclaim's own half fee and its day), JI 199 (the top-up), FEE 20 (no prepayment)."""
    from datetime import date
    from decimal import Decimal

    from django.template.loader import render_to_string

    from court.cases.fees import CaseFees
    from court.rules.fees import case_fee, counterclaim_fee

    fees = CaseFees(main=case_fee(kind="property", amount=Decimal(100_000), procedure="ordinary"),
                    prepayment_required=False, counterclaim=counterclaim_fee(Decimal(50_000), procedure="ordinary"),
                    counterclaim_due=date(2024, 5, 13), top_up=Decimal("1150.00"))
    html = render_to_string("cases/_fee.html", {"fee": fees})
    assert "2,300.00" in html or "2300.00" in html
    assert "525.00" in html and "2024-05-13" in html and "FEE 22" in html
    assert "1,150.00" in html or "1150.00" in html
    assert "FEE 20" in html and "JI 199" in html


def _as(case, **fields):
    type(case).objects.filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    return case


def test_the_case_page_asks_for_the_counterclaim_amount_and_shows_its_fee_and_day(make_case, judge, as_user, act):
    """The counterclaim action takes its amount; the page then shows the counterclaim's own fee, halved (FEE 18
    "分别减半交纳案件受理费"), and the FEE 22 day ("自提起反诉次日起7日内交纳"): 50,000 on 2024-05-06 → 525.00 by
    2024-05-13."""
    from datetime import date

    case = _as(make_case(state="service", procedure="ordinary", filed_on=date(2024, 4, 1)),
               claim_amount=Decimal(100000))
    client = as_user(judge)
    assert 'name="counterclaim-amount"' in client.get(f"/cases/{case.pk}/").content.decode()
    response = act(client, case, "counterclaim", on="2024-05-06", amount="50000", reason="反诉")
    assert response.status_code == 302
    html = page_text(client.get(f"/cases/{case.pk}/"))
    block = html[html.index("Counterclaim fee"):]
    assert "525.00" in block and "1,050.00" in block and "due 2024-05-13 (FEE 22)" in block


def test_the_case_page_shows_the_top_up_after_a_conversion_and_the_refund_after_a_deemed_withdrawal(
        make_case, judge, as_user):
    """JI 199: "…七日内补交案件受理费。原告无正当理由未按期足额补交的，按撤诉处理，已经收取的诉讼费用退还一半。"
    100,000 filed simple: 1,150 collected, 1,150 to top up; deemed withdrawn, 575.00 back."""
    from court.cases import services

    case = make_case(state="service", procedure="simple", amount=Decimal(100000))
    services.case_convert_procedure(case=case, actor=judge, to="ordinary", reason="案情复杂", on=date(2024, 3, 15))
    client = as_user(judge)
    html = page_text(client.get(f"/cases/{case.pk}/"))
    assert "Fee top-up" in html and "1,150.00" in html and "JI 199" in html
    _as(case, state="closed", closed_on=date(2024, 4, 15), closing_mode="deemed_withdrawal")
    html = page_text(client.get(f"/cases/{case.pk}/"))
    assert "Fee top-up" not in html
    assert "Fee refund" in html and "575.00" in html


def test_the_case_page_says_a_wage_claim_need_not_prepay(make_case, judge, as_user):
    """FEE 20: "追索劳动报酬的案件可以不预交案件受理费"."""
    from court.cases.models import Cause

    case = _as(make_case(state="accepted"), cause=Cause.objects.get(name="追索劳动报酬纠纷", catalogue__version="2025"))
    assert "no prepayment: a wage claim (FEE 20)" in page_text(as_user(judge).get(f"/cases/{case.pk}/"))
    assert "FEE 20" not in page_text(as_user(judge).get(f"/cases/{make_case(state='accepted').pk}/"))
