"""Load the training topics and shipped templates. Idempotent; used by a data migration.

A template that already exists is left alone: its content changes only through new versions.
"""

from . import catalogue


def load_quality_catalogue(apps=None) -> None:
    def get(name: str):
        if apps is not None:
            return apps.get_model("quality", name)
        from django.apps import apps as live_apps

        return live_apps.get_model("quality", name)

    topic_model = get("Topic")
    for order, (code, name) in enumerate(catalogue.TOPICS):
        topic_model.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    topics = {topic.code: topic for topic in topic_model.objects.all()}

    template_model = get("AssessmentTemplate")
    version_model = get("TemplateVersion")
    standard_model = get("Standard")
    question_model = get("Question")
    for spec in catalogue.TEMPLATES:
        template, created = template_model.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "description": spec["description"],
            },
        )
        if not created and version_model.objects.filter(template=template).exists():
            continue
        version = version_model.objects.create(
            template=template, number=1, change_note="First version, as shipped."
        )
        for s_order, standard_spec in enumerate(spec["standards"]):
            standard = standard_model.objects.create(
                version=version,
                code=standard_spec["code"],
                title=standard_spec["title"],
                guidance=standard_spec["guidance"],
                order=s_order,
            )
            question_model.objects.bulk_create(
                question_model(
                    standard=standard,
                    code=code,
                    text=text,
                    guidance=guidance,
                    weight=weight,
                    topic=topics[topic],
                    order=q_order,
                )
                for q_order, (code, text, guidance, weight, topic) in enumerate(
                    standard_spec["questions"]
                )
            )
