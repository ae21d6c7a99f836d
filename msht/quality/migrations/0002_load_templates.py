"""Load the training topics and shipped templates frozen beside this migration (the .json file).

The content is fixed when the migration is written, whatever `quality/catalogue.py` says today.
A template that already exists with a version is left alone: its content changes only through
new versions.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_suffix(".json")


def load(apps, schema_editor):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    topic_model = apps.get_model("quality", "Topic")
    for row in data["Topic"]:
        topic_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "order": row["order"]}
        )
    topics = {topic.code: topic for topic in topic_model.objects.all()}
    for spec in data["AssessmentTemplate"]:
        _load_template(apps, spec, topics)


def _load_template(apps, spec, topics):
    version_model = apps.get_model("quality", "TemplateVersion")
    question_model = apps.get_model("quality", "Question")
    template, created = apps.get_model("quality", "AssessmentTemplate").objects.get_or_create(
        code=spec["code"],
        defaults={k: spec[k] for k in ("name", "kind", "description")},
    )
    if not created and version_model.objects.filter(template=template).exists():
        return
    version = version_model.objects.create(
        template=template, number=1, change_note="First version, as shipped."
    )
    for s_order, standard_spec in enumerate(spec["standards"]):
        standard = apps.get_model("quality", "Standard").objects.create(
            version=version,
            code=standard_spec["code"],
            title=standard_spec["title"],
            guidance=standard_spec["guidance"],
            order=s_order,
        )
        question_model.objects.bulk_create(
            question_model(
                standard=standard,
                code=q["code"],
                text=q["text"],
                guidance=q["guidance"],
                weight=q["weight"],
                topic=topics[q["topic"]],
                order=q_order,
            )
            for q_order, q in enumerate(standard_spec["questions"])
        )


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_templates_assessments_samples")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
