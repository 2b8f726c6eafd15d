"""Every action endpoint: the happy path, and the law's refusal shown on the form."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from court.cases import services
from court.cases.models import CaseState, Hearing, Party, PeriodKind, ServiceAttempt
from court.cases.term import today
from court.rules import periods as rule_periods
from court.rules import terms as rule_terms

from .conftest import page_text


def _reloaded(case):
    return type(case).objects.get(pk=case.pk)


def _done(response, case):
    assert response.status_code == 302, page_text(response)[:3000]
    assert response["Location"] == reverse("case_detail", args=[case.pk])


def _refused(response, message: str):
    assert response.status_code == 200
    assert message in page_text(response)


# --- filing decision ------------------------------------------------------------------------------------------

def test_the_filing_officer_accepts_a_complaint(make_case, filing_officer, team, judge, as_user, act):
    case = make_case(state="filed")
    response = act(as_user(filing_officer), case, "accept", procedure="simple", team=team.pk, judge=judge.pk,
                   on=today().isoformat())
    _done(response, case)
    case = _reloaded(case)
    assert case.state == CaseState.ACCEPTED and case.case_number and case.team == team


def test_accepting_with_a_judge_of_another_team_shows_the_rule(make_case, filing_officer, team, other_judge,
                                                              as_user, act):
    case = make_case(state="filed")
    response = act(as_user(filing_officer), case, "accept", procedure="simple", team=team.pk,
                   judge=other_judge.pk, on=today().isoformat())
    _refused(response, services.NOT_ON_TEAM)
    assert _reloaded(case).state == CaseState.FILED


def test_the_filing_officer_asks_for_correction(make_case, filing_officer, as_user, act):
    case = make_case(state="filed")
    _done(act(as_user(filing_officer), case, "correct", items="1. 补充被告身份信息"), case)
    assert _reloaded(case).state == CaseState.CORRECTION


def test_a_correction_request_needs_the_items(make_case, filing_officer, as_user, act):
    case = make_case(state="filed")
    response = act(as_user(filing_officer), case, "correct", items="")
    assert response.status_code == 200 and response.context["action_groups"]
    assert _reloaded(case).state == CaseState.FILED


def test_the_filing_officer_rejects_with_reasons(make_case, filing_officer, as_user, act):
    case = make_case(state="filed")
    _done(act(as_user(filing_officer), case, "reject", reason="不属于人民法院受理民事诉讼的范围"), case)
    assert _reloaded(case).state == CaseState.REJECTED


def test_a_rejection_without_reasons_shows_the_rule(make_case, filing_officer, as_user, act):
    case = make_case(state="filed")
    _refused(act(as_user(filing_officer), case, "reject", reason=" "),
             "REG2015 Art. 9: a ruling not to accept must give its reasons.")


def test_the_filer_resubmits_after_a_correction(make_case, filing_officer, party, as_user, act):
    case = make_case(state="filed")
    services.case_request_correction(case=case, actor=filing_officer, items="补充证据目录")
    _done(act(as_user(party), case, "resubmit"), case)
    case = _reloaded(case)
    assert case.state == CaseState.FILED and case.corrected_on == today()


# --- parties and claims ---------------------------------------------------------------------------------------

def test_the_team_adds_a_party(recent, clerk, as_user, act):
    case = recent(state="accepted")
    _done(act(as_user(clerk), case, "party_add", side="third_party", kind="entity", name="某担保公司",
              address="蓝田县", address_known="on"), case)
    case = _reloaded(case)
    assert case.third_party_count == 1


def test_adding_a_party_without_an_address_is_refused_on_the_form(recent, clerk, as_user, act):
    case = recent(state="accepted")
    response = act(as_user(clerk), case, "party_add", side="defendant", kind="person", name="王五",
                   address_known="on")
    assert response.status_code == 200
    assert "Give the service address" in page_text(response)


def test_the_team_amends_the_claim_amount(recent, assistant, as_user, act):
    case = recent(state="accepted")
    _done(act(as_user(assistant), case, "amount", amount="45000.50", reason="增加诉讼请求"), case)
    assert str(_reloaded(case).claim_amount) == "45000.50"


def test_the_team_records_a_counterclaim(recent, judge, as_user, act):
    case = recent(state="accepted")
    _done(act(as_user(judge), case, "counterclaim", on=today().isoformat(), reason="反诉"), case)
    assert _reloaded(case).counterclaim is True


# --- service ----------------------------------------------------------------------------------------------------

def test_the_clerk_sends_a_document(recent, clerk, as_user, act):
    case = recent(state="accepted")
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    _done(act(as_user(clerk), case, "service_send", document="complaint", channel="electronic",
              party=defendant.pk, on=today().isoformat()), case)
    assert _reloaded(case).state == CaseState.SERVICE


def test_publication_in_simple_procedure_shows_the_rule(recent, clerk, as_user, act):
    case = recent(state="accepted")
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    _refused(act(as_user(clerk), case, "service_send", document="complaint", channel="publication",
                 party=defendant.pk, on=today().isoformat()), services.PUBLICATION_IN_SIMPLE)


def _open_attempt(case, judge, days_ago=2):
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    return services.service_send(case=case, actor=judge, document=ServiceAttempt.Document.SUMMONS,
                                 channel=ServiceAttempt.Channel.POST, party=defendant,
                                 on=today() - timedelta(days=days_ago))


def test_the_clerk_records_service(recent, judge, clerk, as_user, act):
    case = recent(state="accepted")
    attempt = _open_attempt(case, judge)
    _done(act(as_user(clerk), case, "service_record", attempt=attempt.pk, result="served",
              on=today().isoformat(), evidence="EMS1234"), case)
    attempt.refresh_from_db()
    assert attempt.status == ServiceAttempt.Status.SERVED


def test_service_recorded_before_it_was_sent_shows_the_rule(recent, judge, clerk, as_user, act):
    case = recent(state="accepted")
    attempt = _open_attempt(case, judge, days_ago=1)
    _refused(act(as_user(clerk), case, "service_record", attempt=attempt.pk, result="served",
                 on=(today() - timedelta(days=3)).isoformat()),
             "A document cannot be served before it was sent.")


def test_a_failed_service_needs_a_reason(recent, judge, clerk, as_user, act):
    case = recent(state="accepted")
    attempt = _open_attempt(case, judge)
    response = act(as_user(clerk), case, "service_record", attempt=attempt.pk, result="failed",
                   on=today().isoformat())
    assert response.status_code == 200 and "Say why service failed." in page_text(response)


# --- hearings ---------------------------------------------------------------------------------------------------

def test_the_judge_schedules_an_asynchronous_hearing(recent, judge, as_user, act):
    case = recent(state="service")
    starts = today() + timedelta(days=10)
    _done(act(as_user(judge), case, "hearing_schedule", mode="async", starts_at=f"{starts.isoformat()}T09:00",
              respond_by=(starts + timedelta(days=5)).isoformat(), notified_on=today().isoformat(),
              all_parties_consent="on"), case)
    hearing = case.hearings.get()
    assert hearing.mode == Hearing.Mode.ASYNC and hearing.respond_by == starts + timedelta(days=5)
    assert _reloaded(case).state == CaseState.SCHEDULED


def test_an_asynchronous_hearing_in_ordinary_procedure_shows_the_rule(recent, judge, as_user, act):
    case = recent(state="service", procedure="ordinary")
    starts = today() + timedelta(days=10)
    _refused(act(as_user(judge), case, "hearing_schedule", mode="async", starts_at=f"{starts.isoformat()}T09:00",
                 respond_by=starts.isoformat(), notified_on=today().isoformat(), all_parties_consent="on"),
             services.ASYNC_ONLY_SIMPLE)


def _scheduled(recent, judge, days_ago=30):
    case = recent(state="service", days_ago=days_ago)
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    hearing = services.hearing_schedule(case=case, actor=judge,
                                        starts_at=datetime.combine(today() - timedelta(days=1), time(9),
                                                                   ZoneInfo("Asia/Shanghai")),
                                        notified_on=today() - timedelta(days=10), room="第一法庭")
    return _reloaded(case), hearing


def test_the_clerk_records_a_hearing_as_held(recent, judge, clerk, as_user, act):
    case, hearing = _scheduled(recent, judge)
    _done(act(as_user(clerk), case, "hearing_hold", hearing=hearing.pk, on=today().isoformat()), case)
    assert _reloaded(case).state == CaseState.HEARD


def test_a_hearing_held_in_the_future_shows_the_rule(recent, judge, clerk, as_user, act):
    case, hearing = _scheduled(recent, judge)
    future = today() + timedelta(days=3)
    _refused(act(as_user(clerk), case, "hearing_hold", hearing=hearing.pk, on=future.isoformat()),
             f"The date {future} is in the future.")


def test_the_judge_adjourns_a_hearing(recent, judge, as_user, act):
    case, hearing = _scheduled(recent, judge)
    _done(act(as_user(judge), case, "hearing_adjourn", hearing=hearing.pk, cause="new_evidence",
              reason="原告申请调取新证据", on=today().isoformat()), case)
    hearing.refresh_from_db()
    assert hearing.status == Hearing.Status.ADJOURNED
    assert case.periods.filter(kind=PeriodKind.EVIDENCE_ADJOURNMENT).exists()


def test_a_second_adjournment_in_simple_procedure_shows_the_rule(recent, judge, as_user, act):
    case, hearing = _scheduled(recent, judge)
    services.hearing_adjourn(hearing=hearing, actor=judge, cause="party", reason="当事人申请", on=today())
    case = _reloaded(case)
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    second = services.hearing_schedule(case=case, actor=judge, notified_on=today(),
                                       starts_at=datetime.combine(today() + timedelta(days=7), time(9),
                                                                  ZoneInfo("Asia/Shanghai")))
    _refused(act(as_user(judge), _reloaded(case), "hearing_adjourn", hearing=second.pk, cause="party",
                 reason="再次申请", on=today().isoformat()),
             rule_periods.TOO_MANY_ADJOURNMENTS_SIMPLE)


# --- mediation, suspension, periods, extension, conversion -------------------------------------------------------

def test_mediation_starts_with_a_mediator_and_the_mediator_ends_it(recent, judge, mediator, as_user, act):
    case = recent(state="service")
    _done(act(as_user(judge), case, "mediation_start", mediator=mediator.pk, on=today().isoformat()), case)
    case = _reloaded(case)
    assert case.state == CaseState.MEDIATION and case.mediator == mediator
    response = act(as_user(mediator), case, "mediation_end", reason="双方分歧较大", on=today().isoformat())
    assert response.status_code == 302 and response["Location"] == "/"  # a mediator sees live mediations only
    assert _reloaded(case).state == CaseState.SERVICE


def test_mediation_started_before_filing_shows_the_rule(recent, judge, as_user, act):
    case = recent(state="service")
    before = case.filed_on - timedelta(days=1)
    _refused(act(as_user(judge), case, "mediation_start", on=before.isoformat()),
             f"The date {before} is before the case was filed ({case.filed_on}).")


def test_the_judge_suspends_and_resumes(recent, judge, as_user, act):
    case = recent(state="service")
    client = as_user(judge)
    _done(act(client, case, "suspend", ground="本案须以另一案的审理结果为依据", on=today().isoformat()), case)
    assert _reloaded(case).state == CaseState.SUSPENDED
    _done(act(client, case, "resume", on=today().isoformat()), case)
    assert _reloaded(case).state == CaseState.SERVICE


def test_a_suspension_without_a_ground_shows_the_rule(recent, judge, as_user, act):
    case = recent(state="service")
    _refused(act(as_user(judge), case, "suspend", ground="", on=today().isoformat()),
             "CPL 153: name the ground for the suspension.")


def test_the_team_starts_and_ends_an_excluded_period(recent, assistant, as_user, act):
    case = recent(state="service")
    client = as_user(assistant)
    _done(act(client, case, "period_start", kind="appraisal", start_on=(today() - timedelta(days=5)).isoformat(),
              reason="笔迹鉴定"), case)
    period = case.periods.get(kind=PeriodKind.APPRAISAL)
    assert period.end_on is None
    _done(act(client, case, "period_end", period=period.pk, end_on=today().isoformat()), case)
    period.refresh_from_db()
    assert period.end_on == today()
    assert _reloaded(case).excluded_days == 5


def test_a_period_ending_before_it_starts_shows_the_rule(recent, assistant, as_user, act):
    case = recent(state="service")
    _refused(act(as_user(assistant), case, "period_start", kind="appraisal", start_on=today().isoformat(),
                 end_on=(today() - timedelta(days=2)).isoformat()), "A period cannot end before it starts.")


def test_the_president_approves_an_extension(recent, admin, as_user, act):
    case = recent(state="service", days_ago=40)
    _done(act(as_user(admin), case, "extend", months=1, reason="案情复杂", applied_on=today().isoformat(),
              on=today().isoformat()), case)
    case = _reloaded(case)
    assert case.extension_months == 1 and case.extended_deadline > case.normal_deadline


def test_a_two_month_extension_of_a_simple_case_shows_the_rule(recent, admin, as_user, act):
    case = recent(state="service", days_ago=40)
    _refused(act(as_user(admin), case, "extend", months=2, reason="案情复杂", applied_on=today().isoformat(),
                 on=today().isoformat()), rule_terms.SIMPLE_EXTENSION_CAP)


def test_the_judge_converts_to_ordinary_procedure(recent, judge, as_user, act):
    case = recent(state="service")
    _done(act(as_user(judge), case, "convert", to="ordinary", reason="案情复杂，需要鉴定", on=today().isoformat()),
          case)
    case = _reloaded(case)
    assert case.procedure == "ordinary" and case.converted_on == today()


def test_a_conversion_without_reasons_shows_the_rule(recent, judge, as_user, act):
    case = recent(state="service")
    _refused(act(as_user(judge), case, "convert", to="ordinary", reason="", on=today().isoformat()),
             "JI 258(2): the conversion ruling must give its reasons.")


# --- closing ----------------------------------------------------------------------------------------------------

def test_the_judge_closes_by_judgment_and_archives(recent, judge, clerk, as_user, act):
    case = recent(state="heard", days_ago=30)
    _done(act(as_user(judge), case, "close", mode="judgment", pronounced_on=today().isoformat()), case)
    case = _reloaded(case)
    assert case.state == CaseState.CLOSED and case.closed_on == today() and case.closing_mode == "judgment"
    # JI 263: the file is archived once the judgment is served on every party and effective (CPL 158, 171).
    response = act(as_user(clerk), case, "archive")
    assert response.status_code == 200 and "JI 263" in page_text(response)
    assert _reloaded(case).state == CaseState.CLOSED


def test_a_withdrawal_ruling_served_on_everyone_is_archived_the_same_day(recent, judge, clerk, as_user, act):
    case = recent(state="heard", days_ago=30)
    _done(act(as_user(judge), case, "close", mode="withdrawal", ruling_on=today().isoformat()), case)
    for party in case.parties.all():
        _done(act(as_user(clerk), case, "service_send", document="ruling", channel="direct", party=party.pk,
                  on=today().isoformat()), case)
    for attempt in case.service_attempts.filter(document="ruling"):
        _done(act(as_user(clerk), case, "service_record", attempt=attempt.pk, result="served",
                  on=today().isoformat(), evidence="", failure_reason=""), case)
    _done(act(as_user(clerk), case, "archive"), case)
    assert _reloaded(case).state == CaseState.ARCHIVED


def test_a_judgment_before_any_hearing_shows_the_rule(recent, judge, as_user, act):
    case = recent(state="service")
    _refused(act(as_user(judge), case, "close", mode="judgment", pronounced_on=today().isoformat()),
             services.JUDGMENT_NEEDS_HEARING)


def test_closing_by_mediation_takes_the_last_service_date(recent, judge, as_user, act):
    case = recent(state="heard", days_ago=30)
    fields = {f"served_{p.pk}": (today() - timedelta(days=i)).isoformat() for i, p in enumerate(case.parties.all())}
    _done(act(as_user(judge), case, "close", mode="mediation", **fields), case)
    assert _reloaded(case).closed_on == today()


def test_closing_by_mediation_needs_every_party_served(recent, judge, as_user, act):
    case = recent(state="heard", days_ago=30)
    first = case.parties.first()
    _refused(act(as_user(judge), case, "close", mode="mediation", **{f"served_{first.pk}": today().isoformat()}),
             services.MEDIATION_NEEDS_SERVICE_DATES)


def test_closing_by_withdrawal_takes_the_ruling_date(recent, judge, as_user, act):
    case = recent(state="service")
    _done(act(as_user(judge), case, "close", mode="withdrawal", ruling_on=today().isoformat()), case)
    assert _reloaded(case).closing_mode == "withdrawal"


def test_the_team_adds_a_docket_note(recent, clerk, as_user, act):
    case = recent(state="service")
    _done(act(as_user(clerk), case, "note", text="电话联系被告，被告表示将到庭", on=today().isoformat()), case)
    assert case.events.filter(kind="note").count() == 1


def test_an_action_returns_to_a_safe_next_page_only(make_case, filing_officer, as_user):
    case = make_case(state="filed")
    client = as_user(filing_officer)
    response = client.post(reverse("case_correct", args=[case.pk]),
                           {"correct-items": "补正", "next": "https://evil.example/"})
    assert response["Location"] == reverse("case_detail", args=[case.pk])
    case2 = make_case(state="filed")
    response = client.post(reverse("case_correct", args=[case2.pk]),
                           {"correct-items": "补正", "next": reverse("filing_queue")})
    assert response["Location"] == reverse("filing_queue")


def test_an_action_needs_post(recent, judge, as_user):
    """A GET runs nothing: it leads to the action on the case page (issue 12: it was HTTP 405)."""
    case = recent(state="service")
    events = case.events.count()
    response = as_user(judge).get(reverse("case_note", args=[case.pk]), {"note-text": "x"})
    assert response.status_code == 302 and response["Location"].endswith("#action-note")
    assert case.events.count() == events


def test_the_hearing_choices_show_the_local_time(recent, judge, clerk, as_user):
    """Issue 12: a 09:30 hearing was offered as 01:30 (UTC) in the record and adjourn actions."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from court.cases.actions import ACTIONS

    case = recent(state="service", days_ago=30)
    hearing = services.hearing_schedule(case=case, actor=judge, notified_on=today() - timedelta(days=10),
                                        starts_at=datetime.combine(today() - timedelta(days=1), time(9, 30),
                                                                   ZoneInfo("Asia/Shanghai")))
    local = f"{today() - timedelta(days=1)} 09:30"
    assert local in str(Hearing.objects.get(pk=hearing.pk))  # read back: stored in UTC
    case = _reloaded(case)
    for slug in ("hearing_hold", "hearing_adjourn"):
        labels = [str(label) for _, label in ACTIONS[slug](case=case, user=clerk).fields["hearing"].choices]
        assert any(local in label for label in labels), labels
        assert not any("01:30" in label for label in labels)
    page = as_user(clerk).get(reverse("case_detail", args=[case.pk])).content.decode()
    assert local in page and "01:30" not in page


def test_opening_an_action_url_leads_to_the_action_on_the_case_page(recent, judge, clerk, as_user):
    """Issue 12: reloading the page after an action error (or following its URL) gave HTTP 405."""
    case, _hearing = _scheduled(recent, judge)
    response = as_user(clerk).get(reverse("case_hearing_hold", args=[case.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("case_detail", args=[case.pk]) + "#action-hearing_hold"


def test_opening_an_action_url_of_a_case_one_cannot_see_is_not_found(make_case, stranger, as_user):
    case = make_case(state="service")
    assert as_user(stranger).get(reverse("case_hearing_hold", args=[case.pk])).status_code == 404


def test_a_refused_action_keeps_what_was_typed(recent, judge, clerk, as_user, act):
    case, hearing = _scheduled(recent, judge)
    future = today() + timedelta(days=3)
    response = act(as_user(clerk), case, "hearing_hold", hearing=hearing.pk, on=future.isoformat(),
                   note="庭审笔录第三页待补")
    _refused(response, f"The date {future} is in the future.")
    page = response.content.decode()
    assert "庭审笔录第三页待补" in page and f'value="{future.isoformat()}"' in page
    assert 'id="action-hearing_hold" open' in page


def test_opening_a_case_file_form_url_leads_to_the_form(recent, judge, as_user):
    """The case file's upload forms post to their own URLs too: opening one again is no HTTP 405."""
    case = recent(state="service")
    client = as_user(judge)
    for name, anchor in (("case_document_upload", "#upload-document"), ("case_evidence_add", "#add-evidence")):
        response = client.get(reverse(name, args=[case.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("case_detail", args=[case.pk]) + anchor
