from django.apps import AppConfig


class InternationalConfig(AppConfig):
    name = "msht.international"
    label = "international"
