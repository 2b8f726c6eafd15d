"""The defendant's answer (CPL 128), applications to withdraw (CPL 148; JI 238-239) and objections to
jurisdiction (CPL 130; JI 223, 243) and the judge's rulings on them (CPL 157)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from court.cases import services
from court.cases.models import Application, CaseEvent, CaseState, ClosingMode, DocumentKind, Party, PeriodKind
from court.org.models import Role, User
from tests.casefile.conftest import PDF, case_files_dir, upload  # noqa: F401  (case files in a temporary folder)

from .conftest import defendant, fresh, last_event

FILED = date(2024, 3, 1)  # the complaint is served on the defendant on 2024-03-04 (tests/factories.py)
SERVED = FILED + timedelta(days=3)


@pytest.fixture
def defendant_user(db) -> User:
    return User.objects.create_user(username="defendant", password="pw-defendant", role=Role.PARTY)


@pytest.fixture
def ordinary(make_case, defendant_user):
    """An ordinary case served on the defendant on 2024-03-04: its answer period is 15 days (CPL 128)."""
    case = make_case(state="service", procedure="ordinary", filed_on=FILED)
    Party.objects.filter(pk=defendant(case).pk).update(user=defendant_user)
    return case


def answer_ends(case):
    return services.answer_period_of(case, defendant(case)).ends_on


# --- the answer --------------------------------------------------------------------------------------------

def test_the_defendant_answers_with_a_file_and_evidence(ordinary, defendant_user):
    """CPL 128: "被告应当在收到之日起十五日内提出答辩状"."""
    services.answer_file(case=ordinary, actor=defendant_user, party=defendant(ordinary), text="借款已归还",
                         file=upload("answer.pdf", PDF), on=SERVED + timedelta(days=5),
                         evidence=[services.EvidenceInput(name="还款凭证", file=upload("receipt.pdf", PDF))])
    doc = ordinary.documents.get(kind=DocumentKind.ANSWER)
    assert doc.uploaded_by == defendant_user
    answered = ordinary.events.get(kind=CaseEvent.Kind.ANSWER_FILED)
    assert answered.reason == "借款已归还" and answered.payload["late"] is False
    assert answered.payload["document_id"] == doc.pk
    assert answered.payload["answer_due"] == answer_ends(ordinary).isoformat()
    item = ordinary.evidence.get(name="还款凭证")
    assert item.added_by == defendant_user and item.document is not None


def test_a_late_answer_is_taken_and_marked_late(ordinary, defendant_user):
    """CPL 128 para 2: "被告不提出答辩状的，不影响人民法院审理" — the case did not wait; the answer is still taken."""
    services.answer_file(case=ordinary, actor=defendant_user, party=defendant(ordinary), text="答辩意见",
                         on=answer_ends(ordinary) + timedelta(days=1))
    event = last_event(ordinary)
    assert event.kind == CaseEvent.Kind.ANSWER_FILED and event.payload["late"] is True
    assert event.basis == "CPL 128 para 2"


def test_the_answer_is_the_defendants(ordinary, party):
    with pytest.raises(services.CaseRuleError) as exc:
        services.answer_file(case=ordinary, actor=party, party=ordinary.parties.get(side=Party.Side.PLAINTIFF),
                             text="x")
    assert exc.value.text == services.ANSWER_ONLY_DEFENDANT


def test_an_empty_answer_is_refused(ordinary, defendant_user):
    with pytest.raises(services.CaseRuleError) as exc:
        services.answer_file(case=ordinary, actor=defendant_user, party=defendant(ordinary), text="  ")
    assert exc.value.text == services.ANSWER_NEEDS_CONTENT


def test_who_answers_for_the_defendant(ordinary, defendant_user, party, lawyer, judge, clerk, other_judge,
                                       filing_officer, mediator, stranger):
    """The defendant or its representative, or its trial team recording a paper answer; nobody else — not the
    plaintiff's side, a judge of another team, the filing officer or a mediator."""
    d = defendant(ordinary)
    for actor in (party, lawyer, other_judge, filing_officer, mediator, stranger):
        with pytest.raises((PermissionDenied,)):
            services.answer_file(case=ordinary, actor=actor, party=d, text="x", on=SERVED)
    services.answer_file(case=ordinary, actor=clerk, party=d, text="纸质答辩状", on=SERVED)
    services.answer_file(case=ordinary, actor=defendant_user, party=d, text="网上答辩", on=SERVED)
    assert ordinary.events.filter(kind=CaseEvent.Kind.ANSWER_FILED).count() == 2


# --- objection to jurisdiction -----------------------------------------------------------------------------

def test_an_objection_within_the_answer_period_starts_the_excluded_period(ordinary, defendant_user):
    """CPL 130: "当事人对管辖权有异议的，应当在提交答辩状期间提出"; JI 243: "审理当事人提出的管辖异议…期间不应计算在内"."""
    on = SERVED + timedelta(days=10)
    app = services.application_file(case=ordinary, actor=defendant_user, party=defendant(ordinary),
                                    kind=Application.Kind.JURISDICTION_OBJECTION, text="被告住所地在西安",
                                    file=upload("objection.pdf", PDF), on=on)
    assert app.status == Application.Status.PENDING and app.document.kind == DocumentKind.APPLICATION
    period = ordinary.periods.get(kind=PeriodKind.JURISDICTION_OBJECTION)
    assert period.start_on == on and period.end_on is None
    kinds = list(ordinary.events.order_by("-id").values_list("kind", flat=True)[:2])
    assert kinds == [CaseEvent.Kind.PERIOD_STARTED, CaseEvent.Kind.APPLICATION_FILED]


def test_an_objection_after_the_answer_period_is_refused(ordinary, defendant_user):
    ends = answer_ends(ordinary)
    with pytest.raises(services.CaseRuleError) as exc:
        services.application_file(case=ordinary, actor=defendant_user, party=defendant(ordinary),
                                  kind=Application.Kind.JURISDICTION_OBJECTION, text="x", on=ends + timedelta(days=1))
    assert exc.value.text == services.OBJECTION_OUT_OF_TIME % {"ends": ends}
    assert not ordinary.applications.exists() and not ordinary.periods.exists()


def test_the_plaintiff_raises_no_objection(ordinary, party):
    """JI 82: "无独立请求权的第三人无权提出管辖异议"; the answer period, and with it the objection, is the defendant's."""
    with pytest.raises(services.CaseRuleError) as exc:
        services.application_file(case=ordinary, actor=party, party=ordinary.parties.get(side=Party.Side.PLAINTIFF),
                                  kind=Application.Kind.JURISDICTION_OBJECTION, text="x", on=SERVED)
    assert exc.value.text == services.OBJECTION_ONLY_DEFENDANT


def test_without_an_answer_period_the_objection_comes_before_answering_on_the_merits(make_case, defendant_user):
    """JI 223 para 2: "当事人未提出管辖异议，就案件实体内容进行答辩…可以认定为民事诉讼法第一百三十条第二款规定的应诉答辩"."""
    case = make_case(state="service", procedure="simple", filed_on=FILED)
    d = defendant(case)
    Party.objects.filter(pk=d.pk).update(user=defendant_user)
    assert services.answer_period_of(case, d) is None  # simple procedure, none set (JI 266)
    services.answer_file(case=case, actor=defendant_user, party=d, text="就实体答辩", on=SERVED)
    with pytest.raises(services.CaseRuleError) as exc:
        services.application_file(case=case, actor=defendant_user, party=d,
                                  kind=Application.Kind.JURISDICTION_OBJECTION, text="x", on=SERVED)
    assert exc.value.text == services.OBJECTION_AFTER_ANSWER_ON_MERITS


def test_an_upheld_objection_transfers_the_case(ordinary, defendant_user, judge):
    """CPL 130: "异议成立的，裁定将案件移送有管辖权的人民法院"; the period ends with the ruling."""
    filed = SERVED + timedelta(days=2)
    app = services.application_file(case=ordinary, actor=defendant_user, party=defendant(ordinary),
                                    kind=Application.Kind.JURISDICTION_OBJECTION, text="合同约定西安管辖", on=filed)
    ruled = filed + timedelta(days=10)
    services.application_decide(application=app, actor=judge, grant=True, ruling="异议成立，移送西安市雁塔区人民法院",
                                on=ruled)
    case = fresh(ordinary)
    assert (case.state, case.closing_mode, case.closed_on) == (CaseState.CLOSED, ClosingMode.TRANSFER, ruled)
    assert case.periods.get(kind=PeriodKind.JURISDICTION_OBJECTION).end_on == ruled
    assert case.excluded_days == 10
    decided = case.events.get(kind=CaseEvent.Kind.APPLICATION_DECIDED)
    assert decided.payload["granted"] is True and decided.payload["appealable"] is True  # CPL 157 para 2


def test_a_refused_objection_lets_the_case_go_on(ordinary, defendant_user, judge):
    """CPL 130: "异议不成立的，裁定驳回"."""
    filed = SERVED + timedelta(days=2)
    app = services.application_file(case=ordinary, actor=defendant_user, party=defendant(ordinary),
                                    kind=Application.Kind.JURISDICTION_OBJECTION, text="x", on=filed)
    services.application_decide(application=app, actor=judge, grant=False, ruling="本院有管辖权，驳回异议",
                                on=filed + timedelta(days=4))
    case = fresh(ordinary)
    assert case.state == CaseState.SERVICE
    assert case.periods.get(kind=PeriodKind.JURISDICTION_OBJECTION).end_on == filed + timedelta(days=4)
    app.refresh_from_db()
    assert (app.status, app.decided_by, app.ruling) == (Application.Status.REFUSED, judge, "本院有管辖权，驳回异议")


# --- withdrawal of the suit ------------------------------------------------------------------------------

def test_a_granted_withdrawal_closes_on_the_ruling_date(ordinary, party, judge):
    """CPL 148: "宣判前，原告申请撤诉的，是否准许，由人民法院裁定"; the case closes on the ruling (TL2000 Art. 10)."""
    plaintiff = ordinary.parties.get(side=Party.Side.PLAINTIFF)
    app = services.application_file(case=ordinary, actor=party, party=plaintiff, kind=Application.Kind.WITHDRAWAL,
                                    text="双方已和解", on=SERVED + timedelta(days=1))
    ruled = SERVED + timedelta(days=3)
    services.application_decide(application=app, actor=judge, grant=True, ruling="准许撤诉", on=ruled)
    case = fresh(ordinary)
    assert (case.state, case.closing_mode, case.closed_on) == (CaseState.CLOSED, ClosingMode.WITHDRAWAL, ruled)
    kinds = list(case.events.order_by("-id").values_list("kind", flat=True)[:2])
    assert kinds == [CaseEvent.Kind.CLOSED, CaseEvent.Kind.APPLICATION_DECIDED]


def test_a_refused_withdrawal_keeps_the_case(ordinary, party, judge):
    """JI 238: "当事人有违反法律的行为需要依法处理的，人民法院可以不准许撤诉"."""
    app = services.application_file(case=ordinary, actor=party, party=ordinary.parties.get(side=Party.Side.PLAINTIFF),
                                    kind=Application.Kind.WITHDRAWAL, text="x", on=SERVED)
    services.application_decide(application=app, actor=judge, grant=False, ruling="不准许撤诉", on=SERVED)
    assert fresh(ordinary).state == CaseState.SERVICE
    with pytest.raises(services.CaseRuleError) as exc:
        services.application_decide(application=app, actor=judge, grant=True, ruling="x", on=SERVED)
    assert exc.value.code == "decided"


def test_with_a_counterclaim_a_granted_withdrawal_does_not_close(ordinary, party, judge):
    """JI 239: "人民法院准许本诉原告撤诉的，应当对反诉继续审理"."""
    services.case_record_counterclaim(case=ordinary, actor=judge, on=SERVED)
    app = services.application_file(case=ordinary, actor=party, party=ordinary.parties.get(side=Party.Side.PLAINTIFF),
                                    kind=Application.Kind.WITHDRAWAL, text="x", on=SERVED)
    services.application_decide(application=app, actor=judge, grant=True, ruling="准许撤回本诉", on=SERVED)
    case = fresh(ordinary)
    assert case.state == CaseState.SERVICE
    assert last_event(case).payload["counterclaim_continues"] is True


def test_the_defendant_cannot_apply_to_withdraw(ordinary, defendant_user):
    with pytest.raises(services.CaseRuleError) as exc:
        services.application_file(case=ordinary, actor=defendant_user, party=defendant(ordinary),
                                  kind=Application.Kind.WITHDRAWAL, text="x", on=SERVED)
    assert exc.value.text == services.WITHDRAWAL_ONLY_PLAINTIFF


def test_one_pending_application_of_a_kind_per_party(ordinary, party):
    plaintiff = ordinary.parties.get(side=Party.Side.PLAINTIFF)
    services.application_file(case=ordinary, actor=party, party=plaintiff, kind=Application.Kind.WITHDRAWAL,
                              text="x", on=SERVED)
    with pytest.raises(services.CaseRuleError) as exc:
        services.application_file(case=ordinary, actor=party, party=plaintiff, kind=Application.Kind.WITHDRAWAL,
                                  text="y", on=SERVED)
    assert exc.value.text == services.APPLICATION_ALREADY_PENDING


def test_a_ruling_needs_reasons_and_cannot_precede_the_application(ordinary, party, judge):
    """CPL 157: "裁定书应当写明裁定结果和作出该裁定的理由"."""
    app = services.application_file(case=ordinary, actor=party, party=ordinary.parties.get(side=Party.Side.PLAINTIFF),
                                    kind=Application.Kind.WITHDRAWAL, text="x", on=SERVED)
    with pytest.raises(services.CaseRuleError) as exc:
        services.application_decide(application=app, actor=judge, grant=True, ruling=" ", on=SERVED)
    assert exc.value.text == services.RULING_NEEDS_REASONS
    with pytest.raises(services.CaseRuleError) as exc:
        services.application_decide(application=app, actor=judge, grant=True, ruling="x", on=SERVED - timedelta(days=1))
    assert exc.value.code == "before_application"


def test_only_the_teams_judge_rules(ordinary, party, clerk, assistant, other_judge, filing_officer, admin, mediator):
    app = services.application_file(case=ordinary, actor=party, party=ordinary.parties.get(side=Party.Side.PLAINTIFF),
                                    kind=Application.Kind.WITHDRAWAL, text="x", on=SERVED)
    for actor in (party, clerk, assistant, other_judge, filing_officer, admin, mediator):
        with pytest.raises(PermissionDenied):
            services.application_decide(application=app, actor=actor, grant=True, ruling="x", on=SERVED)


def test_a_party_applies_only_for_itself(ordinary, defendant_user, stranger, other_judge):
    plaintiff = ordinary.parties.get(side=Party.Side.PLAINTIFF)
    for actor in (defendant_user, stranger, other_judge):
        with pytest.raises(PermissionDenied):
            services.application_file(case=ordinary, actor=actor, party=plaintiff, kind=Application.Kind.WITHDRAWAL,
                                      text="x", on=SERVED)


def test_the_queue_lists_pending_applications_oldest_first(ordinary, party, defendant_user, judge):
    from court.cases.access import cases_for_user

    w = services.application_file(case=ordinary, actor=party, party=ordinary.parties.get(side=Party.Side.PLAINTIFF),
                                  kind=Application.Kind.WITHDRAWAL, text="x", on=SERVED + timedelta(days=2))
    o = services.application_file(case=ordinary, actor=defendant_user, party=defendant(ordinary),
                                  kind=Application.Kind.JURISDICTION_OBJECTION, text="y", on=SERVED + timedelta(days=1))
    assert list(services.pending_applications(cases_for_user(judge))) == [o, w]
    services.application_decide(application=o, actor=judge, grant=False, ruling="驳回", on=SERVED + timedelta(days=2))
    assert list(services.pending_applications(cases_for_user(judge))) == [w]
