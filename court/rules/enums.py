"""Vocabulary shared by the rules and the interchange format (docs/interchange.md)."""

from enum import StrEnum


class Procedure(StrEnum):
    """First-instance procedures (CPL ch. 12-13)."""

    SMALL_CLAIMS = "small_claims"
    SIMPLE = "simple"
    ORDINARY = "ordinary"


class PeriodKind(StrEnum):
    """Kinds of recorded periods; all but `extension` are not counted in the term (JI 243, TL2000 Art. 9)."""

    PUBLICATION = "publication"
    APPRAISAL = "appraisal"
    SETTLEMENT = "settlement"
    JURISDICTION_OBJECTION = "jurisdiction_objection"
    JURISDICTION_DISPUTE = "jurisdiction_dispute"
    AUDIT_VALUATION = "audit_valuation"
    EVIDENCE_ADJOURNMENT = "evidence_adjournment"
    SUSPENSION = "suspension"
    MEDIATION_EXTENSION = "mediation_extension"
    EXTENSION = "extension"


EXCLUDED_KINDS: frozenset[PeriodKind] = frozenset(PeriodKind) - {PeriodKind.EXTENSION}


class ClosingMode(StrEnum):
    """How a case closed (law-digest §8.1)."""

    JUDGMENT = "judgment"
    MEDIATION = "mediation"
    WITHDRAWAL = "withdrawal"
    DEEMED_WITHDRAWAL = "deemed_withdrawal"
    DISMISSAL = "dismissal"
    TRANSFER = "transfer"
    TERMINATION = "termination"
    OTHER = "other"


class ApproverLevel(StrEnum):
    """Who approves a term extension (CPL 152, 164, 168)."""

    PRESIDENT = "president"
    HIGHER_COURT = "higher_court"
