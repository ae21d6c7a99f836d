from django.apps import AppConfig


class WorklistConfig(AppConfig):
    name = "msht.worklist"
    label = "worklist"
