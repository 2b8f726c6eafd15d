"""The parties and the claim after filing: a party added (CPL 59, 135), the claim amount amended (CPL 54;
FEE 21, 35), a counterclaim (CPL 143, which bars small claims, CPL 166(5)). Each asks triage to look again,
and re-checks a small-claims case (JI 278; CPL 166, 169): the bars it now meets go into the event, and the
case cannot be closed as small claims until it moves to simple or, by ruling, to ordinary procedure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User
from court.rules import procedure as rule_procedure
from court.rules.fees import counterclaim_fee_due

from .. import signals
from ..access import FILING_STATES, Action, require
from ..fees import counterclaim_fee_for_case
from ..models import Case, Party, Representative
from ..selectors import case_facts_now, small_claims_recheck
from ..term import court_calendar
from .base import (
    NEGATIVE_AMOUNT,
    check_amount,
    CaseRuleError,
    K,
    after_commit,
    check_choice,
    day_or_today,
    locked,
    log_event,
    require_pending,
)
from .fees import notice_for_counterclaim

NEGATIVE_COUNTERCLAIM_AMOUNT = gettext_noop("The counterclaim amount cannot be negative.")


@dataclass
class PartyInput:
    side: str
    name: str
    kind: str = Party.Kind.PERSON
    id_number: str = ""
    address: str = ""
    address_known: bool = True
    phone: str = ""
    e_service_consent: bool = False
    e_address: str = ""
    online_hearing_consent: bool = False  # OLR 4(4), 21: its own consent, not implied by e-service
    no_domicile_in_china: bool = False  # CPL 283, 285, 286
    user: User | None = None
    lawyer: User | None = None
    lawyer_name: str = ""
    law_firm: str = ""


def create_party(case: Case, data: PartyInput) -> Party:
    """The party and, if one is named, its lawyer; the caller refreshes the case's party facts."""
    party = Party.objects.create(
        case=case, side=data.side, kind=data.kind, name=data.name, id_number=data.id_number, address=data.address,
        address_known=data.address_known, phone=data.phone, e_service_consent=data.e_service_consent,
        e_address=data.e_address, online_hearing_consent=data.online_hearing_consent,
        no_domicile_in_china=data.no_domicile_in_china, user=data.user,
    )
    if data.lawyer is not None or data.lawyer_name:
        lawyer = data.lawyer
        Representative.objects.create(
            party=party, kind=Representative.Kind.LAWYER, user=lawyer,
            name=data.lawyer_name or (str(lawyer) if lawyer else ""),
            law_firm=data.law_firm or (lawyer.law_firm if lawyer else ""),
        )
    return party


def small_claims_recheck_payload(case: Case) -> dict[str, Any]:
    """For the event of a step that can break small claims (JI 278: "因当事人申请增加或者变更诉讼请求、提出反诉、追加
    当事人等，致使案件不符合小额诉讼案件条件的，应当适用简易程序的其他规定审理…应当适用普通程序审理的，裁定转为普通程序"):
    the bars the small-claims case now meets and where it must go (`required_procedure`); empty for a case
    under another procedure. Nothing converts by itself: the move to ordinary needs a ruling (CPL 169)."""
    bars = small_claims_recheck(case)
    if not bars:
        return {}
    move = rule_procedure.required_move(bars, case_facts_now(case))
    return {"small_claims_bars": [bar.code for bar in bars], "required_procedure": str(move) if move else ""}


@transaction.atomic
def party_add(*, case: Case, actor: User | None, data: PartyInput, on: date | None = None) -> Party:
    """Add a party (e.g. a joined defendant or a third party, CPL 59); triage looks again."""
    case = locked(case)
    require(actor, Action.ADD_PARTY, case)
    if case.state not in FILING_STATES:
        require_pending(case, _("take a new party"))
    check_choice(_("side"), data.side, Party.Side.values)
    party = create_party(case, data)
    case.refresh_party_facts()
    case.save()
    log_event(case, K.PARTY_ADDED, actor=actor, on=day_or_today(on), from_state=case.state, to_state=case.state,
              basis="CPL 59, 135", side=data.side, name=data.name, **small_claims_recheck_payload(case))
    after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.PARTY_ADDED)
    return party


@transaction.atomic
def case_amend_amount(*, case: Case, actor: User | None, amount: Decimal, reason: str = "",
                      on: date | None = None) -> Case:
    """A claim increased or reduced (CPL 54; FEE 21, 35); triage looks again."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    require_pending(case, _("have its claim amended"))
    if amount < 0:
        raise CaseRuleError(NEGATIVE_AMOUNT, code="negative")
    check_amount(amount)
    old = case.claim_amount
    case.claim_amount = amount
    case.save()
    log_event(case, K.AMOUNT_AMENDED, actor=actor, on=day_or_today(on), from_state=case.state, to_state=case.state,
              reason=reason, basis="CPL 54; FEE 21, 35", old=old, new=amount, **small_claims_recheck_payload(case))
    after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.AMOUNT_AMENDED)
    return case


def counterclaim_fee_payload(case: Case, on: date) -> dict[str, Any]:
    """The counterclaim's own fee, halved (FEE 18 "被告提起反诉…分别减半交纳案件受理费"), and the day it is due
    (FEE 22 "反诉案件由提起反诉的当事人自提起反诉次日起7日内交纳案件受理费"); empty until its amount is known."""
    fee = counterclaim_fee_for_case(case)
    if fee is None:
        return {}
    return {"counterclaim_amount": case.counterclaim_amount, "counterclaim_fee": fee.payable,
            "counterclaim_fee_due": counterclaim_fee_due(on, calendar=court_calendar())}


@transaction.atomic
def case_record_counterclaim(*, case: Case, actor: User | None, on: date | None = None, reason: str = "",
                             amount: Decimal | None = None) -> Case:
    """A counterclaim (CPL 143): it bars small claims (CPL 166(5)); triage looks again. With its `amount`, the
    event records its fee and the FEE 22 day it is due."""
    case = locked(case)
    require(actor, Action.DOCKET, case)
    require_pending(case, _("take a counterclaim"))
    if amount is not None and amount < 0:
        raise CaseRuleError(NEGATIVE_COUNTERCLAIM_AMOUNT, code="negative", article="FEE 18")
    on = day_or_today(on)
    case.counterclaim = True
    if amount is not None:
        check_amount(amount)
        case.counterclaim_amount = amount
    case.save()
    log_event(case, K.COUNTERCLAIM, actor=actor, on=on, from_state=case.state, to_state=case.state,
              reason=reason, basis="CPL 143; CPL 166(5); FEE 18, 22" if amount is not None else "CPL 143; CPL 166(5)",
              **counterclaim_fee_payload(case, on), **small_claims_recheck_payload(case))
    if amount is not None:
        notice_for_counterclaim(case, actor=actor, on=on)  # FEE 22: the counterclaimant's own fee notice
    after_commit(signals.case_retriage_needed, case=case, actor=actor, trigger=K.COUNTERCLAIM)
    return case
