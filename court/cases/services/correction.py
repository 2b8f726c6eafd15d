"""Correcting and withdrawing a complaint before 立案.

The filing officer lists everything to correct once, in writing, with a deadline (REG2015 Art. 7 "一次性书面告知
在指定期限内补正"; OLR 9(2) "一次性告知补正内容和期限"): `case_request_correction` in `filing` stores the items and
the deadline in the CORRECTION_REQUESTED event, and `correction_request` reads them back. While the complaint
awaits correction, its filer (or the filing officer) changes whatever was asked — the parties, the claims, the
amount, the facts (`case_amend_filing`, one FILING_AMENDED event naming what changed) and the evidence list
(`documents.evidence_add` / `evidence_remove`) — and resubmits it (`filing.case_resubmit`): the decision period
starts again the day after (OLR 9(2); JI 126).

Before 立案 there is no case to rule on: the filer may take the complaint back (`case_withdraw_filing`), a
disposition of its own procedural rights (CPL 13 para 2 "当事人有权在法律规定的范围内处分自己的民事权利和诉讼权利").
After 立案 a withdrawal needs the court's ruling (CPL 148): `applications.application_file`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User
from court.rules import periods as rule_periods

from ..access import Action, require
from ..bounds import CLAIMS_MAX_LENGTH, FACTS_MAX_LENGTH
from ..models import Case, CaseEvent, CaseState, Party
from ..term import court_calendar
from .base import (
    NEGATIVE_AMOUNT,
    CaseRuleError,
    K,
    check_amount,
    check_choice,
    check_length,
    check_not_future,
    day_or_today,
    locked,
    log_event,
    run_transition,
)
from .parties import PartyInput, create_party

#: Product convention: REG2015 Art. 7 and OLR 9(2) leave the period to the court ("在指定期限内补正", "一次性告知
#: 补正内容和期限"); no article fixes a number. Unless the filing officer sets another day, the deadline is the
#: 15th day after the request, rolled to a working day (CPL 85).
CORRECTION_DAYS = 15

NOT_IN_CORRECTION = gettext_noop(
    "REG2015 Art. 7: the complaint can be changed only while the court asks for corrections."
)
CORRECTION_DUE_BEFORE_REQUEST = gettext_noop(
    "REG2015 Art. 7: the deadline for the corrections (%(due)s) must come after the request (%(on)s)."
)
PARTY_OF_OTHER_FILING = gettext_noop("This party belongs to another complaint.")
AMENDED_WITHOUT_PLAINTIFF = gettext_noop("CPL 122(1): a complaint needs at least one plaintiff.")

#: What `case_amend_filing` records as changed (payload "changed"), in this order.
AMENDABLE = ("parties", "claims", "claim_amount", "facts")


@dataclass(frozen=True)
class CorrectionRequest:
    """The latest correction request of a complaint: the items listed and the deadline (REG2015 Art. 7)."""

    items: str
    requested_on: date
    due_on: date | None

    def overdue(self, on: date) -> bool:
        return self.due_on is not None and on > self.due_on


def default_correction_due(on: date) -> date:
    """The deadline when the filing officer gives none: `CORRECTION_DAYS` after `on` (product convention)."""
    return rule_periods.day_period_end(on, CORRECTION_DAYS, calendar=court_calendar())


def check_correction_due(on: date, due_on: date) -> None:
    if due_on <= on:
        raise CaseRuleError(CORRECTION_DUE_BEFORE_REQUEST, code="correction_due", article="REG2015 Art. 7",
                            params={"due": due_on, "on": on})


def correction_request(case: Case) -> CorrectionRequest | None:
    """The items and the deadline of the latest correction request, or None if none was made."""
    event = (case.events.filter(kind=CaseEvent.Kind.CORRECTION_REQUESTED).order_by("-on", "-id")
             .only("reason", "on", "payload").first())
    if event is None:
        return None
    due = (event.payload or {}).get("due_on")
    return CorrectionRequest(items=event.reason, requested_on=event.on,
                             due_on=date.fromisoformat(due) if isinstance(due, str) and due else None)


def _party_fields(data: PartyInput) -> dict[str, Any]:
    return {"side": data.side, "kind": data.kind, "name": data.name.strip(), "id_number": data.id_number.strip(),
            "address": data.address.strip(), "address_known": data.address_known, "phone": data.phone.strip(),
            "e_service_consent": data.e_service_consent, "e_address": data.e_address.strip(),
            "online_hearing_consent": data.online_hearing_consent,
            "no_domicile_in_china": data.no_domicile_in_china}


@transaction.atomic
def case_amend_filing(*, case: Case, actor: User | None, claims: str | None = None, facts: str | None = None,
                      claim_amount: Decimal | None = None,
                      edit_parties: Sequence[tuple[Party, PartyInput]] = (),
                      add_parties: Sequence[PartyInput] = (), remove_parties: Sequence[Party] = (),
                      on: date | None = None) -> Case:
    """The corrections the court asked for (REG2015 Art. 7; OLR 9(2)): the parties (edited, added, removed),
    the claims, the claim amount and the facts; None (or empty) leaves an item as it is. Only while the
    complaint awaits correction, by its filer or the filing officer (Action.AMEND_FILING). One FILING_AMENDED
    event names what changed; nothing changed writes nothing. The party facts triage reads are refreshed
    (`Case.refresh_party_facts`); resubmitting (`case_resubmit`) triages the corrected complaint again."""
    case = locked(case)
    require(actor, Action.AMEND_FILING, case)
    if case.state != CaseState.CORRECTION:
        raise CaseRuleError(NOT_IN_CORRECTION, code="not_in_correction", article="REG2015 Art. 7")
    on = day_or_today(on)
    check_not_future(on)
    if claims is not None:
        check_length(_("claims"), claims, CLAIMS_MAX_LENGTH)
    if facts is not None:
        check_length(_("facts and reasons"), facts, FACTS_MAX_LENGTH)
    if claim_amount is not None:
        if claim_amount < 0:
            raise CaseRuleError(NEGATIVE_AMOUNT, code="negative")
        check_amount(claim_amount)
    for party in [*(p for p, _data in edit_parties), *remove_parties]:
        if party.case_id != case.pk:
            raise CaseRuleError(PARTY_OF_OTHER_FILING, code="party_of_other_case")
    for data in [*(d for _p, d in edit_parties), *add_parties]:
        check_choice(_("side"), data.side, Party.Side.values)
    removed_ids = {p.pk for p in remove_parties}
    sides = {p.pk: p.side for p in case.parties.all()}
    sides.update({p.pk: d.side for p, d in edit_parties})
    remaining = [side for pk, side in sides.items() if pk not in removed_ids] + [d.side for d in add_parties]
    if Party.Side.PLAINTIFF not in remaining:
        raise CaseRuleError(AMENDED_WITHOUT_PLAINTIFF, code="no_plaintiff", article="CPL 122")

    changed: dict[str, Any] = {}
    parties_changed, parties_added, parties_removed = [], [], []
    for party, data in edit_parties:
        if party.pk in removed_ids:
            continue
        party = Party.objects.select_for_update().get(pk=party.pk)
        fields = _party_fields(data)
        diff = [name for name, value in fields.items() if getattr(party, name) != value]
        if diff:
            for name in diff:
                setattr(party, name, fields[name])
            party.save()
            parties_changed.append(party.name)
    for data in add_parties:
        parties_added.append(create_party(case, data).name)
    for party in remove_parties:
        parties_removed.append(party.name)
        Party.objects.filter(pk=party.pk, case=case).delete()
    if parties_changed or parties_added or parties_removed:
        changed["parties"] = True
        case.refresh_party_facts()
    if claims is not None and claims.strip() != case.claims:
        case.claims, changed["claims"] = claims.strip(), True
    if facts is not None and facts.strip() != case.facts:
        case.facts, changed["facts"] = facts.strip(), True
    old_amount = case.claim_amount
    if claim_amount is not None and claim_amount != case.claim_amount:
        case.claim_amount, changed["claim_amount"] = claim_amount, True
    if not changed:
        return case
    case.save()
    amounts = {"old_amount": old_amount, "new_amount": case.claim_amount} if "claim_amount" in changed else {}
    log_event(case, K.FILING_AMENDED, actor=actor, on=on, from_state=case.state, to_state=case.state,
              basis="REG2015 Art. 7; OLR 9(2)", changed=[key for key in AMENDABLE if key in changed],
              parties_changed=parties_changed, parties_added=parties_added, parties_removed=parties_removed,
              **amounts)
    return case


@transaction.atomic
def case_withdraw_filing(*, case: Case, actor: User | None, reason: str = "", on: date | None = None) -> Case:
    """The filer takes the complaint back before 立案 (CPL 13 para 2: a party disposes of its procedural
    rights). Nothing was accepted, so nothing is ruled and no case number was given: the complaint leaves the
    filing queue, and no figure counts it (they count cases by their 立案 date). After 立案 a plaintiff applies
    for the court's ruling instead (CPL 148; `application_file`)."""
    case = locked(case)
    require(actor, Action.WITHDRAW_FILING, case)
    on = day_or_today(on)
    check_not_future(on)
    check_length(_("reason"), reason, FACTS_MAX_LENGTH)
    before = run_transition(case, "withdraw_filing", _("be withdrawn"))
    case.save()
    log_event(case, K.FILING_WITHDRAWN, actor=actor, on=on, from_state=before, to_state=case.state,
              reason=reason.strip(), basis="CPL 13")
    return case
