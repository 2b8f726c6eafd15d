from django.db import migrations


def load(apps, schema_editor):
    from court.cases.catalogue import DATA_DIR, catalogue_load

    catalogue_load(DATA_DIR / "causes_2020.json", apps=apps)


def seed_wages(apps, schema_editor):
    from court.rules.procedure import WAGE_THRESHOLDS

    WageThreshold = apps.get_model("org", "WageThreshold")
    for row in WAGE_THRESHOLDS:
        WageThreshold.objects.get_or_create(
            province=row.province, effective_from=row.effective_from,
            defaults={"average_wage": row.average_wage, "source": getattr(row, "source", "")},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial"), ("org", "0001_initial")]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(seed_wages, migrations.RunPython.noop),
    ]
