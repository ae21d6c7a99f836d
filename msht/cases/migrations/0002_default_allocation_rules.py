from django.db import migrations


def forwards(apps, schema_editor):
    from msht.cases.criteria import load_default_rules

    load_default_rules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("reference", "0002_load_reference_data"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
