"""The civil case and what hangs off it: parties, periods, service, hearings and the append-only event log.

One module per concern; everything is importable from `court.cases.models` as before (app label `cases`).
"""

from .applications import Application
from .case import Case, CaseNumberSequence
from .catalogue import Cause, CauseCatalogue, CauseMapping
from .choices import (
    ACTIVE_STATES,
    DONE_STATES,
    WORKING_STATES,
    CaseState,
    CaseType,
    ClaimNature,
    ClosingMode,
    Panel,
    PartyKind,
    PeriodKind,
    Procedure,
    SuitKind,
)
from .docket import CasePeriod, Hearing, ServiceAttempt
from .documents import CaseDocument, CaseFileStorage, DocumentKind, EvidenceItem
from .events import CaseEvent, CaseEventQuerySet
from .fees import FeeNotice, FeePayment
from .jobs import JobRun
from .hearing_record import AsyncStage, AsyncSubmission, AsyncWindow, HearingAttendance
from .parties import SIDE_RANK, Party, Representative

__all__ = [
    "AsyncStage", "AsyncSubmission", "AsyncWindow", "HearingAttendance",
    "ACTIVE_STATES", "Application", "DONE_STATES", "FeeNotice", "FeePayment", "SIDE_RANK", "WORKING_STATES", "Case", "CaseDocument", "CaseEvent", "CaseEventQuerySet",
    "CaseFileStorage", "CaseNumberSequence", "CasePeriod", "CaseState", "CaseType", "ClaimNature", "Cause",
    "CauseCatalogue", "CauseMapping", "ClosingMode", "DocumentKind", "EvidenceItem",
    "Hearing", "JobRun", "Panel", "Party", "PartyKind", "PeriodKind", "Procedure", "Representative", "ServiceAttempt",
    "SuitKind",
]
