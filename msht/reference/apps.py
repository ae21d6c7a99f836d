from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "msht.reference"
    label = "reference"
