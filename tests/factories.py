"""Building cases through the same services the web uses, so tests exercise the real paths."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from court.cases import services
from court.cases.models import Case, Party, ServiceAttempt
from court.cases.services import FilingInput, PartyInput

TZ = ZoneInfo("Asia/Shanghai")
ORDER = ["filed", "accepted", "service", "scheduled", "heard", "closed"]


def build_case(*, court, team, judge, officer, cause, plaintiff_user=None, lawyer=None, state: str = "accepted",
               procedure: str = "simple", filed_on: date = date(2024, 3, 1), amount: Decimal = Decimal("30000"),
               defendants: int = 1, defendant_address_known: bool = True, e_consent: bool = True,
               foreign_related: bool = False, appraisal_requested: bool = False, mode: str = "judgment") -> Case:
    parties = [PartyInput(side=Party.Side.PLAINTIFF, name="张三", user=plaintiff_user, lawyer=lawyer,
                          e_service_consent=e_consent, e_address="zhangsan@example.cn")]
    parties += [PartyInput(side=Party.Side.DEFENDANT, name=f"李四{i}", address_known=defendant_address_known,
                           e_service_consent=e_consent, address="蓝田县蓝关街道" if defendant_address_known else "")
                for i in range(defendants)]
    filing = FilingInput(cause=cause, claim_amount=amount, parties=parties, evidence_items=3,
                         foreign_related=foreign_related, appraisal_requested=appraisal_requested,
                         claims="判令被告归还借款", facts="借款到期未还")
    case = services.case_submit(court=court, filing=filing, actor=plaintiff_user, on=filed_on - timedelta(days=2))
    if state == "filed":
        return case
    case = services.case_accept(case=case, actor=officer, procedure=procedure, team=team, judge=judge, on=filed_on)
    if ORDER.index(state) < ORDER.index("service"):
        return case
    defendant = case.parties.filter(side=Party.Side.DEFENDANT).first()
    attempt = services.service_send(case=case, actor=judge, document=ServiceAttempt.Document.COMPLAINT,
                                    channel=ServiceAttempt.Channel.ELECTRONIC if e_consent else ServiceAttempt.Channel.POST,
                                    party=defendant, on=filed_on + timedelta(days=2))
    services.service_record(attempt=attempt, actor=judge, served=True, on=filed_on + timedelta(days=3))
    if procedure == "ordinary":  # JI 99: the court sets an evidence period of at least 15 days before the hearing
        services.case_set_evidence_period(case=case, actor=judge, start_on=filed_on + timedelta(days=3), days=15,
                                          on=filed_on + timedelta(days=3))
    case.refresh_from_db()
    if state == "service":
        return case
    # After the answer period (CPL 128) and the evidence period (JI 99), which a holiday can push back (CPL 85).
    hearing_day = max(filed_on + timedelta(days=20), services.earliest_hearing_day(case) or filed_on)
    hearing = services.hearing_schedule(case=case, actor=judge, starts_at=datetime.combine(hearing_day, time(9), TZ),
                                        notified_on=filed_on + timedelta(days=5), room="第一法庭")
    case.refresh_from_db()
    if state == "scheduled":
        return case
    services.hearing_hold(hearing=hearing, actor=judge, on=hearing_day)
    case.refresh_from_db()
    if state == "heard":
        return case
    closed_on = hearing_day + timedelta(days=5)
    if mode == "judgment":
        services.case_close(case=case, actor=judge, mode=mode, pronounced_on=closed_on)
    elif mode == "mediation":
        services.case_close(case=case, actor=judge, mode=mode, mediation_served_on=[closed_on, closed_on])
    else:
        services.case_close(case=case, actor=judge, mode=mode, ruling_on=closed_on)
    case.refresh_from_db()
    return case


def serve_decision(case: Case, *, actor, on: date | None = None, document: str | None = None) -> Case:
    """Serve the closed case's decision (judgment, ruling or mediation document) on every party in person on
    `on` (the closing day by default), as the file must show before it is archived (JI 263(9))."""
    from court.rules.after_judgment import decision_of

    on = on or case.closed_on
    kind = decision_of(case.closing_mode)[0]
    document = document or {"judgment": ServiceAttempt.Document.JUDGMENT, "ruling": ServiceAttempt.Document.RULING,
                            "mediation": ServiceAttempt.Document.MEDIATION}[kind]
    for party in case.parties.order_by("id"):
        attempt = services.service_send(case=case, actor=actor, document=document,
                                        channel=ServiceAttempt.Channel.DIRECT, party=party, on=on)
        services.service_record(attempt=attempt, actor=actor, served=True, on=on)
    case.refresh_from_db()
    return case
