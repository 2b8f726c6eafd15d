"""Who sees a mediation: a village elder only its live mediations, and no internal material; parties their own."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from court.cases import access, services
from court.cases.models import Case
from court.mediation import services as med

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_elder_sees_its_live_mediation_only(assigned, elder, far_elder, filing_officer, judge):
    case = Case.objects.get(pk=assigned.case_id)
    assert list(access.cases_for_user(elder)) == [case]
    assert not access.cases_for_user(far_elder).exists()
    assert access.is_external(elder)
    filed = med.prefiling_fail(mediation=assigned, actor=elder, reason="被告明确拒绝", on=date(2024, 3, 10))
    assert not access.cases_for_user(elder).exists()  # ended: nothing left to see
    assert filed in access.cases_for_user(filing_officer)


def test_the_elder_sees_no_internal_document(assigned, elder, filing_officer):
    case = Case.objects.get(pk=assigned.case_id)
    services.document_upload(case=case, actor=None, kind="other", title="内部审查意见", internal=True,
                             file=SimpleUploadedFile("n.pdf", PDF))
    services.document_upload(case=case, actor=None, kind="evidence", title="借条",
                             file=SimpleUploadedFile("e.pdf", PDF))
    assert [d.title for d in access.documents_for_user(elder, case)] == ["借条"]
    assert access.can(elder, access.Action.MEDIATE, case)
    assert not access.can(elder, access.Action.DECIDE, case)


def test_the_parties_see_their_pre_suit_case(assigned, party, stranger):
    case = Case.objects.get(pk=assigned.case_id)
    assert case in access.cases_for_user(party)
    assert case not in access.cases_for_user(stranger)
