"""The civil case and what hangs off it: parties, periods, service, hearings and the append-only event log.

One module per concern; everything is importable from `court.cases.models` as before (app label `cases`).
"""

from .applications import Application
from .case import Case, CaseNumberSequence
from .catalogue import Cause, CauseCatalogue
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
from .parties import SIDE_RANK, Party, Representative

__all__ = [
    "ACTIVE_STATES", "Application", "DONE_STATES", "FeeNotice", "FeePayment", "SIDE_RANK", "WORKING_STATES", "Case", "CaseDocument", "CaseEvent", "CaseEventQuerySet",
    "CaseFileStorage", "CaseNumberSequence", "CasePeriod", "CaseState", "CaseType", "ClaimNature", "Cause",
    "CauseCatalogue", "ClosingMode", "DocumentKind", "EvidenceItem",
    "Hearing", "Panel", "Party", "PartyKind", "PeriodKind", "Procedure", "Representative", "ServiceAttempt",
    "SuitKind",
]
