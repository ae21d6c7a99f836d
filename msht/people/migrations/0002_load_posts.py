"""The register's posts from the frozen file beside the loader (msht/people/data/posts.json)."""

import json
from pathlib import Path

from django.db import migrations

POSTS_FILE = Path(__file__).resolve().parent.parent / "data" / "posts.json"


def load(apps, schema_editor):
    post_model = apps.get_model("people", "Post")
    area_model = apps.get_model("reference", "Area")
    data = json.loads(POSTS_FILE.read_text())
    for kind, order in data["national"]:
        if not post_model.objects.filter(kind=kind, area__isnull=True).exists():
            post_model.objects.create(kind=kind, area=None, strand="all", order=order)
    for area in area_model.objects.filter(code__in=data["area_leads"]):
        post_model.objects.get_or_create(
            kind="area_lead", area=area, strand="all", defaults={"order": 10}
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("reference", "0002_load_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
