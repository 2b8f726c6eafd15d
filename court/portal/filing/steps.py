"""The steps of the guided filing and what each one checks.

Each step validates its own part with the rules of the case forms (`court.cases.forms.FilingForm` restricted to
the step's fields, the party formsets, `court.cases.casefile_forms.EvidenceForm`), bound to what the filer typed
as it is stored in `FilingDraft.data[step]` (strings, never trusted). `complaint_of` checks every step again
and turns the draft into what `case_submit` and `evidence_add` take.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from court.cases import services
from court.cases.bounds import AMOUNT_MAX, AMOUNT_TOO_LARGE, CLAIMS_MAX_LENGTH, amount_form_field
from court.cases.casefile_forms import EvidenceForm
from court.cases.fees import CaseFees, case_fees
from court.cases.forms import DefendantForms, FilingForm, PlaintiffForms, ThirdPartyForms
from court.cases.models import Case, CaseType, Cause, Party, Procedure
from court.cases.selectors import catalogue_for
from court.org.models import Court, Role, User
from court.rules.claims import ClaimNature
from court.rules.errors import RuleViolation

COURT, PARTIES, CLAIMS, FACTS, EVIDENCE, REVIEW = "court", "parties", "claims", "facts", "evidence", "review"
STEPS = (COURT, PARTIES, CLAIMS, FACTS, EVIDENCE, REVIEW)
TITLES = {
    COURT: _("Court and cause"), PARTIES: _("Parties"), CLAIMS: _("Claims"), FACTS: _("Facts and reasons"),
    EVIDENCE: _("Evidence"), REVIEW: _("Review and submit"),
}
#: The fields of `FilingForm` each step asks for (the claim amount and the claims text come from the items).
COURT_FIELDS = ("court", "cause", "suit_kind", "remanded", "retrial", "public_interest", "original_case_number")
FACTS_FIELDS = ("facts", "appraisal_requested", "foreign_related")
CLAIM_FIELDS = ("money_claim_only", "zero_confirmed")
PARTY_SETS = (("plaintiffs", PlaintiffForms, Party.Side.PLAINTIFF, _("Plaintiffs")),
              ("defendants", DefendantForms, Party.Side.DEFENDANT, _("Defendants")),
              ("third", ThirdPartyForms, Party.Side.THIRD_PARTY, _("Third parties")))
#: What a step keeps of a post: its fields and the fields of its formsets (by prefix).
KEPT_FIELDS = {COURT: COURT_FIELDS, PARTIES: (), CLAIMS: CLAIM_FIELDS, FACTS: FACTS_FIELDS,
               EVIDENCE: (), REVIEW: ()}
KEPT_PREFIXES = {COURT: (), PARTIES: ("plaintiffs", "defendants", "third"), CLAIMS: ("claims",), FACTS: (),
                 EVIDENCE: ("evidence",), REVIEW: ()}
EVIDENCE_TEXT_FIELDS = ("name", "source", "purpose", "pages")

CLAIM_ITEMS_MAX = 20
CLAIM_TEXT_MAX_LENGTH = 1_000
NEED_CLAIM = _("CPL 124(3): state at least one claim.")
CLAIMS_TOO_LONG = _("The claims are too long together (at most %(limit)s characters).")
ZERO_MONEY_CLAIM = _(
    "“%(cause)s” is a claim for money, but the claims add up to 0 yuan: give the amount of each claim, or tick "
    "this box to confirm that you claim no money."
)
NOT_FILLED_IN = _("Not filled in yet.")


def keep(step: str, post: Any) -> dict[str, str]:
    """The part of a post that belongs to `step`, as typed (one string per name; files never)."""
    fields, prefixes = KEPT_FIELDS.get(step, ()), KEPT_PREFIXES.get(step, ())
    kept: dict[str, str] = {}
    for name in post:
        if name in fields or any(name.startswith(prefix + "-") for prefix in prefixes):
            value = post.get(name)
            if isinstance(value, str):
                kept[name] = value
    return kept


# --- claims itemised with amounts ---------------------------------------------------------------------------

class ClaimItemForm(forms.Form):
    """One claim (诉讼请求) with its amount; a claim without money (costs, an apology) has none."""

    text = forms.CharField(label=_("Claim"), max_length=CLAIM_TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))
    amount = amount_form_field(_("Amount (yuan)"), required=False)


class ClaimItemFormSet(forms.BaseFormSet):
    def filled(self) -> list[tuple[str, Decimal]]:
        return [(f.cleaned_data["text"].strip(), f.cleaned_data.get("amount") or Decimal(0))
                for f in self.forms if f.cleaned_data and (f.cleaned_data.get("text") or "").strip()]

    def total(self) -> Decimal:
        return sum((amount for _text, amount in self.filled()), Decimal(0))

    def claims_text(self) -> str:
        """The claims as the complaint states them: numbered, each with its amount."""
        lines = []
        for number, (text, amount) in enumerate(self.filled(), start=1):
            lines.append(f"{number}. {text}" + (f"（{amount:,.2f}元）" if amount else ""))
        return "\n".join(lines)

    def clean(self) -> None:
        if any(self.errors):
            return
        if not self.filled():
            raise forms.ValidationError(NEED_CLAIM, code="required")
        if self.total() > AMOUNT_MAX:
            raise forms.ValidationError(AMOUNT_TOO_LARGE, code="max_value")
        if len(self.claims_text()) > CLAIMS_MAX_LENGTH:
            raise forms.ValidationError(CLAIMS_TOO_LONG, code="too_long", params={"limit": CLAIMS_MAX_LENGTH})


ClaimItemForms = forms.formset_factory(ClaimItemForm, formset=ClaimItemFormSet, extra=0, min_num=1,
                                       max_num=CLAIM_ITEMS_MAX, validate_max=True, absolute_max=CLAIM_ITEMS_MAX)


def asks_for_money(cause: Cause) -> bool:
    """A cause whose claims are for money (claim nature `money`) or a loan (借款, 借贷): 0 yuan is questioned."""
    return cause.claim_nature == ClaimNature.MONEY or "借款" in cause.name or "借贷" in cause.name


class ClaimsForm(FilingForm):
    """The claims step's own questions: whether every claim is for money (CPL 165, `FilingForm`'s rule) and the
    confirmation of a money claim of 0 yuan."""

    zero_confirmed = forms.BooleanField(label=_("I claim no money in this case (0 yuan)"), required=False)

    def __init__(self, *args: Any, cause: Cause | None = None, **kwargs: Any) -> None:
        super().__init__(*args, only=CLAIM_FIELDS, cause=cause, **kwargs)

    def check_total(self, total: Decimal) -> None:
        cause = self.known_cause
        if (cause is not None and total == 0 and asks_for_money(cause)
                and not self.cleaned_data.get("zero_confirmed")):
            self.add_error("zero_confirmed", forms.ValidationError(
                ZERO_MONEY_CLAIM, code="zero_money_claim", params={"cause": cause.name}))


# --- the forms of each step ---------------------------------------------------------------------------------

@dataclass
class Context:
    """What a step needs from outside its own data: the filer, the filing day, the cause chosen in step one."""

    user: User
    on: date
    cause: Cause | None = None
    court: Court | None = None


def cause_queryset(on: date) -> Any:
    """The causes of the catalogue in force on `on`, in the catalogue's own order (the model's ordering)."""
    catalogue = catalogue_for(on)
    return Cause.objects.filter(catalogue=catalogue) if catalogue else Cause.objects.none()


def _plaintiff_initial(user: User) -> list[dict[str, Any]] | None:
    """A party files as the first plaintiff: its own details to start with. A lawyer names the client."""
    if user.role != Role.PARTY:
        return None
    return [{"kind": Party.Kind.PERSON, "name": str(user), "id_number": user.id_number, "phone": user.phone,
             "address_known": True, "e_service_consent": bool(user.email), "e_address": user.email}]


def build(step: str, data: dict[str, str] | None, ctx: Context, files: Any = None) -> dict[str, Any]:
    """The forms of `step`, bound to `data` (unbound when None)."""
    if step == COURT:
        form = FilingForm(data, on=ctx.on, only=COURT_FIELDS)
        form.fields["cause"].queryset = cause_queryset(ctx.on)
        return {"form": form}
    if step == PARTIES:
        return {prefix: factory(data, prefix=prefix, initial=_plaintiff_initial(ctx.user) if prefix == "plaintiffs"
                                else None)
                for prefix, factory, _side, _label in PARTY_SETS}
    if step == CLAIMS:
        return {"items": ClaimItemForms(data, prefix="claims"), "form": ClaimsForm(data, cause=ctx.cause)}
    if step == FACTS:
        return {"form": FilingForm(data, only=FACTS_FIELDS)}
    if step == EVIDENCE:
        return {"line": EvidenceForm(data, files, prefix="evidence")}
    return {}


def valid(step: str, bound: dict[str, Any]) -> bool:
    """Whether the bound forms of a step are valid (the claims step also checks its total)."""
    if step == EVIDENCE:
        return True  # the evidence list is optional; its lines are the draft's files
    ok = all([f.is_valid() for f in bound.values()])
    if step == CLAIMS and ok:
        bound["form"].check_total(bound["items"].total())
        ok = bound["form"].is_valid() and not bound["form"].errors
    return ok


def context_for(draft: Any, user: User, on: date) -> Context:
    """The context of a draft's steps: the court and cause of step one, when step one is valid."""
    ctx = Context(user=user, on=on)
    first = build(COURT, draft.data.get(COURT), ctx)["form"]
    if draft.data.get(COURT) is not None and first.is_valid():
        ctx.cause, ctx.court = first.cleaned_data["cause"], first.cleaned_data["court"]
    return ctx


# --- the whole complaint ------------------------------------------------------------------------------------

def party_inputs(formset: Any, side: str, user: User) -> list[services.PartyInput]:
    """The named parties of one side; a party filer is the first plaintiff, a lawyer represents every plaintiff
    (a lawyer files for a named client)."""
    out: list[services.PartyInput] = []
    for form in formset.forms:
        if not form.cleaned_data or not form.cleaned_data.get("name"):
            continue
        party = form.party_input(side)
        if side == Party.Side.PLAINTIFF:
            if user.role == Role.LAWYER:
                party.lawyer, party.lawyer_name, party.law_firm = user, str(user), user.law_firm
            elif not out:
                party.user = user
        out.append(party)
    return out


@dataclass
class Complaint:
    """A draft checked step by step: the forms of each step, whether each is valid, and the totals."""

    ctx: Context
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)
    ok: dict[str, bool] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return all(self.ok.values())

    @property
    def total(self) -> Decimal | None:
        items = self.forms.get(CLAIMS, {}).get("items")
        return items.total() if self.ok.get(CLAIMS) else None

    def filing_input(self) -> services.FilingInput:
        court_form, facts = self.forms[COURT]["form"], self.forms[FACTS]["form"].cleaned_data
        claims = self.forms[CLAIMS]
        d = court_form.cleaned_data
        parties: list[services.PartyInput] = []
        for prefix, _factory, side, _label in PARTY_SETS:
            parties += party_inputs(self.forms[PARTIES][prefix], side, self.ctx.user)
        return services.FilingInput(
            cause=d["cause"], claim_amount=claims["items"].total(), parties=parties,
            claims=claims["items"].claims_text(), facts=facts["facts"],
            appraisal_requested=facts["appraisal_requested"], foreign_related=facts["foreign_related"],
            suit_kind=d["suit_kind"], retrial=d["retrial"], remanded=d["remanded"],
            public_interest=d["public_interest"], original_case_number=d["original_case_number"],
            money_claim_only=claims["form"].cleaned_data["money_claim_only"])


def complaint_of(draft: Any, user: User, on: date) -> Complaint:
    """Every step of `draft` checked with the rules of its forms (a step never saved is not filled in)."""
    ctx = context_for(draft, user, on)
    complaint = Complaint(ctx=ctx)
    for step in (COURT, PARTIES, CLAIMS, FACTS):
        data = draft.data.get(step)
        bound = build(step, data if data is not None else {}, ctx)
        complaint.forms[step] = bound
        complaint.ok[step] = data is not None and valid(step, bound)
    return complaint


def fee_estimate(cause: Cause | None, amount: Decimal | None) -> CaseFees | None:
    """The court fee the complaint would owe (`court.cases.fees`, FEE 13), before any halving: the procedure
    is decided at acceptance (FEE 16 halves it for simple procedure and small claims)."""
    if cause is None or amount is None:
        return None
    case = Case(cause=cause, claim_amount=amount, case_type=CaseType.FIRST_INSTANCE, procedure=Procedure.ORDINARY,
                initial_procedure=Procedure.ORDINARY)
    try:
        return case_fees(case)
    except RuleViolation:
        return None
