"""Issue 12's two walks through the browser, each in Chinese and in English, driven as the users would: every step
that has a page is clicked, filled and submitted there, and what each user then sees is checked on the page.

A. An ordinary case from acceptance to a mediation closing: the filing officer accepts the complaint; the clerk
   generates the 受理通知书, 应诉通知书 and 举证通知书 and serves them in one step (the plaintiff finds them in the
   case file and pays the fee online); the post to the defendant comes
   back, the clerk orders publication (CPL 95) and the nightly job records it served when its thirty days have run;
   the judge sets the evidence period, each party's consent to an online hearing is recorded (the plaintiff's by
   itself, in the portal; OLR 4(4), 21) and the online hearing is scheduled, whose link the plaintiff finds; the
   hearing is adjourned at the defendant's request, with its reason (TL2019 Art. 3); the judge mediates, the 调解书
   is generated and served on each party in person (JI 133) and the case closes by mediation (TL2000 Art. 10).
B. A simple case through an asynchronous hearing (OLR 20): the judge schedules it and sets the windows; each party
   submits in the portal within its window (a late one is refused) and sees the other's submissions; the clerk
   closes the record once the last window has ended; the judge gives judgment, the 判决书 is served on each party
   on a different day, the page shows each party's appeal period (CPL 171, JI 244), and once the last period has
   run the judgment's effective day (CPL 158) stands and the clerk archives the file (JI 263).

Time: the journeys span weeks. Where a step waits only for days to pass (the publication's thirty days, a window
opening or ending, an appeal period running out), the test moves the clock (`journey_steps.Clock`, which the live
server shares) to the day the law names, computed with the same rules the product uses. Nothing else is set up
behind the pages but the starting point, built through the services by `make_case` (for A a filed complaint whose
defendant gave no electronic address, and the court's online room; for B a simple case with the complaint served,
and the defendant's portal account) and the nightly job, run as django-q2 runs it (`manage.py nightly`).
The screenshots go to var/screenshots/journey-*.png.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from court.cases import services
from court.cases.models import AsyncSubmission, CaseEvent, CaseState, ClosingMode, Hearing, Party, ServiceAttempt
from court.cases.term import court_calendar, forget_calendar
from court.org.models import CalendarDay, Courtroom, Role, User
from court.paperwork.models import TemplateKind
from court.rules import periods as rule_periods

from .journey_steps import LOCALES, Clock, Desk, act, generate, tr

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

Channel = ServiceAttempt.Channel


@pytest.fixture(autouse=True)
def case_files(tmp_path, settings):
    settings.STORAGES = settings.STORAGES | {"case_files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "files")}}}


@pytest.fixture(autouse=True)
def fake_payments(settings):
    settings.FANJIAN_PAYMENT_BACKEND = "court.cases.payments.FakePaymentBackend"


def _pay_the_fee(page, case) -> None:
    """The plaintiff pays the acceptance fee online from its case page (FEE 22; the fake payment backend)."""
    notice = case.fee_notices.get()
    with page.expect_navigation():
        page.click(f"#pay-{notice.pk}")
    assert page.locator(f"#pay-{notice.pk}").count() == 0
    assert notice.payments.count() == 1


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture(autouse=True)
def known_years(clock):
    """The journeys reach two months ahead and their terms and hearings up to a year. A year the chinese_calendar
    package does not know yet is entered by the court's administrator once the State Council publishes it
    (CalendarDay); here its New Year's Day (a public holiday every year) stands for that entry, which makes the
    year's calendar known (weekends off)."""
    known = court_calendar().known_years()
    for year in {(clock.today() + timedelta(days=n)).year for n in range(0, 401, 30)} - known:
        CalendarDay.objects.create(day=date(year, 1, 1), is_workday=False, note="元旦")
    yield
    forget_calendar()  # the flush after the test removes the rows without a signal


def _row(page, table: str, *texts: str) -> str:
    """The text of the row of `table` that contains every one of `texts`."""
    rows = page.locator(f"{table} tbody tr")
    for i in range(rows.count()):
        text = rows.nth(i).inner_text()
        if all(t in text for t in texts):
            return text
    raise AssertionError(f"no row of {table} has {texts}: {page.inner_text(table)}")


def _attempt(case, party, channel, status=ServiceAttempt.Status.SENT) -> ServiceAttempt:
    return ServiceAttempt.objects.get(case=case, party=party, channel=channel, status=status)


@pytest.mark.parametrize(("locale", "lang"), LOCALES)
def test_an_ordinary_case_goes_from_acceptance_through_publication_and_an_online_hearing_to_mediation(
        new_page, live_server, screenshots, tmp_path, clock, make_case, court, team, judge, clerk, filing_officer,
        party, locale, lang):
    online_room = Courtroom.objects.create(court=court, name="在线庭审室一", kind=Courtroom.Kind.ONLINE)
    day0 = clock.today()
    case = make_case(state="filed", filed_on=day0)  # received two days ago
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    Party.objects.filter(pk=defendant.pk).update(e_service_consent=False, e_address="")  # paper only
    desk = Desk(new_page, live_server, locale, lang)

    def shot(page, name: str) -> None:
        page.screenshot(path=str(screenshots / f"journey-a-{name}-{lang}.png"), full_page=True)

    # Day 0. The filing officer accepts the complaint from the filing queue, under ordinary procedure.
    officer = desk.at("filing")
    assert officer.url.endswith("/filing/")
    with officer.expect_navigation():
        officer.click(f"a[href='/cases/{case.pk}/#action-accept']")
    act(officer, "accept", lang, select={"procedure": "ordinary", "panel": "collegial", "team": str(team.pk)})
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED and case.case_number and case.filed_on == day0
    assert case.panel == "collegial"
    assert case.case_number in officer.inner_text("h1")

    # The clerk generates the three notices and serves each in one step: the plaintiff electronically, the
    # defendant (no consent to electronic service) by post.
    bench = desk.at("clerk", case)
    acceptance = generate(bench, case, kind=TemplateKind.ACCEPTANCE, party=plaintiff, channel=Channel.ELECTRONIC)
    response = generate(bench, case, kind=TemplateKind.RESPONSE, party=defendant, channel=Channel.POST)
    evidence = generate(bench, case, kind=TemplateKind.EVIDENCE, party=plaintiff, channel=Channel.ELECTRONIC)
    for issued in (acceptance, response, evidence):
        assert issued.template.language == lang and issued.served_by is not None
        assert issued.document.title in bench.inner_text("#documents")
        assert issued.document.title in bench.inner_text("#issued-documents")
    assert response.served_by.document == ServiceAttempt.Document.COMPLAINT
    # The electronic ones reach the plaintiff's system the same day (OLR 31).
    for issued in (acceptance, evidence):
        act(bench, "service_record", lang, select={"attempt": str(issued.served_by.pk)}, check=("result=served",))
    service_rows = _row(bench, "section[aria-labelledby=h-service] table", defendant.name,
                        tr(Channel.POST.label, lang))
    assert tr(ServiceAttempt.Status.SENT.label, lang) in service_rows
    bench.locator("#case-file").screenshot(path=str(screenshots / f"journey-a-notices-{lang}.png"))

    # The plaintiff finds the served notices in the case file, and pays the fee online.
    plaintiff_page = desk.at("party", case)
    for issued in (acceptance, evidence):
        assert issued.document.title in plaintiff_page.inner_text("#documents")
    _pay_the_fee(plaintiff_page, case)

    # Day 5. The post comes back: the clerk records the failure and orders publication (CPL 95).
    day5 = clock.travel_to(day0 + timedelta(days=5))
    bench = desk.at("clerk", case)
    post = response.served_by
    act(bench, "service_record", lang, select={"attempt": str(post.pk)}, check=("result=failed",),
        fill={"failure_reason": "查无此人，邮件退回"})
    act(bench, "service_send", lang, select={"document": ServiceAttempt.Document.COMPLAINT,
                                             "channel": Channel.PUBLICATION, "party": str(defendant.pk)})
    effective = rule_periods.publication_effective(day5, calendar=court_calendar())
    assert effective >= day5 + timedelta(days=30)
    failed = _row(bench, "section[aria-labelledby=h-service] table", tr(Channel.POST.label, lang))
    assert "查无此人，邮件退回" in failed and tr(ServiceAttempt.Status.FAILED.label, lang) in failed
    published = _row(bench, "section[aria-labelledby=h-service] table", tr(Channel.PUBLICATION.label, lang))
    assert day5.isoformat() in published and tr(ServiceAttempt.Status.SENT.label, lang) in published
    # The publication period stands in the term ledger as time not counted (JI 243(1)), to the day it takes effect.
    ledger = _row(bench, "section[aria-labelledby=h-term] table", day5.isoformat())
    assert effective.isoformat() in ledger
    shot(bench, "publication")

    # The day the publication takes effect: the nightly job records it served, and the answer period starts.
    clock.travel_to(effective)
    call_command("nightly", stdout=StringIO())
    publication = _attempt(case, defendant, Channel.PUBLICATION, ServiceAttempt.Status.SERVED)
    assert publication.served_on == effective and publication.evidence == "CPL 95"

    # The judge sets the evidence period from that day (JI 99: 15 days under ordinary procedure).
    bench = desk.at("judge", case)
    served = _row(bench, "section[aria-labelledby=h-service] table", tr(Channel.PUBLICATION.label, lang))
    assert effective.isoformat() in served and tr(ServiceAttempt.Status.SERVED.label, lang) in served
    act(bench, "evidence_period", lang, fill={"start_on": effective.isoformat(), "days": "15"})

    # Each party's own consent to an online hearing (OLR 4(4)): the plaintiff in the portal; the defendant, who came
    # forward after the publication, in writing, recorded by the judge.
    plaintiff_page = desk.at("party", case)
    act(plaintiff_page, "my_consents", lang, select={"online_hearing": "yes"})
    act(bench, "party_consents", lang, select={"party": str(defendant.pk), "online_hearing": "yes"},
        fill={"note": "被告到庭领取诉讼材料时书面同意在线开庭"})
    # An online hearing after the answer and evidence periods, in the online room, notified today.
    case.refresh_from_db()
    hearing_day = services.earliest_hearing_day(case)
    help_text = bench.text_content("#action-hearing_schedule .field[data-field=starts_at] .help")
    assert hearing_day is not None and hearing_day.isoformat() in help_text
    act(bench, "hearing_schedule", lang, select={"mode": Hearing.Mode.ONLINE, "courtroom": str(online_room.pk)},
        fill={"starts_at": f"{hearing_day.isoformat()}T09:30"})
    hearing = case.hearings.get()
    assert hearing.mode == Hearing.Mode.ONLINE and hearing.online_token
    scheduled = bench.locator("section[aria-labelledby=h-hearings] table tbody tr").first.inner_text()
    assert f"{hearing_day.isoformat()} 09:30" in scheduled and online_room.name in scheduled
    consents = CaseEvent.objects.get(case=case, kind="hearing_scheduled").payload["online_consents"]
    assert set(consents) == {plaintiff.name, defendant.name} and all(consents.values())

    # The plaintiff finds the link to its own online room on the case page, and enters.
    plaintiff_page = desk.at("party", case)
    link = plaintiff_page.locator("a.hearing-link")
    assert link.get_attribute("href") == f"/hearings/room/{hearing.online_token}/"
    shot(plaintiff_page, "hearing-link")
    with plaintiff_page.expect_navigation():
        link.click()
    room = plaintiff_page.inner_text("main")
    assert case.case_number in room and online_room.name in room

    # Three days on, the defendant asks for more time: the judge adjourns, with the reason.
    clock.travel_to(effective + timedelta(days=3))
    reason = "被告申请延期开庭：需向外地调取还款凭证"
    bench = desk.at("judge", case)
    act(bench, "hearing_adjourn", lang, select={"cause": Hearing.Cause.PARTY}, fill={"reason": reason})
    adjourned = bench.locator("section[aria-labelledby=h-hearings] table tbody tr").first.inner_text()
    assert tr(Hearing.Status.ADJOURNED.label, lang) in adjourned and tr(Hearing.Cause.PARTY.label, lang) in adjourned
    assert reason in bench.inner_text("li.ev-hearing_adjourned")
    assert bench.locator("a.hearing-link").count() == 0
    shot(bench, "adjourned")
    plaintiff_page = desk.at("party", case)
    assert plaintiff_page.locator("a.hearing-link").count() == 0  # no link to an adjourned hearing

    # The judge mediates; the parties agree. The 调解书 is generated and served on each in person (JI 133), the
    # service recorded, and the case closes by mediation on the last service (TL2000 Art. 10).
    clock.travel_to(effective + timedelta(days=6))
    closing_day = clock.today()
    bench = desk.at("judge", case)
    act(bench, "mediation_start", lang)
    for p in (plaintiff, defendant):
        issued = generate(bench, case, kind=TemplateKind.MEDIATION, party=p, channel=Channel.DIRECT)
        assert issued.served_by.document == ServiceAttempt.Document.MEDIATION
        act(bench, "service_record", lang, select={"attempt": str(issued.served_by.pk)}, check=("result=served",))
    act(bench, "close", lang, select={"mode": ClosingMode.MEDIATION})
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.closing_mode == ClosingMode.MEDIATION
    assert case.closed_on == closing_day
    assert tr(CaseState.CLOSED.label, lang) in bench.inner_text("h1")
    facts = bench.inner_text(".casehead dl.facts")
    assert f"{closing_day.isoformat()} · {tr(ClosingMode.MEDIATION.label, lang)}" in facts
    after = bench.inner_text("#after-judgment")
    assert tr("Mediation document", lang) in after
    assert bench.inner_text("[data-effective]").strip() == closing_day.isoformat()  # on the last receipt
    shot(bench, "closed")

    # The plaintiff sees the case closed, by mediation, and the mediation document in the case file.
    plaintiff_page = desk.at("party", case)
    assert tr(CaseState.CLOSED.label, lang) in plaintiff_page.inner_text("h1")
    assert tr(ClosingMode.MEDIATION.label, lang) in plaintiff_page.inner_text(".casehead dl.facts")
    mediation_doc = case.issued_documents.get(kind=TemplateKind.MEDIATION, party=plaintiff).document
    assert mediation_doc.title in plaintiff_page.inner_text("#documents")
    download = plaintiff_page.request.get(f"{live_server.url}/documents/{mediation_doc.pk}/")
    assert download.status == 200 and download.body().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        pdf = tmp_path / "mediation.pdf"
        pdf.write_bytes(download.body())
        text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                                      text=True).stdout.split())
        assert case.case_number in text and plaintiff.name in text and defendant.name in text


@pytest.mark.parametrize(("locale", "lang"), LOCALES)
def test_a_simple_case_goes_through_an_asynchronous_hearing_to_judgment_appeal_periods_and_effect(
        new_page, live_server, screenshots, clock, make_case, judge, clerk, party, locale, lang):
    day0 = clock.today()
    case = make_case(state="service", filed_on=day0 - timedelta(days=30))
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    defendant_user = User.objects.create_user("defendant", password="pw-defendant", role=Role.PARTY,
                                              display_name=defendant.name)
    Party.objects.filter(pk=defendant.pk).update(user=defendant_user)
    desk = Desk(new_page, live_server, locale, lang)

    def shot(page, name: str) -> None:
        page.screenshot(path=str(screenshots / f"journey-b-{name}-{lang}.png"), full_page=True)

    days = {n: day0 + timedelta(days=n) for n in range(8)}

    # Day 0. Both parties consented (OLR 20(2)); the judge schedules the asynchronous hearing and sets its windows:
    # statements and evidence on days 1-2, responses on days 3-4.
    bench = desk.at("judge", case)
    act(bench, "hearing_schedule", lang, select={"mode": Hearing.Mode.ASYNC}, check=("all_parties_consent",),
        fill={"starts_at": f"{days[1].isoformat()}T09:00", "respond_by": days[4].isoformat()})
    windows = {"statements": (1, 2), "evidence": (1, 2), "responses": (3, 4)}
    act(bench, "async_windows", lang, fill={
        f"{stage}_{edge}": days[n].isoformat()
        for stage, (opens, closes) in windows.items() for edge, n in (("opens", opens), ("closes", closes))})
    for stage, (opens, closes) in windows.items():
        assert f"{days[opens].isoformat()} – {days[closes].isoformat()}" in bench.inner_text(
            f".async-window[data-stage={stage}]")
    shot(bench, "windows")

    # Day 1. Each party files its statement in the portal and sees the other's.
    statements = {"party": "原告陈述：被告于去年借款三万元，约定三个月归还，到期未还。",
                  "defendant": "被告陈述：借款属实，但已于今年三月归还一万元，有转账记录为证。"}
    clock.travel_to(days[1])
    for username, text in statements.items():
        page = desk.at(username, case)
        act(page, "async_submit", lang, select={"stage": "statements"}, fill={"text": text})
        assert text in page.inner_text(".async-window[data-stage=statements]")
    assert statements["party"] in page.inner_text(".async-window[data-stage=statements]")  # the defendant's page
    shot(page, "statements")

    # Day 3. The statements window has closed: a late statement is refused; the responses go in, each party seeing
    # the other's statement and response.
    clock.travel_to(days[3])
    late = "原告补充陈述"
    page = desk.at("party", case)
    act(page, "async_submit", lang, select={"stage": "statements"}, fill={"text": late}, ok=False)
    assert days[2].isoformat() in page.inner_text("#action-async_submit .field[data-field=stage]")
    responses = {"party": "原告回应：被告所称还款一万元系另一笔借款的利息。",
                 "defendant": "被告回应：转账附言写明“还本金”，请求驳回该部分诉请。"}
    for username, text in responses.items():
        page = desk.at(username, case)
        act(page, "async_submit", lang, select={"stage": "responses"}, fill={"text": text})
    seen = page.inner_text(".async-hearing")  # the defendant's page
    assert all(t in seen for t in (*statements.values(), *responses.values())) and late not in seen
    assert AsyncSubmission.objects.filter(window__hearing__case=case).count() == 4
    page.locator(".async-hearing").screenshot(path=str(screenshots / f"journey-b-submissions-{lang}.png"))

    # Day 5, after the last window: the clerk closes the record; the hearing is held on the last window's day.
    clock.travel_to(days[5])
    bench = desk.at("clerk", case)
    act(bench, "async_close", lang)
    hearing = case.hearings.get()
    assert hearing.status == Hearing.Status.HELD
    assert bench.locator(".async-hearing .status-held").count() == 1
    assert CaseEvent.objects.get(case=case, kind="hearing_held").on == days[4]

    # The judge gives judgment today and serves the 判决书 electronically on each party; the plaintiff's reaches
    # its system today, the defendant's tomorrow.
    bench = desk.at("judge", case)
    act(bench, "close", lang, select={"mode": ClosingMode.JUDGMENT}, fill={"pronounced_on": days[5].isoformat()})
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.closed_on == days[5]
    issued = {p.pk: generate(bench, case, kind=TemplateKind.JUDGMENT, party=p, channel=Channel.ELECTRONIC)
              for p in (plaintiff, defendant)}
    assert all(i.served_by.document == ServiceAttempt.Document.JUDGMENT for i in issued.values())
    clerk_page = desk.at("clerk", case)
    act(clerk_page, "service_record", lang, select={"attempt": str(issued[plaintiff.pk].served_by.pk)},
        check=("result=served",))
    calendar = court_calendar()
    plaintiff_last = rule_periods.appeal_due(days[5], calendar=calendar)
    panel = clerk_page.inner_text("#after-judgment")
    assert plaintiff_last.isoformat() in _row(clerk_page, "#after-judgment table", plaintiff.name)
    assert tr("not yet known: the decision is not served on every party", lang) in panel

    clock.travel_to(days[6])
    clerk_page = desk.at("clerk", case)
    act(clerk_page, "service_record", lang, select={"attempt": str(issued[defendant.pk].served_by.pk)},
        check=("result=served",))
    defendant_last = rule_periods.appeal_due(days[6], calendar=calendar)
    effective_on = max(plaintiff_last, defendant_last) + timedelta(days=1)
    # Each party's own period (JI 244) and the day the judgment takes effect, after the last one (CPL 158).
    assert f"{days[5].isoformat()}\t{plaintiff_last.isoformat()}" in _row(clerk_page, "#after-judgment table",
                                                                         plaintiff.name)
    assert f"{days[6].isoformat()}\t{defendant_last.isoformat()}" in _row(clerk_page, "#after-judgment table",
                                                                         defendant.name)
    assert clerk_page.inner_text("[data-effective]").strip() == effective_on.isoformat()
    not_ready = tr("Not ready for archiving (JI 263):", lang)
    assert not_ready in clerk_page.inner_text("#after-judgment")  # the appeal periods still run
    clerk_page.locator("#after-judgment").screenshot(path=str(screenshots / f"journey-b-appeal-periods-{lang}.png"))
    # The defendant sees its own period in the portal.
    defendant_page = desk.at("defendant", case)
    assert defendant_last.isoformat() in _row(defendant_page, "#after-judgment table", defendant.name)

    # The periods run out with no appeal: the judgment is effective, the file complete, and the clerk archives it.
    clock.travel_to(effective_on)
    clerk_page = desk.at("clerk", case)
    assert clerk_page.inner_text("[data-effective]").strip() == effective_on.isoformat()
    assert not_ready not in clerk_page.inner_text("#after-judgment")
    act(clerk_page, "archive", lang)
    case.refresh_from_db()
    assert case.state == CaseState.ARCHIVED
    assert tr(CaseState.ARCHIVED.label, lang) in clerk_page.inner_text("h1")
    shot(clerk_page, "archived")
