"""The hearing record. CPL 147: "书记员应当将法庭审理的全部活动记入笔录，由审判人员和书记员签名。" Who sat is on the
hearing (CPL 140), who attended for each party, the outcome and the transcript in the case file."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from court.cases import services
from court.cases.models import CaseEvent, HearingAttendance, Party
from court.cases.services import CaseRuleError

pytestmark = pytest.mark.django_db
P = HearingAttendance.Presence
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _parties(case):
    return (case.parties.get(side=Party.Side.PLAINTIFF), case.parties.get(side=Party.Side.DEFENDANT))


def test_the_clerk_records_attendance_outcome_and_transcript(make_case, clerk, judge, assistant):
    case = make_case(state="heard")
    hearing = case.hearings.get()
    plaintiff, defendant = _parties(case)
    services.hearing_record(
        hearing=hearing, actor=clerk, outcome="双方质证完毕，择日宣判。",
        attendance={plaintiff.pk: (P.REPRESENTED, "王律师"), defendant.pk: (P.ABSENT, "")},
        transcript=SimpleUploadedFile("bilu.pdf", PDF, content_type="application/pdf"))
    hearing.refresh_from_db()
    assert (hearing.judge, hearing.assistant, hearing.clerk) == (judge, assistant, clerk)
    assert hearing.transcript.case_id == case.pk and not hearing.transcript.internal
    assert {(a.party_id, a.presence, a.represented_by) for a in hearing.attendance.all()} == {
        (plaintiff.pk, P.REPRESENTED, "王律师"), (defendant.pk, P.ABSENT, "")}
    event = CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.HEARING_RECORDED).get()
    assert event.basis == "CPL 147"


def test_the_record_needs_every_party_and_a_held_hearing(make_case, clerk):
    case = make_case(state="heard")
    hearing = case.hearings.get()
    plaintiff, defendant = _parties(case)
    with pytest.raises(CaseRuleError) as err:
        services.hearing_record(hearing=hearing, actor=clerk, outcome="x", attendance={plaintiff.pk: (P.PRESENT, "")})
    assert err.value.code == "attendance_missing" and defendant.name in err.value.text
    with pytest.raises(CaseRuleError) as err:
        services.hearing_record(hearing=hearing, actor=clerk, outcome="x",
                                attendance={plaintiff.pk: (P.REPRESENTED, ""), defendant.pk: (P.PRESENT, "")})
    assert err.value.code == "no_representative"
    with pytest.raises(CaseRuleError) as err:
        services.hearing_record(hearing=hearing, actor=clerk, outcome=" ",
                                attendance={plaintiff.pk: (P.PRESENT, ""), defendant.pk: (P.PRESENT, "")})
    assert err.value.text == services.RECORD_NEEDS_OUTCOME
    scheduled = make_case(state="scheduled").hearings.get()
    with pytest.raises(CaseRuleError) as err:
        services.hearing_record(hearing=scheduled, actor=clerk, outcome="x", attendance={})
    assert err.value.text == services.RECORD_NOT_HELD


def test_only_the_team_records(make_case, other_judge, party):
    case = make_case(state="heard")
    for actor in (other_judge, party):
        with pytest.raises(PermissionDenied):
            services.hearing_record(hearing=case.hearings.get(), actor=actor, outcome="x", attendance={})
