"""Load the shipped courses and requirements from a frozen data file. Idempotent.

Used by the data migration (with the historical models) and after a flush of a test database
(post_migrate). A course already present is left alone, whatever the training administrator
has changed; a course's shipped requirements are added only when the course itself is added, so
a requirement the administrator disabled never comes back.
"""

import json
from pathlib import Path

CATALOGUE_FILE = Path(__file__).resolve().parent / "migrations" / "data" / "0002_catalogue.json"


def load_training_catalogue(apps=None, path: Path = CATALOGUE_FILE) -> int:
    """Returns how many courses were added."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    course_model = apps.get_model("training", "Course")
    requirement_model = apps.get_model("training", "Requirement")
    topic_model = apps.get_model("quality", "Topic")
    unit_model = apps.get_model("reference", "Unit")
    data = json.loads(path.read_text(encoding="utf-8"))
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
        if course is None:
            continue
        requirement_model.objects.create(
            course=course,
            for_role=spec["for_role"],
            unit=units.get(spec["unit"]) if spec["unit"] else None,
            complex_casework_only=spec["complex_casework_only"],
            level=spec["level"],
        )
    return len(added)
