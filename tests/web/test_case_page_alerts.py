"""The case page's alerts of the law's second round.

CPL 169: "人民法院在审理过程中，发现案件不宜适用小额诉讼的程序的，应当适用简易程序的其他规定审理或者裁定转为普通程序。"
JI 278: "因当事人申请增加或者变更诉讼请求、提出反诉、追加当事人等，致使案件不符合小额诉讼案件条件的，应当适用简易程序的
其他规定审理。前款规定案件，应当适用普通程序审理的，裁定转为普通程序。"
JI 272: "…在上一年度就业人员年平均工资公布前，以已经公布的最近年度就业人员年平均工资为准。"
"""

from __future__ import annotations

from decimal import Decimal

from django.core import checks
from django.core.management import call_command
from django.urls import reverse

from court.cases import services
from court.cases.models import Procedure
from court.cases.term import today
from court.org.models import WageThreshold

from .conftest import page_text

HEAD = "CPL 169, JI 278: the case no longer qualifies for small claims"


def _page(client, case) -> str:
    return page_text(client.get(reverse("case_detail", args=[case.pk])))


def test_a_counterclaimed_small_claims_case_is_told_to_continue_under_simple_procedure(recent, judge, party,
                                                                                          as_user):
    case = recent(state="accepted", procedure=Procedure.SMALL_CLAIMS, amount=Decimal(20_000))
    client = as_user(judge)
    assert HEAD not in _page(client, case)
    services.case_record_counterclaim(case=case, actor=judge, on=today())
    html = _page(client, case)
    assert HEAD in html and "(CPL 166(5)); before it is closed" in html
    assert "CPL 166(5): small claims do not apply once a counterclaim is filed." in html
    assert "Continue the case under the other rules of simple procedure (JI 278 para 1)." in html
    assert HEAD not in _page(as_user(party), case)  # the workflow's alert, for the court
    services.case_convert_procedure(case=case, actor=judge, to="simple", reason="反诉", on=today())
    assert HEAD not in _page(client, case)


def test_a_small_claims_case_barred_from_simple_procedure_too_is_told_to_convert_by_ruling(recent, judge, as_user):
    """JI 257(5) bars simple procedure in a public-interest case, so JI 278 para 2: "裁定转为普通程序"."""
    case = recent(state="accepted", procedure=Procedure.SMALL_CLAIMS, amount=Decimal(20_000))
    type(case).objects.filter(pk=case.pk).update(public_interest=True)
    html = _page(as_user(judge), case)
    assert HEAD in html and "JI 257(5): simple procedure does not apply to state or public-interest cases." in html
    assert "convert the case to ordinary procedure by ruling (JI 278 para 2)" in html


def test_the_filing_officer_is_warned_of_a_stale_wage_figure(make_case, filing_officer, judge, as_user):
    """The fixture's 陕 figure took effect 2021-01-01: stale today (JI 272); a current one silences it."""
    case = make_case(state="filed")
    assert "JI 272: the newest average-wage figure for 陕" in _page(as_user(filing_officer), case)
    assert "JI 272" not in _page(as_user(judge), case)
    WageThreshold.objects.create(province="陕", effective_from=today(), average_wage=Decimal(99000))
    assert "JI 272" not in _page(as_user(filing_officer), case)


def test_an_accepted_case_carries_no_wage_warning(make_case, filing_officer, as_user):
    assert "JI 272" not in _page(as_user(filing_officer), make_case(state="accepted"))


def test_the_wage_check_runs_with_the_database_checks(court, capsys):
    """cases.W002 is registered by CasesConfig.ready, tagged 'database': `check --database default` runs it."""
    from court.cases.selectors import check_wage_thresholds_in_database

    assert check_wage_thresholds_in_database in checks.registry.registry.get_checks()
    assert checks.Tags.database in check_wage_thresholds_in_database.tags
    call_command("check", "--database", "default")
    assert "cases.W002" in capsys.readouterr().err
