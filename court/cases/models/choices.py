"""The choices of a case: its type, procedure, bench, closing mode, party kinds, states and excluded periods.

The procedure, closing mode and period kind take their values from `court.rules.enums`, so the rules and
the database speak the same words.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from court.rules.enums import ClosingMode as RuleClosingMode
from court.rules.enums import PeriodKind as RulePeriodKind
from court.rules.enums import Procedure as RuleProcedure


class CaseType(models.TextChoices):
    """Civil type codes (案件类型代字) of the SPC standard list that a basic court handles."""

    FIRST_INSTANCE = "民初", _("Civil first instance (民初)")
    PRE_SUIT_MEDIATION = "民诉前调", _("Pre-suit mediation (民诉前调)")
    SPECIAL = "民特", _("Special procedure (民特)")
    THIRD_PARTY_REVOCATION = "民撤", _("Third-party revocation (民撤)")
    RETRIAL = "民再", _("Civil retrial (民再)")
    SECOND_INSTANCE = "民终", _("Civil second instance (民终)")
    PAYMENT_ORDER = "民督", _("Payment order (民督)")
    PUBLIC_NOTICE = "民催", _("Public-notice summons (民催)")
    OTHER = "民他", _("Other civil (民他)")


class Procedure(models.TextChoices):
    SMALL_CLAIMS = RuleProcedure.SMALL_CLAIMS.value, _("Small claims")
    SIMPLE = RuleProcedure.SIMPLE.value, _("Simple procedure")
    ORDINARY = RuleProcedure.ORDINARY.value, _("Ordinary procedure")


class SuitKind(models.TextChoices):
    """Suits with a procedure of their own (JI 257(6), 292; JI 302-308)."""

    THIRD_PARTY_REVOCATION = "third_party_revocation", _("Third-party revocation suit (第三人撤销之诉)")
    EXECUTION_OBJECTION = "execution_objection", _("Execution-objection suit (执行异议之诉)")


class ClaimNature(models.TextChoices):
    """What a cause's claims are, for CPL 165 (simple money payment) and CPL 166(1) (status, title)."""

    MONEY = "money", _("Payment of money")
    MIXED = "mixed", _("Money or other claims")
    TITLE = "title", _("Property title, return of property, inheritance, co-ownership")
    STATUS = "status", _("Personal status")
    NON_CONTENTIOUS = "non_contentious", _("Non-contentious (special procedure)")
    SPECIAL_SUIT = "special_suit", _("Special suit")


class Panel(models.TextChoices):
    SOLE = "sole", _("Sole judge")
    COLLEGIAL = "collegial", _("Collegial panel")


class ClosingMode(models.TextChoices):
    """Closing modes (结案方式) of law-digest §8.1; the statistical bucket is `metrics`' business."""

    JUDGMENT = RuleClosingMode.JUDGMENT.value, _("Judgment")
    MEDIATION = RuleClosingMode.MEDIATION.value, _("Mediation")
    WITHDRAWAL = RuleClosingMode.WITHDRAWAL.value, _("Withdrawal")
    DEEMED_WITHDRAWAL = RuleClosingMode.DEEMED_WITHDRAWAL.value, _("Deemed withdrawal")
    DISMISSAL = RuleClosingMode.DISMISSAL.value, _("Dismissal of the suit")
    TRANSFER = RuleClosingMode.TRANSFER.value, _("Transfer")
    TERMINATION = RuleClosingMode.TERMINATION.value, _("Termination")
    OTHER = RuleClosingMode.OTHER.value, _("Other")


class PartyKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    ENTITY = "entity", _("Legal person or other organisation")
    MIXED = "mixed", _("Mixed")


class CaseState(models.TextChoices):
    FILED = "filed", _("Filed, awaiting decision")
    CORRECTION = "correction", _("Awaiting correction")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn before acceptance")
    ACCEPTED = "accepted", _("Accepted")
    SERVICE = "service", _("In service")
    SCHEDULED = "scheduled", _("Hearing scheduled")
    HEARD = "heard", _("Heard")
    MEDIATION = "mediation", _("In mediation")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


S = CaseState
#: States in which the statutory term runs and the docket shows the case.
ACTIVE_STATES = (S.ACCEPTED, S.SERVICE, S.SCHEDULED, S.HEARD, S.MEDIATION, S.SUSPENDED)
#: States from which a hearing, mediation or suspension can begin.
WORKING_STATES = (S.ACCEPTED, S.SERVICE, S.SCHEDULED, S.HEARD, S.MEDIATION)
DONE_STATES = (S.CLOSED, S.ARCHIVED)


class PeriodKind(models.TextChoices):
    PUBLICATION = RulePeriodKind.PUBLICATION.value, _("Publication (公告)")
    APPRAISAL = RulePeriodKind.APPRAISAL.value, _("Appraisal (鉴定)")
    SETTLEMENT = RulePeriodKind.SETTLEMENT.value, _("Settlement (和解)")
    JURISDICTION_OBJECTION = RulePeriodKind.JURISDICTION_OBJECTION.value, _("Jurisdiction objection (管辖异议)")
    JURISDICTION_DISPUTE = RulePeriodKind.JURISDICTION_DISPUTE.value, _("Jurisdiction dispute (管辖争议)")
    AUDIT_VALUATION = RulePeriodKind.AUDIT_VALUATION.value, _("Audit, valuation, asset clearing")
    EVIDENCE_ADJOURNMENT = RulePeriodKind.EVIDENCE_ADJOURNMENT.value, _("Adjournment for new evidence")
    SUSPENSION = RulePeriodKind.SUSPENSION.value, _("Suspension (中止诉讼)")
    MEDIATION_EXTENSION = RulePeriodKind.MEDIATION_EXTENSION.value, _("Extended mediation")
    EXTENSION = RulePeriodKind.EXTENSION.value, _("Approved extension (延长审限)")
