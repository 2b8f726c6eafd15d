"""Triage's keys in the case timeline (court.cases.timeline.register_payload_fields, at start-up): the TRIAGED and
TRIAGE_DECIDED events read with labels for the court's staff; parties never see them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from court.cases.models import Procedure
from court.cases.timeline import PayloadField, register_payload_fields
from court.cases.timeline import _choice, _yes_no as yes_no  # the timeline's own formatters

from .models import Recommendation, trigger_label


FIELDS = {
    "route": PayloadField(gettext_lazy("Route"), _choice(Procedure), staff_only=True),
    "recommended": PayloadField(gettext_lazy("Recommended"), _choice(Procedure), staff_only=True),
    "p_complex": PayloadField(gettext_lazy("Probability of a complex case"), lambda v: f"{float(v):.0%}",
                              staff_only=True),
    "needs_review": PayloadField(gettext_lazy("Needs a judge's review"), yes_no, staff_only=True),
    "trigger": PayloadField(gettext_lazy("After"), trigger_label, staff_only=True),
    "decided_by": PayloadField(gettext_lazy("Decided by"), _choice(Recommendation.DecidedBy), staff_only=True),
    "model_version": PayloadField(gettext_lazy("Model version"), staff_only=True),
    "previous_route": PayloadField(gettext_lazy("Route before"), _choice(Procedure), staff_only=True),
    "decided": PayloadField(gettext_lazy("Procedure decided"), _choice(Procedure), staff_only=True),
    "outcome": PayloadField(gettext_lazy("Recommendation"), _choice(Recommendation.Status), staff_only=True),
    "at_filing": PayloadField(gettext_lazy("Decided by the acceptance (立案)"), yes_no, staff_only=True),
}


def register() -> None:
    register_payload_fields(FIELDS)
