"""A user's admin rights follow the role: administrators are staff, and each user is in the role's group."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import Role, User
from .roles import ROLE_GROUP_NAMES, groups_for


@receiver(pre_save, sender=User)
def administrators_are_staff(sender: type[User], instance: User, **kwargs: Any) -> None:
    """The administrator role opens the admin; leaving it closes the admin again (superusers keep theirs)."""
    if instance.role == Role.ADMINISTRATOR:
        instance.is_staff = True
    elif instance.pk is not None and not instance.is_superuser:
        previous = User.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
        if previous == Role.ADMINISTRATOR:
            instance.is_staff = False


@receiver(post_save, sender=User)
def role_groups_follow_the_role(sender: type[User], instance: User, raw: bool = False, **kwargs: Any) -> None:
    """After every save: the user is in the groups of the role (and the president's), in no other role group."""
    if raw:  # loading fixtures
        return
    wanted = groups_for(instance.role, instance.is_president)
    current = set(instance.groups.filter(name__in=ROLE_GROUP_NAMES).values_list("name", flat=True))
    if current == wanted:
        return
    stale = current - wanted
    if stale:
        instance.groups.remove(*Group.objects.filter(name__in=stale))
    missing = wanted - current
    if missing:
        groups = list(Group.objects.filter(name__in=missing))
        if len(groups) < len(missing):  # before the migration ran (a test database built without it)
            from .roles import sync_role_groups

            sync_role_groups()
            groups = list(Group.objects.filter(name__in=missing))
        instance.groups.add(*groups)
