from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "msht.victims"
    label = "victims"
