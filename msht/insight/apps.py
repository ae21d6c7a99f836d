from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "msht.insight"
    label = "insight"
