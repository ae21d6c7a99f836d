from django.db import migrations

from msht.hub import search_index


def reinstall(apps, schema_editor):
    search_index.remove(schema_editor.connection)
    search_index.install(schema_editor.connection)


class Migration(migrations.Migration):
    """SQLite: the FTS5 index now holds published items only (PostgreSQL: unchanged)."""

    dependencies = [("hub", "0003_case_links")]

    operations = [migrations.RunPython(reinstall, reinstall)]
