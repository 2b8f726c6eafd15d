"""One auth Group per role with the admin permissions it needs (court.org.roles); administrators are staff.

On a fresh database the permissions of the later apps do not exist yet when this runs: the groups are created
here and filled after `migrate` by the post_migrate receiver in court/org/apps.py (same function)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from court.org.roles import groups_for, sync_role_groups

    sync_role_groups(apps)
    User = apps.get_model("org", "User")
    Group = apps.get_model("auth", "Group")
    User.objects.filter(role="administrator").update(is_staff=True)
    groups = {g.name: g for g in Group.objects.all()}
    for user in User.objects.all():
        user.groups.add(*(groups[name] for name in groups_for(user.role, user.is_president)))


def backwards(apps, schema_editor):
    from court.org.roles import ROLE_GROUP_NAMES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUP_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
