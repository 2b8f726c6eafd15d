from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from court.cases import services
from court.cases.term import today

from .conftest import page_text


def _actions(response) -> set[str]:
    return {a["spec"].slug for _label, items in response.context["action_groups"] for a in items}


def test_the_case_page_shows_header_ledger_parties_and_timeline(recent, judge, as_user):
    case = recent(state="scheduled", amount=__import__("decimal").Decimal("30000"))
    response = as_user(judge).get(reverse("case_detail", args=[case.pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert case.case_number in text and "民间借贷纠纷" in text
    assert "30,000.00" in text and "yuan" in text
    assert "Simple procedure" in text and "Sole judge" in text
    term = response.context["term"]
    assert term.normal_deadline.isoformat() in text and str(term.net_trial_days) in text
    assert "张三" in text and "李四0" in text and "秦岭律师事务所" in text
    assert "第一法庭" in text and "Complaint copy and answer notice" in text
    events = response.context["events"]
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    assert "Hearing scheduled" in text and "CPL 139" in text


def test_the_ledger_lists_excluded_periods_and_extensions(recent, judge, admin, as_user):
    case = recent(state="service", days_ago=40)
    services.period_start(case=case, actor=judge, kind="appraisal", start_on=today() - timedelta(days=5),
                          end_on=today() - timedelta(days=1), reason="笔迹鉴定")
    services.case_extend(case=case, actor=admin, months=1, reason="案情复杂")
    response = as_user(judge).get(reverse("case_detail", args=[case.pk]))
    text = page_text(response)
    assert "Appraisal (鉴定)" in text and "Approved extension (延长审限)" in text and "Court president" in text
    term = response.context["term"]
    assert term.excluded_days == 4 and term.extension_months == 1
    assert term.extended_deadline.isoformat() in text


def test_the_judge_sees_only_the_actions_the_state_allows(recent, judge, as_user):
    case = recent(state="service")
    actions = _actions(as_user(judge).get(reverse("case_detail", args=[case.pk])))
    assert {"service_send", "hearing_schedule", "suspend", "close", "convert", "note", "mediation_start"} <= actions
    # The factory's one service attempt is already served: nothing to record.
    assert not actions & {"accept", "reject", "hearing_hold", "resume", "archive", "extend", "period_end",
                          "service_record"}


def test_the_clerk_has_no_closing_or_suspension_actions(recent, clerk, as_user):
    case = recent(state="heard", days_ago=30)
    actions = _actions(as_user(clerk).get(reverse("case_detail", args=[case.pk])))
    assert "note" in actions and not actions & {"close", "suspend", "convert", "extend"}


def test_only_the_president_is_offered_the_extension(recent, admin, judge, as_user):
    case = recent(state="service")
    assert "extend" in _actions(as_user(admin).get(reverse("case_detail", args=[case.pk])))
    assert "extend" not in _actions(as_user(judge).get(reverse("case_detail", args=[case.pk])))


def test_the_filing_officer_is_offered_the_filing_decision(make_case, filing_officer, as_user):
    case = make_case(state="filed")
    response = as_user(filing_officer).get(reverse("case_detail", args=[case.pk]))
    assert _actions(response) >= {"accept", "correct", "reject"}
    assert response.context["decision_due"] is not None


def test_a_party_sees_the_timeline_without_notes_or_internal_details(recent, judge, party, as_user):
    case = recent(state="service")
    services.case_note(case=case, actor=judge, text="内部：被告可能转移财产")
    response = as_user(party).get(reverse("case_detail", args=[case.pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert "内部：被告可能转移财产" not in text
    assert all(e.kind != "note" for e in response.context["events"])
    # Issue 12: the labelled payload reads for the parties too; the keys without a label are the court's only.
    assert "<b>attempt</b>" not in text and "<b>Channel</b> Electronic (CPL 90)" in text
    assert "Accepted (立案)" in text
    # Issue 10: only the plaintiff's own steps (its consents, its service address, an application to withdraw).
    assert _actions(response) == {"my_consents", "address", "apply"}
    staff = page_text(as_user(judge).get(reverse("case_detail", args=[case.pk])))
    assert "内部：被告可能转移财产" in staff and "<b>attempt</b>" not in staff  # an id: internal (INTERNAL_KEYS)


def test_the_filer_sees_the_correction_items_and_a_resubmit_button(make_case, filing_officer, party, as_user):
    case = make_case(state="filed")
    services.case_request_correction(case=case, actor=filing_officer, items="1. 补充被告住址\n2. 提交借条原件照片")
    response = as_user(party).get(reverse("case_detail", args=[case.pk]))
    text = page_text(response)
    assert "补充被告住址" in text and "提交借条原件照片" in text
    assert "resubmit" in _actions(response)
    assert reverse("case_resubmit", args=[case.pk]) in text


def test_a_lawyer_sees_the_clients_case(recent, lawyer, as_user):
    case = recent(state="service")
    assert as_user(lawyer).get(reverse("case_detail", args=[case.pk])).status_code == 200


def test_the_mediator_sees_the_case_given_to_them(recent, judge, mediator, as_user):
    case = recent(state="service")
    services.case_start_mediation(case=case, actor=judge, mediator=mediator)
    response = as_user(mediator).get(reverse("case_detail", args=[case.pk]))
    assert response.status_code == 200 and _actions(response) == {"mediation_end"}


def test_a_missing_case_is_a_clean_404(judge, as_user):
    response = as_user(judge).get(reverse("case_detail", args=[999999]))
    assert response.status_code == 404
    assert "There is no such page, or you do not have access to this case." in page_text(response)
