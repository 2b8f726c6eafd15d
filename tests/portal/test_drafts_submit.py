"""Submitting a draft files the complaint once: Back and submit again, a double click, a retried request or two
requests at the same moment all end at the same case (the draft row locked, then claimed by a conditional
update)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from court.cases.models import Case, CaseDocument, CaseEvent
from court.portal.filing import drafts
from tests.casefile.conftest import PDF, case_files_dir, upload  # noqa: F401 - the storage fixture
from tests.web.conftest import page_text

from .filing_helpers import add_evidence, fill, filing_data, start, submit


@pytest.fixture
def ready(party, court, cause, as_user):
    client = as_user(party)
    draft = start(client)
    fill(client, draft, filing_data(court, cause))
    add_evidence(client, draft, "借条", upload("借条.pdf", PDF))
    return client, draft


def test_two_submits_file_once(ready):
    client, draft = ready
    first = submit(client, draft)
    case = Case.objects.get()
    assert first["Location"] == reverse("portal:draft_received", args=[draft.pk])
    second = submit(client, draft)  # Back and submit again, or a retried request
    assert second.status_code == 302 and second["Location"] == reverse("case_detail", args=[case.pk])
    assert Case.objects.count() == 1 and CaseDocument.objects.count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.SUBMITTED).count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.EVIDENCE_ADDED).count() == 1
    message = page_text(client.get(second["Location"]))
    assert "This complaint was submitted already" in message and "it was filed once" in message


def test_submitting_from_a_second_session_returns_the_same_case(ready, party):
    client, draft = ready
    submit(client, draft)
    other = Client()
    other.force_login(party)
    assert submit(other, draft)["Location"] == reverse("case_detail", args=[Case.objects.get().pk])
    assert Case.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("catalogue_present")
def test_parallel_submits_file_once(party, court, cause, case_files_dir):  # noqa: F811
    """Four requests at once (threads, each with its own connection) file one case. On PostgreSQL the row lock
    queues them and each gets that case. The SQLite test database is shared memory, whose table lock refuses a
    concurrent writer ("database table is locked") instead of waiting like a database file with its busy timeout:
    there the refused requests file nothing, and their retry gets the case."""
    client = Client()
    client.force_login(party)
    draft = start(client)
    fill(client, draft, filing_data(court, cause))
    add_evidence(client, draft, "借条", upload("借条.pdf", PDF))
    threads, barrier = 4, threading.Barrier(4)
    results: list[object] = []
    lock = threading.Lock()

    def work() -> None:
        from django.db import connection as own

        try:
            barrier.wait()
            found = drafts.draft_submit(draft=draft, owner=party)
            with lock:
                results.append(found)
        except BaseException as exc:  # noqa: BLE001 - reported below
            with lock:
                results.append(exc)
        finally:
            own.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert Case.objects.count() == 1, results
    case = Case.objects.get()
    refused = [r for r in results if isinstance(r, BaseException)]
    if connection.vendor == "sqlite":
        assert all("locked" in str(r) for r in refused), refused
    else:
        assert refused == []
    answers = [r for r in results if not isinstance(r, BaseException)]
    assert [created for _case, created in answers].count(True) == 1
    assert {found.pk for found, _created in answers} == {case.pk}
    for _retry in refused:
        assert drafts.draft_submit(draft=draft, owner=party) == (case, False)
    assert Case.objects.count() == 1 and case.evidence.count() == 1
