"""The papers of a scheduled hearing in one step: a summons (传票) served on every party and, for a public hearing, the
hearing announcement (开庭公告), through `document_serve` and `document_generate`.

CPL 139: "人民法院审理民事案件，应当在开庭三日前通知当事人和其他诉讼参与人。公开审理的，应当公告当事人姓名、案由和开庭的
时间、地点" (`services._check_subject` keeps the three days under ordinary procedure; CPL 163 frees simple
procedure). A party who consented to electronic service (CPL 90) is served electronically unless the team
chooses otherwise; the others by the channel chosen. A party already served a summons for this hearing, or an
announcement already made, is not issued again, so the step can be repeated after a party is added. Everything
is one transaction: the summonses, their service attempts and the announcement, or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases import services as case_services
from court.cases.access import NOT_ALLOWED
from court.cases.models import Case, CaseDocument, Hearing, Party, ServiceAttempt
from court.cases.services import CaseRuleError
from court.cases.services.base import locked
from court.org.models import User

from .models import IssuedDocument, TemplateKind
from .services import HEARING_NOT_SCHEDULED, document_generate, document_serve, may_issue

T = TemplateKind
Channel = ServiceAttempt.Channel
#: The channels a summons goes by for a party who has not consented to electronic service (publication needs a
#: ground of its own per party, CPL 95, and is chosen one party at a time on the documents panel).
PAPER_CHANNELS = (Channel.POST, Channel.DIRECT, Channel.LEFT, Channel.ENTRUSTED)

PAPERS_CHANNEL = gettext_noop("Choose how to serve the summons on parties who have not consented to electronic "
                              "service: by post, in person, left at the residence or through an entrusted court.")
PAPERS_DONE = gettext_noop("Every party has been served a summons for this hearing and nothing is left to announce.")


@dataclass
class HearingPapers:
    summonses: list[tuple[CaseDocument, ServiceAttempt]] = field(default_factory=list)
    announcement: CaseDocument | None = None


def announced(hearing: Hearing) -> bool:
    """CPL 139: a public hearing at a time and place (not in private, CPL 137; not asynchronous) is announced."""
    return hearing.public and hearing.mode != Hearing.Mode.ASYNC


def hearing_papers_issue(*, hearing: Hearing, actor: User | None, channel: str, electronic: bool = True,
                         language: str | None = None, on: date | None = None) -> HearingPapers:
    """Serve a summons for `hearing` on every party not yet summoned to it and, for a public hearing, make its
    announcement if none was made; `channel` serves the parties without an electronic address they consented to
    (or everyone, with `electronic=False`)."""
    if channel not in PAPER_CHANNELS:
        raise CaseRuleError(PAPERS_CHANNEL, code="papers_channel")
    papers = HearingPapers()
    with case_services.atomic_with_files():
        # The case row locked first: a double click waits here and then finds every party summoned.
        case: Case = locked(Hearing.objects.select_related("case").get(pk=hearing.pk).case)
        hearing = Hearing.objects.get(pk=hearing.pk)
        if actor is not None and not may_issue(actor, T.SUMMONS, case):
            raise PermissionDenied(_(NOT_ALLOWED))
        if hearing.status != Hearing.Status.SCHEDULED:
            raise CaseRuleError(HEARING_NOT_SCHEDULED, code="hearing_not_scheduled")
        issued = IssuedDocument.objects.filter(case=case, hearing=hearing)
        summoned = set(issued.filter(kind=T.SUMMONS, served_by__isnull=False).values_list("party_id", flat=True))
        parties = [p for p in case.parties.order_by("side_rank", "id") if p.pk not in summoned]
        announce = announced(hearing) and not issued.filter(kind=T.ANNOUNCEMENT).exists()
        if not parties and not announce:
            raise CaseRuleError(PAPERS_DONE, code="papers_done")
        for party in parties:
            papers.summonses.append(document_serve(
                case=case, actor=actor, kind=T.SUMMONS, party=party, hearing=hearing, language=language, on=on,
                channel=Channel.ELECTRONIC if electronic and _consented(party) else channel))
        if announce:
            papers.announcement = document_generate(case=case, actor=actor, kind=T.ANNOUNCEMENT, hearing=hearing,
                                                    language=language, on=on)
    return papers


def _consented(party: Party) -> bool:
    return bool(party.e_service_consent)
