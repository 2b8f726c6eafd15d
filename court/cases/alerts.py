"""The alerts the docket, the work queues and the nightly job show, computed from the records (never stored, so
never stale): the term running out (15 days left, TL2019 Art. 1) or overdue, a case stuck (no event for 30
days), the complaint not sent within 5 days of filing (CPL 128), the answer and evidence periods over with no
hearing set (CPL 128; JI 99), and court fees past due (FEE 22).

`alerts_for(cases, on)` answers for a page of cases in a fixed number of queries (five), whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext_lazy as _

from court.rules import periods as rule_periods

from .models import Case, CaseEvent, CaseState, FeeNotice, ServiceAttempt
from .term import court_calendar

#: Days left in the term when the extension window opens: the application is made 15 days before expiry
#: (TL2019 Art. 1).
TERM_WARNING_DAYS = 15
#: A case with no event for this many days is stuck.
STUCK_DAYS = 30
#: States before a hearing is set, where a passed answer or evidence period means "set the hearing".
BEFORE_HEARING = (CaseState.ACCEPTED, CaseState.SERVICE)

KINDS = {
    "term_warning": _("%(days)s days left in the term (apply for an extension 15 days before: TL2019 Art. 1)"),
    "overdue": _("Over the term since %(date)s"),
    "stuck": _("Stuck: no step for %(days)s days"),
    "late_service": _("Complaint not sent within 5 days of filing (due %(date)s, CPL 128)"),
    "answer_passed": _("Answer period over on %(date)s: set the hearing (CPL 128)"),
    "evidence_passed": _("Evidence period over on %(date)s: set the hearing (JI 99)"),
    "fees_unpaid": _("Court fees past due since %(date)s (FEE 22)"),
}
SEVERE = {"overdue", "stuck", "late_service"}


@dataclass(frozen=True)
class Alert:
    kind: str
    params: dict

    @property
    def text(self) -> str:
        return str(KINDS[self.kind]) % self.params

    @property
    def severe(self) -> bool:
        return self.kind in SEVERE

    def __str__(self) -> str:
        return self.text


def alerts_for(cases: list[Case], on: date) -> dict[int, list[Alert]]:
    """The alerts of each pending case in `cases` on `on` (five queries for the page)."""
    pending = [c for c in cases if c.is_pending and c.filed_on]
    out: dict[int, list[Alert]] = defaultdict(list)
    if not pending:
        return out
    ids = [c.pk for c in pending]
    last_event = dict(CaseEvent.objects.filter(case_id__in=ids).values("case_id").annotate(last=Max("on"))
                      .values_list("case_id", "last"))
    complaint = ServiceAttempt.objects.filter(case_id__in=ids, document=ServiceAttempt.Document.COMPLAINT)
    sent = set(complaint.values_list("case_id", flat=True).distinct())
    served = dict(complaint.filter(status=ServiceAttempt.Status.SERVED).values("case_id")
                  .annotate(last=Max("served_on")).values_list("case_id", "last"))
    fees_due: dict[int, date] = {}
    for case_id, due, deferred, amount, relief, paid in FeeNotice.objects.filter(case_id__in=ids).filter(
            Q(deferred_to__lt=on) | Q(deferred_to__isnull=True, due_on__lt=on)).annotate(
            paid=Sum("payments__amount")).values_list("case_id", "due_on", "deferred_to", "amount",
                                                      "relief_amount", "paid"):
        if amount - relief - (paid or 0) <= 0:
            continue
        day = deferred or due
        fees_due[case_id] = min(day, fees_due.get(case_id, day))
    calendar = court_calendar()
    for case in pending:
        alerts = out[case.pk]
        deadline = case.extended_deadline or case.normal_deadline
        if deadline is not None and case.state != CaseState.SUSPENDED:
            if deadline < on:
                alerts.append(Alert("overdue", {"date": deadline}))
            elif (deadline - on).days <= TERM_WARNING_DAYS:
                alerts.append(Alert("term_warning", {"days": (deadline - on).days}))
        last = last_event.get(case.pk) or case.filed_on
        if (on - last).days > STUCK_DAYS:
            alerts.append(Alert("stuck", {"days": (on - last).days}))
        if case.pk not in sent:
            due = rule_periods.complaint_service_due(case.filed_on, calendar=calendar)
            if due < on:
                alerts.append(Alert("late_service", {"date": due}))
        if case.state in BEFORE_HEARING:
            if case.pk in served and not case.answer_period_waived:
                answer = rule_periods.answer_due(served[case.pk], calendar=calendar)
                if case.answer_period_days:
                    answer = rule_periods.day_period_end(served[case.pk], case.answer_period_days, calendar=calendar)
                if answer < on:
                    alerts.append(Alert("answer_passed", {"date": answer}))
            if case.evidence_period_start and case.evidence_period_days and not case.evidence_period_waived:
                end = case.evidence_period_start + timedelta(days=case.evidence_period_days)
                if end < on:
                    alerts.append(Alert("evidence_passed", {"date": end}))
        if case.pk in fees_due:
            alerts.append(Alert("fees_unpaid", {"date": fees_due[case.pk]}))
    return out
