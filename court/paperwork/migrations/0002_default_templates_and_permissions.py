"""Version 1 of every document template (Chinese and English, court/paperwork/defaults_*.py), and the
administrators' rights on the templates (court.org.roles: change and add, no delete; the issued documents
read-only). The role groups are kept filled after every migrate by court.org's post_migrate receiver too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    from court.org.roles import sync_role_groups
    from court.paperwork.services import seed_defaults

    seed_defaults(apps.get_model("paperwork", "DocumentTemplate"))
    app_config = apps.get_app_config("paperwork")
    app_config.models_module = True  # create_permissions skips an app without models
    create_permissions(app_config, apps=apps, verbosity=0)
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("paperwork", "0001_initial"),
        ("org", "0002_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
