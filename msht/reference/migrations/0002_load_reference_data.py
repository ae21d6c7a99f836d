"""Load the reference data frozen beside this migration (0002_load_reference_data.json).

The rows are fixed when the migration is written, so migrating an old database gives the same
rows whatever `catalogue.py` or the installed pycountry say today. Later changes to reference data
are new migrations with their own frozen files. Upserts by code; never deletes.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_suffix(".json")
ORDERED = [
    "Area",
    "Unit",
    "ExploitationType",
    "Offence",
    "FinalisationOutcome",
    "UnsuccessfulReason",
]


def load(apps, schema_editor):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for name in ORDERED:
        model = apps.get_model("reference", name)
        for row in data[name]:
            fields = dict(row)
            model.objects.update_or_create(code=fields.pop("code"), defaults=fields)
    areas = {a.code: a for a in apps.get_model("reference", "Area").objects.all()}
    force = apps.get_model("reference", "PoliceForce")
    for row in data["PoliceForce"]:
        fields = dict(row)
        fields["area"] = areas.get(fields["area"])
        force.objects.update_or_create(code=fields.pop("code"), defaults=fields)
    for name in ("Nationality", "Language"):
        model = apps.get_model("reference", name)
        existing = set(model.objects.values_list("code", flat=True))
        model.objects.bulk_create(model(**row) for row in data[name] if row["code"] not in existing)


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
