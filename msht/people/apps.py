from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "msht.people"
    label = "people"
