"""The actions on a case page, one form each (see `base`), grouped by part of the lifecycle like the services.

`ACTION_FORMS` is their order on the page; `ACTIONS` finds one by its slug; `offered_actions` lists those a
user may take on a case now.
"""

from __future__ import annotations

from .applications import (
    AddressForm,
    AnswerForm,
    ApplyForm,
    DecideApplicationForm,
    MyConsentsForm,
    WithdrawFilingForm,
)
from .after_judgment import AppealForm, EnforcementForm, ExtensionApplyForm, ExtensionDecideForm
from .base import ACTION_GROUPS, ActionSpec, CaseActionForm, CaseContext
from .closing import ArchiveForm, CloseForm, NoteForm
from .fees import FeeDeemWithdrawnForm, FeeRecordPaymentForm, FeeReliefApplyForm, FeeReliefDecideForm
from .filing import AcceptForm, AssignForm, CorrectionForm, RejectForm, ResubmitForm
from .hearing_record import AsyncCloseForm, AsyncSubmitForm, AsyncWindowsForm, HearingRecordForm
from .hearings import (
    AnswerPeriodForm,
    EvidencePeriodForm,
    HearingAdjournForm,
    HearingHoldForm,
    HearingScheduleForm,
    WaivePeriodsForm,
)
from .parties import AmountForm, CounterclaimForm, PartyAddForm, PartyConsentsForm
from .periods import (
    ConvertForm,
    ExtendForm,
    MediationEndForm,
    MediationStartForm,
    PeriodEndForm,
    PeriodStartForm,
    ResumeForm,
    SuspendForm,
)
from .service import ServiceRecordForm, ServiceSendForm

ACTION_FORMS: tuple[type[CaseActionForm], ...] = (
    AcceptForm, CorrectionForm, RejectForm, ResubmitForm, WithdrawFilingForm,
    PartyAddForm, PartyConsentsForm, MyConsentsForm, AddressForm, AmountForm, CounterclaimForm,
    AnswerForm, ApplyForm, DecideApplicationForm,
    ServiceSendForm, ServiceRecordForm,
    EvidencePeriodForm, AnswerPeriodForm, WaivePeriodsForm,
    HearingScheduleForm, HearingHoldForm, HearingAdjournForm,
    AsyncWindowsForm, AsyncSubmitForm, AsyncCloseForm, HearingRecordForm,
    MediationStartForm, MediationEndForm, SuspendForm, ResumeForm, PeriodStartForm, PeriodEndForm,
    ExtensionApplyForm, ExtensionDecideForm, ExtendForm,
    ConvertForm,
    FeeRecordPaymentForm, FeeReliefApplyForm, FeeReliefDecideForm,
    CloseForm, FeeDeemWithdrawnForm, AppealForm, EnforcementForm, ArchiveForm,
    NoteForm, AssignForm,
)
ACTIONS: dict[str, type[CaseActionForm]] = {form.spec.slug: form for form in ACTION_FORMS}


def offered_actions(ctx: CaseContext) -> list[type[CaseActionForm]]:
    """The actions `ctx.user` may take on `ctx.case` now: `access.can` grants it and the state allows it."""
    return [form for form in ACTION_FORMS if form.offered(ctx)]


__all__ = [
    "AppealForm", "EnforcementForm", "ExtensionApplyForm", "ExtensionDecideForm",
    "AsyncCloseForm", "AsyncSubmitForm", "AsyncWindowsForm", "HearingRecordForm",
    "ACTIONS", "ACTION_FORMS", "ACTION_GROUPS", "AcceptForm", "AddressForm", "AnswerForm", "ApplyForm",
    "DecideApplicationForm", "MyConsentsForm", "WithdrawFilingForm", "ActionSpec", "AmountForm", "AnswerPeriodForm",
    "ArchiveForm", "AssignForm", "CaseActionForm", "CaseContext", "CloseForm", "ConvertForm", "CorrectionForm",
    "CounterclaimForm", "EvidencePeriodForm", "ExtendForm", "HearingAdjournForm", "HearingHoldForm",
    "HearingScheduleForm", "MediationEndForm", "MediationStartForm", "NoteForm", "PartyAddForm", "PartyConsentsForm",
    "PeriodEndForm", "PeriodStartForm", "RejectForm", "ResubmitForm", "ResumeForm", "ServiceRecordForm",
    "ServiceSendForm", "SuspendForm", "WaivePeriodsForm", "offered_actions",
]
