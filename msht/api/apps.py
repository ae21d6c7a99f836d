from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "msht.api"
    label = "api"
