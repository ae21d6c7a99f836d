from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    name = "msht.data_protection"
    label = "data_protection"
