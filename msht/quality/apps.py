from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "msht.quality"
    label = "quality"
