"""Load the hub's tag lists frozen beside this migration (the .json file), upserted by code, and
install the search index (the index's SQL is schema and is reinstalled by later migrations)."""

import json
from pathlib import Path

from django.db import migrations

from msht.hub import search_index

DATA = Path(__file__).with_suffix(".json")


def load_tags(apps, schema_editor):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for name in ("LegalIssue", "MsaSection"):
        model = apps.get_model("hub", name)
        for row in data[name]:
            model.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"], "order": row["order"]}
            )


def install_index(apps, schema_editor):
    search_index.install(schema_editor.connection)


def remove_index(apps, schema_editor):
    search_index.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_items_and_feedback")]

    operations = [
        migrations.RunPython(load_tags, migrations.RunPython.noop),
        migrations.RunPython(install_index, remove_index),
    ]
