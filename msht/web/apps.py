from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "msht.web"
    label = "web"
