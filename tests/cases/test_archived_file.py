"""OLR 35: once archived (归档), the electronic file is the archive — no document, evidence or hearing record goes
into it (services.check_not_archived), and the case page no longer offers to add any; what follows the file (the
hand-off to enforcement, CPL 250) is still recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from court.cases import services
from court.cases.access import Action, can
from court.cases.models import CaseEvent, CaseState, DocumentKind, Hearing
from court.cases.services import CaseRuleError, EvidenceInput
from court.cases.services.base import FILE_ARCHIVED
from tests.casefile.conftest import PDF, case_files_dir  # noqa: F401
from tests.factories import serve_decision

from .conftest import fresh, last_event

pytestmark = pytest.mark.usefixtures("case_files_dir")


@pytest.fixture
def archived(make_case, clerk):
    case = serve_decision(make_case(state="closed"), actor=clerk)
    services.case_archive(case=case, actor=clerk, on=services.decision_status(case).effective_on)
    case = fresh(case)
    assert case.state == CaseState.ARCHIVED
    return case


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")


def test_no_document_goes_into_an_archived_file(archived, judge, admin_user):
    events = archived.events.count()
    for actor in (judge, admin_user):  # the superuser too: it is the law, not a permission
        with pytest.raises(CaseRuleError) as refused:
            services.document_upload(case=archived, actor=actor, kind=DocumentKind.OTHER, title="补充", file=_pdf())
        assert refused.value.code == "archived" and refused.value.article == "OLR 35"
        assert refused.value.text == str(FILE_ARCHIVED)
    assert archived.documents.filter(title="补充").count() == 0 and archived.events.count() == events


def test_no_evidence_goes_into_an_archived_file(archived, party):
    with pytest.raises(CaseRuleError) as refused:
        services.evidence_add(case=archived, actor=party, items=[EvidenceInput(name="收条", file=_pdf())])
    assert refused.value.code == "archived"
    assert not archived.evidence.filter(name="收条").exists()


def test_no_hearing_record_is_completed_in_an_archived_file(archived, judge):
    hearing = archived.hearings.filter(status=Hearing.Status.HELD).first()
    assert hearing is not None
    with pytest.raises(CaseRuleError) as refused:
        services.hearing_record(hearing=hearing, actor=judge, outcome="补记",
                                attendance={p.pk: ("present", "") for p in archived.parties.all()})
    assert refused.value.code == "archived"


def test_the_hand_off_to_enforcement_is_still_recorded(archived, judge):
    services.enforcement_handoff(case=archived, actor=judge, on=archived.closed_on + timedelta(days=60))
    assert last_event(archived).kind == CaseEvent.Kind.ENFORCEMENT_TRANSFERRED


def test_the_case_page_offers_no_upload_and_no_record(archived, judge, party, client):
    assert not can(party, Action.ADD_DOCUMENT, archived) and not can(judge, Action.ADD_DOCUMENT, archived)
    client.force_login(judge)
    page = client.get(reverse("case_detail", args=[archived.pk])).content.decode()
    assert 'name="hearing_record-outcome"' not in page
    assert reverse("case_document_upload", args=[archived.pk]) not in page
