"""What a case's claims are, for small claims: a simple money payment (CPL 165) or a personal-status or
property-title case (CPL 166(1)).

CPL 165 (para 1): "基层人民法院和它派出的法庭审理事实清楚、权利义务关系明确、争议不大的简单金钱给付民事案件，
标的额为各省、自治区、直辖市上年度就业人员年平均工资百分之五十以下的，适用小额诉讼的程序审理，实行一审终审。"
CPL 166: "人民法院审理下列民事案件，不适用小额诉讼的程序：（一）人身关系、财产确权案件；…"

Each cause of the catalogue carries a claim nature (`Cause.claim_nature`); a `mixed` cause (a sale: the
price, or delivery of the goods) is a money payment only when every claim of this case is one, which the
filing officer records as `Case.money_claim_only`. The services (`Case.filing_facts`) and triage's hard rules
(`triage.rules.facts_from_row`) both read the facts from `claim_facts`, so they cannot disagree.
"""

from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import NamedTuple


class ClaimNature(StrEnum):
    """The values of `Cause.claim_nature` (court/cases/data/causes_2020.json, field claim_nature)."""

    MONEY = "money"  # every claim of the cause is a payment of money: CPL 165
    MIXED = "mixed"  # money or other claims (delivery, return of premises, cessation …): ask the case
    TITLE = "title"  # 财产确权, 返还原物, 继承, 共有: CPL 166(1), and not a money payment
    STATUS = "status"  # 人身关系 (marriage, parentage, custody): CPL 166(1)
    NON_CONTENTIOUS = "non_contentious"  # 非讼, special procedure (CPL 184): no claim for payment
    SPECIAL_SUIT = "special_suit"  # 执行异议之诉, 第三人撤销之诉 (JI 257(6), 292, 308)


#: Natures that make a case a "人身关系、财产确权案件" (CPL 166(1)).
STATUS_OR_TITLE: frozenset[str] = frozenset({ClaimNature.TITLE, ClaimNature.STATUS})


class ClaimFacts(NamedTuple):
    """The two small-claims facts that follow from the nature of the claims."""

    personal_status_or_ownership: bool  # CPL 166(1)
    money_payment: bool  # CPL 165 "金钱给付"


def _amount(value: object) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def claim_facts(nature: str | None, money_claim_only: bool | None, claim_amount: object) -> ClaimFacts:
    """(personal_status_or_ownership, money_payment) for a case of a cause of this `nature`.

    - `title` and `status`: a 人身关系、财产确权案件 (CPL 166(1)); not a money payment either.
    - `money`: a money payment (CPL 165 "金钱给付"), whatever the amount.
    - `mixed`: a money payment iff `money_claim_only` is True; when it is unknown (None: legacy data, a
      case filed before the question was asked) the claim amount decides, as before: an amount above 0 is
      taken as a money claim.
    - `non_contentious`, `special_suit`: no claim for payment of money.
    - no cause (None, ""): unknown, so the amount decides as for an unknown mixed cause.
    """
    if nature in STATUS_OR_TITLE:
        return ClaimFacts(True, False)
    if nature == ClaimNature.MONEY:
        return ClaimFacts(False, True)
    if nature in (ClaimNature.NON_CONTENTIOUS, ClaimNature.SPECIAL_SUIT):
        return ClaimFacts(False, False)
    if nature == ClaimNature.MIXED and money_claim_only is not None:
        return ClaimFacts(False, bool(money_claim_only))
    return ClaimFacts(False, _amount(claim_amount) > 0)


def asks_money_claim_only(nature: str | None) -> bool:
    """Whether the filing officer must say if every claim is a payment of money: only for `mixed` causes,
    where the cause alone does not tell (CPL 165)."""
    return nature == ClaimNature.MIXED
