from django.db import migrations

from msht.hub import search_index
from msht.hub.catalogue import load_hub_tags


def load_tags(apps, schema_editor):
    load_hub_tags(apps.get_model("hub", "LegalIssue"), apps.get_model("hub", "MsaSection"))


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
