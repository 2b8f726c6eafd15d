"""Django admin permissions by role: one auth Group per role, holding the model permissions that role needs.

Only court administrators work in the admin (`/admin/`): they manage what the court owns, namely calendar days
(holidays and make-up days), wage thresholds, courts (with their triage thresholds), divisions, teams, users
and their roles, the mediation chain (organisations with their kind and area, mediators belonging to them) and
the towns and villages with their residents, the courtrooms and online rooms, the court's targets and the province's
figures, the triage model versions and the document templates (a save adds a version). They see the case records (read-only: cases change through the
services) and the admin's change history. The president (院长, `User.is_president`) gets the same history view
and the metrics settings. Every other role works in the application, not the admin: its group exists, so that
a permission can be given to the role later in one place, and holds nothing.

A user's role group follows the role on every save (`court.org.signals`), and administrators are `is_staff`.
The groups are created by the migration `org.0002_role_groups` and brought up to date after every `migrate`
(new models bring new permissions).
"""

from __future__ import annotations

from typing import Any

from .models import Role

MANAGE = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")
VIEW = ("view",)

#: The group of each role (the names are stored, so they are the same in every language).
GROUP_NAMES: dict[str, str] = {
    Role.ADMINISTRATOR: "Court administrator 法院管理员",
    Role.JUDGE: "Judge 员额法官",
    Role.ASSISTANT: "Judge's assistant 法官助理",
    Role.CLERK: "Clerk 书记员",
    Role.FILING_OFFICER: "Filing officer 立案人员",
    Role.MEDIATOR: "Mediator 调解员",
    Role.PARTY: "Party 当事人",
    Role.LAWYER: "Lawyer 律师",
}
PRESIDENT_GROUP = "President 院长"

_ADMINISTRATOR: dict[str, tuple[str, ...]] = {
    "org.calendarday": MANAGE,
    "org.wagethreshold": MANAGE,
    "org.court": EDIT,
    "org.division": MANAGE,
    "org.team": MANAGE,
    "org.user": EDIT,  # users are deactivated, not deleted: cases refer to them
    "org.area": EDIT,  # towns and villages, with their residents; cases refer to them
    "org.mediationorganisation": EDIT,  # the mediation chain; deactivated, not deleted
    "org.courtroom": EDIT,  # courtrooms and online rooms; taken out of use, not deleted: hearings refer to them
    "metrics.target": MANAGE,
    "metrics.provincefigure": MANAGE,
    "triage.modelversion": ("change", "view"),
    "paperwork.documenttemplate": EDIT,  # every save is a new version; none is deleted
    "paperwork.issueddocument": VIEW,
    "triage.trainingrun": VIEW,
    "triage.recommendation": VIEW,
    "cases.case": VIEW, "cases.party": VIEW, "cases.caseperiod": VIEW, "cases.serviceattempt": VIEW,
    "cases.hearing": VIEW, "cases.caseevent": VIEW, "cases.cause": VIEW, "cases.causecatalogue": VIEW,
    "cases.causemapping": ("change", "view"),  # the mapping between catalogue versions is reviewed here
    "admin.logentry": VIEW,
}
_PRESIDENT: dict[str, tuple[str, ...]] = {
    "metrics.target": MANAGE,
    "metrics.provincefigure": VIEW,
    "admin.logentry": VIEW,
}

#: group name → {"app_label.model": actions}
GROUP_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    **{name: {} for name in GROUP_NAMES.values()},
    GROUP_NAMES[Role.ADMINISTRATOR]: _ADMINISTRATOR,
    PRESIDENT_GROUP: _PRESIDENT,
}
ROLE_GROUP_NAMES = frozenset(GROUP_PERMISSIONS)


def sync_role_groups(apps: Any = None) -> None:
    """Create the role groups and give each exactly its permissions (those that exist yet); idempotent.

    `apps`: a migration's historical registry, or None for the running project's."""
    if apps is None:
        from django.contrib.auth.models import Group, Permission
    else:
        Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    for name, grants in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = set()
        for model, actions in grants.items():
            app_label, model_name = model.split(".")
            codenames = [f"{action}_{model_name}" for action in actions]
            wanted |= set(Permission.objects.filter(content_type__app_label=app_label,
                                                    codename__in=codenames).values_list("pk", flat=True))
        group.permissions.set(wanted)


def groups_for(role: str, is_president: bool) -> set[str]:
    """The role groups a user belongs to."""
    names = {GROUP_NAMES[role]} if role in GROUP_NAMES else set()
    if is_president:
        names.add(PRESIDENT_GROUP)
    return names
