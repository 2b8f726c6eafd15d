"""Pre-filing mediation through the services: diversion with consent (OMR 4, 7), the 民诉前调 number (案号规定),
the mediator named within three working days (OMR 10), thirty days (OMR 24), appraisal not counted (OMR 26),
agreement signed by each party (OMR 19), judicial confirmation (CPL 205-206; JI 351-358; FEE 8), failure and
filing as 民初 (OMR 21(2))."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from court.cases import services
from court.cases.fees import case_fees
from court.cases.models import Case, CaseEvent, CaseState, CaseType, ClosingMode, PeriodKind
from court.cases.services import CaseRuleError
from court.mediation import services as med
from court.mediation.models import Mediation

from .conftest import DIVERTED, parties

K = CaseEvent.Kind


def test_diversion_needs_the_parties_consent(complaint, filing_officer):
    # OMR 4: "人民法院采用在线调解方式应当征得当事人同意"
    with pytest.raises(CaseRuleError) as err:
        med.prefiling_divert(case=complaint, actor=filing_officer, consent=False, on=DIVERTED)
    assert err.value.text == med.NEEDS_CONSENT
    assert Case.objects.get(pk=complaint.pk).case_type == CaseType.FIRST_INSTANCE


def test_diversion_registers_a_pre_suit_mediation_case_with_its_own_number(diverted, filing_officer):
    case = Case.objects.get(pk=diverted.case_id)
    assert case.case_type == CaseType.PRE_SUIT_MEDIATION and case.state == CaseState.ACCEPTED
    assert case.case_number == "（2024）陕0122民诉前调1号"
    # OMR 10: "人民法院应当在收到当事人在线调解申请后三个工作日内指定调解组织或者调解员" (Mon 4 → Thu 7 March)
    assert diverted.assign_by == date(2024, 3, 7)
    assert case.normal_deadline is None  # OMR 24: not a 审限
    assert services.allocate_case_number(court=case.court, type_code="民初", year=2024).serial == 1  # 民初 untouched


def test_only_the_filing_officer_diverts(complaint, judge, party):
    from django.core.exceptions import PermissionDenied
    for actor in (judge, party):
        with pytest.raises(PermissionDenied):
            med.prefiling_divert(case=complaint, actor=actor, consent=True, on=DIVERTED)


def test_the_suggestion_offers_the_parties_village_first(diverted, elder, far_elder, court_mediator):
    assert med.suggest_mediators(diverted) == [elder, court_mediator]


def test_assignment_starts_the_thirty_days(assigned, elder):
    case = Case.objects.get(pk=assigned.case_id)
    assert case.state == CaseState.MEDIATION and case.mediator == elder
    # OMR 24: "立案前在线调解期限为三十日" counted "自调解组织或者调解员……确认接受……之日起算"
    assert assigned.due_on == DIVERTED + timedelta(days=30)
    assert assigned.organisation.name == "鹿塬村乡贤调解室"
    event = case.events.filter(kind=K.MEDIATION_STARTED).get()
    assert event.kind == K.MEDIATION_STARTED and "OMR 24" in event.basis and "late" not in event.payload


def test_a_late_assignment_is_recorded_as_late(diverted, filing_officer, elder):
    m = med.prefiling_assign(mediation=diverted, actor=filing_officer, mediator=elder, on=date(2024, 3, 8))
    assert m.case.events.order_by("-id").first().payload["late"] is True


def test_a_judge_is_not_a_chain_mediator(diverted, filing_officer, judge):
    with pytest.raises(CaseRuleError) as err:
        med.prefiling_assign(mediation=diverted, actor=filing_officer, mediator=judge, on=DIVERTED)
    assert err.value.text == med.NOT_A_CHAIN_MEDIATOR


def test_agreement_signed_by_each_party_then_confirmed_as_a_special_case(assigned, elder, party, filing_officer,
                                                                         team, judge, court):
    agreement = med.agreement_draw(mediation=assigned, actor=elder, terms="被告于2024年4月30日前归还借款30000元。",
                                   on=date(2024, 3, 12))
    assert agreement.document.content_type == "application/pdf" and agreement.document.case_id == assigned.case_id
    plaintiff, defendant = parties(assigned.case)
    med.agreement_sign(agreement=agreement, actor=party, party=plaintiff)
    with pytest.raises(CaseRuleError) as err:  # OMR 19: effective only when every party has signed
        med.confirmation_apply(mediation=assigned, actor=party, party=plaintiff)
    assert err.value.text == med.NOT_EFFECTIVE
    # The defendant signs through its own account (here linked after the complaint, as a join code would).
    from court.org.models import Role, User
    other = User.objects.create_user(username="lisi", password="x", role=Role.PARTY)
    defendant.user = other
    defendant.save()
    with pytest.raises(Exception):  # the plaintiff cannot sign for the defendant
        med.agreement_sign(agreement=agreement, actor=party, party=defendant)
    med.agreement_sign(agreement=agreement, actor=other, party=defendant)
    agreement.refresh_from_db()
    mediation = Mediation.objects.get(pk=assigned.pk)
    assert agreement.effective_on is not None and mediation.outcome == Mediation.Outcome.AGREEMENT
    assert agreement.signatures.count() == 2
    pre = Case.objects.get(pk=assigned.case_id)
    # OMR 20: "调解员应当记入调解笔录并按诉讼外调解结案"
    assert pre.state == CaseState.CLOSED and pre.closing_mode == ClosingMode.MEDIATION
    # CPL 205: "由双方当事人……共同……提出": the first application alone files nothing.
    assert med.confirmation_apply(mediation=mediation, actor=party, party=plaintiff) is None
    special = med.confirmation_apply(mediation=mediation, actor=other, party=defendant)
    assert special.case_type == CaseType.SPECIAL and special.cause.name == "申请司法确认调解协议"
    assert special.documents.filter(title=agreement.document.title).exists()
    special = services.case_accept(case=special, actor=filing_officer, procedure="simple", team=team,
                                   on=special.submitted_on)
    # FEE 8(1): "依照民事诉讼法规定的特别程序审理的案件" pay no case fee; CPL 187: thirty days.
    assert case_fees(special).main.payable == 0 and not special.fee_notices.exists()
    assert special.normal_deadline >= special.filed_on + timedelta(days=30)
    # CPL 206: "符合法律规定的，裁定调解协议有效"
    med.confirmation_decide(case=special, actor=judge, confirmed=True, on=special.filed_on)
    special = Case.objects.get(pk=special.pk)
    assert special.state == CaseState.CLOSED and special.closing_mode == ClosingMode.OTHER
    assert special.net_trial_days == 0 and special.within_term


def test_a_dismissal_names_its_ground(assigned, elder, party, filing_officer, team, judge):
    mediation, special = _confirmation_case(assigned, elder, party, filing_officer, team)
    with pytest.raises(CaseRuleError) as err:  # JI 358: "经审查，调解协议有下列情形之一的，人民法院应当裁定驳回申请"
        med.confirmation_decide(case=special, actor=judge, confirmed=False, on=special.filed_on)
    assert err.value.text == med.REFUSAL_NEEDS_GROUND
    med.confirmation_decide(case=special, actor=judge, confirmed=False, ground="JI 358(5): 内容不明确",
                            on=special.filed_on)
    assert Case.objects.get(pk=special.pk).closing_mode == ClosingMode.DISMISSAL


def _confirmation_case(mediation, elder, party, officer, team):
    from court.org.models import Role, User
    agreement = med.agreement_draw(mediation=mediation, actor=elder, terms="和解", on=date(2024, 3, 12))
    plaintiff, defendant = parties(mediation.case)
    other = User.objects.create_user(username="lisi", password="x", role=Role.PARTY)
    defendant.user = other
    defendant.save()
    med.agreement_sign(agreement=agreement, actor=party, party=plaintiff)
    med.agreement_sign(agreement=agreement, actor=other, party=defendant)
    med.confirmation_apply(mediation=mediation, actor=party, party=plaintiff)
    special = med.confirmation_apply(mediation=mediation, actor=other, party=defendant)
    return mediation, services.case_accept(case=special, actor=officer, procedure="simple", team=team,
                                           on=special.submitted_on)


def test_failure_needs_a_ground_before_the_deadline(assigned, elder):
    with pytest.raises(CaseRuleError) as err:
        med.prefiling_fail(mediation=assigned, actor=elder, on=date(2024, 3, 20))
    assert err.value.code == "no_ground" and "2024-04-03" in err.value.text


def test_failure_at_the_limit_files_a_first_instance_case_with_its_files(assigned, elder, judge, filing_officer,
                                                                        team):
    pre = Case.objects.get(pk=assigned.case_id)
    services.document_upload(case=pre, actor=None, kind="evidence", title="借条",
                             file=_pdf_file())
    # OMR 26: an appraisal during pre-filing mediation is not counted and is carried into the case.
    med.prefiling_appraisal(mediation=assigned, actor=elder, start_on=date(2024, 3, 10), end_on=date(2024, 3, 15))
    mediation = Mediation.objects.get(pk=assigned.pk)
    assert mediation.due_on == date(2024, 4, 8)  # 3-4 + 30 + 5 = 4-8 (Mon)
    on = mediation.due_on + timedelta(days=1)
    # OMR 25(6): "调解期限届满，未达成调解协议，且各方当事人未达成延长调解期限的合意"
    filed = med.prefiling_fail(mediation=mediation, actor=elder, on=on)
    pre = Case.objects.get(pk=pre.pk)
    assert pre.state == CaseState.CLOSED and pre.closing_mode == ClosingMode.TERMINATION
    assert filed.case_type == CaseType.FIRST_INSTANCE and filed.state == CaseState.FILED
    assert filed.submitted_on == on and filed.appraisal_requested
    assert filed.parties.count() == pre.parties.count() == 2
    assert sorted(filed.documents.values_list("title", flat=True)) == sorted(pre.documents.values_list("title",
                                                                                                    flat=True))
    event = filed.events.get(kind=K.SUBMITTED)
    assert event.payload["pre_filing_case"] == pre.case_number and event.payload["pre_filing_days"] == 36
    # OMR 21(2): "调解不成后，人民法院应当依法登记立案"; its term runs from its own filing (the 36 days are not in it).
    filed = services.case_accept(case=filed, actor=filing_officer, procedure="simple", team=team, on=on)
    assert filed.case_number == "（2024）陕0122民初1号" and filed.elapsed_days == 0
    assert Mediation.objects.get(pk=assigned.pk).filed_case == filed


def test_a_complaint_filed_after_failure_is_not_diverted_again(assigned, elder, filing_officer):
    filed = med.prefiling_fail(mediation=assigned, actor=elder, reason="拒绝调解", on=date(2024, 3, 10))
    with pytest.raises(CaseRuleError) as err:  # OMR 21(2): "调解不成后，人民法院应当依法登记立案"
        med.prefiling_divert(case=filed, actor=filing_officer, consent=True, on=date(2024, 3, 11))
    assert err.value.text == med.ALREADY_MEDIATED


def _pdf_file():
    from django.core.files.uploadedfile import SimpleUploadedFile
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile("jietiao.pdf", body, content_type="application/pdf")


def test_an_agreed_extension_moves_the_deadline(assigned, elder):
    with pytest.raises(CaseRuleError):
        med.mediation_extend(mediation=assigned, actor=elder, until=assigned.due_on, on=date(2024, 3, 20))
    m = med.mediation_extend(mediation=assigned, actor=elder, until=date(2024, 4, 30), on=date(2024, 3, 20))
    assert m.due_on == date(2024, 4, 30)
    with pytest.raises(CaseRuleError):  # not yet failed by the deadline
        med.prefiling_fail(mediation=m, actor=elder, on=date(2024, 4, 20))


def test_pre_suit_cases_do_not_change_first_instance_counts(assigned, elder, make_case):
    make_case(state="closed")
    assert Case.objects.filter(case_type=CaseType.FIRST_INSTANCE, closed_on__isnull=False).count() == 1
    assert PeriodKind.MEDIATION_EXTENSION  # the in-case extension kind exists (see test_in_case)
