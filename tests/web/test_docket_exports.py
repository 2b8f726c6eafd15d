"""The docket and the work queue print and export (issue 12: "dockets print and export"): the print carries the
court, the team, the day and the local time and no navigation; CSV and Excel hold exactly the rows the filters
give, in the page's order, formula-leading text escaped (`interchange.formulas`), at most `EXPORT_LIMIT` rows
and the file says when it stops; each answers in the same number of queries for 5 cases as for 50."""

from __future__ import annotations

import csv
import io
import itertools
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from court.cases.models import Case, Hearing, Party, ServiceAttempt
from court.cases.sheets import EXPORT_LIMIT
from court.cases.term import today
from court.cases.views import lists

_SERIALS = itertools.count(5000)
FORMULA = '=HYPERLINK("http://evil.example","点我")'


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response):
    from openpyxl import load_workbook

    assert "spreadsheetml" in response["Content-Type"]
    return load_workbook(io.BytesIO(response.content)).active


def _clone(case: Case, copies: int) -> None:
    """Copy the case `copies` times through the ORM with its parties, hearings and service attempts: the lists only
    read, the services are not the point (as in test_docket.py)."""
    parties = list(case.parties.all())
    hearings = list(case.hearings.all())
    attempts = list(case.service_attempts.all())
    for _ in range(copies):
        i = next(_SERIALS)
        clone = Case.objects.get(pk=case.pk)
        clone.pk, clone.case_number, clone.serial = None, f"{case.case_number}-{i}", i
        clone.save()
        ids = {}
        for party in parties:
            old = party.pk
            party.pk, party.case = None, clone
            party.save()
            ids[old] = Party.objects.get(pk=party.pk)
        for hearing in hearings:
            hearing.pk, hearing.case = None, clone
            hearing.save()
        for attempt in attempts:
            attempt.pk, attempt.case = None, clone
            attempt.party = ids.get(attempt.party_id, attempt.party) if attempt.party_id else None
            attempt.save()


@pytest.fixture
def docket_cases(recent):
    """A scheduled case (a hearing ahead, a defendant whose name is a formula) and an ordinary accepted one."""
    scheduled = recent(state="scheduled", days_ago=10)
    Party.objects.filter(case=scheduled, side=Party.Side.DEFENDANT).update(name=FORMULA)
    ordinary = recent(state="accepted", procedure="ordinary", days_ago=5)
    return scheduled, ordinary


def test_the_docket_page_links_its_print_and_exports_with_its_filters(docket_cases, judge, as_user):
    page = as_user(judge).get(reverse("docket"), {"procedure": "ordinary", "page": "1"}).content.decode()
    for url in (reverse("docket_print"), reverse("docket_export", args=["csv"]),
                reverse("docket_export", args=["xlsx"])):
        assert f'href="{url}?procedure=ordinary"' in page


def test_the_print_has_the_court_team_day_and_local_time_and_no_navigation(docket_cases, judge, as_user):
    scheduled, ordinary = docket_cases
    before = timezone.localtime(timezone.now())
    response = as_user(judge).get(reverse("docket_print"))
    after = timezone.localtime(timezone.now())
    assert response.status_code == 200
    text = response.content.decode()
    heading = re.search(r'<p class="made" data-heading>(.*?)</p>', text).group(1)
    assert "蓝田县人民法院" in heading and "审判团队A" in heading and "Asia/Shanghai" in heading
    assert any(t.strftime("%Y-%m-%d %H:%M") in heading for t in (before, after))  # local time, not UTC
    assert 'class="topbar"' not in text and 'class="mainnav"' not in text and "css/print.css" in text
    assert scheduled.case_number in text and ordinary.case_number in text
    hearing = Hearing.objects.get(case=scheduled, status=Hearing.Status.SCHEDULED)
    assert timezone.localtime(hearing.starts_at).strftime("%Y-%m-%d %H:%M") in text


def test_the_exports_hold_the_filtered_rows_in_the_page_order_with_formulas_escaped(docket_cases, judge, as_user):
    scheduled, ordinary = docket_cases
    client = as_user(judge)
    page = [r.case.case_number for r in client.get(reverse("docket")).context["rows"]]
    rows = _csv(client.get(reverse("docket_export", args=["csv"])))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Case number", "Cause", "Plaintiffs"]
    assert [r[0] for r in body] == page == [scheduled.case_number, ordinary.case_number]  # fewest days left first
    [row] = [r for r in body if r[0] == scheduled.case_number]
    assert row[header.index("Defendants")] == "'" + FORMULA  # shown as text, never run
    hearing = Hearing.objects.get(case=scheduled, status=Hearing.Status.SCHEDULED)
    assert row[header.index("Next hearing")] == timezone.localtime(hearing.starts_at).strftime("%Y-%m-%d %H:%M")
    assert row[header.index("Filed")] == scheduled.filed_on.isoformat()
    only = _csv(client.get(reverse("docket_export", args=["csv"]), {"procedure": "ordinary"}))
    assert [r[0] for r in only[1:]] == [ordinary.case_number]
    response = client.get(reverse("docket_export", args=["xlsx"]), {"procedure": "simple"})
    assert response["Content-Disposition"] == f'attachment; filename="docket-{today().isoformat()}.xlsx"'
    sheet = _xlsx(response)
    assert "审判团队A" in sheet["A1"].value
    assert [c.value for c in sheet[3]][0] == scheduled.case_number and sheet.max_row == 3
    cell = sheet.cell(row=3, column=4)
    assert cell.value == "'" + FORMULA and cell.data_type == "s"
    assert response["X-Fanjian-Rows"] == "1" and response["X-Fanjian-Truncated"] == "no"


def test_an_export_is_bounded_and_says_so(recent, judge, as_user, monkeypatch):
    case = recent(state="accepted")
    _clone(case, 4)
    monkeypatch.setattr(lists, "EXPORT_LIMIT", 3)
    client = as_user(judge)
    response = client.get(reverse("docket_export", args=["csv"]))
    rows = _csv(response)
    assert len(rows) == 1 + 3 + 1 and rows[-1][0].startswith("First 3 cases only")
    assert response["X-Fanjian-Truncated"] == "yes" and response["X-Fanjian-Rows"] == "3"
    printed = client.get(reverse("docket_print")).content.decode()
    assert "data-truncated" in printed and printed.count('class="caseno"') == 3
    assert EXPORT_LIMIT == 2000


@pytest.mark.parametrize("name", ["docket_print", "docket_export", "work_queue_print", "work_queue_export"])
def test_parties_and_lawyers_get_no_print_or_export(name, party, lawyer, as_user):
    url = reverse(name, args=["csv"]) if name.endswith("export") else reverse(name)
    for user in (party, lawyer):
        assert as_user(user).get(url).status_code == 403


def test_an_unknown_format_is_not_found(judge, as_user):
    assert as_user(judge).get(reverse("docket_export", args=["pdf"])).status_code == 404
    assert as_user(judge).get(reverse("work_queue_export", args=["ods"])).status_code == 404


def _count(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("name", ["docket_print", "docket_export", "work_queue_print", "work_queue_export"])
def test_print_and_export_run_as_many_queries_for_50_cases_as_for_5(name, recent, judge, as_user):
    scheduled = recent(state="scheduled", days_ago=10)
    served = recent(state="service", days_ago=40)  # a hearing to set, a service to chase
    ServiceAttempt.objects.filter(case=served).update(status=ServiceAttempt.Status.SENT,
                                                      sent_on=today() - timedelta(days=20))
    accepted = recent(state="accepted", days_ago=80)  # to send, an extension to draft
    for case in (scheduled, served):
        _clone(case, 1)  # 5 cases
    url = reverse(name, args=["xlsx"]) if name.endswith("export") else reverse(name)
    client = as_user(judge)
    client.get(url)  # warm the per-process caches (calendar, catalogue)
    few = _count(client, url)
    for case in (scheduled, served, accepted):
        _clone(case, 15)  # 50 cases
    assert Case.objects.count() == 50
    assert _count(client, url) == few


def test_the_queue_print_and_export_carry_its_sections(recent, judge, as_user):
    case = recent(state="accepted", days_ago=80)
    client = as_user(judge)
    sections = client.get(reverse("work_queue")).context["sections"]
    printed = client.get(reverse("work_queue_print")).content.decode()
    assert 'class="topbar"' not in printed and "审判团队A" in printed and "蓝田县人民法院" in printed
    for section in sections:
        assert f'id="q-{section.key}"' in printed
    rows = _csv(client.get(reverse("work_queue_export", args=["csv"])))
    assert rows[0] == ["Section", "Rule", "Case number", "Date", "What to do"]
    assert len(rows) - 1 == sum(len(s.rows) for s in sections)
    [send] = [r for r in rows[1:] if r[1] == "CPL 128"]
    assert send[2] == case.case_number and send[4].startswith("send by") and send[4].endswith("(late)")
    page = client.get(reverse("work_queue")).content.decode()
    assert reverse("work_queue_print") in page and reverse("work_queue_export", args=["xlsx"]) in page
