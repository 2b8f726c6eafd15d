"""Signals the case services send after commit, so other apps (triage) react without the cases app knowing them."""

from django.dispatch import Signal

#: Sent after commit when a complaint is submitted or resubmitted. kwargs: case, actor.
case_submitted = Signal()
#: Sent after commit when a case is accepted (立案). kwargs: case, actor, procedure (the procedure chosen).
case_accepted = Signal()
#: Sent after commit when something changes the triage picture (counterclaim, parties, amount, appraisal,
#: failed service, publication). kwargs: case, actor, trigger (a CaseEvent.Kind value).
case_retriage_needed = Signal()
#: Sent after commit when a case is closed. kwargs: case, actor.
case_closed = Signal()
