"""Court fees as the parties meet them: the notice issued at acceptance, a counterclaim or a conversion, payments,
relief (司法救助) and the ruling for non-payment.

FEE 20: "案件受理费由原告、有独立请求权的第三人、上诉人预交。被告提起反诉，依照本办法规定需要交纳案件受理费的，由被告预交。
追索劳动报酬的案件可以不预交案件受理费。"
FEE 22: "原告自接到人民法院交纳诉讼费用通知次日起7日内交纳案件受理费；反诉案件由提起反诉的当事人自提起反诉次日起7日内交纳
案件受理费。"
FEE 44: "当事人交纳诉讼费用确有困难的，可以依照本办法向人民法院申请缓交、减交或者免交诉讼费用的司法救助。诉讼费用的免交只适用于
自然人。"
FEE 46: "人民法院准予减交诉讼费用的，减交比例不得低于30%。"
FEE 48: "人民法院对当事人的司法救助申请不予批准的，应当向当事人书面说明理由。"
JI 199: "适用简易程序审理的案件转为普通程序的，原告自接到人民法院交纳诉讼费用通知之日起七日内补交案件受理费。"
JI 213: "原告应当预交而未预交案件受理费，人民法院应当通知其预交，通知后仍不预交或者申请减、缓、免未获批准而仍不预交的，裁定按
撤诉处理。"
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from court.cases import services
from court.cases.models import CaseEvent, CaseState, Cause, ClosingMode, FeeNotice, FeePayment, Party
from court.cases.payments import FakePaymentBackend, PaymentConfirmation
from court.cases.services import CaseRuleError
from court.org.models import Role, User

from .conftest import defendant, fresh

pytestmark = pytest.mark.django_db
K = CaseEvent.Kind
DAY = date(2024, 3, 1)  # a Friday; 7 days later, 2024-03-08, is a working day


class Clock:
    day = DAY


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The services' clock, on DAY unless a test moves it: a step recorded on its own day issues its notice."""
    clock = Clock()
    monkeypatch.setattr("court.cases.services.base.today", lambda: clock.day)
    monkeypatch.setattr("court.portal.notices.today", lambda: clock.day)
    return clock


@pytest.fixture
def accepted(make_case):
    """30,000 yuan loan under simple procedure accepted on DAY: FEE 13(1) 50 + 20,000 × 2.5% = 550, halved
    (FEE 16) = 275.00."""
    return make_case(state="accepted", filed_on=DAY)


def notice_of(case, kind=FeeNotice.Kind.CASE_FEE) -> FeeNotice:
    return FeeNotice.objects.get(case=case, kind=kind)


def rule_on(notice, judge, day):
    """The judge's ruling on `day`, the clock moved there (a ruling is never dated in the future)."""
    base = __import__("court.cases.services.base", fromlist=["today"])
    before = base.today
    base.today = lambda: day
    try:
        return services.fee_deem_withdrawn(notice=notice, actor=judge, on=day)
    finally:
        base.today = before


# --- issuing -------------------------------------------------------------------------------------------------


def test_acceptance_issues_the_case_fee_notice_due_7_days_from_the_day_after_receipt(accepted):
    """FEE 22: received on 2024-03-01, the 7 days run from 03-02 and end on 03-08."""
    notice = notice_of(accepted)
    assert (notice.amount, notice.issued_on, notice.due_on) == (Decimal("275.00"), DAY, date(2024, 3, 8))
    assert notice.party.side == Party.Side.PLAINTIFF and notice.basis == "FEE 20, 22"
    event = accepted.events.get(kind=K.FEE_NOTICE)
    assert event.payload["notice"] == notice.pk and event.payload["fee_due_on"] == "2024-03-08"


def test_a_wage_claim_is_told_its_fee_with_no_prepayment_and_cannot_be_deemed_withdrawn(make_case, judge):
    """FEE 20: "追索劳动报酬的案件可以不预交案件受理费" — the notice has no due date, and JI 213 never applies."""
    wage = Cause.objects.get(name="追索劳动报酬纠纷", catalogue__version="2025")
    case = make_case(state="accepted", filed_on=DAY, cause=wage, amount=Decimal(8000))
    notice = notice_of(case)
    assert notice.due_on is None and notice.basis == "FEE 20"
    assert case.events.get(kind=K.FEE_NOTICE).payload["prepayment_required"] is False
    assert services.overdue_notices(case, DAY + timedelta(days=60)) == []
    with pytest.raises(CaseRuleError) as err:
        rule_on(notice, judge, DAY)
    assert err.value.code == "no_due_date"


def test_an_acceptance_recorded_on_a_later_day_issues_no_online_notice(make_case):
    """The 7 days of FEE 22 run from receipt: a paper file typed in later had its notice on paper."""
    case = make_case(state="accepted", filed_on=DAY - timedelta(days=3))
    assert not FeeNotice.objects.filter(case=case).exists()


def test_a_counterclaim_with_its_amount_issues_the_counterclaimants_notice(make_case, judge):
    """FEE 22: 50,000 yuan counterclaim (FEE 13(1) 1,050, halved by FEE 18: 525.00) on DAY → due 03-08, to the
    defendant (FEE 20: "被告提起反诉…由被告预交")."""
    case = make_case(state="service", procedure="ordinary", filed_on=DAY - timedelta(days=10))
    services.case_record_counterclaim(case=case, actor=judge, on=DAY, amount=Decimal(50000))
    notice = notice_of(case, FeeNotice.Kind.COUNTERCLAIM)
    assert (notice.amount, notice.due_on, notice.party.side) == (Decimal("525.00"), date(2024, 3, 8),
                                                                 Party.Side.DEFENDANT)


def test_a_conversion_to_ordinary_issues_the_top_up_notice(make_case, judge):
    """JI 199: 100,000 filed simple collected 1,150; ordinary 2,300 → 1,150.00 to top up within 7 days."""
    case = make_case(state="service", procedure="simple", amount=Decimal(100000), filed_on=DAY - timedelta(days=10))
    services.case_convert_procedure(case=case, actor=judge, to="ordinary", reason="案情复杂", on=DAY)
    notice = notice_of(case, FeeNotice.Kind.TOP_UP)
    assert (notice.amount, notice.due_on, notice.basis) == (Decimal("1150.00"), date(2024, 3, 8), "JI 199")


# --- payments ------------------------------------------------------------------------------------------------


def test_the_court_records_partial_payments_that_add_up_and_refuses_an_overpayment(accepted, clerk):
    notice = notice_of(accepted)
    services.fee_record_payment(notice=notice, actor=clerk, amount=Decimal("100.00"), reference="BANK-1", paid_on=DAY)
    with pytest.raises(CaseRuleError) as err:
        services.fee_record_payment(notice=notice, actor=clerk, amount=Decimal("175.01"), reference="BANK-2",
                                    paid_on=DAY)
    assert err.value.code == "overpayment"
    services.fee_record_payment(notice=notice, actor=clerk, amount=Decimal("175.00"), reference="BANK-2", paid_on=DAY)
    status = services.fees.fee_status(notice)
    assert (status.paid, status.outstanding) == (Decimal("275.00"), Decimal("0.00"))
    assert accepted.events.filter(kind=K.FEE_PAID).count() == 2
    with pytest.raises(CaseRuleError) as err:
        services.fee_record_payment(notice=notice, actor=clerk, amount=Decimal("1"), reference="BANK-3", paid_on=DAY)
    assert err.value.code == "nothing_owed"


def test_a_recorded_payment_needs_a_new_reference_and_a_date_after_the_notice(accepted, filing_officer):
    notice = notice_of(accepted)
    services.fee_record_payment(notice=notice, actor=filing_officer, amount=Decimal(10), reference="R-1", paid_on=DAY)
    with pytest.raises(CaseRuleError) as err:
        services.fee_record_payment(notice=notice, actor=filing_officer, amount=Decimal(10), reference="R-1",
                                    paid_on=DAY)
    assert err.value.code == "reference_used"
    with pytest.raises(CaseRuleError) as err:
        services.fee_record_payment(notice=notice, actor=filing_officer, amount=Decimal(10), reference="R-2",
                                    paid_on=DAY - timedelta(days=1))
    assert err.value.code == "before_notice"
    with pytest.raises(CaseRuleError) as err:
        services.fee_record_payment(notice=notice, actor=filing_officer, amount=Decimal(10), reference=" ",
                                    paid_on=DAY)
    assert err.value.code == "no_reference"


def test_the_party_pays_online_with_the_fake_backend(accepted, party, settings):
    settings.FANJIAN_PAYMENT_BACKEND = "court.cases.payments.FakePaymentBackend"
    notice = notice_of(accepted)
    start = services.fee_pay_online(notice=notice, actor=party)
    assert start.completed and start.reference.startswith("FAKE-") and start.amount == Decimal("275.00")
    payment = FeePayment.objects.get(notice=notice)
    assert (payment.backend, payment.reference, payment.recorded_by) == ("fake", start.reference, party)
    assert accepted.events.filter(kind=K.FEE_PAID, actor=party).exists()
    with pytest.raises(CaseRuleError) as err:
        services.fee_pay_online(notice=notice, actor=party)
    assert err.value.code == "nothing_owed"


def test_without_a_backend_there_is_no_online_payment(accepted, party, settings):
    settings.FANJIAN_PAYMENT_BACKEND = ""
    with pytest.raises(CaseRuleError) as err:
        services.fee_pay_online(notice=notice_of(accepted), actor=party)
    assert err.value.code == "no_online_payment"


def test_the_backends_confirmation_is_recorded_once_however_often_it_comes(accepted):
    notice = notice_of(accepted)
    for _ in range(3):
        payment = services.fee_confirm_payment(notice=notice, backend="fake", reference="FAKE-1",
                                               amount=Decimal("275.00"), paid_on=DAY)
    assert FeePayment.objects.filter(notice=notice).count() == 1 and payment.amount == Decimal("275.00")
    assert accepted.events.filter(kind=K.FEE_PAID).count() == 1


def test_the_fake_backends_callback_is_signed_and_idempotent(accepted, client, settings):
    settings.FANJIAN_PAYMENT_BACKEND = "court.cases.payments.FakePaymentBackend"
    notice = notice_of(accepted)
    fields = FakePaymentBackend().sign(PaymentConfirmation(notice_id=notice.pk, reference="FAKE-CB",
                                                           amount=Decimal("275.00"), paid_on=DAY))
    first = client.post("/fees/callback/fake/", fields)
    again = client.post("/fees/callback/fake/", fields)
    assert (first.status_code, again.status_code) == (200, 200)
    assert FeePayment.objects.filter(notice=notice, reference="FAKE-CB").count() == 1
    forged = client.post("/fees/callback/fake/", fields | {"amount": "1.00"})
    assert forged.status_code == 400
    assert client.post("/fees/callback/other/", fields).status_code == 404


# --- who may ----------------------------------------------------------------------------------------------------


def test_only_the_paying_side_pays_online(accepted, stranger, settings):
    settings.FANJIAN_PAYMENT_BACKEND = "court.cases.payments.FakePaymentBackend"
    notice = notice_of(accepted)
    with pytest.raises(PermissionDenied):
        services.fee_pay_online(notice=notice, actor=stranger)
    # A defendant on the case does not pay the plaintiff's fee (FEE 20).
    other = User.objects.create_user(username="defendant_user", password="x", role=Role.PARTY)
    Party.objects.filter(pk=defendant(accepted).pk).update(user=other)
    with pytest.raises(CaseRuleError) as err:
        services.fee_pay_online(notice=notice, actor=other)
    assert err.value.code == "not_payer"
    assert not FeePayment.objects.exists()


def test_the_lawyer_of_the_plaintiff_may_pay(accepted, lawyer, settings):
    settings.FANJIAN_PAYMENT_BACKEND = "court.cases.payments.FakePaymentBackend"
    services.fee_pay_online(notice=notice_of(accepted), actor=lawyer)
    assert FeePayment.objects.filter(recorded_by=lawyer).count() == 1


@pytest.mark.parametrize("who", ["party", "lawyer", "other_judge", "mediator", "stranger"])
def test_only_the_court_records_a_payment(request, accepted, who):
    with pytest.raises(PermissionDenied):
        services.fee_record_payment(notice=notice_of(accepted), actor=request.getfixturevalue(who),
                                    amount=Decimal(1), reference="X", paid_on=DAY)


@pytest.mark.parametrize("who", ["party", "lawyer", "clerk", "assistant", "filing_officer", "other_judge"])
def test_only_the_judge_rules_the_suit_withdrawn(request, accepted, who):
    with pytest.raises(PermissionDenied):
        rule_on(notice_of(accepted), request.getfixturevalue(who), DAY + timedelta(days=10))
    assert fresh(accepted).state == CaseState.ACCEPTED


@pytest.mark.parametrize("who", ["party", "lawyer", "clerk", "other_judge"])
def test_only_the_filing_officer_or_the_judge_decides_relief(request, accepted, party, who):
    notice = notice_of(accepted)
    services.fee_apply_relief(notice=notice, actor=party, relief="defer", reasons="失业，无收入")
    with pytest.raises(PermissionDenied):
        services.fee_decide_relief(notice=notice, actor=request.getfixturevalue(who), decision="defer",
                                   deferred_to=DAY + timedelta(days=30))


# --- relief (司法救助) ---------------------------------------------------------------------------------------------


def test_relief_is_applied_for_once_with_reasons(accepted, party):
    notice = notice_of(accepted)
    with pytest.raises(CaseRuleError) as err:
        services.fee_apply_relief(notice=notice, actor=party, relief="reduce", reasons="  ")
    assert err.value.code == "no_reasons"
    services.fee_apply_relief(notice=notice, actor=party, relief="reduce", reasons="家庭生产经营难以为继")
    with pytest.raises(CaseRuleError) as err:
        services.fee_apply_relief(notice=notice, actor=party, relief="defer", reasons="again")
    assert err.value.code == "relief_applied"
    event = accepted.events.filter(kind=K.FEE_RELIEF).get()
    assert (event.payload["step"], event.payload["requested"], event.actor) == ("applied", "reduce", party)


def test_only_a_natural_person_is_exempted(accepted, party, judge):
    """FEE 44: "诉讼费用的免交只适用于自然人"."""
    notice = notice_of(accepted)
    Party.objects.filter(pk=notice.party_id).update(kind=Party.Kind.ENTITY)
    with pytest.raises(CaseRuleError) as err:
        services.fee_apply_relief(notice=fresh_notice(notice), actor=party, relief="waive", reasons="困难")
    assert err.value.code == "waiver_person"
    services.fee_apply_relief(notice=fresh_notice(notice), actor=party, relief="reduce", reasons="困难")
    with pytest.raises(CaseRuleError) as err:
        services.fee_decide_relief(notice=fresh_notice(notice), actor=judge, decision="waive")
    assert err.value.code == "waiver_person"


def fresh_notice(notice):
    return FeeNotice.objects.get(pk=notice.pk)


def test_a_reduction_takes_off_at_least_30_percent(accepted, party, filing_officer):
    """FEE 46: "减交比例不得低于30%" — of 275.00 at least 82.50."""
    notice = notice_of(accepted)
    services.fee_apply_relief(notice=notice, actor=party, relief="reduce", reasons="受灾")
    with pytest.raises(CaseRuleError) as err:
        services.fee_decide_relief(notice=notice, actor=filing_officer, decision="reduce", amount=Decimal("82.49"))
    assert err.value.code == "reduction_small"
    with pytest.raises(CaseRuleError) as err:
        services.fee_decide_relief(notice=notice, actor=filing_officer, decision="reduce", amount=Decimal("275.00"))
    assert err.value.code == "reduction_large"
    services.fee_decide_relief(notice=notice, actor=filing_officer, decision="reduce", amount=Decimal("82.50"))
    status = services.fees.fee_status(fresh_notice(notice))
    assert (status.payable, status.outstanding, status.notice.relief) == (Decimal("192.50"), Decimal("192.50"),
                                                                         "reduce")
    assert accepted.events.filter(kind=K.FEE_RELIEF, payload__step="granted").get().basis == "FEE 46, 51"


def test_a_deferral_moves_the_due_date(accepted, party, judge):
    notice = notice_of(accepted)
    services.fee_apply_relief(notice=notice, actor=party, relief="defer", reasons="正在接受法律援助")
    with pytest.raises(CaseRuleError) as err:
        services.fee_decide_relief(notice=notice, actor=judge, decision="defer", deferred_to=date(2024, 3, 8))
    assert err.value.code == "deferral_not_later"
    services.fee_decide_relief(notice=notice, actor=judge, decision="defer", deferred_to=date(2024, 4, 30))
    status = services.fees.fee_status(fresh_notice(notice))
    assert status.due_on == date(2024, 4, 30)
    assert services.overdue_notices(accepted, date(2024, 3, 20)) == []


def test_an_exemption_leaves_nothing_to_pay(accepted, party, judge):
    notice = notice_of(accepted)
    services.fee_apply_relief(notice=notice, actor=party, relief="waive", reasons="最低生活保障对象，无其他收入")
    services.fee_decide_relief(notice=notice, actor=judge, decision="waive")
    assert services.fees.fee_status(fresh_notice(notice)).outstanding == Decimal("0.00")
    assert services.overdue_notices(accepted, date(2024, 5, 1)) == []


def test_a_refusal_gives_reasons_and_then_non_payment_may_be_ruled_on(accepted, party, judge):
    """FEE 48: "不予批准的，应当向当事人书面说明理由"; JI 213: "申请减、缓、免未获批准而仍不预交的，裁定按撤诉处理"."""
    notice = notice_of(accepted)
    services.fee_apply_relief(notice=notice, actor=party, relief="waive", reasons="困难")
    with pytest.raises(CaseRuleError) as err:
        rule_on(notice, judge, date(2024, 3, 11))
    assert err.value.code == "relief_pending"
    with pytest.raises(CaseRuleError) as err:
        services.fee_decide_relief(notice=notice, actor=judge, decision="refused")
    assert err.value.code == "no_reasons"
    services.fee_decide_relief(notice=notice, actor=judge, decision="refused", reason="收入证明不足")
    rule_on(notice, judge, date(2024, 3, 11))
    assert fresh(accepted).closing_mode == ClosingMode.DEEMED_WITHDRAWAL


def test_relief_is_decided_only_on_an_application(accepted, judge):
    with pytest.raises(CaseRuleError) as err:
        services.fee_decide_relief(notice=notice_of(accepted), actor=judge, decision="waive")
    assert err.value.code == "relief_not_applied"


# --- 按撤诉处理 ----------------------------------------------------------------------------------------------------


def test_the_suit_is_not_deemed_withdrawn_before_the_due_date_has_passed(accepted, judge):
    """FEE 22's last day (03-08) is still in time."""
    with pytest.raises(CaseRuleError) as err:
        rule_on(notice_of(accepted), judge, date(2024, 3, 8))
    assert err.value.code == "not_overdue"


def test_an_unpaid_fee_past_due_waits_for_the_judges_ruling(accepted, judge):
    """JI 213: nothing closes by itself; the judge's ruling closes the case as deemed withdrawn, with its event."""
    notice = notice_of(accepted)
    [overdue] = services.overdue_notices(accepted, date(2024, 3, 9))
    assert overdue.notice == notice and fresh(accepted).state == CaseState.ACCEPTED
    rule_on(notice, judge, date(2024, 3, 11))
    case = fresh(accepted)
    assert (case.state, case.closing_mode, case.closed_on) == (CaseState.CLOSED, ClosingMode.DEEMED_WITHDRAWAL,
                                                               date(2024, 3, 11))
    closed = case.events.get(kind=K.CLOSED)
    assert "JI 213" in closed.basis and "FEE 22; JI 213" in closed.reason and closed.actor == judge


def test_a_paid_fee_is_never_ruled_on(accepted, judge, clerk):
    notice = notice_of(accepted)
    services.fee_record_payment(notice=notice, actor=clerk, amount=Decimal("275.00"), reference="B", paid_on=DAY)
    assert services.overdue_notices(accepted, date(2024, 4, 1)) == []
    with pytest.raises(CaseRuleError) as err:
        rule_on(notice, judge, date(2024, 3, 11))
    assert err.value.code == "not_overdue"


def test_an_unpaid_counterclaim_fee_does_not_end_the_suit(make_case, judge):
    case = make_case(state="service", procedure="ordinary", filed_on=DAY - timedelta(days=10))
    services.case_record_counterclaim(case=case, actor=judge, on=DAY, amount=Decimal(50000))
    notice = notice_of(case, FeeNotice.Kind.COUNTERCLAIM)
    assert services.overdue_notices(case, date(2024, 4, 1)) == []
    with pytest.raises(CaseRuleError) as err:
        rule_on(notice, judge, date(2024, 4, 1))
    assert err.value.code == "counterclaim"


# --- after closing: the refund of FEE 15-16, 53 --------------------------------------------------------------

def test_a_withdrawal_after_the_full_fee_was_paid_refunds_the_half_within_15_days_of_effect(make_case, clerk, judge,
                                                                                           clock, client):
    """FEE 15 "以调解方式结案或者当事人申请撤诉的，减半交纳案件受理费"; FEE 53 "需要向当事人退还诉讼费用的，人民法院应当自
    法律文书生效之日起15日内退还有关当事人"."""
    case = make_case(state="accepted", procedure="ordinary", filed_on=DAY)
    notice = notice_of(case)
    assert notice.amount == Decimal("550.00")  # ordinary procedure: the whole fee
    services.fee_record_payment(notice=notice, actor=clerk, amount=Decimal("550.00"), reference="BANK-9", paid_on=DAY)
    assert services.fees.closing_refund(fresh(case), services.fees.case_fee_statuses(case)) is None  # still open
    clock.day = DAY + timedelta(days=10)
    services.case_close(case=case, actor=judge, mode=ClosingMode.WITHDRAWAL, ruling_on=clock.day)
    case = fresh(case)
    refund = services.fees.closing_refund(case, services.fees.case_fee_statuses(case))
    assert refund is not None and refund.amount == Decimal("275.00") and refund.notice == notice
    effective_on = services.decision_status(case, on=clock.day).effective_on
    assert refund.due_on == (effective_on + timedelta(days=15) if effective_on else None)
    client.force_login(judge)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="fee-refund"' in page and "275.00" in page


def test_nothing_is_refunded_when_nothing_was_paid_beyond_the_fee(make_case, clerk, judge, clock):
    case = make_case(state="accepted", filed_on=DAY)  # simple: 275 already halved (FEE 16), at most once (JI 206)
    notice = notice_of(case)
    services.fee_record_payment(notice=notice, actor=clerk, amount=notice.amount, reference="BANK-8", paid_on=DAY)
    clock.day = DAY + timedelta(days=10)
    services.case_close(case=case, actor=judge, mode=ClosingMode.WITHDRAWAL, ruling_on=clock.day)
    assert services.fees.closing_refund(fresh(case), services.fees.case_fee_statuses(case)) is None
