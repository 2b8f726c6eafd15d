"""The mediation panel of the case page (registered with court.cases.panels): the case's mediations with their
own deadline and outcome, the pre-filing mediation a 民初 case came from (its days, not in the trial term), the
diversion of a received complaint for the filing officer, and the start of a mediation for the trial team."""

from __future__ import annotations

from typing import Any

from court.cases.access import Action, can
from court.cases.models import WORKING_STATES, Case, CaseState, CaseType
from court.org.models import User

from .models import Mediation


def mediation_panel(case: Case, user: User) -> tuple[str, dict[str, Any]] | None:
    mediations = list(case.mediations.select_related("mediator", "organisation"))
    came_from = Mediation.objects.filter(filed_case=case).select_related("case").first()
    confirms = Mediation.objects.filter(confirmation_case=case).select_related("case").first()
    may_divert = (case.state == CaseState.FILED and case.case_type == CaseType.FIRST_INSTANCE and came_from is None
                  and can(user, Action.DECIDE_FILING, case))
    may_start = case.state in WORKING_STATES and case.state != CaseState.MEDIATION and can(user, Action.DOCKET, case)
    if not (mediations or came_from or confirms or may_divert or may_start):
        return None
    return "mediation/_case_panel.html", {"mediations": mediations, "came_from": came_from, "confirms": confirms,
                                          "may_divert": may_divert, "may_start": may_start}
