# Cause.personal_status is retired: Cause.claim_nature (0008) says whether CPL 166(1) bars a cause
# ("人身关系、财产确权案件": status, title), and nothing reads the flag any more.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_law_round_two_facts'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='cause',
            name='personal_status',
        ),
    ]
