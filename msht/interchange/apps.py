from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "msht.interchange"
    label = "interchange"
