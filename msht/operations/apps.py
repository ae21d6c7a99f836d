from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "msht.operations"
    label = "operations"
