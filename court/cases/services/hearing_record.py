"""The hearing record (庭审笔录, CPL 147): who sat is on the hearing since it was scheduled (CPL 140: judge,
assistant, clerk); after the hearing the clerk records who attended for each party (present, represented by
whom, absent: CPL 146-147), the outcome, and puts the transcript into the case file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User

from ..access import Action, require
from ..bounds import NOTE_MAX_LENGTH
from ..models import DocumentKind, Hearing, HearingAttendance
from ..term import today
from .base import CaseRuleError, K, check_choice, check_length, check_not_archived, local_day, locked, log_event
from .documents import atomic_with_files, document_upload

RECORD_NOT_HELD = gettext_noop("CPL 147: the record is of a hearing that was held.")
RECORD_NEEDS_OUTCOME = gettext_noop("Say what the hearing came to.")
RECORD_EVERY_PARTY = gettext_noop("CPL 147: record the attendance of every party; missing: %(parties)s.")
RECORD_NEEDS_REPRESENTATIVE = gettext_noop("Name who represented %(party)s.")
REPRESENTATIVE_MAX_LENGTH = 100
Presence = HearingAttendance.Presence


def hearing_record(*, hearing: Hearing, actor: User | None, outcome: str,
                   attendance: Mapping[int, tuple[str, str]], transcript: Any = None) -> Hearing:
    """CPL 147: the record of a held hearing: `attendance` maps every party's id to (presence, represented by);
    `transcript` (a file) goes into the case file. Recording again replaces the attendance and the outcome."""
    with atomic_with_files():
        case = locked(hearing.case)
        check_not_archived(case)
        require(actor, Action.DOCKET, case)
        hearing = Hearing.objects.select_for_update().get(pk=hearing.pk, case=case)
        if hearing.status != Hearing.Status.HELD:
            raise CaseRuleError(RECORD_NOT_HELD, code="not_held", article="CPL 147")
        outcome = (outcome or "").strip()
        if not outcome:
            raise CaseRuleError(RECORD_NEEDS_OUTCOME, code="no_outcome")
        check_length(_("outcome"), outcome, NOTE_MAX_LENGTH)
        parties = list(case.parties.all())
        missing = [p.name for p in parties if p.pk not in attendance]
        if missing:
            raise CaseRuleError(RECORD_EVERY_PARTY, code="attendance_missing", article="CPL 147",
                                params={"parties": "、".join(missing)})
        rows = []
        for party in parties:
            presence, represented_by = attendance[party.pk]
            check_choice(_("attendance"), presence, Presence.values)
            represented_by = (represented_by or "").strip() if presence == Presence.REPRESENTED else ""
            if presence == Presence.REPRESENTED and not represented_by:
                raise CaseRuleError(RECORD_NEEDS_REPRESENTATIVE, code="no_representative",
                                    params={"party": party.name})
            check_length(_("represented by"), represented_by, REPRESENTATIVE_MAX_LENGTH)
            rows.append(HearingAttendance(hearing=hearing, party=party, presence=presence,
                                          represented_by=represented_by))
        if transcript is not None:
            hearing.transcript = document_upload(
                case=case, actor=actor, kind=DocumentKind.OTHER, file=transcript,
                title=_("Hearing transcript %(day)s") % {"day": local_day(hearing.starts_at).isoformat()})
        hearing.attendance.all().delete()
        HearingAttendance.objects.bulk_create(rows)
        hearing.outcome = outcome
        hearing.save(update_fields=["outcome", "transcript"])
        log_event(case, K.HEARING_RECORDED, actor=actor, on=today(), basis="CPL 147", hearing=hearing.pk,
                  attendance={row.party.name: row.presence for row in rows},
                  transcript=hearing.transcript_id)
    return hearing
