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
- `documents`: the electronic case file and the evidence list (OLR 11; CPL 67);
- `correction`: the corrections asked before 立案 and their deadline, the filer's amendments, withdrawal of a
  filing (REG2015 Art. 7; OLR 9(2); CPL 13);
- `fees`: the fee notice issued with acceptance, a counterclaim or a conversion, payments (by the court or
  online), relief (司法救助) and the ruling for non-payment (FEE 18-22, 44-51; JI 199, 213);
- `applications`: the defendant's answer, applications to withdraw the suit and objections to jurisdiction,
  and the judge's rulings on them (CPL 128, 130, 148, 157; JI 223, 238-239).
"""

from . import base, closing, filing, hearings, interruptions, parties, preparation, service_of_process  # noqa: F401  (the submodules, for patching)
from . import documents  # noqa: F401
from . import applications, correction  # noqa: F401
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
    REASSIGN_NEEDS_REASON,
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
    ADDRESS_NEEDED,
    answer_periods,
    party_confirm_address,
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

from .correction import (
    AMENDED_WITHOUT_PLAINTIFF,
    CORRECTION_DAYS,
    CORRECTION_DUE_BEFORE_REQUEST,
    NOT_IN_CORRECTION,
    PARTY_OF_OTHER_FILING,
    CorrectionRequest,
    case_amend_filing,
    case_withdraw_filing,
    correction_request,
    default_correction_due,
)
from .applications import (
    ANSWER_NEEDS_CONTENT,
    ANSWER_ONLY_DEFENDANT,
    APPLICATION_ALREADY_DECIDED,
    APPLICATION_ALREADY_PENDING,
    APPLICATION_NEEDS_TEXT,
    OBJECTION_AFTER_ANSWER_ON_MERITS,
    OBJECTION_ONLY_DEFENDANT,
    OBJECTION_OUT_OF_TIME,
    OBJECTION_PERIOD_WAIVED,
    RULING_BEFORE_APPLICATION,
    RULING_NEEDS_REASONS,
    WITHDRAWAL_ONLY_PLAINTIFF,
    answer_file,
    answer_period_of,
    application_decide,
    application_file,
    pending_applications,
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
    "REASSIGN_NEEDS_REASON", "REJECT_NEEDS_REASON", "RESUME_BEFORE_SUSPENSION", "SERVED_BEFORE_SENT", "SERVICE_BASIS",
    "SERVICE_FAILURE_NEEDS_REASON", "SERVICE_STATES", "SUSPENDED_CLOSING", "SUSPENDED_CLOSING_MODES",
    "SUSPENSION_KIND", "SUSPENSION_NEEDS_GROUND", "TEAM_OF_OTHER_COURT", "TRANSITION_NOT_ALLOWED", "UNKNOWN_CHOICE",
    "allocate_case_number", "case_accept", "case_amend_amount", "case_archive", "case_assign", "case_close",
    "case_convert_procedure", "case_end_mediation", "case_extend", "case_note", "case_record_counterclaim",
    "case_reject", "case_request_correction", "case_resubmit", "case_resume", "case_start_mediation", "case_submit",
    "case_suspend", "hearing_adjourn", "hearing_hold", "hearing_schedule", "log_event",
    "party_add", "period_end", "period_start", "procedure_bars", "service_record", "service_send",
    "EVIDENCE_LIST_CLOSED", "EVIDENCE_NEEDS_NAME", "TOO_MANY_AT_ONCE", "TOO_MANY_DOCUMENTS", "TOO_MANY_EVIDENCE",
    "EvidenceInput", "atomic_with_files", "document_upload", "evidence_add", "evidence_edit", "evidence_remove",
    "ADDRESS_NEEDED", "party_confirm_address",
    "AMENDED_WITHOUT_PLAINTIFF", "CORRECTION_DAYS", "CORRECTION_DUE_BEFORE_REQUEST", "NOT_IN_CORRECTION",
    "PARTY_OF_OTHER_FILING", "CorrectionRequest", "case_amend_filing", "case_withdraw_filing", "correction_request",
    "default_correction_due",
    "ANSWER_NEEDS_CONTENT", "ANSWER_ONLY_DEFENDANT", "APPLICATION_ALREADY_DECIDED", "APPLICATION_ALREADY_PENDING",
    "APPLICATION_NEEDS_TEXT", "OBJECTION_AFTER_ANSWER_ON_MERITS", "OBJECTION_ONLY_DEFENDANT", "OBJECTION_OUT_OF_TIME",
    "OBJECTION_PERIOD_WAIVED", "RULING_BEFORE_APPLICATION", "RULING_NEEDS_REASONS", "WITHDRAWAL_ONLY_PLAINTIFF",
    "answer_file", "answer_period_of", "application_decide", "application_file", "pending_applications",
]

from . import fees  # noqa: F401,E402
from .fees import (  # noqa: E402
    COUNTERCLAIM_NOT_THE_SUIT,
    DEFERRAL_NOT_LATER,
    NO_DUE_DATE,
    NO_ONLINE_PAYMENT,
    NOT_OVERDUE,
    NOT_THE_PAYER,
    NOTHING_OWED,
    OVERPAYMENT,
    REDUCTION_TOO_LARGE,
    REDUCTION_TOO_SMALL,
    REFERENCE_USED,
    REFUSAL_NEEDS_REASONS,
    RELIEF_ALREADY_APPLIED,
    RELIEF_NEEDS_REASONS,
    RELIEF_NOT_APPLIED,
    RELIEF_PENDING,
    WAIVER_ONLY_PERSONS,
    FeeStatus,
    case_fee_statuses,
    fee_apply_relief,
    fee_confirm_payment,
    fee_decide_relief,
    fee_deem_withdrawn,
    fee_pay_online,
    fee_record_payment,
    overdue_notices,
)

__all__ += [
    "COUNTERCLAIM_NOT_THE_SUIT", "DEFERRAL_NOT_LATER", "NO_DUE_DATE", "NO_ONLINE_PAYMENT", "NOT_OVERDUE",
    "NOT_THE_PAYER", "NOTHING_OWED", "OVERPAYMENT", "REDUCTION_TOO_LARGE", "REDUCTION_TOO_SMALL", "REFERENCE_USED",
    "REFUSAL_NEEDS_REASONS", "RELIEF_ALREADY_APPLIED", "RELIEF_NEEDS_REASONS", "RELIEF_NOT_APPLIED",
    "RELIEF_PENDING", "WAIVER_ONLY_PERSONS", "FeeStatus", "case_fee_statuses", "fee_apply_relief",
    "fee_confirm_payment", "fee_decide_relief", "fee_deem_withdrawn", "fee_pay_online", "fee_record_payment",
    "overdue_notices",
]

# Hearings booked in rooms with conflict checks, asynchronous hearings (OLR 20), the hearing record (CPL 147).
from . import async_hearings, hearing_booking, hearing_record  # noqa: F401,E402
from .async_hearings import (  # noqa: E402
    ASYNC_NEEDS_TEXT,
    ASYNC_NO_SUCH_WINDOW,
    ASYNC_NO_WINDOWS,
    ASYNC_NOT_ASYNC,
    ASYNC_STILL_OPEN,
    ASYNC_WINDOW_BACKWARDS,
    ASYNC_WINDOW_BEFORE_NOTICE,
    ASYNC_WINDOW_CLOSED,
    ASYNC_WINDOW_IN_PAST,
    ASYNC_WINDOW_NOT_OPEN,
    ASYNC_WINDOW_ORDER,
    ASYNC_WINDOWS_STARTED,
    async_submit,
    async_windows_set,
    hearing_async_close,
)
from .hearing_booking import (  # noqa: E402
    HEARING_AFTER_TERM,
    HEARING_ASYNC_NO_ROOM,
    HEARING_DURATION,
    HEARING_JUDGE_BUSY,
    HEARING_LAWYER_BUSY,
    HEARING_PRIVATE_NEEDS_REASON,
    HEARING_ROOM_BUSY,
    HEARING_ROOM_KIND,
    HEARING_ROOM_UNKNOWN,
    HEARING_TEAM_BUSY,
)
from .hearing_record import (  # noqa: E402
    RECORD_EVERY_PARTY,
    RECORD_NEEDS_OUTCOME,
    RECORD_NEEDS_REPRESENTATIVE,
    RECORD_NOT_HELD,
    hearing_record,
)
from .hearings import ASYNC_RECORD_OPEN  # noqa: E402

__all__ += [
    "ASYNC_NEEDS_TEXT", "ASYNC_NO_SUCH_WINDOW", "ASYNC_NO_WINDOWS", "ASYNC_NOT_ASYNC", "ASYNC_RECORD_OPEN",
    "ASYNC_STILL_OPEN", "ASYNC_WINDOW_BACKWARDS", "ASYNC_WINDOW_BEFORE_NOTICE", "ASYNC_WINDOW_CLOSED",
    "ASYNC_WINDOW_IN_PAST", "ASYNC_WINDOW_NOT_OPEN", "ASYNC_WINDOW_ORDER", "ASYNC_WINDOWS_STARTED", "async_submit",
    "async_windows_set", "hearing_async_close", "HEARING_AFTER_TERM", "HEARING_ASYNC_NO_ROOM", "HEARING_DURATION",
    "HEARING_JUDGE_BUSY", "HEARING_LAWYER_BUSY", "HEARING_PRIVATE_NEEDS_REASON", "HEARING_ROOM_BUSY",
    "HEARING_ROOM_KIND", "HEARING_ROOM_UNKNOWN", "HEARING_TEAM_BUSY", "RECORD_EVERY_PARTY", "RECORD_NEEDS_OUTCOME",
    "RECORD_NEEDS_REPRESENTATIVE", "RECORD_NOT_HELD", "hearing_record",
]

# After the decision: appeal periods, effect, appeal, enforcement, the complete file (CPL 158, 171, 250; JI 263).
from . import after_judgment  # noqa: F401,E402
from .after_judgment import (  # noqa: E402
    APPEAL_ALREADY_FILED,
    APPEAL_FINAL,
    APPEAL_NOT_A_PARTY,
    APPEAL_NOT_CLOSED,
    APPEAL_OUT_OF_TIME,
    ENFORCEMENT_ALREADY,
    ENFORCEMENT_NOT_EFFECTIVE,
    PERFORMANCE_BEFORE_EFFECT,
    appeal_file,
    archive_gaps,
    decision_status,
    enforcement_handoff,
)
from .closing import FILE_INCOMPLETE  # noqa: E402

__all__ += [
    "APPEAL_ALREADY_FILED", "APPEAL_FINAL", "APPEAL_NOT_A_PARTY", "APPEAL_NOT_CLOSED", "APPEAL_OUT_OF_TIME",
    "ENFORCEMENT_ALREADY", "ENFORCEMENT_NOT_EFFECTIVE", "FILE_INCOMPLETE", "PERFORMANCE_BEFORE_EFFECT",
    "appeal_file", "archive_gaps", "decision_status", "enforcement_handoff",
]

# Term extension applications and the president's queue (TL2019 Art. 1).
from . import extensions  # noqa: F401,E402
from .extensions import (  # noqa: E402
    EXTENSION_ALREADY_PENDING,
    EXTENSION_MONTHS,
    NO_PENDING_EXTENSION,
    REFUSAL_NEEDS_REASON,
    extension_apply,
    extension_decide,
    pending_extension,
    pending_extensions,
)

__all__ += [
    "EXTENSION_ALREADY_PENDING", "EXTENSION_MONTHS", "NO_PENDING_EXTENSION", "REFUSAL_NEEDS_REASON",
    "extension_apply", "extension_decide", "pending_extension", "pending_extensions",
]
