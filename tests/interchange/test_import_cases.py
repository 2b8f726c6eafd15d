"""Imported cases are full cases: state, procedure, facts, term ledger, events, sequences, access."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from court.cases import services
from court.cases.access import cases_for_user
from court.cases.models import Case, CaseEvent, CaseNumberSequence, CasePeriod, CaseState
from court.cases.term import term_for
from court.org.models import Court, Role, Team, User

from .conftest import DATA, TODAY, case_row, import_cases, pending_row

K = CaseEvent.Kind


def test_it_accepts_a_utf8_bom_and_half_width_brackets(db):
    import_cases(DATA / "bom_cases.csv")
    assert Case.objects.get().case_number == "（2023）陕0122民初101号"
    import_cases(DATA / "edge_cases.csv", DATA / "edge_periods.csv")
    assert Case.objects.filter(case_number="（2023）陕0122民初108号").exists()  # written (2023)… in the file


def test_an_imported_closed_case_carries_every_column(db, cases_csv):
    import_cases(cases_csv([case_row(claim_amount="12500.50", plaintiffs="2", defendants="3", third_parties="1",
                                     plaintiff_kind="mixed", defendant_kind="entity", defendant_address_known="1",
                                     e_service_consent="FALSE", appraisal_requested="1", lawyer_represented="true",
                                     evidence_items="7", counterclaim="", initial_procedure="small_claims",
                                     final_procedure="simple", closing_mode="mediation")]))
    case = Case.objects.get()
    assert (case.state, case.procedure, case.initial_procedure) == (CaseState.CLOSED, "simple", "small_claims")
    assert (case.filed_on, case.closed_on, case.closing_mode) == (date(2023, 3, 1), date(2023, 5, 10), "mediation")
    assert (case.year, case.serial, case.case_type, case.court.code) == (2023, 1, "民初", "陕0122")
    assert case.claim_amount == Decimal("12500.50")
    assert (case.plaintiff_count, case.defendant_count, case.third_party_count) == (2, 3, 1)
    assert (case.plaintiff_kind, case.defendant_kind) == ("mixed", "entity")
    # JI 257(1): with the defendant's whereabouts unknown the row could not be small claims (test_facts_columns).
    assert case.defendant_address_known and not case.e_service_consent and not case.counterclaim
    assert case.appraisal_requested and case.lawyer_represented and case.evidence_items == 7
    assert case.cause.name == "民间借贷纠纷"


def test_it_creates_the_court_teams_and_inactive_judges_it_names(db, cases_csv):
    out = import_cases(cases_csv([case_row(court_code="京0105", case_number="（2023）京0105民初3号", team="T1",
                                           judge="zhao")]), None, "--court-name", "朝阳区人民法院")
    court = Court.objects.get(code="京0105")
    assert (court.name, court.province) == ("朝阳区人民法院", "京")
    team = Team.objects.get(court=court, code="T1")
    judge = User.objects.get(username="zhao")
    assert (judge.role, judge.team, judge.court, judge.is_active) == (Role.JUDGE, team, court, False)
    assert not judge.has_usable_password()
    assert "京0105/T1" in out and "zhao" in out
    case = Case.objects.get()
    assert (case.team, case.judge) == (team, judge)


def test_it_uses_the_existing_team_and_judge(db, cases_csv, team, judge):
    import_cases(cases_csv([case_row(team="A", judge="judge")]))
    case = Case.objects.get()
    assert (case.team, case.judge) == (team, judge)
    assert Team.objects.count() == 1 and User.objects.filter(role=Role.JUDGE).count() == 1


def test_it_writes_the_filing_conversion_and_closing_events(db, cases_csv):
    import_cases(cases_csv([case_row(final_procedure="ordinary", converted_on="2023-04-01", closing_mode="withdrawal")]))
    case = Case.objects.get()
    events = list(case.events.order_by("id"))
    assert [(e.kind, e.on) for e in events] == [
        (K.ACCEPTED, date(2023, 3, 1)), (K.CONVERTED, date(2023, 4, 1)), (K.CLOSED, date(2023, 5, 10))]
    assert all(e.payload["source"] == "import" for e in events)
    assert (events[0].from_state, events[0].to_state) == ("filed", "accepted")
    assert (events[2].to_state, events[2].payload["mode"]) == ("closed", "withdrawal")
    assert events[1].payload == {"source": "import", "from_procedure": "simple", "to_procedure": "ordinary"}
    assert (case.procedure, case.converted_on) == ("ordinary", date(2023, 4, 1))


def test_a_pending_case_is_accepted_and_measured_to_today(db, cases_csv):
    import_cases(cases_csv([pending_row(filed_on="2025-11-03", initial_procedure="small_claims")]))
    case = Case.objects.get()
    assert (case.state, case.procedure, case.closed_on, case.closing_mode) == ("accepted", "small_claims", None, "")
    assert case.term_as_of == TODAY
    assert case.elapsed_days == (TODAY - date(2025, 11, 3)).days
    assert [e.kind for e in case.events.all()] == [K.ACCEPTED]


def test_a_pending_case_with_a_running_suspension_is_suspended_and_can_resume(db, cases_csv, periods_csv, team,
                                                                                judge, monkeypatch):
    import_cases(cases_csv([pending_row(filed_on="2025-06-02", team="A", judge="judge")]),
                 periods_csv([{"case_number": "（2023）陕0122民初1号", "kind": "suspension", "start_on": "2025-07-01"}]))
    case = Case.objects.get()
    assert (case.state, case.state_before) == (CaseState.SUSPENDED, CaseState.ACCEPTED)
    monkeypatch.setattr(services.base, "today", lambda: TODAY)
    services.case_resume(case=case, actor=judge, on=date(2025, 12, 1))
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert case.periods.get().end_on == date(2025, 12, 1)


def test_the_term_ledger_is_the_one_the_services_compute(db, fixed_today):
    import_cases(DATA / "edge_cases.csv", DATA / "edge_periods.csv")
    assert Case.objects.count() == 8
    for case in Case.objects.select_related("court"):
        expected = term_for(case, case.periods.all(), as_of=fixed_today)
        assert case.elapsed_days == expected.elapsed_days
        assert case.excluded_days == expected.excluded_days
        assert case.net_trial_days == expected.net_trial_days
        assert case.extension_months == expected.extension_months
        assert case.normal_deadline == expected.normal_deadline
        assert case.extended_deadline == expected.extended_deadline
        assert case.within_normal_term == expected.within_normal_term
        assert case.within_term == expected.within_term
        assert case.term_as_of == (case.closed_on or fixed_today)


def test_reimporting_a_case_number_updates_the_case_and_notes_it(db, cases_csv):
    import_cases(cases_csv([pending_row(team="A")]))
    case = Case.objects.get()
    import_cases(cases_csv([case_row(claim_amount="45000", team="")]))
    case.refresh_from_db()
    assert Case.objects.count() == 1
    assert (case.state, case.closed_on, case.claim_amount) == (CaseState.CLOSED, date(2023, 5, 10), Decimal(45000))
    assert case.team.code == "A"  # an empty cell is "not known": the team stays
    assert case.within_normal_term is not None
    kinds = list(case.events.order_by("id").values_list("kind", flat=True))
    assert kinds == [K.ACCEPTED, K.IMPORTED, K.CLOSED]
    note = case.events.get(kind=K.IMPORTED)
    assert {"claim_amount", "state", "closed_on", "closing_mode"} <= set(note.payload["changed"])


def test_reimporting_a_web_case_keeps_what_the_file_does_not_say(db, cases_csv, make_case):
    web = make_case(state="heard", filed_on=date(2024, 3, 1))
    row = pending_row(case_number=web.case_number, filed_on="2024-03-01", team="", judge="", evidence_items="9")
    import_cases(cases_csv([row]))
    web.refresh_from_db()
    assert (web.state, web.heard, web.evidence_items) == (CaseState.HEARD, True, 9)
    assert web.parties.count() == 2 and web.team_id is not None


def test_a_periods_file_replaces_the_periods_of_the_cases_it_loads(db, cases_csv, periods_csv):
    period = {"case_number": "（2023）陕0122民初1号", "kind": "appraisal", "start_on": "2023-03-10",
              "end_on": "2023-03-20"}
    cases = cases_csv([case_row()])
    import_cases(cases, periods_csv([period, {**period, "kind": "publication", "start_on": "2023-04-01",
                                              "end_on": "2023-04-05"}]))
    assert Case.objects.get().excluded_days == 14
    import_cases(cases, periods_csv([{**period, "end_on": "2023-03-13"}]))
    case = Case.objects.get()
    assert list(case.periods.values_list("kind", "end_on")) == [("appraisal", date(2023, 3, 13))]
    assert case.excluded_days == 3
    import_cases(cases)  # without --periods the periods stay
    assert CasePeriod.objects.count() == 1 and Case.objects.get().excluded_days == 3


def test_a_periods_file_may_name_a_case_already_in_the_database(db, cases_csv, periods_csv, tmp_path):
    import_cases(cases_csv([case_row()]))
    other = cases_csv([case_row(case_number="（2023）陕0122民初2号")])
    import_cases(other, periods_csv([{"case_number": "（2023）陕0122民初1号", "kind": "settlement",
                                      "start_on": "2023-04-01", "end_on": "2023-04-11"}]))
    case = Case.objects.get(case_number="（2023）陕0122民初1号")
    assert case.excluded_days == 10 and case.periods.count() == 1
    assert case.events.filter(kind=K.IMPORTED).get().payload["periods_replaced"] == 1


def test_it_raises_the_case_number_sequence_past_the_imported_serials(db, cases_csv, court):
    CaseNumberSequence.objects.create(court=court, type_code="民初", year=2023, last=5)
    CaseNumberSequence.objects.create(court=court, type_code="民初", year=2024, last=900)
    import_cases(cases_csv([case_row(case_number="（2023）陕0122民初812号"), case_row(case_number="（2023）陕0122民初77号"),
                            case_row(case_number="（2024）陕0122民初3号", filed_on="2024-01-05",
                                     closed_on="2024-02-01")]))
    sequences = dict(CaseNumberSequence.objects.values_list("year", "last"))
    assert sequences == {2023: 812, 2024: 900}
    number = services.allocate_case_number(court=court, type_code="民初", year=2023)
    assert number.serial == 813


def test_imported_cases_are_visible_to_their_team_only(db, cases_csv, judge, other_judge, assistant):
    import_cases(cases_csv([case_row(team="A", judge="judge"),
                            case_row(case_number="（2023）陕0122民初2号", team="B", judge="other_judge")]))
    assert list(cases_for_user(judge).values_list("case_number", flat=True)) == ["（2023）陕0122民初1号"]
    assert list(cases_for_user(assistant).values_list("case_number", flat=True)) == ["（2023）陕0122民初1号"]
    assert list(cases_for_user(other_judge).values_list("case_number", flat=True)) == ["（2023）陕0122民初2号"]
