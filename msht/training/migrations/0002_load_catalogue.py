"""Ship the courses and requirements named by the inspection (frozen: code and data here)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "0002_catalogue.json"


def load(apps, schema_editor):
    course_model = apps.get_model("training", "Course")
    requirement_model = apps.get_model("training", "Requirement")
    topic_model = apps.get_model("quality", "Topic")
    unit_model = apps.get_model("reference", "Unit")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    added = {}
    for spec in data["courses"]:
        if course_model.objects.filter(code=spec["code"]).exists():
            continue
        fields = {key: value for key, value in spec.items() if key != "topics"}
        course = course_model.objects.create(**fields)
        course.topics.set(topic_model.objects.filter(code__in=spec["topics"]))
        added[course.code] = course
    units = {unit.code: unit for unit in unit_model.objects.all()}
    for spec in data["requirements"]:
        course = added.get(spec["course"])
        if course is not None:
            requirement_model.objects.create(
                course=course,
                for_role=spec["for_role"],
                unit=units.get(spec["unit"]) if spec["unit"] else None,
                complex_casework_only=spec["complex_casework_only"],
                level=spec["level"],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("quality", "0002_load_templates"),
        ("reference", "0002_load_reference_data"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
