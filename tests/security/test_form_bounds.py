"""Issue 14: counts, texts and dates bounded on the server, whatever the browser sends."""

from __future__ import annotations

from datetime import timedelta


from court.cases.bounds import CLAIMS_MAX_LENGTH, FACTS_MAX_LENGTH, NOTE_MAX_LENGTH
from court.cases.forms import DefendantForms
from court.cases.models import Case, Hearing
from court.cases.term import today
from court.portal.filing.steps import CLAIM_TEXT_MAX_LENGTH
from tests.portal.filing_helpers import claims, file_online, filing_data


def test_a_huge_form_count_builds_no_more_forms_than_allowed(party, court, cause, as_user):
    data = filing_data(court, cause) | {"defendants-TOTAL_FORMS": "100000000"}
    response = file_online(as_user(party), data)
    assert response.status_code == 200 and not Case.objects.exists()
    defendants = response.steps["parties"].context["formsets"][1][0]
    assert len(defendants.forms) <= DefendantForms.absolute_max
    assert "Please submit at most" in " ".join(defendants.non_form_errors())


def test_more_parties_than_the_cap_are_refused(party, court, cause, as_user):
    data = filing_data(court, cause) | {"defendants-TOTAL_FORMS": str(DefendantForms.max_num + 1)}
    for i in range(DefendantForms.max_num + 1):
        data |= {f"defendants-{i}-kind": "person", f"defendants-{i}-name": f"被告{i}",
                 f"defendants-{i}-address": "蓝田县", f"defendants-{i}-address_known": "on"}
    response = file_online(as_user(party), data)
    assert response.status_code == 200 and not Case.objects.exists()


def test_claims_and_facts_have_a_length_limit(party, court, cause, as_user):
    data = filing_data(court, cause, facts="事" * (FACTS_MAX_LENGTH + 1)) | claims(
        *[("请" * CLAIM_TEXT_MAX_LENGTH, "1")] * (CLAIMS_MAX_LENGTH // CLAIM_TEXT_MAX_LENGTH + 1))
    response = file_online(as_user(party), data)
    assert response.status_code == 200 and not Case.objects.exists()
    assert "The claims are too long together" in " ".join(response.steps["claims"].context["items"].non_form_errors())
    assert "facts" in response.steps["facts"].context["form"].errors
    one_too_long = file_online(as_user(party),
                               filing_data(court, cause) | claims(("请" * (CLAIM_TEXT_MAX_LENGTH + 1), "")))
    assert one_too_long.steps["claims"].context["items"].forms[0].errors["text"]


def test_a_docket_note_has_a_length_limit(recent, judge, as_user, act):
    case = recent()
    response = act(as_user(judge), case, "note", text="记" * (NOTE_MAX_LENGTH + 1), on=str(today()))
    assert response.status_code in (200, 400)
    assert not case.events.filter(kind="note").exists()


def test_a_hearing_is_set_at_most_a_year_ahead(recent, judge, as_user, act):
    case = recent(state="service")
    for starts_at in ("9999-12-31T09:00", (today() + timedelta(days=400)).isoformat() + "T09:00"):
        response = act(as_user(judge), case, "hearing_schedule", mode="in_person", starts_at=starts_at, room="第一法庭",
                       notified_on=str(today()), parties_agree_to_gap="on")
        assert response.status_code in (200, 400)
        assert not Hearing.objects.filter(case=case).exists()
        assert "at most a year ahead" in response.content.decode()


def test_an_action_date_in_year_one_is_refused(recent, judge, as_user, act):
    case = recent()
    response = act(as_user(judge), case, "note", text="记录", on="0001-01-01")
    assert response.status_code in (200, 400)
    assert not case.events.filter(kind="note").exists()


def test_an_archived_case_takes_no_note_from_the_page(make_case, judge, as_user, act):
    from court.cases import services
    from court.cases.actions.closing import NOTE_ON_ARCHIVED

    from tests.factories import serve_decision

    case = serve_decision(make_case(state="closed"), actor=judge)
    case = services.case_archive(case=case, actor=judge, on=case.closed_on + timedelta(days=30))
    notes = case.events.filter(kind="note").count()
    response = act(as_user(judge), case, "note", text="归档后补记", on=str(today()))
    assert response.status_code in (200, 400)  # a crafted post: the page offers no note on an archived case
    assert case.events.filter(kind="note").count() == notes
    from court.cases.actions.closing import NoteForm

    form = NoteForm({"note-text": "归档后补记", "note-on": str(today())}, case=case, user=judge)
    assert not form.is_valid() and str(NOTE_ON_ARCHIVED) in form.non_field_errors()
