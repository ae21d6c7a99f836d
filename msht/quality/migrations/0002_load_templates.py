from django.db import migrations


def load(apps, schema_editor):
    from msht.quality.loader import load_quality_catalogue

    load_quality_catalogue(apps)


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_templates_assessments_samples")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
