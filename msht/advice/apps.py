from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "msht.advice"
    label = "advice"
