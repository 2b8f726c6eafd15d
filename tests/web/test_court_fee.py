"""The case page shows the court fee (诉讼费用交纳办法) with the articles it rests on."""


def test_the_case_page_shows_the_court_fee_with_its_articles(client, judge, make_case):
    """FEE 13(1) and FEE 16: 30,000 yuan under simple procedure pays 275.00 of 550.00."""
    case = make_case(state="accepted")
    client.force_login(judge)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Court fee" in html and "275.00" in html and "550.00" in html and "FEE 16" in html
