"""Writes to cases, one module per part of the lifecycle. Each service checks the permission
(`access.require`) and the law, runs the transition, saves, logs one `CaseEvent`, refreshes the term ledger
and schedules side effects after commit.

Services are keyword-only and raise `CaseRuleError` (a ValidationError naming the rule) when the law
forbids the step, and PermissionDenied when the role may not take it. `actor=None` is the system.
Everything is importable from `court.cases.services`:

- `base`: the rule error, row lock, transition, event log (`log_event`), date checks, after-commit signals;
- `filing`: submit, correction, resubmit, reject, accept, assign, case numbers (CPL 122, 126; REG2015);
- `parties`: a party added, the claim amended, a counterclaim (CPL 54, 59, 143);
- `service_of_process`: documents sent and served (CPL 87-95; OLR 29-31);
- `preparation`: the evidence and answer periods, their waiver, each party's consents (CPL 128, 285; JI 99,
  266, 275; OLR 4);
- `hearings`: scheduled, held, adjourned (CPL 139-140, 149; TL2019 Arts 3-6; OLR 20-21);
- `interruptions`: mediation, suspension, excluded periods, extension, change of procedure (JI 243, 258);
- `closing`: close, archive, docket note (TL2000 Art. 10; law-digest §8.1; OLR 35);
- `documents`: the electronic case file and the evidence list (OLR 11; CPL 67).
"""

from . import base, closing, filing, hearings, interruptions, parties, preparation, service_of_process  # noqa: F401  (the submodules, for patching)
from . import documents  # noqa: F401
from .base import (
    CASE_NOT_PENDING,
    DATE_BEFORE_FILING,
    DATE_IN_FUTURE,
    K,
    NEGATIVE_AMOUNT,
    TRANSITION_NOT_ALLOWED,
    UNKNOWN_CHOICE,
    CaseRuleError,
    log_event,
)
from .filing import (
    ACCEPT_BEFORE_RECEIPT,
    CORRECTION_NEEDS_ITEMS,
    NEEDS_DEFENDANT,
    NOT_ON_TEAM,
    NO_PLAINTIFF,
    REJECT_NEEDS_REASON,
    TEAM_OF_OTHER_COURT,
    FilingInput,
    allocate_case_number,
    case_accept,
    case_assign,
    case_reject,
    case_request_correction,
    case_resubmit,
    case_submit,
    procedure_bars,
)
from .parties import (
    PartyInput,
    case_amend_amount,
    case_record_counterclaim,
    party_add,
)
from .service_of_process import (
    ALREADY_RECORDED,
    E_SERVICE_NEEDS_CONSENT,
    MEDIATION_DOCUMENT_IN_PERSON,
    PARTY_OF_OTHER_CASE,
    PUBLICATION_ABROAD_NOT_YET_EFFECTIVE,
    PUBLICATION_IN_SIMPLE,
    PUBLICATION_NEEDS_GROUND,
    PUBLICATION_NOT_YET_EFFECTIVE,
    SERVED_BEFORE_SENT,
    SERVICE_BASIS,
    SERVICE_FAILURE_NEEDS_REASON,
    SERVICE_STATES,
    service_record,
    service_send,
)
from .hearings import (
    ADJOURN_NEEDS_REASON,
    ASYNC_NEEDS_CONSENT,
    ASYNC_NEEDS_DEADLINE,
    ASYNC_ONLY_SIMPLE,
    FORCE_MAJEURE_NEEDS_PRESIDENT,
    GAP_GROUND_NEEDS_NOTE,
    HEARING_ALREADY_SCHEDULED,
    HEARING_BEFORE_NOTICE,
    HEARING_BEFORE_PREVIOUS,
    HEARING_HELD_BEFORE_ITS_DAY,
    HEARING_NEEDS_TIME,
    HEARING_NOT_SCHEDULED,
    ONLINE_NEEDS_CONSENT,
    hearing_adjourn,
    hearing_hold,
    hearing_schedule,
)
from .interruptions import (
    ALREADY_IN_MEDIATION,
    BACK_AFTER_HEARING,
    CONVERSION_NEEDS_REASON,
    EXTENSION_DECIDED_BEFORE_APPLICATION,
    EXTENSION_DECIDED_LATE,
    EXTENSION_DECISION_LEAD_DAYS,
    EXTENSION_NEEDS_REASON,
    FOREIGN_NO_TERM,
    MEDIATION_EXTENSION_OUTSIDE,
    MEDIATOR_NOT_ELIGIBLE,
    NOT_PRESIDENT,
    NO_RUNNING_PERIOD,
    PERIOD_ALREADY_RUNNING,
    PERIOD_BASIS,
    PERIOD_END_BEFORE_START,
    PERIOD_EXTENSION_KIND,
    PUBLICATION_PERIOD_IN_SIMPLE,
    RESUME_BEFORE_SUSPENSION,
    SUSPENSION_KIND,
    SUSPENSION_NEEDS_GROUND,
    case_convert_procedure,
    case_end_mediation,
    case_extend,
    case_resume,
    case_start_mediation,
    case_suspend,
    period_end,
    period_start,
)
from .preparation import (
    CONSENT_NEEDS_E_ADDRESS,
    EVIDENCE_START_NEEDED,
    NO_CONSENT_GIVEN,
    WAIVER_BASIS,
    WAIVER_NEEDS_A_PERIOD,
    WAIVER_NEEDS_NOTE,
    answer_periods,
    case_set_answer_period,
    case_set_evidence_period,
    case_waive_periods,
    earliest_hearing_day,
    evidence_period_end,
    party_record_consents,
)
from .closing import (
    CLOSING_BASIS,
    DATE_BEFORE_CLOSING,
    JUDGMENT_BEFORE_HEARING,
    JUDGMENT_NEEDS_HEARING,
    MEDIATION_NEEDS_SERVICE_DATES,
    NOTE_EMPTY,
    SUSPENDED_CLOSING,
    SUSPENDED_CLOSING_MODES,
    case_archive,
    case_close,
    case_note,
)

from .documents import (
    EVIDENCE_LIST_CLOSED,
    EVIDENCE_NEEDS_NAME,
    TOO_MANY_AT_ONCE,
    TOO_MANY_DOCUMENTS,
    TOO_MANY_EVIDENCE,
    EvidenceInput,
    atomic_with_files,
    document_upload,
    evidence_add,
    evidence_edit,
    evidence_remove,
)

__all__ = [
    "ACCEPT_BEFORE_RECEIPT", "ADJOURN_NEEDS_REASON", "ALREADY_IN_MEDIATION", "ALREADY_RECORDED",
    "ASYNC_NEEDS_CONSENT", "ASYNC_NEEDS_DEADLINE", "ASYNC_ONLY_SIMPLE", "BACK_AFTER_HEARING", "CASE_NOT_PENDING",
    "CLOSING_BASIS", "CONVERSION_NEEDS_REASON", "CORRECTION_NEEDS_ITEMS", "CaseRuleError", "DATE_BEFORE_CLOSING",
    "DATE_BEFORE_FILING", "DATE_IN_FUTURE", "EXTENSION_DECIDED_BEFORE_APPLICATION", "EXTENSION_DECIDED_LATE",
    "EXTENSION_DECISION_LEAD_DAYS", "EXTENSION_NEEDS_REASON", "E_SERVICE_NEEDS_CONSENT",
    "FORCE_MAJEURE_NEEDS_PRESIDENT", "FOREIGN_NO_TERM", "FilingInput", "HEARING_ALREADY_SCHEDULED",
    "HEARING_BEFORE_NOTICE", "HEARING_BEFORE_PREVIOUS", "HEARING_HELD_BEFORE_ITS_DAY", "HEARING_NEEDS_TIME", "HEARING_NOT_SCHEDULED",
    "JUDGMENT_BEFORE_HEARING", "JUDGMENT_NEEDS_HEARING", "K", "MEDIATION_DOCUMENT_IN_PERSON",
    "MEDIATION_EXTENSION_OUTSIDE", "MEDIATION_NEEDS_SERVICE_DATES", "MEDIATOR_NOT_ELIGIBLE", "NEEDS_DEFENDANT",
    "NEGATIVE_AMOUNT", "NOTE_EMPTY", "NOT_ON_TEAM", "NOT_PRESIDENT", "NO_PLAINTIFF", "NO_RUNNING_PERIOD",
    "ONLINE_NEEDS_CONSENT", "GAP_GROUND_NEEDS_NOTE", "PUBLICATION_ABROAD_NOT_YET_EFFECTIVE",
    "CONSENT_NEEDS_E_ADDRESS", "EVIDENCE_START_NEEDED", "NO_CONSENT_GIVEN", "WAIVER_BASIS", "WAIVER_NEEDS_A_PERIOD",
    "WAIVER_NEEDS_NOTE", "answer_periods", "case_set_answer_period", "case_set_evidence_period",
    "case_waive_periods", "earliest_hearing_day", "evidence_period_end", "party_record_consents",
    "PARTY_OF_OTHER_CASE", "PERIOD_ALREADY_RUNNING",
    "PERIOD_BASIS", "PERIOD_END_BEFORE_START", "PERIOD_EXTENSION_KIND", "PUBLICATION_IN_SIMPLE",
    "PUBLICATION_NEEDS_GROUND", "PUBLICATION_NOT_YET_EFFECTIVE", "PUBLICATION_PERIOD_IN_SIMPLE", "PartyInput",
    "REJECT_NEEDS_REASON", "RESUME_BEFORE_SUSPENSION", "SERVED_BEFORE_SENT", "SERVICE_BASIS",
    "SERVICE_FAILURE_NEEDS_REASON", "SERVICE_STATES", "SUSPENDED_CLOSING", "SUSPENDED_CLOSING_MODES",
    "SUSPENSION_KIND", "SUSPENSION_NEEDS_GROUND", "TEAM_OF_OTHER_COURT", "TRANSITION_NOT_ALLOWED", "UNKNOWN_CHOICE",
    "allocate_case_number", "case_accept", "case_amend_amount", "case_archive", "case_assign", "case_close",
    "case_convert_procedure", "case_end_mediation", "case_extend", "case_note", "case_record_counterclaim",
    "case_reject", "case_request_correction", "case_resubmit", "case_resume", "case_start_mediation", "case_submit",
    "case_suspend", "hearing_adjourn", "hearing_hold", "hearing_schedule", "log_event",
    "party_add", "period_end", "period_start", "procedure_bars", "service_record", "service_send",
    "EVIDENCE_LIST_CLOSED", "EVIDENCE_NEEDS_NAME", "TOO_MANY_AT_ONCE", "TOO_MANY_DOCUMENTS", "TOO_MANY_EVIDENCE",
    "EvidenceInput", "atomic_with_files", "document_upload", "evidence_add", "evidence_edit", "evidence_remove",
]
