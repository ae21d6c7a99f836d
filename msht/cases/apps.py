from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "msht.cases"
    label = "cases"
