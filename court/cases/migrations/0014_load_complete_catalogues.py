"""The complete 民事案件案由规定 of 2020 (in force 2021-01-01 to 2025-12-31) over Fanjian's 95-cause subset, the
2025 revision (in force from 2026-01-01), and the reviewed-by-an-administrator mapping between them."""

from django.db import migrations


def load(apps, schema_editor):
    from court.cases.catalogue import DATA_DIR, FULL_CATALOGUES, MAPPING_FILES, mapping_load, upgrade_catalogue

    for name in FULL_CATALOGUES:
        upgrade_catalogue(DATA_DIR / name, apps=apps)
    for name in MAPPING_FILES:
        mapping_load(DATA_DIR / name, apps=apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_cause_catalogue_versions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
