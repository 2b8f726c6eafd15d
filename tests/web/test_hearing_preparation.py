"""The case page prepares the hearing: the evidence and answer periods and their waiver (JI 99, 266, 275), and
each party's own consents (CPL 90; OLR 4(4), 21; OMR 4), with the facts shown in the parties and hearings parts."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from court.cases import services
from court.cases.models import CaseEvent, Hearing, Party
from court.cases.term import today
from court.rules import periods as rule_periods

from .conftest import page_text


def _actions(response) -> set[str]:
    return {a["spec"].slug for _label, items in response.context["action_groups"] for a in items}


def _done(response, case):
    assert response.status_code == 302, page_text(response)[:3000]
    assert response["Location"] == reverse("case_detail", args=[case.pk])


def _page(client, case) -> str:
    return page_text(client.get(reverse("case_detail", args=[case.pk])))


def test_the_judge_sets_the_evidence_period_and_the_page_shows_it(recent, judge, as_user, act):
    case = recent(state="accepted", procedure="ordinary")
    client = as_user(judge)
    # JI 99: "人民法院确定举证期限，第一审普通程序案件不得少于十五日".
    response = act(client, case, "evidence_period", start_on=today().isoformat(), days=14, on=today().isoformat())
    assert response.status_code == 200 and rule_periods.EVIDENCE_PERIOD_TOO_SHORT in page_text(response)
    _done(act(client, case, "evidence_period", start_on=today().isoformat(), days=15, on=today().isoformat()), case)
    case.refresh_from_db()
    assert (case.evidence_period_start, case.evidence_period_days) == (today(), 15)
    text = _page(client, case)
    assert f"15 days from {today().isoformat()}" in text
    assert "15 days; 30 without a domicile in China (CPL 128, 285)" in text


def test_the_answer_period_is_offered_only_where_the_court_sets_it(recent, judge, as_user, act):
    client = as_user(judge)
    ordinary = recent(state="service", procedure="ordinary")
    assert "answer_period" not in _actions(client.get(reverse("case_detail", args=[ordinary.pk])))
    simple = recent(state="service")
    assert {"answer_period", "evidence_period", "waive_periods", "party_consents"} <= _actions(
        client.get(reverse("case_detail", args=[simple.pk])))
    _done(act(client, simple, "answer_period", days=10, reason="被告要求书面答辩", on=today().isoformat()), simple)
    assert "10 days, set by the court" in _page(client, simple)


def test_the_hearing_form_says_when_the_periods_end_and_refuses_a_hearing_inside_them(recent, judge, as_user, act):
    case = recent(state="service", procedure="ordinary", days_ago=3)  # the complaint served today
    client = as_user(judge)
    services.case_set_evidence_period(case=case, actor=judge, start_on=today(), days=15, on=today())
    earliest = services.earliest_hearing_day(case)
    assert f"from {earliest.isoformat()}" in _page(client, case)
    starts = today() + timedelta(days=5)
    response = act(client, case, "hearing_schedule", mode="in_person", starts_at=f"{starts.isoformat()}T09:00",
                   notified_on=today().isoformat())
    assert response.status_code == 200 and rule_periods.HEARING_IN_ANSWER_PERIOD in page_text(response)
    assert not case.hearings.exists()


def test_a_waiver_on_the_page_lets_the_hearing_come_at_once(recent, judge, as_user, act):
    case = recent(state="service", days_ago=3)
    client = as_user(judge)
    services.case_set_evidence_period(case=case, actor=judge, start_on=today(), days=15, on=today())
    response = act(client, case, "waive_periods", evidence="on", note="", on=today().isoformat())
    assert response.status_code == 200 and not case.events.filter(payload__entry="periods_waived").exists()
    _done(act(client, case, "waive_periods", evidence="on", note="双方当事人当庭表示不需要举证期限",
              on=today().isoformat()), case)
    case.refresh_from_db()
    assert case.evidence_period_waived and not case.answer_period_waived
    assert "waived by the parties" in _page(client, case)
    starts = today() + timedelta(days=1)
    _done(act(client, case, "hearing_schedule", mode="in_person", starts_at=f"{starts.isoformat()}T09:00",
              notified_on=today().isoformat()), case)


def test_the_clerk_records_a_partys_consent_to_an_online_hearing(recent, judge, clerk, as_user, act):
    case = recent(state="service")  # every party consented to e-service at filing
    client = as_user(clerk)
    starts = today() + timedelta(days=3)
    online = {"mode": "online", "starts_at": f"{starts.isoformat()}T09:00", "notified_on": today().isoformat()}
    response = act(as_user(judge), case, "hearing_schedule", **online)
    assert response.status_code == 200 and "OLR 4(2), 4(4), 21" in page_text(response)
    for party in case.parties.all():
        _done(act(client, case, "party_consents", party=party.pk, online_hearing="yes", e_service="",
                  online_mediation="", note="电话确认", on=today().isoformat()), case)
    assert not case.parties.filter(online_hearing_consent=False).exists()
    event = case.events.filter(kind=CaseEvent.Kind.CONSENTS_RECORDED).order_by("-id").first()
    assert event.payload["online_hearing_consent"] is True
    _done(act(as_user(judge), case, "hearing_schedule", **online), case)
    assert case.hearings.get().mode == Hearing.Mode.ONLINE


def test_a_party_added_on_the_page_keeps_its_domicile_and_online_consent(recent, clerk, as_user, act):
    case = recent(state="service")
    client = as_user(clerk)
    _done(act(client, case, "party_add", side="defendant", kind="person", name="John Smith", address="London",
              address_known="on", online_hearing_consent="on", no_domicile_in_china="on"), case)
    party = case.parties.get(name="John Smith")
    assert party.side == Party.Side.DEFENDANT and party.online_hearing_consent and party.no_domicile_in_china
    text = _page(client, case)
    assert "no domicile in China" in text and "Online hearing" in text
