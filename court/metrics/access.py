"""Who may see which metrics: the one access helper every metrics view goes through.

Court administrators see their whole court; judges, assistants and clerks see their own trial team only;
everyone else (parties, lawyers, filing officers, mediators) gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases.models import CaseType
from court.org.models import TEAM_ROLES, Role, User

from .population import Filters

NOT_ALLOWED = gettext_noop("Only court administrators and trial teams may see the court metrics.")
NO_TEAM = gettext_noop("You are not a member of a trial team, so there are no team metrics to show.")
OTHER_TEAM = gettext_noop("You may only see the metrics of your own trial team.")


@dataclass(frozen=True)
class MetricsScope:
    """What a user may see: a court (None: every court, for a superuser) and, for team members, one team."""

    court_id: int | None
    team_id: int | None
    whole_court: bool


def metrics_scope_for(user: User) -> MetricsScope:
    """The user's metrics scope; PermissionDenied for anyone who may not see metrics."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_(NOT_ALLOWED))
    if user.is_superuser:
        return MetricsScope(court_id=user.court_id, team_id=None, whole_court=True)
    if user.role == Role.ADMINISTRATOR and user.court_id is not None:
        return MetricsScope(court_id=user.court_id, team_id=None, whole_court=True)
    if user.role in TEAM_ROLES:
        if user.team_id is None or user.court_id is None:
            raise PermissionDenied(_(NO_TEAM))
        return MetricsScope(court_id=user.court_id, team_id=user.team_id, whole_court=False)
    raise PermissionDenied(_(NOT_ALLOWED))


def check_team(scope: MetricsScope, team_id: int | str | None) -> None:
    """A team member asking for another team (or for the unassigned cases) is refused, not silently narrowed."""
    if scope.team_id is not None and team_id not in (None, "", scope.team_id, str(scope.team_id)):
        raise PermissionDenied(_(OTHER_TEAM))


def filters_for(user: User, *, team_id: int | str | None = None, judge_id: int | str | None = None,
                cause_id: int | None = None, procedure: str | None = None,
                case_type: str = CaseType.FIRST_INSTANCE) -> Filters:
    """The population the user asked for, narrowed to what the user may see (403 for another team)."""
    scope = metrics_scope_for(user)
    check_team(scope, team_id)
    if scope.team_id is not None:
        team_id = scope.team_id
    return Filters(court_id=scope.court_id, team_id=team_id or None, judge_id=judge_id or None,
                   cause_id=cause_id or None, procedure=procedure or None, case_type=case_type)
