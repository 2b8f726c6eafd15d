"""Notices to parties: each step the parties should hear of becomes a notice in the inbox of every party and
lawyer of the case (not the one who took the step), e-mailed and texted after commit; nothing internal; the inbox
shows a user their own notices only; the daily reminders of deadlines running out come once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_q.models import Schedule

from court.cases import services
from court.cases.models import CaseEvent, FeeNotice, Party, ServiceAttempt
from court.cases.term import today
from court.org.models import Role, User
from court.portal.models import Notice
from court.portal.notices import reminders
from court.portal.sms import LocmemSmsBackend

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def channels(settings, party, lawyer):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FANJIAN_SMS_BACKEND = "court.portal.sms.LocmemSmsBackend"
    LocmemSmsBackend.outbox.clear()
    User.objects.filter(pk=party.pk).update(email="party@example.cn", phone="13800000001")
    User.objects.filter(pk=lawyer.pk).update(email="lawyer@example.cn")


@pytest.fixture
def accepted(make_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_case(state="accepted", filed_on=today())


@pytest.fixture
def defendant_user(accepted):
    user = User.objects.create_user(username="defendant_user", password="pw-defendant_user", role=Role.PARTY,
                                    email="d@example.cn")
    Party.objects.filter(case=accepted, side=Party.Side.DEFENDANT).update(user=user)
    return user


def notices(user, kind=None):
    qs = Notice.objects.filter(recipient=user)
    return qs.filter(kind=kind) if kind else qs


def test_acceptance_tells_the_plaintiff_and_its_lawyer_the_case_number_and_the_fee(accepted, party, lawyer,
                                                                                   filing_officer):
    for user in (party, lawyer):
        accepted_notice = notices(user, Notice.Kind.ACCEPTED).get()
        assert accepted.case_number in accepted_notice.subject and accepted.case_number in accepted_notice.body
        fee = notices(user, Notice.Kind.FEE_DUE).get()
        due = FeeNotice.objects.get(case=accepted).due_on
        assert "275.00" in fee.body and due.isoformat() in fee.body and "FEE 22" in fee.body
    assert not Notice.objects.filter(recipient=filing_officer).exists()


def test_notices_are_emailed_and_texted_after_commit(accepted, party):
    sent_to = sorted(address for m in mail.outbox for address in m.to)
    assert sent_to == ["lawyer@example.cn"] * 2 + ["party@example.cn"] * 2
    assert any(accepted.case_number in m.subject for m in mail.outbox)
    assert all(n.emailed_at for n in notices(party)) and all(n.sms_sent_at for n in notices(party))
    assert [phone for phone, _text in LocmemSmsBackend.outbox] == ["13800000001"] * 2


def test_the_one_who_took_the_step_is_not_told(accepted, party, lawyer, settings, django_capture_on_commit_callbacks):
    settings.FANJIAN_PAYMENT_BACKEND = "court.cases.payments.FakePaymentBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.fee_pay_online(notice=FeeNotice.objects.get(case=accepted), actor=party)
    paid = CaseEvent.objects.get(case=accepted, kind=CaseEvent.Kind.FEE_PAID)
    assert not Notice.objects.filter(recipient=party, key=f"event:{paid.pk}").exists()
    assert "275.00" in Notice.objects.get(recipient=lawyer, key=f"event:{paid.pk}").body


def test_a_correction_request_lists_the_items_and_the_deadline(make_case, party, filing_officer):
    case = make_case(state="filed", filed_on=today())
    due = today() + timedelta(days=10)
    services.case_request_correction(case=case, actor=filing_officer, items="1. 补充被告身份证号", due_on=due)
    notice = notices(party, Notice.Kind.CORRECTION).get()
    assert "补充被告身份证号" in notice.body and due.isoformat() in notice.body


def test_a_hearing_is_told_in_beijing_time(make_case, party, judge):
    case = make_case(state="service", filed_on=today() - timedelta(days=5))
    starts = datetime.combine(today() + timedelta(days=40), time(9, 30), TZ)
    services.hearing_schedule(case=case, actor=judge, starts_at=starts, notified_on=today(), room="第一法庭")
    notice = notices(party, Notice.Kind.HEARING).get()
    assert f"{starts.date().isoformat()} 09:30" in notice.body and "第一法庭" in notice.body


def test_a_document_served_tells_only_the_party_it_was_served_on(accepted, party, judge, defendant_user):
    defendant = accepted.parties.filter(side=Party.Side.DEFENDANT).get()
    attempt = services.service_send(case=accepted, actor=judge, document=ServiceAttempt.Document.COMPLAINT,
                                    channel=ServiceAttempt.Channel.ELECTRONIC, party=defendant, on=today())
    services.service_record(attempt=attempt, actor=judge, served=True, on=today())
    assert notices(defendant_user, Notice.Kind.DOCUMENT_SERVED).count() == 1
    assert not notices(party, Notice.Kind.DOCUMENT_SERVED).exists()


def test_internal_steps_are_never_told(accepted, party, judge):
    before = notices(party).count()
    services.case_note(case=accepted, actor=judge, text="内部：原告情绪激动，注意安全")
    assert notices(party).count() == before
    assert not Notice.objects.filter(body__contains="情绪激动").exists()


def test_a_step_typed_in_long_after_it_happened_is_not_news(make_case, party):
    make_case(state="accepted", filed_on=date(2024, 3, 1))
    assert not notices(party).exists()


def test_the_fee_notice_goes_to_the_paying_side_only(accepted, defendant_user):
    assert not notices(defendant_user, Notice.Kind.FEE_DUE).exists()


def test_the_notice_is_in_the_recipients_language(make_case, party, chinese):
    """No language on the account: the site's default, Chinese."""
    case = make_case(state="accepted", filed_on=today())
    notice = notices(party, Notice.Kind.ACCEPTED).get()
    assert case.case_number in notice.subject
    assert "简易程序" in notice.body  # the procedure's label, in Chinese (the notice texts await their translation)


# --- the inbox ----------------------------------------------------------------------------------------------------


def test_the_inbox_lists_the_users_notices_and_counts_the_unread(client, accepted, party):
    client.force_login(party)
    page = client.get(reverse("portal:inbox"))
    assert page.status_code == 200
    assert page.context["unread"] == 2
    assert 'id="nav-inbox"' in page.content.decode()
    notice = notices(party).first()
    shown = client.get(reverse("portal:notice", args=[notice.pk]))
    assert shown.status_code == 200 and notice.body.splitlines()[0][:20] in shown.content.decode()
    notice.refresh_from_db()
    assert notice.read_at is not None
    client.post(reverse("portal:inbox_read_all"))
    assert not notices(party).filter(read_at__isnull=True).exists()


def test_a_notice_of_someone_else_is_a_404(client, accepted, lawyer, stranger, judge):
    theirs = notices(lawyer).first()
    for user in (stranger, judge):
        client.force_login(user)
        assert client.get(reverse("portal:notice", args=[theirs.pk])).status_code == 404
        assert client.get(reverse("portal:notice", args=[theirs.pk + 10_000])).status_code == 404
    client.post(reverse("portal:inbox_read_all"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_inbox_needs_a_login_and_is_paged(client, party):
    assert client.get(reverse("portal:inbox")).status_code == 302
    Notice.objects.bulk_create([Notice(recipient=party, subject=f"n{i}", body="x", key=f"k{i}") for i in range(25)])
    client.force_login(party)
    first = client.get(reverse("portal:inbox"))
    assert len(first.context["notices"]) == 20 and first.context["page"].paginator.num_pages == 2
    assert len(client.get(reverse("portal:inbox") + "?page=2").context["notices"]) == 5
    assert len(client.get(reverse("portal:inbox") + "?page=999").context["notices"]) == 5


# --- reminders ----------------------------------------------------------------------------------------------------


def test_a_fee_due_within_two_days_is_reminded_once(accepted, party, django_capture_on_commit_callbacks):
    due = FeeNotice.objects.get(case=accepted).due_on
    assert reminders.send_reminders(due - timedelta(days=3)) == []
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.send_reminders(due - timedelta(days=2))
    assert {n.recipient_id for n in first} == {party.pk, accepted.parties.get(side="plaintiff").representatives.get().user_id}
    assert "275.00" in first[0].body
    assert reminders.send_reminders(due - timedelta(days=2)) == []
    assert reminders.send_reminders(due - timedelta(days=1)) == []
    assert any("Fee due soon" in m.subject for m in mail.outbox)


def test_a_paid_fee_is_not_reminded(accepted, clerk):
    notice = FeeNotice.objects.get(case=accepted)
    services.fee_record_payment(notice=notice, actor=clerk, amount=Decimal("275.00"), reference="B-1")
    assert reminders.send_reminders(notice.due_on - timedelta(days=1)) == []


def test_an_answer_period_ending_is_reminded_to_the_defendant(make_case, judge, party):
    """CPL 128: 15 days from service, under ordinary procedure."""
    case = make_case(state="accepted", procedure="ordinary", filed_on=today())
    user = User.objects.create_user(username="defendant_user", password="x", role=Role.PARTY)
    defendant = case.parties.filter(side=Party.Side.DEFENDANT).get()
    Party.objects.filter(pk=defendant.pk).update(user=user)
    attempt = services.service_send(case=case, actor=judge, document=ServiceAttempt.Document.COMPLAINT,
                                    channel=ServiceAttempt.Channel.ELECTRONIC, party=defendant, on=today())
    services.service_record(attempt=attempt, actor=judge, served=True, on=today())
    [(_party, period)] = services.answer_periods(case)
    sent = reminders.send_reminders(period.ends_on - timedelta(days=1))
    assert [n.recipient for n in sent if n.key.startswith("answer:")] == [user]
    assert "CPL 128" in next(n.body for n in sent if n.key.startswith("answer:"))
    assert [n for n in reminders.send_reminders(period.ends_on) if n.key.startswith("answer:")] == []


def test_a_correction_deadline_is_reminded(make_case, party, filing_officer):
    case = make_case(state="filed", filed_on=today())
    due = today() + timedelta(days=10)
    services.case_request_correction(case=case, actor=filing_officer, items="补充证据", due_on=due)
    sent = reminders.send_reminders(due - timedelta(days=2))
    assert [n.key for n in sent if n.recipient == party] == [f"correction:{case.pk}:{due}"]


def test_the_command_runs_the_reminders_and_schedules_them_daily_once(accepted, capsys):
    due = FeeNotice.objects.get(case=accepted).due_on
    call_command("notice_reminders", "--date", due.isoformat())
    assert f"2 reminder(s) sent for {due} (attempt 1)." in capsys.readouterr().out
    call_command("notice_reminders", "--date", due.isoformat())  # the day's run finished: nothing again
    assert f"2 reminder(s) sent for {due} (attempt 1)." in capsys.readouterr().out
    assert Notice.objects.filter(key__startswith="fee-due:").count() == 2
    call_command("notice_reminders", "--date", due.isoformat(), "--force")  # run again: each reminder sent once
    assert f"0 reminder(s) sent for {due} (attempt 2)." in capsys.readouterr().out
    from court.cases.models import JobRun

    run = JobRun.objects.get(job="reminders", day=due)
    assert run.finished_at is not None and run.counts == {"sent": 0} and run.attempts == 2
    call_command("notice_reminders", "--schedule")
    call_command("notice_reminders", "--schedule")
    schedule = Schedule.objects.get(name="portal-daily-reminders")
    assert (schedule.func, schedule.schedule_type) == ("court.portal.tasks.daily_reminders", Schedule.DAILY)


def test_a_ruling_on_an_application_is_told_with_its_reasons(accepted, party, lawyer, judge):
    from court.cases.models import Application

    plaintiff = accepted.parties.get(side=Party.Side.PLAINTIFF)
    application = services.application_file(case=accepted, actor=party, party=plaintiff,
                                             kind=Application.Kind.WITHDRAWAL, text="双方已和解", on=today())
    services.application_decide(application=application, actor=judge, grant=False, ruling="涉及第三人利益，不准撤诉",
                                on=today())
    for user in (party, lawyer):
        ruling = notices(user, Notice.Kind.RULING).get()
        assert "不准撤诉" in ruling.body and "refused" in ruling.body
    assert not Notice.objects.filter(recipient=judge).exists()
