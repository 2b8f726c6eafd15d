"""The case page shows the court fee (诉讼费用交纳办法) with the articles it rests on."""


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
