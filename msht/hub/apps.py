from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "msht.hub"
    label = "hub"
