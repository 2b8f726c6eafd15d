"""The team's work queue and the docket's new columns: the next hearing, what each case waits on, the stuck
alert; constant queries per page (issue 12)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from court.cases.models import Case, Hearing
from court.cases.services import extension_apply
from court.cases.term import today
from tests.factories import serve_decision


def _queue(client):
    response = client.get(reverse("work_queue"))
    assert response.status_code == 200
    return {s.key: s for s in response.context["sections"]}


def test_the_assistant_sees_complaints_to_send_and_extensions_to_draft(recent, assistant, as_user):
    case = recent(state="accepted", days_ago=80)  # simple: a 3-month term ending in about 10 days
    sections = _queue(as_user(assistant))
    assert set(sections) == {"to_send", "to_chase", "periods_over", "hearings", "extensions"}
    [row] = [r for r in sections["to_send"].rows if r["case"] == case]
    assert row["late"]  # CPL 128: five days after filing
    [ext] = [r for r in sections["extensions"].rows if r["case"] == case]
    assert ext["apply_by"] == ext["deadline"] - timedelta(days=15) and ext["late"]  # TL2019 Art. 1


def test_the_clerk_sees_decisions_to_serve_then_files_to_archive(make_case, clerk, as_user):
    unserved = make_case(state="closed")
    ready = serve_decision(make_case(state="closed"), actor=clerk)
    sections = _queue(as_user(clerk))
    assert set(sections) == {"records", "to_serve", "to_archive"}
    assert [r["case"] for r in sections["to_serve"].rows] == [unserved]
    assert [r["case"] for r in sections["to_archive"].rows] == [ready]  # 2024: long effective


def test_this_weeks_decisions_reach_the_clerk_behind_years_of_closed_files(make_case, clerk, as_user, monkeypatch):
    """The clerk's scan reads the newest decisions as well as the oldest files: with only the oldest, a judgment of
    this week would wait behind every closed file of the imported history."""
    from datetime import date

    monkeypatch.setattr("court.cases.queues.SCAN_LIMIT", 1)
    old = [serve_decision(make_case(state="closed", filed_on=date(2023, month, 1)), actor=clerk) for month in (1, 2)]
    new = make_case(state="closed", filed_on=date(2024, 3, 1))  # the newest decision, not yet served
    sections = _queue(as_user(clerk))
    assert [r["case"] for r in sections["to_serve"].rows] == [new]
    assert [r["case"] for r in sections["to_archive"].rows] == [old[0]]  # the oldest file first


def test_the_judge_sees_both_queues(recent, judge, as_user):
    recent(state="accepted")
    assert len(_queue(as_user(judge))) == 9  # and the extension applications awaiting the president


@pytest.mark.parametrize("who", ["party", "lawyer", "filing_officer", "mediator"])
def test_outsiders_and_the_filing_officer_have_no_work_queue(who, request, as_user):
    assert as_user(request.getfixturevalue(who)).get(reverse("work_queue")).status_code == 403


def test_the_work_queue_runs_as_many_queries_for_many_cases_as_for_one(
        make_case, recent, judge, clerk, as_user, django_assert_max_num_queries):
    recent(state="accepted")
    serve_decision(make_case(state="closed"), actor=clerk)
    client = as_user(judge)
    with django_assert_max_num_queries(30) as few:
        _queue(client)
    for _ in range(3):
        recent(state="service", days_ago=40)
        make_case(state="closed")
        serve_decision(make_case(state="closed"), actor=clerk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _queue(client)


def test_the_docket_shows_the_next_hearing_what_the_case_waits_on_and_the_stuck_alert(recent, judge, as_user):
    scheduled = recent(state="scheduled", days_ago=10)
    stuck = recent(state="accepted", days_ago=45)
    response = as_user(judge).get(reverse("docket"))
    rows = {row.case.pk: row for row in response.context["rows"]}
    hearing = Hearing.objects.get(case=scheduled, status=Hearing.Status.SCHEDULED)
    assert rows[scheduled.pk].next_hearing == hearing
    assert "hearing" in rows[scheduled.pk].waits_on
    assert "stuck" in {a.kind for a in rows[stuck.pk].alerts}
    assert "send the complaint" in rows[stuck.pk].waits_on
    assert 'data-alert="stuck"' in response.content.decode()


def test_the_president_s_queue_lists_the_pending_application(recent, judge, admin, as_user):
    case = recent(state="heard", days_ago=60)  # three months from 60 days ago: about 30 days left
    extension_apply(case=case, actor=judge, months=1, reason="等待鉴定结论")
    response = as_user(admin).get(reverse("work_queue"))
    [section] = [s for s in response.context["sections"] if s.key == "extension_decisions"]
    assert [r["case"] for r in section.rows] == [case]
    assert "等待鉴定结论" in response.content.decode()
    page = as_user(admin).get(reverse("case_detail", args=[case.pk])).content.decode()
    assert reverse("case_extension_decide", args=[case.pk]) in page
