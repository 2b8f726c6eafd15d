"""Drafts of the guided filing: saved on the server as typed (even invalid input), versioned against stale tabs,
bounded, surviving a new session, and private to their owner (a 404 by id guessing)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from court.cases.models import Case
from court.portal.filing import drafts, steps
from court.portal.models import DraftFile, FilingDraft
from tests.casefile.conftest import PDF, case_files_dir, stored_files, upload  # noqa: F401 - the storage fixture
from tests.web.conftest import page_text

from .filing_helpers import add_evidence, fill, filing_data, post_step, start, submit


def _save(client, draft, step, version, **fields):
    return client.post(reverse("portal:draft_save", args=[draft.pk]), {"step": step, "version": str(version), **fields})


def test_the_autosave_keeps_invalid_input_as_typed_and_raises_the_version(party, court, as_user):
    client = as_user(party)
    draft = start(client)
    response = _save(client, draft, "claims", draft.version, **{"claims-TOTAL_FORMS": "1",
                                                                "claims-0-text": "归还借款", "claims-0-amount": "-5x"})
    assert response.status_code == 200 and response.json()["version"] == draft.version + 1
    draft.refresh_from_db()
    assert draft.data["claims"]["claims-0-amount"] == "-5x" and draft.step == "claims"
    page = client.get(reverse("portal:draft_step", args=[draft.pk, "claims"]))
    assert page.context["items"].forms[0]["amount"].value() == "-5x"
    assert page.context["items"].forms[0].errors["amount"]  # shown with its error


def test_a_stale_tab_gets_409_and_overwrites_nothing(party, court, as_user):
    client = as_user(party)
    draft = start(client)
    first = draft.version
    assert _save(client, draft, "facts", first, facts="第一个窗口").status_code == 200
    stale = _save(client, draft, "facts", first, facts="第二个窗口（旧）")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    assert "another window or tab" in stale.json()["error"]
    draft.refresh_from_db()
    assert draft.data["facts"]["facts"] == "第一个窗口"


def test_a_stale_step_post_shows_the_typed_text_and_a_second_save_keeps_it(party, court, cause, as_user):
    client = as_user(party)
    draft = start(client)
    old = draft.version
    _save(client, draft, "facts", old, facts="别的窗口")
    response = client.post(reverse("portal:draft_step", args=[draft.pk, "facts"]),
                           {"version": str(old), "facts": "这个窗口写的", "goto": "evidence"})
    assert response.status_code == 409 and "Nothing was overwritten" in page_text(response)
    assert response.context["form"]["facts"].value() == "这个窗口写的"  # nothing typed is lost
    draft.refresh_from_db()
    assert draft.data["facts"]["facts"] == "别的窗口"
    assert f'name="version" value="{draft.version}"' in response.content.decode()
    again = post_step(client, draft, "facts", {"facts": "这个窗口写的"}, goto="evidence")
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.data["facts"]["facts"] == "这个窗口写的"


def test_a_draft_survives_a_new_session_and_is_listed_under_my_drafts(party, court, cause, as_user):
    first = as_user(party)
    draft = start(first)
    post_step(first, draft, steps.COURT, filing_data(court, cause), goto=steps.PARTIES)
    first.logout()
    later = Client()
    later.force_login(party)
    listing = later.get(reverse("file_case"))
    assert [d.pk for d in listing.context["open"]] == [draft.pk]
    assert cause.name in page_text(listing)
    page = later.get(reverse("portal:draft_step", args=[draft.pk, steps.COURT]))
    assert page.context["form"]["cause"].value() == str(cause.pk)


def test_at_most_twenty_open_drafts(party, court, as_user):
    client = as_user(party)
    for _ in range(drafts.OPEN_DRAFTS_MAX):
        start(client)
    response = client.post(reverse("file_case"), follow=True)
    assert FilingDraft.objects.filter(owner=party).count() == drafts.OPEN_DRAFTS_MAX
    assert "You have 20 drafts open" in page_text(response)


def test_a_draft_has_a_size_cap(party, court, as_user):
    client = as_user(party)
    draft = start(client)
    response = _save(client, draft, "facts", draft.version, facts="事" * (drafts.DATA_MAX_BYTES // 3 + 10))
    assert response.status_code == 413 and "too long to save" in response.json()["error"]
    draft.refresh_from_db()
    assert draft.data == {}


def test_a_draft_saves_only_its_step_s_fields(party, court, as_user):
    client = as_user(party)
    draft = start(client)
    _save(client, draft, "facts", draft.version, facts="事实", cause="1", evil="x" * 10)
    draft.refresh_from_db()
    assert draft.data == {"facts": {"facts": "事实"}}


def test_deleting_a_draft_deletes_its_files(party, court, as_user, case_files_dir,  # noqa: F811
                                            django_capture_on_commit_callbacks):
    client = as_user(party)
    draft = start(client)
    add_evidence(client, draft, "借条", upload("借条.pdf", PDF))
    assert len(stored_files(case_files_dir)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:draft_delete", args=[draft.pk]))
    assert response.status_code == 302 and not FilingDraft.objects.exists() and not DraftFile.objects.exists()
    assert stored_files(case_files_dir) == []


def test_a_submitted_draft_is_read_only(party, court, cause, as_user):
    client = as_user(party)
    draft = start(client)
    fill(client, draft, filing_data(court, cause))
    submit(client, draft)
    draft.refresh_from_db()
    assert draft.case is not None
    assert _save(client, draft, "facts", draft.version, facts="改").status_code == 409
    # Back to a step of the submitted draft: its "received" page, nothing changes.
    back = post_step(client, draft, "facts", {"facts": "改"}, goto="review")
    assert back.status_code == 302 and back["Location"] == reverse("portal:draft_received", args=[draft.pk])
    assert client.post(reverse("portal:draft_delete", args=[draft.pk])).status_code == 302
    assert FilingDraft.objects.filter(pk=draft.pk).exists()
    draft.refresh_from_db()
    assert draft.data["facts"]["facts"] == "被告于2024年借款未还"


# --- access ------------------------------------------------------------------------------------------------

@pytest.fixture
def someone_elses(party, court, cause, as_user, case_files_dir):  # noqa: F811
    client = as_user(party)
    draft = start(client)
    fill(client, draft, filing_data(court, cause))
    add_evidence(client, draft, "借条", upload("借条.pdf", PDF))
    draft.refresh_from_db()
    return draft, draft.files.get()


def test_another_party_never_sees_a_draft_or_its_file(someone_elses, stranger, lawyer, as_user):
    draft, item = someone_elses
    before = (json.dumps(draft.data, sort_keys=True), draft.version)
    for user in (stranger, lawyer):
        client = as_user(user)
        assert draft.pk not in [d.pk for d in client.get(reverse("file_case")).context["open"]]
        for step in steps.STEPS:
            assert client.get(reverse("portal:draft_step", args=[draft.pk, step])).status_code == 404
            assert client.post(reverse("portal:draft_step", args=[draft.pk, step]), {"facts": "x"}).status_code == 404
        for name in ("draft_save", "draft_submit", "draft_delete", "draft_received"):
            method = client.get if name == "draft_received" else client.post
            assert method(reverse(f"portal:{name}", args=[draft.pk]), {"step": "facts"}).status_code == 404, name
        assert client.get(reverse("portal:draft_file", args=[draft.pk, item.pk])).status_code == 404
        assert client.post(reverse("portal:draft_file_remove", args=[draft.pk, item.pk])).status_code == 404
        own = start(client)  # the file id under one's own draft is no way in either
        assert client.get(reverse("portal:draft_file", args=[own.pk, item.pk])).status_code == 404
    draft.refresh_from_db()
    assert (json.dumps(draft.data, sort_keys=True), draft.version) == before
    assert DraftFile.objects.filter(pk=item.pk).exists() and not Case.objects.exists()


def test_the_owner_downloads_a_draft_file_as_an_attachment(someone_elses, party, as_user):
    draft, item = someone_elses
    response = as_user(party).get(reverse("portal:draft_file", args=[draft.pk, item.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("persona", ["judge", "assistant", "clerk", "filing_officer", "mediator", "admin"])
def test_only_parties_and_lawyers_file(someone_elses, persona, request, as_user):
    draft, item = someone_elses
    client = as_user(request.getfixturevalue(persona))
    assert client.get(reverse("file_case")).status_code == 403
    assert client.post(reverse("file_case")).status_code == 403
    assert client.get(reverse("portal:draft_step", args=[draft.pk, "court"])).status_code == 403
    assert client.get(reverse("portal:draft_file", args=[draft.pk, item.pk])).status_code == 403
    assert client.get(reverse("portal:cause_search"), {"q": "借"}).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(someone_elses, client):
    draft, item = someone_elses
    for url in (reverse("file_case"), reverse("portal:draft_step", args=[draft.pk, "court"]),
                reverse("portal:draft_file", args=[draft.pk, item.pk]), reverse("portal:cause_search")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
