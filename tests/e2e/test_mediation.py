"""Pre-filing mediation in the browser, in both languages: a complaint diverted with consent, a village elder named,
an agreement drawn up and signed online by both parties, judicial confirmation applied for and granted as a 民特
case; a second complaint whose mediation runs past its thirty days (OMR 24) fails and is filed as 民初 with its
files and its pre-filing days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from court.cases import services
from court.cases.models import Case, CaseState, CaseType, ClosingMode
from court.cases.term import today
from court.mediation import services as med
from court.mediation.models import Mediation
from court.org.models import Area, MediationOrganisation, MediatorOrg, Role, User
from tests.factories import build_case

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def chain(court):
    village = Area.objects.create(court=court, town="蓝关街道", village="鹿塬村", population=2400)
    org = MediationOrganisation.objects.create(court=court, kind=MediatorOrg.VILLAGE_ELDER, name="鹿塬村乡贤调解室",
                                               area=village)
    elder = User.objects.create_user(username="elder", password="pw-elder", role=Role.MEDIATOR, court=court,
                                     display_name="王乡贤", mediation_organisation=org)
    defendant_user = User.objects.create_user(username="lisi", password="pw-lisi", role=Role.PARTY,
                                              display_name="李四")
    return village, elder, defendant_user


def _complaint(court, team, judge, filing_officer, cause, party, defendant_user, received):
    case = build_case(court=court, team=team, judge=judge, officer=filing_officer, cause=cause, plaintiff_user=party,
                      state="filed", filed_on=received + timedelta(days=2))
    defendant = case.parties.get(side="defendant")
    defendant.user = defendant_user
    defendant.save()
    services.document_upload(case=case, actor=party, kind="evidence", title="借条",
                             file=SimpleUploadedFile("jietiao.pdf", PDF), on=received)
    return case


def _post_step(page, step: str) -> None:
    page.click(f"#step-{step} summary")
    with page.expect_navigation():
        page.click(f"#step-{step} button[type=submit]")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_complaint_is_settled_before_filing_and_confirmed(language, new_page, live_server, court, team, judge,
                                                            filing_officer, cause, party, chain, screenshots):
    village, elder, lisi = chain
    locale = "zh-CN" if language == "zh" else "en-US"
    case = _complaint(court, team, judge, filing_officer, cause, party, lisi, today())

    officer = new_page(locale=locale)
    sign_in(officer, live_server, "filing")
    officer.goto(f"{live_server.url}/mediations/")
    officer.click(f"a[data-divert='{case.pk}']")
    officer.locator("select[name=area]").select_option(str(village.pk))
    with officer.expect_navigation():
        officer.click("#divert-form button[type=submit]")
    assert "form-errors" in officer.content() or "consent" in officer.content()  # no consent ticked: refused
    assert Case.objects.get(pk=case.pk).case_type == CaseType.FIRST_INSTANCE
    officer.check("input[name=consent]")
    with officer.expect_navigation():
        officer.click("#divert-form button[type=submit]")
    mediation = Mediation.objects.get(case=case)
    assert "民诉前调" in officer.inner_text("#mediation-title")
    assert "王乡贤" in officer.inner_text("#suggested")  # the village's elder comes first
    officer.click("#step-assign summary")
    officer.screenshot(path=str(screenshots / f"mediation-assign-{language}.png"), full_page=True)
    with officer.expect_navigation():
        officer.click("#step-assign button[type=submit]")
    mediation.refresh_from_db()
    assert mediation.mediator == elder and mediation.due_on == today() + timedelta(days=30) or mediation.due_on > today()

    mediator = new_page(locale=locale)
    sign_in(mediator, live_server, "elder")
    assert mediator.url.endswith("/mediations/")
    assert mediation.due_on.isoformat() in mediator.inner_text("#mediations")
    mediator.screenshot(path=str(screenshots / f"mediation-list-{language}.png"), full_page=True)
    mediator.click(f"a[href='/mediations/{mediation.pk}/']")
    mediator.click("#step-agreement summary")
    mediator.fill("textarea[name=terms]", "被告李四于2025年1月31日前归还原告张三借款30000元。")
    with mediator.expect_navigation():
        mediator.click("#step-agreement button[type=submit]")
    assert "30000" in mediator.inner_text("#agreement-terms")

    plaintiff, defendant = case.parties.get(side="plaintiff"), case.parties.get(side="defendant")
    pages = {}
    for username, p in (("party", plaintiff), ("lisi", defendant)):  # OMR 19: each party signs for itself
        page = pages[p.pk] = new_page(locale=locale)
        sign_in(page, live_server, username)
        page.goto(f"{live_server.url}/mediations/{mediation.pk}/")
        assert page.locator("button[data-sign]").count() == 1  # only its own signature
        with page.expect_navigation():
            page.click(f"button[data-sign='{p.pk}']")
        assert page.locator(f"#signatures tr[data-party='{p.pk}'] .ok").count() == 1
    for p in (plaintiff, defendant):  # CPL 205: the two apply jointly
        page = pages[p.pk]
        page.goto(f"{live_server.url}/mediations/{mediation.pk}/")
        with page.expect_navigation():
            page.click(f"button[data-apply='{p.pk}']")
        last = page
    mediation.refresh_from_db()
    assert mediation.outcome == Mediation.Outcome.AGREEMENT and mediation.agreement.signatures.count() == 2
    assert Case.objects.get(pk=case.pk).closing_mode == ClosingMode.MEDIATION
    special = mediation.confirmation_case
    assert special is not None, (list(mediation.confirmation_applications.values_list("party_id", flat=True)),
                                 last.inner_text("main")[:1500])
    assert special.case_type == CaseType.SPECIAL
    last.screenshot(path=str(screenshots / f"mediation-signed-{language}.png"), full_page=True)

    services.case_accept(case=special, actor=filing_officer, procedure="simple", team=team)
    bench = new_page(locale=locale)
    sign_in(bench, live_server, "judge")
    bench.goto(f"{live_server.url}/mediations/{mediation.pk}/")
    _post_step(bench, "decide")
    special.refresh_from_db()
    assert special.state == CaseState.CLOSED and special.closing_mode == ClosingMode.OTHER
    assert special.case_number in bench.inner_text("#confirmation-case")
    bench.screenshot(path=str(screenshots / f"mediation-confirmed-{language}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_mediation_past_thirty_days_fails_and_is_filed(language, new_page, live_server, court, team, judge,
                                                         filing_officer, cause, party, chain, screenshots):
    village, elder, lisi = chain
    locale = "zh-CN" if language == "zh" else "en-US"
    start = today() - timedelta(days=40)
    case = _complaint(court, team, judge, filing_officer, cause, party, lisi, start)
    mediation = med.prefiling_divert(case=case, actor=filing_officer, consent=True, area=village, on=start)
    mediation = med.prefiling_assign(mediation=mediation, actor=filing_officer, mediator=elder, on=start)
    assert mediation.due_on < today()

    page = new_page(locale=locale)
    sign_in(page, live_server, "elder")
    page.goto(f"{live_server.url}/mediations/{mediation.pk}/")
    page.click("#step-fail summary")
    with page.expect_navigation():
        page.click("#step-fail button[type=submit]")  # no ground needed: the thirty days have passed (OMR 25(6))
    mediation.refresh_from_db()
    filed = mediation.filed_case
    assert mediation.outcome == Mediation.Outcome.FAILED and filed.case_type == CaseType.FIRST_INSTANCE
    assert page.url.endswith("/mediations/")  # the elder no longer sees the ended mediation

    officer = new_page(locale=locale)
    sign_in(officer, live_server, "filing")
    officer.goto(f"{live_server.url}/mediations/{mediation.pk}/")
    assert "40" in officer.inner_text("#filed-case")
    officer.screenshot(path=str(screenshots / f"mediation-failed-{language}.png"), full_page=True)
    officer.goto(f"{live_server.url}/cases/{filed.pk}/")
    body = officer.inner_text("main")
    number = Case.objects.get(pk=case.pk).case_number
    assert "借条" in body and number in body and "40" in body  # its files and its pre-filing days
    assert number in officer.inner_text("#mediation-panel") and "40" in officer.inner_text("#mediation-panel")
    officer.screenshot(path=str(screenshots / f"mediation-filed-case-{language}.png"), full_page=True)
