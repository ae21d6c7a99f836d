"""Load the default casework referral criteria frozen beside this migration (the .json file).

The rules are fixed when the migration is written, whatever `cases/criteria.py` says today. Only
a database with no rules yet gets them (the national lead edits them on the criteria page).
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_suffix(".json")


def forwards(apps, schema_editor):
    rule_model = apps.get_model("cases", "AllocationRule")
    if rule_model.objects.exists():
        return
    units = {u.code: u for u in apps.get_model("reference", "Unit").objects.all()}
    rows = json.loads(DATA.read_text(encoding="utf-8"))["AllocationRule"]
    rule_model.objects.bulk_create(
        rule_model(**{**row, "recommended_unit": units[row["recommended_unit"]]}) for row in rows
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("reference", "0002_load_reference_data"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
