"""Correction, answer and the judge's queue in the browser, in Chinese and in English: the party asked to correct
edits the amount and the defendant's address, adds an evidence file and resubmits; once the case is accepted
and served, the defendant joins with the code, files an answer with a file and an objection to jurisdiction;
the judge sees both in the queue and rules."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from court.cases import services
from court.cases.models import Application, CaseState, DocumentKind, Party, ServiceAttempt
from court.cases.term import today
from court.org.models import Role, User
from court.portal.codes import join_code_issue
from tests.casefile.conftest import PDF, case_files_dir  # noqa: F401  (case files in a temporary folder)

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LOCALES = [("zh-CN", "zh"), ("en-US", "en")]


@pytest.mark.parametrize(("locale", "lang"), LOCALES)
def test_correct_resubmit_answer_object_and_rule(new_page, live_server, screenshots, tmp_path, make_case,
                                                 filing_officer, judge, team, clerk, locale, lang):
    pdf = tmp_path / "evidence.pdf"
    pdf.write_bytes(PDF)
    case = make_case(state="filed", filed_on=today())
    services.case_request_correction(case=case, actor=filing_officer, items="1. 被告住址不详\n2. 借款金额应为45000元",
                                     due_on=today() + timedelta(days=10))
    User.objects.create_user(username="lisi", password="pw-lisi", role=Role.PARTY, display_name="李四")

    # The plaintiff corrects and resubmits.
    page = new_page(locale=locale)
    sign_in(page, live_server, "party")
    page.goto(f"{live_server.url}/my/")
    page.click(f"a[href='/cases/{case.pk}/correction/']")
    page.wait_for_load_state("networkidle")
    assert "被告住址不详" in page.inner_text("#correction-request")
    assert (today() + timedelta(days=10)).isoformat() in page.inner_text("#correction-request")
    page.fill("input[name=claim_amount]", "-1")
    page.fill("input[name=parties-1-address]", "西安市雁塔区科技路1号")
    page.click("button[name=resubmit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("[data-field=claim_amount] .error")
    assert page.input_value("input[name=parties-1-address]") == "西安市雁塔区科技路1号"  # nothing typed is lost
    page.screenshot(path=str(screenshots / f"correction-error-{lang}.png"), full_page=True)
    page.fill("input[name=claim_amount]", "45000")
    # What the complaint lacked: the plaintiff's own address and the defendant's e-address (it consents to e-service).
    page.fill("input[name=parties-0-address]", "蓝田县蓝关街道8号")
    page.fill("input[name=parties-1-e_address]", "lisi@example.cn")
    page.fill("input[name=evidence-0-name]", "借条")
    page.set_input_files("input[name=evidence-0-file]", str(pdf))
    page.click("button[name=resubmit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/cases/{case.pk}/")
    case.refresh_from_db()
    assert case.state == CaseState.FILED and case.claim_amount == Decimal("45000")
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    assert defendant.address == "西安市雁塔区科技路1号" and case.evidence.get().name == "借条"
    assert page.locator("#not-decided").count() == 1  # before 立案: no procedure, bench or term shown
    page.screenshot(path=str(screenshots / f"correction-resubmitted-{lang}.png"), full_page=True)

    # The court accepts and serves; the defendant gets a join code on the documents served.
    services.case_accept(case=case, actor=filing_officer, procedure="ordinary", team=team, judge=judge)
    attempt = services.service_send(case=case, actor=judge, document=ServiceAttempt.Document.COMPLAINT,
                                    channel=ServiceAttempt.Channel.POST, party=defendant)
    services.service_record(attempt=attempt, actor=judge, served=True)
    code = join_code_issue(party=defendant, actor=clerk).code

    lisi = new_page(locale=locale)
    sign_in(lisi, live_server, "lisi")
    lisi.goto(f"{live_server.url}/portal/join/")
    lisi.fill("input[name=code]", code)
    lisi.click("main button[type=submit]")
    lisi.wait_for_load_state("networkidle")
    assert lisi.url.endswith(f"/cases/{case.pk}/")
    lisi.click("#action-answer summary")
    lisi.fill("textarea[name=answer-text]", "借款已于2024年归还，请求驳回原告诉讼请求。")
    lisi.set_input_files("input[name=answer-file]", str(pdf))
    lisi.click("#action-answer button[type=submit]")
    lisi.wait_for_load_state("networkidle")
    assert case.documents.filter(kind=DocumentKind.ANSWER).count() == 1
    lisi.click("#action-apply summary")
    lisi.select_option("select[name=apply-kind]", Application.Kind.JURISDICTION_OBJECTION.value)
    lisi.fill("textarea[name=apply-text]", "合同约定由西安市雁塔区人民法院管辖。")
    lisi.click("#action-apply button[type=submit]")
    lisi.wait_for_load_state("networkidle")
    assert case.applications.get().status == Application.Status.PENDING
    lisi.locator("#applications").scroll_into_view_if_needed()
    lisi.screenshot(path=str(screenshots / f"answer-objection-{lang}.png"), full_page=True)

    # The judge's queue: the objection awaiting a ruling, the answer among the recent ones; the judge rules.
    bench = new_page(locale=locale)
    sign_in(bench, live_server, "judge")
    bench.click("nav.mainnav a[href='/applications/']")
    bench.wait_for_load_state("networkidle")
    assert "李四0" in bench.inner_text("#pending-applications") and "李四0" in bench.inner_text("#recent-answers")
    bench.screenshot(path=str(screenshots / f"applications-queue-{lang}.png"), full_page=True)
    bench.click(f"#pending-applications a[href^='/cases/{case.pk}/']")
    bench.wait_for_load_state("networkidle")
    if bench.locator("#action-decide_application").get_attribute("open") is None:
        bench.click("#action-decide_application summary")
    bench.check("input[name=decide_application-decision][value=refuse]")
    bench.fill("textarea[name=decide_application-ruling]", "被告住所地及合同履行地均在本院辖区，异议不成立，驳回。")
    bench.click("#action-decide_application button[type=submit]")
    bench.wait_for_load_state("networkidle")
    application = case.applications.get()
    assert application.status == Application.Status.REFUSED
    assert case.periods.get().end_on == today()
    bench.locator("#applications").scroll_into_view_if_needed()
    bench.screenshot(path=str(screenshots / f"application-ruled-{lang}.png"), full_page=True)
